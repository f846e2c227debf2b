"""Name-blind parsing: the parser and the encoder read every name as the same placeholder.

The statistical models read the words around a name differently with another name in it
("fighters of the Republic" is not parsed as "fighters of the Northern Coalition" is), so a
swap of the parties could change what is extracted. Before parsing, each mention of a party
or country (the parties table's names, capitals, metonyms and adjectives, and the
registry's own parties), of a registered outlet (wire, media, state media) and of a person
(the names the named-entity model finds, and the names written after a title, each of their
words wherever it recurs) is replaced by one fixed word of its kind (``PLACEHOLDERS``), so
both sides of a swap give the parser the same text. The parse of that text is then laid on
the original words: a mention becomes one token with the placeholder's tag, head, label and
entity type, every other token is the same, so every later rule reads the real names (the
registry, the places, the speakers) and the offsets are the original's. The encoder reads
the masked text too (``encoder_text``) and its spans come back through ``to_original``.

Bodies that are not outlets (ministries, UN missions, NGOs) are left as written: their names
say what kind of speaker they are ("Mission", "Ministry of Defence") and are the same
whichever party is named inside them, where that party's name is masked.
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal, cast

from spacy.language import Language
from spacy.tokens import Doc

from corroborate.extract.attribution.speakers import titled_names
from corroborate.extract.facts.places import find_places, keep_places
from corroborate.extract.models.encoder import BUNDLED
from corroborate.extract.models.wordpiece import WordPiece
from corroborate.extract.spans import text_of
from corroborate.model import Place
from corroborate.taxonomy import parties as table
from corroborate.taxonomy.registry import Registry, registry
from corroborate.taxonomy.words import word_set

Kind = Literal["person", "name", "adjective", "outlet"]
# one frequent word of each shape, so the parser reads the mention as it reads such words
PLACEHOLDERS: dict[Kind, str] = {
    "person": "Smith",
    "name": "France",
    "adjective": "French",
    "outlet": "Reuters",
}
OUTLET_KINDS = frozenset({"wire", "media", "state_media"})
BLIND_ENV = "CORROBORATE_NAME_BLIND"  # "0": parse as written
KEY = "corroborate.masked"  # doc.user_data: the masked text and the masks (plain lists)
# what is laid on the original words: the tagger's, the parser's and the entity model's
ATTRS: list[int | str] = [*("TAG", "POS", "MORPH"), *("HEAD", "DEP"), *("ENT_IOB", "ENT_TYPE")]
TITLES = word_set("people", "titles")
CAPITALISED_RUN = re.compile(r"[A-ZА-ЯІЇЄҐ][\w'’-]*(?: [A-ZА-ЯІЇЄҐ][\w'’-]*)+")
VOCABULARY = BUNDLED / "vocab.txt"
NAME_WORD = re.compile(r"[A-ZА-ЯІЇЄҐ][\w'’-]{2,}")
CITED = re.compile(r"\(([A-ZА-ЯІЇЄҐ][\w'’-]{2,}),\s")  # "(Surname, date or channel)"


@dataclass(frozen=True, slots=True)
class Mask:
    """One mention: its place in the original text and in the masked text."""

    start: int
    end: int
    masked_start: int
    masked_end: int


@dataclass(frozen=True, slots=True)
class Masked:
    """A text with its mentions replaced, and the way back to the original's offsets."""

    original: str
    text: str
    masks: tuple[Mask, ...]
    # the masks' starts in each text, for the bisections (computed once, not compared)
    _starts: tuple[int, ...] = field(init=False, repr=False, compare=False)
    _masked_starts: tuple[int, ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(m.start for m in self.masks))
        object.__setattr__(self, "_masked_starts", tuple(m.masked_start for m in self.masks))

    @classmethod
    def of(cls, original: str, mentions: Iterable[tuple[int, int, str]]) -> Masked:
        """``original`` with each ``(start, end, placeholder)`` put in; overlapping mentions
        keep the first (the longest, where ``mentions`` are sorted so)."""
        parts, masks, position, shift = [], [], 0, 0
        for start, end, placeholder in sorted(mentions, key=lambda m: (m[0], -m[1])):
            if start < position or end <= start:
                continue
            parts.append(original[position:start])
            at = start + shift
            masks.append(Mask(start, end, at, at + len(placeholder)))
            parts.append(placeholder)
            shift += len(placeholder) - (end - start)
            position = end
        parts.append(original[position:])
        return cls(original, "".join(parts), tuple(masks))

    def start(self, position: int) -> int:
        """The original offset of a span starting at ``position`` of the masked text."""
        mask = self._before(position, inclusive=True)
        if mask is None:
            return position
        if position < mask.masked_end:
            return mask.start
        return position + mask.end - mask.masked_end

    def end(self, position: int) -> int:
        """The original offset of a span ending at ``position`` of the masked text."""
        mask = self._before(position, inclusive=False)
        if mask is None:
            return position
        if position <= mask.masked_end:
            return mask.end
        return position + mask.end - mask.masked_end

    def masked_span(self, start: int, end: int) -> tuple[int, int]:
        """A span of the original text as offsets into the masked text (a mention cut by the
        span counts whole)."""
        starts = self._starts
        first = bisect.bisect_right(starts, start)
        mask = self.masks[first - 1] if first else None
        if mask is None:
            begin = start
        else:
            begin = mask.masked_start if start < mask.end else start + mask.masked_end - mask.end
        last = bisect.bisect_left(starts, end)
        mask = self.masks[last - 1] if last else None
        if mask is None:
            return begin, end
        return begin, mask.masked_end if end <= mask.end else end + mask.masked_end - mask.end

    def _before(self, position: int, *, inclusive: bool) -> Mask | None:
        """The last mask starting at or before (``inclusive``) or before ``position``."""
        starts = self._masked_starts
        found = (bisect.bisect_right if inclusive else bisect.bisect_left)(starts, position)
        return self.masks[found - 1] if found else None

    def to_list(self) -> list[object]:
        return [self.text, [[m.start, m.end, m.masked_start, m.masked_end] for m in self.masks]]

    @classmethod
    def from_list(cls, original: str, data: Sequence[object]) -> Masked:
        text, rows = data
        assert isinstance(text, str) and isinstance(rows, list)
        return cls(original, text, tuple(Mask(*(int(v) for v in row)) for row in rows))


