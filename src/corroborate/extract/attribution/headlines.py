"""Shouted headlines: the attribution encoder reads a headline in capitals apart from its lead.

A wire story often opens with a headline in capitals and no full stop ("COALITION SAYS
SLOVYANSK RESIDENTS WERE TORTURED …; REPUBLIC DENIES"). The parser ends a sentence after it
(``models/nlp.break_after_headlines``), but the encoder reads the document in windows of
word pieces, line breaks read as spaces, and the headline runs into the lead: read
name-blind ("France SAYS …; France DENIES The head of the France's centre, Colonel General
Smith, said …") the whole lead became a content of the agency that carried it, and the
general's "said" was lost. So the text up to the end of such a line and the text after it
are read as two texts, and their spans and word roles put back at their own offsets.

A headline is found in the text the encoder reads: a name-blind placeholder ("France",
``blind.PLACEHOLDERS``) stands in a shouted line as the name it masks did.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Sequence

from corroborate.extract.blind import PLACEHOLDERS
from corroborate.extract.models.encoder import WordRoles

Read = tuple[list[tuple[str, int, int]], list[WordRoles]]
HEADLINE_WORDS = 3  # fewer capitalised words on a line are a name or a label ("BBC NEWS")
FINAL = frozenset(".!?:;”’\"')]…")  # a line ending so closes its own sentence
LINE = re.compile(r"[^\n]+(?=\n)")
MASKS = frozenset(PLACEHOLDERS.values())
WORD_EDGES = re.compile(r"^\W+|(?:['’]s)?\W*$")  # "France’s;" is the placeholder "France"


def headline_ends(text: str) -> list[int]:
    """Where each shouted headline of ``text`` ends: a line (a line break after it) of at
    least ``HEADLINE_WORDS`` words, every letter a capital but a placeholder's, and no
    closing punctuation."""
    ends = []
    for line in LINE.finditer(text):
        written = line.group().rstrip()
        words = written.split()
        letters = [c for w in words if WORD_EDGES.sub("", w) not in MASKS for c in w if c.isalpha()]
        if (
            len(words) >= HEADLINE_WORDS
            and letters
            and all(c.isupper() for c in letters)
            and written[-1] not in FINAL
        ):
            ends.append(line.start() + len(written))
    return ends


def read_in_parts(
    read: Callable[[Sequence[str]], list[Read]],
    texts: Sequence[str],
    cuts: Sequence[Sequence[int]],
) -> list[Read]:
    """``read`` (the encoder's ``tag_with_roles``) of each text cut at its ``cuts``, the
    pieces read in one batch and each piece's spans and word roles shifted back."""
    pieces: list[str] = []
    owners: list[tuple[int, int]] = []  # (text, offset of the piece in it)
    for number, (text, at) in enumerate(zip(texts, cuts, strict=True)):
        bounds = sorted({0, len(text), *(c for c in at if 0 < c < len(text))})
        for start, end in itertools.pairwise(bounds):
            pieces.append(text[start:end])
            owners.append((number, start))
    found: list[Read] = [([], []) for _ in texts]
    for (number, offset), (spans, roles) in zip(owners, read(pieces), strict=True):
        found[number][0].extend((label, a + offset, b + offset) for label, a, b in spans)
        found[number][1].extend((a + offset, b + offset, s, c, t) for a, b, s, c, t in roles)
    return found
