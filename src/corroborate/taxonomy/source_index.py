"""Finding a registered source fast: by its name or alias, by a web address, or inside a
longer text ("spokesperson of the Russian Defence Ministry").

Names are compared folded: case, accents, apostrophes, dots, other punctuation and a leading
"The" do not matter ("the Guardian", "GUARDIAN", "B’Tselem" = "BTselem", "U.N." = "UN").
A web address matches by its host and then each parent domain ("edition.cnn.com" → cnn.com).
Inside a longer text names are matched as written (case matters: "Time" the magazine is not
"time"), whole words only, at least three characters, and the longest match wins, so
"Amnesty International Ukraine" is that section, not Amnesty International or Ukraine.
Every lookup is a dictionary access or one precompiled pattern, never a scan of the list.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import urlsplit

from corroborate.taxonomy.source_entries import Source

MIN_CONTAINED = 3
MAX_CACHED = 200_000  # distinct texts looked up; past that the cache starts again
BARE_HOST = re.compile(r"^(?:[\w-]+\.)+[a-z]{2,}(?::\d+)?(?:/\S*)?$", re.IGNORECASE)


def fold(name: str) -> str:
    """The form names are compared in: "The B’Tselem, U.N." → "btselem un"."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"[’'`´.]", "", text)
    text = re.sub(r"[^\w+]+", " ", text).strip()
    return text[4:] if text.startswith("the ") else text


def host_of(text: str) -> str | None:
    """The host of a web address or bare domain ("https://www.bbc.co.uk/news" → bbc.co.uk)."""
    value = text.strip()
    if "://" not in value:
        if not BARE_HOST.match(value):
            return None
        value = "//" + value
    try:
        host = urlsplit(value).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host[4:] if host.startswith("www.") else host


class SourceIndex:
    """Dictionaries from folded names and hosts to sources, and one pattern for names in
    text. Where two sources claim one key the first keeps it (the loader refuses such
    registries; an index built by hand in code keeps working)."""

    def __init__(self, sources: Iterable[Source]) -> None:
        self.by_name: dict[str, Source] = {}
        self.by_host: dict[str, Source] = {}
        self.by_written: dict[str, Source] = {}
        for source in sources:
            for name in source.names:
                self.by_name.setdefault(fold(name), source)
                for written in _written_forms(name):
                    if written not in source.exact and len(written) >= MIN_CONTAINED:
                        self.by_written.setdefault(written, source)
            for host in source.hosts:
                self.by_host.setdefault(host, source)
        self.pattern = _pattern(self.by_written)
        self._cache: dict[str, Source | None] = {}

    def lookup(self, text: str) -> Source | None:
        """The source ``text`` names: whole name, web address, then a name inside it."""
        if text not in self._cache:
            if len(self._cache) >= MAX_CACHED:
                self._cache.clear()
            self._cache[text] = (
                self.by_name.get(fold(text)) or self.by_host_of(text) or self.contained(text)
            )
        return self._cache[text]

    def by_host_of(self, text: str) -> Source | None:
        host = host_of(text)
        while host and "." in host:
            if host in self.by_host:
                return self.by_host[host]
            host = host.split(".", 1)[1]
        return None

    def contained(self, text: str) -> Source | None:
        """The source whose name, as written, is the longest found in ``text``."""
        spans = self.spans(text)
        if not spans:
            return None
        start, end = max(spans, key=lambda s: (s[1] - s[0], -s[0]))
        return self.by_written[text[start:end]]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where registered names occur in ``text``, longest first at each position."""
        if self.pattern is None:
            return []
        return [match.span() for match in self.pattern.finditer(text)]


def _written_forms(name: str) -> tuple[str, ...]:
    """A name as written, and without its leading "The" when more than one word is left
    ("Kyiv Independent"; never "Guardian" or "Atlantic" alone)."""
    rest = name[4:]
    return (name, rest) if name.startswith("The ") and " " in rest else (name,)


def _pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(names, key=len, reverse=True)
    if not ordered:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, ordered)) + r")(?!\w)")