def blind() -> bool:
    """Whether texts are parsed name-blind: yes, unless ``CORROBORATE_NAME_BLIND=0`` (it
    costs PolNeAR content F1, see ``docs/extract.md``)."""
    return os.environ.get(BLIND_ENV, "1") != "0"


def parse(nlp: Language, texts: Sequence[str], *, batch_size: int = 16) -> list[Doc]:
    """Each text parsed name-blind: the parse of its masked text laid on its own words (or
    parsed as written, where ``blind()`` says no)."""
    if not blind():
        return list(nlp.pipe(texts, batch_size=batch_size))
    named = nlp.pipe(texts, batch_size=batch_size, disable=_not_ner(nlp))
    places = [find_places(text) for text in texts]  # kept with each Doc for the rules
    masked = [
        Masked.of(text, mentions(text, people(doc), found))
        for text, doc, found in zip(texts, named, places, strict=True)
    ]
    parsed = nlp.pipe([m.text for m in masked], batch_size=batch_size)
    laid = [laid_on(doc, m) for doc, m in zip(parsed, masked, strict=True)]
    docs = [
        doc if doc is not None else nlp(m.original) for doc, m in zip(laid, masked, strict=True)
    ]
    for doc, found in zip(docs, places, strict=True):
        keep_places(doc, found)
    return docs


def _not_ner(nlp: Language) -> list[str]:
    """Components the people's names do not need: the tagger and the parser."""
    return [name for name in nlp.pipe_names if name in ("tagger", "parser")]


