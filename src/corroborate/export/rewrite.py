"""A text rewritten by replacements, with the map from its offsets to the new text's.

Pseudonymising a report's text (``pseudonyms.py``) and revealing it again for those granted
identities (``reveal.py``) replace mentions by codes and codes by names, so character
offsets into the stored text (where extraction put its spans) no longer index the text
served. A ``Rewrite`` is built from the replacements themselves, as they are made, never by
searching the new text: each offset moves by what the replacements before it added or
took away, and an offset that falls inside a replaced mention moves to the mention's start
(a span's start) or end (a span's end), so that a span never shows half a code.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass

Edit = tuple[int, int, str]  # [start, end) of the old text, and what replaces it


@dataclass(frozen=True, slots=True)
class Step:
    """One pass of replacements (in order, not overlapping) over a text."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    shift: tuple[int, ...]  # what the edits before the n-th added (or took away, < 0)

    def start(self, offset: int) -> int:
        n = bisect_right(self.ends, offset)  # edits ending at or before it
        if n < len(self.starts) and self.starts[n] < offset:  # inside the n-th: its start
            return self.starts[n] + self.shift[n]
        return offset + self.shift[n]

    def end(self, offset: int) -> int:
        n = bisect_left(self.starts, offset)  # edits starting before it
        if n > 0 and self.ends[n - 1] > offset:  # inside the last of them: its end
            return self.ends[n - 1] + self.shift[n]
        return offset + self.shift[n]


@dataclass(frozen=True, slots=True)
class Rewrite:
    """``text`` is ``old`` rewritten by ``steps``, one after the other; ``start`` and
    ``end`` map an offset of ``old`` to ``text``, as a span's start or end."""

    old: str
    text: str
    steps: tuple[Step, ...] = ()

    @classmethod
    def of(cls, old: str, edits: Sequence[Edit]) -> Rewrite:
        pieces, shift, at, total = [], [0], 0, 0
        for start, end, new in edits:
            pieces += [old[at:start], new]
            at = end
            total += len(new) - (end - start)
            shift.append(total)
        pieces.append(old[at:])
        step = Step(tuple(e[0] for e in edits), tuple(e[1] for e in edits), tuple(shift))
        return cls(old, "".join(pieces), (step,))

    def start(self, offset: int) -> int:
        for step in self.steps:
            offset = step.start(offset)
        return offset

    def end(self, offset: int) -> int:
        for step in self.steps:
            offset = step.end(offset)
        return offset

    def then(self, after: Rewrite) -> Rewrite:
        """This rewrite followed by ``after``, made on this one's text, as one map."""
        return Rewrite(self.old, after.text, self.steps + after.steps)


def rewrite(
    text: str, pattern: re.Pattern[str] | None, replace: Callable[[re.Match[str]], str]
) -> Rewrite:
    """``pattern.sub(replace, text)`` as a ``Rewrite``: the same matches (left to right, not
    overlapping), each replaced by what ``replace`` gives."""
    if pattern is None:
        return Rewrite(text, text)
    edits = [(m.start(), m.end(), replace(m)) for m in pattern.finditer(text)]
    return Rewrite.of(text, edits)
