"""The registered bodies a text names (``taxonomy/registry.py``), by name or alias.

Each source's names are one pattern, compiled once per registry, not once per document; a
name is looked for with the pattern only where it occurs in the text at all, so most of the
registry's several hundred sources cost one substring search each.
"""

from __future__ import annotations

import re
from functools import lru_cache

from corroborate.taxonomy.registry import registry
from corroborate.taxonomy.source_entries import Source

# a source's names, and the pattern that finds any of them as whole words
Body = tuple[str, tuple[str, ...], re.Pattern[str]]


def registered_bodies(text: str) -> list[str]:
    """The registered bodies ``text`` names, by name or alias, as registered."""
    return [
        name
        for name, names, pattern in _bodies(registry().sources)
        if any(n in text for n in names) and pattern.search(text)
    ]


@lru_cache(maxsize=8)  # the bundled registry, and the few a run lays corrections over
def _bodies(sources: tuple[Source, ...]) -> tuple[Body, ...]:
    return tuple(_body(source) for source in sources)


def _body(source: Source) -> Body:
    names = (source.name, *source.aliases)
    either = "|".join(re.escape(n) for n in names)
    return source.name, names, re.compile(rf"(?<!\w)(?:{either})(?!\w)")