def people(doc: Doc) -> list[str]:
    """The names of people in a document: the entity model's, those after a title, and
    those of a name's shape. The entity model reads the letters of a name, so it can find
    one name and miss its counterpart; the other two read the form alone."""
    found = [e.text for e in doc.ents if e.label_ in ("PER", "PERSON") and "\n" not in e.text]
    text = doc.text
    return found + titled_names(text) + shaped_names(text) + cited_names(text)


def shaped_names(text: str) -> list[str]:
    """Runs of two or three capitalised words (after any titles) that are none of the
    parties' or outlets' words, the last of them no word of the encoder's vocabulary
    ("Taras Moroz", not "Evening Courier"): the shape of a person's full name."""
    found = []
    for match in CAPITALISED_RUN.finditer(text):
        words = match.group().split(" ")
        while words and _not_a_name(words[0]):
            words.pop(0)
        last = re.sub(r"['’]s$", "", words[-1]).lower() if words else ""
        if 2 <= len(words) <= 3 and not any(map(_not_a_name, words)) and last not in _vocabulary():
            found.append(" ".join(words))
    return found


def cited_names(text: str) -> list[str]:
    """A lone capitalised word that opens a bracket before a comma and is no word of the
    encoder's vocabulary nor of the parties' or outlets': a surname cited as the source of
    what the sentence says ("(Halchenko, 13 April)", "(Dobrynets, via Novy Vestnik)")."""
    found = []
    for match in CITED.finditer(text):
        word = match.group(1)
        digits = any(ch.isdigit() for ch in word)  # "(L-04, a witness)": a code
        if not digits and not _not_a_name(word) and word.lower() not in _vocabulary():
            found.append(word)
    return found


def _not_a_name(word: str) -> bool:
    return word.lower().rstrip(".") in _NOT_NAMES or _bare(word) in _compiled(registry())[2]


@cache
def _vocabulary() -> frozenset[str]:
    """The whole words of the encoder's vocabulary (lower case, as it reads)."""
    return frozenset(w for w in WordPiece.from_file(VOCABULARY).vocab if w.isalpha())


def mentions(
    text: str, names: Iterable[str], places: Sequence[Place] | None = None
) -> list[tuple[int, int, str]]:
    """Every mention to mask in ``text`` with its placeholder: the parties' and outlets'
    phrases first (longest first), then the people's names and each of their words, but
    for a word the text names a place by ("Lyman" is no person, whatever a model read).
    ``places``: ``find_places(text)``, where the caller has it already."""
    pattern, kinds, cased = _compiled(registry())
    found = [
        (m.start(), m.end(), PLACEHOLDERS[kinds[m.group().casefold()]])
        for m in pattern.finditer(text)
        if m.group().casefold() in kinds and (m.group().isupper() or m.group() in cased)
    ]
    found_places = find_places(text) if places is None else places
    named = {_bare(p.span.text) for p in found_places if p.span is not None}
    words = {w for n in names for w in _name_words(n) if w not in cased and w not in named}
    if words:
        alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
        pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w])")
        found += [(m.start(), m.end(), PLACEHOLDERS["person"]) for m in pattern.finditer(text)]
    return found


_NOT_NAMES = frozenset(table.STOPS | table.STATE | TITLES | {"the", "a", "an"})


def _name_words(name: str) -> list[str]:
    """A person's name without the titles before it, and each word of it ("Colonel Arkady
    Dobrynets": "Arkady Dobrynets", "Arkady", "Dobrynets")."""
    words = [_bare(w) for w in NAME_WORD.findall(name)]
    words = [w for w in words if w.lower().rstrip(".") not in _NOT_NAMES]
    return [" ".join(words), *words] if len(words) > 1 else words


_COMPILED: list[tuple[Registry, tuple[re.Pattern[str], dict[str, Kind], frozenset[str]]]] = []


def _compiled(found: Registry) -> tuple[re.Pattern[str], dict[str, Kind], frozenset[str]]:
    """The phrases of ``_table`` as one pattern, their kinds by folded case, and the phrases
    as written: built once per registry (a test may swap it)."""
    if not _COMPILED or _COMPILED[0][0] is not found:
        phrases = _table(found)
        alternation = "|".join(
            re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True)
        )
        pattern = re.compile(rf"(?<![\w-])(?:{alternation})(?!\w)", re.IGNORECASE)
        kinds = {p.casefold(): k for p, k in phrases.items()}
        _COMPILED[:] = [(found, (pattern, kinds, frozenset(phrases)))]
    return _COMPILED[0][1]


def _table(found: Registry) -> dict[str, Kind]:
    """Every phrase to mask as written -> its kind: the parties table, the registry's
    parties (without an article or a possessive) and the registered outlets."""
    phrases: dict[str, Kind] = {}
    for phrase, (_, kind) in table.forms().items():
        phrases[_bare(phrase)] = "adjective" if kind == "adjective" else "name"
    for phrase in table.ambiguous():
        phrases.setdefault(_bare(phrase), "name")
    for aliases in found.parties.values():
        phrases.update({_bare(a): "name" for a in aliases})
    outlets = (s for s in found.sources if s.kind in OUTLET_KINDS)
    phrases.update({_bare(n): "outlet" for s in outlets for n in (s.name, *s.aliases)})
    return {phrase: kind for phrase, kind in phrases.items() if len(phrase) > 1}


def _bare(phrase: str) -> str:
    phrase = re.sub(r"^the\s+", "", phrase.strip(), flags=re.IGNORECASE)
    return re.sub(r"['’]s$", "", phrase)


def laid_on(parsed: Doc, masked: Masked) -> Doc | None:
    """A Doc of the original text with the parse of the masked text: the same tokens, a
    mention's placeholder becoming the mention. None if a token boundary falls inside a
    placeholder (the tokeniser cut it; then the original is parsed as written)."""
    words, spaces = [], []
    for token in parsed:
        start, end = masked.start(token.idx), masked.end(token.idx + len(token))
        if end <= start:
            return None
        words.append(masked.original[start:end])
        spaces.append(bool(token.whitespace_))
        if token.is_alpha and not words[-1].isalpha():
            # a mention is one word, as its placeholder is: "Northern Coalition" reads as a
            # word where a rule asks (``is_alpha``); no other token has a space inside
            parsed.vocab[words[-1]].is_alpha = True
    doc = Doc(parsed.vocab, words=words, spaces=spaces)
    if doc.text != masked.original:
        raise AssertionError("name-blind parse: the original text was not rebuilt")
    doc.from_array(ATTRS, cast(Any, parsed.to_array(ATTRS)))
    doc.user_data[KEY] = masked.to_list()
    return doc


def masked_of(doc: Doc) -> Masked | None:
    """How ``doc``'s text was masked for its parse, or None (parsed as written)."""
    data = doc.user_data.get(KEY)
    return Masked.from_list(text_of(doc), data) if isinstance(data, list) else None


def encoder_text(doc: Doc) -> str:
    """The text the encoder reads: the masked text, where the document was parsed blind."""
    masked = masked_of(doc)
    return masked.text if masked is not None else text_of(doc)


def to_original(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """A span of ``encoder_text(doc)`` as offsets into ``doc.text``."""
    [span] = to_originals(doc, [(start, end)])
    return span


def to_originals(doc: Doc, spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of ``encoder_text(doc)`` as offsets into ``doc.text``, the masks read once."""
    masked = masked_of(doc)
    if masked is None:
        return list(spans)
    return [(masked.start(start), masked.end(end)) for start, end in spans]


def encoder_words(doc: Doc, start: int, end: int) -> str:
    """``doc.text[start:end]`` as the encoder reads it: masked, where the document was
    parsed blind (the violation model's sentence vector)."""
    masked = masked_of(doc)
    if masked is None:
        return text_of(doc)[start:end]
    begin, stop = masked.masked_span(start, end)
    return masked.text[begin:stop]
