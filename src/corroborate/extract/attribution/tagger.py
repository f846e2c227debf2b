"""The learned attribution tagger: source, cue and content spans read off the text.

The tagging is done by ``encoder.py`` (a small transformer fine-tuned on PolNeAR's training
split by ``training/encoder/``, run by ONNX Runtime or numpy), on batches of parsed documents
(``tag_docs``), in whichever process parses them (``batches``). ``relations`` then groups
the tagged spans into attributions: every content and source span goes to the nearest cue in
its paragraph, one in its own sentence before any other; a cue keeps the nearest source and
all its content fragments (“A,” he said, “B.” is one statement in two pieces).
"""

from __future__ import annotations

import bisect
import re
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc

from corroborate.extract.attribution.headlines import headline_ends, read_in_parts
from corroborate.extract.attribution.outlets import RELAYED
from corroborate.extract.blind import encoder_text, to_originals
from corroborate.extract.models.encoder import WordRoles, load_encoder
from corroborate.extract.spans import text_of
from corroborate.model import Span
from corroborate.taxonomy.words import word_set

LABELS = ("SOURCE", "CUE", "CONTENT")
KEY = "corroborate.attribution"
ROLES_KEY = "corroborate.attribution.roles"
REACH = 400  # characters between a cue and a span of its statement, at most
STUB = 3  # words: a fragment this short after a sentence's end is the next one's opening
DANGLING = word_set("function", "dangling_prepositions")
DANGLING_END = re.compile(r"(?:[\s,;]+(?:and|or|but))+[\s,;]*$|[\s,;]+$")
SENTENCE_END = re.compile(r"[.!?][”’\"')]*\s")
COMPLEMENTISERS = frozenset({"that", "whether"})
RELAY = re.compile(r"(?:as\s+)?" + RELAYED + r"\s+by", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Tagged:
    """One attribution assembled from tagged spans: the source may be missing."""

    source: Span | None
    cue: Span
    content: tuple[Span, ...]


def tag_texts(texts: Sequence[str]) -> list[list[tuple[str, int, int]]]:
    """(label, start, end) of the tagged spans of each text: plain tuples, so that they travel
    with the Doc between processes. A shouted headline is read apart from its lead
    (``headlines``)."""
    return [spans for spans, _ in _read(texts)]


_last = threading.local()  # the batch the encoder read last, in this thread: it is read once


def _read(texts: Sequence[str]) -> list[tuple[list[tuple[str, int, int]], list[WordRoles]]]:
    """``tag_texts``' spans and each word's role probabilities (``encoder.word_roles``) from
    one pass of the encoder, kept for the batch's next question; a text is read in pieces
    cut after its shouted headlines (``headlines``)."""
    key, encoder = tuple(texts), load_encoder()
    kept = getattr(_last, "read", None)
    if kept is not None and kept[0] is encoder and kept[1] == key:
        found: list[tuple[list[tuple[str, int, int]], list[WordRoles]]] = kept[2]
        return found
    tagged = read_in_parts(encoder.tag_with_roles, texts, [headline_ends(t) for t in texts])
    found = [
        (
            [
                piece
                for span in spans
                for piece in _by_line(text, *_whole_words(text, *span))
                if _worded(text, *piece)
            ],
            roles,
        )
        for text, (spans, roles) in zip(texts, tagged, strict=True)
    ]
    _last.read = (encoder, key, found)
    return found


def _whole_words(text: str, label: str, start: int, end: int) -> tuple[str, int, int]:
    """The span out to the ends of hyphenated words it cuts: the encoder's word pieces split
    "Bilyk-Savchuk" and "human-rights", and may label only one part."""
    while start > 1 and text[start - 1] == "-" and text[start - 2].isalnum():
        start -= 2
        while start > 0 and text[start - 1].isalnum():
            start -= 1
    while end < len(text) - 1 and text[end] == "-" and text[end + 1].isalnum():
        end += 2
        while end < len(text) and text[end].isalnum():
            end += 1
    return label, start, end


def _by_line(text: str, label: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """The span cut at line breaks, each piece without its edge white space (and a source or
    content without a last "and", "or", "but"): the encoder reads a line break as a space, so
    a headline can run into the paragraph under it, but an attribution's span never crosses
    a line."""
    out = []
    for line in re.finditer(r"[^\n]+", text[start:end]):
        piece = line.group()
        left = len(piece) - len(piece.lstrip())
        right = len(piece.rstrip())
        if label != "CUE":  # "denied the allegations and | accused …": the "and" joins them
            right = left + len(DANGLING_END.sub("", piece[left:right]))
        if left < right:
            out.append((label, start + line.start() + left, start + line.start() + right))
    return out


def _worded(text: str, label: str, start: int, end: int) -> bool:
    """A source or content needs a word; a cue may be a colon or a dash."""
    piece = text[start:end]
    return any(ch.isalnum() for ch in piece) if label != "CUE" else bool(piece.strip())


def tag_docs(docs: Sequence[Doc]) -> None:
    """Tag a batch of parsed documents at once, keeping the spans and the words' role
    probabilities with each."""
    texts = [encoder_text(d) for d in docs]  # a name-blind parse's masked text (``blind``)
    for doc, found, (_, roles) in zip(docs, tag_texts(texts), _read(texts), strict=True):
        # the masks are read once a document: one lookup a span or word, not a rebuild
        spans = to_originals(doc, [(a, b) for _, a, b in found])
        words = to_originals(doc, [(a, b) for a, b, *_ in roles])
        doc.user_data[KEY] = [
            (label, *span) for (label, _, _), span in zip(found, spans, strict=True)
        ]
        doc.user_data[ROLES_KEY] = [
            (*word, *p) for word, (_, _, *p) in zip(words, roles, strict=True)
        ]


def word_roles(doc: Doc) -> list[WordRoles]:
    """Each word's probability of being part of a source, a cue or a content, as the encoder
    read the document (tagged now if it was not)."""
    if ROLES_KEY not in doc.user_data:
        tag_docs([doc])
    roles: list[WordRoles] = doc.user_data[ROLES_KEY]
    return roles


def tagged_spans(doc: Doc) -> list[tuple[str, Span]]:
    """The tagger's spans for a parsed document: those ``tag_docs`` kept, else tagged now."""
    found = doc.user_data.get(KEY)
    if found is None:
        tag_docs([doc])
        found = doc.user_data[KEY]
    text = text_of(doc)
    return [(label, Span(start, end, text[start:end])) for label, start, end in found]


def relations(
    text: str, spans: list[tuple[str, Span]], sentences: Sequence[int] = ()
) -> list[Tagged]:
    """Group tagged spans into attributions (pure: offsets in, offsets out). ``sentences``
    are the offsets at which sentences start, if known: a span goes to a cue of its own
    sentence rather than to a nearer one across a sentence break ("According to Capt. Melnyk,
    the guards beat the men. | He said …")."""
    breaks = [i for i, ch in enumerate(text) if ch == "\n"]
    starts_of_sentences = sorted(sentences)

    def paragraph(position: int) -> int:
        return bisect.bisect_right(breaks, position)

    def apart(a: Span, b: Span) -> bool:
        """Whether a sentence starts between the two spans."""
        lo, hi = min(a.end, b.end), max(a.start, b.start)
        return bisect.bisect_right(starts_of_sentences, hi) > bisect.bisect_right(
            starts_of_sentences, lo
        )

    spans = _adjacent_sources_joined(text, spans)
    cues = [s for label, s in spans if label == "CUE"]
    cues = [c for n, c in enumerate(cues) if not (n and _aside(text, cues[n - 1], c, apart))]
    if not cues:
        return []
    starts = sorted(s.start for _, s in spans)
    owned: dict[int, dict[str, list[Span]]] = {
        i: {"SOURCE": [], "CONTENT": []} for i in range(len(cues))
    }
    for label, span in spans:
        if label == "CUE":
            continue
        best = _nearest(span, cues, paragraph, apart)
        if best is not None:
            owned[best][label].append(span)
    _lend_contents(cues, owned, spans, apart)
    for i, cue in enumerate(cues):
        if owned[i]["CONTENT"]:
            continue
        statement = _block_after(text, cue) or _sentence_before(
            text, cue, starts_of_sentences, breaks
        )
        if statement is not None:
            owned[i]["CONTENT"].append(statement)
    found: list[Tagged] = []
    for i, cue in enumerate(cues):
        contents = _joined(text, sorted(owned[i]["CONTENT"], key=lambda s: s.start), starts)
        if not contents:
            continue
        sources = sorted(owned[i]["SOURCE"], key=lambda s: _distance(s, cue))
        source = sources[0] if sources else None
        if source is None and found and _coordinated(text, found[-1], cue):
            source = found[-1].source  # "X denied A and accused B": X accused, too
        found.append(Tagged(source, cue, tuple(contents)))
    return [
        _fronted(text, t, found[n + 1], apart) if n + 1 < len(found) else t
        for n, t in enumerate(found)
    ]


def _fronted(
    text: str, tagged: Tagged, after: Tagged, apart: Callable[[Span, Span], bool]
) -> Tagged:
    """A participle that opens its sentence takes the speaker of the clause after it:
    "Citing a leaked report, the governor accused …", "Counting their losses, farmers say …"."""
    cue, source = tagged.cue, after.source
    opens = not text[: cue.start].strip() or bool(
        re.search(r"[.!?\n][”’\"')]*\s*$", text[: cue.start])
    )
    if tagged.source is not None or source is None or not opens or apart(cue, after.cue):
        return tagged
    if not _participle(cue, 1) or source.start < tagged.content[-1].end:
        return tagged
    between = text[tagged.content[-1].end : source.start]
    return replace(tagged, source=source) if not between.strip(CLOSING) else tagged


def _aside(text: str, before: Span, cue: Span, apart: Callable[[Span, Span], bool]) -> bool:
    """Whether ``cue`` is a relay set inside the statement of the cue ``before`` it: "The
    ministry said, as reported by TASS, that …" is the ministry's statement, which TASS only
    carried (the outlet chain says so); the content goes to "said"."""
    lead_in = text[before.end : cue.start]
    return (
        RELAY.fullmatch(cue.text) is not None
        and not apart(before, cue)
        and re.fullmatch(r"\s*[,(]\s*(?:as\s+)?", lead_in, re.IGNORECASE) is not None
    )


def _lend_contents(
    cues: list[Span],
    owned: dict[int, dict[str, list[Span]]],
    spans: list[tuple[str, Span]],
    apart: Callable[[Span, Span], bool],
) -> None:
    """A cue left with no content takes the first content after it in its sentence from a
    cue that holds another: in "The governor told the council that A, saying that B" both
    contents lie nearer "saying", but A is what she told."""
    for i, cue in enumerate(cues):
        if owned[i]["CONTENT"]:
            continue
        after = [
            (content.start, j, content)
            for j, held in owned.items()
            if j != i and len(held["CONTENT"]) > 1
            for content in held["CONTENT"]
            if content.start >= cue.end and not apart(cue, content)
        ]
        if not after:
            continue
        start, j, content = min(after)
        if any(cue.end <= s.start < start for _, s in spans):
            continue  # a tagged span between: the content is another's
        owned[j]["CONTENT"].remove(content)
        owned[i]["CONTENT"].append(content)


COLON_AT_END = re.compile(r"[ \t\xa0]*:[ \t\xa0]*\n\s*")
BLOCK = 3000  # characters: the longest paragraph read as a block quotation


def _sentence_before(
    text: str, cue: Span, sentences: Sequence[int], breaks: Sequence[int]
) -> Span | None:
    """For a closing "…, according to X" left without content (the tagger gave the sentence
    to a cue inside it: "Investigators have said …, according to the detainees' lawyers"), the
    sentence before it, which X is the source of, statements inside it included."""
    if not cue.text.lower().startswith("according to") or not text[: cue.start].rstrip().endswith(
        ","
    ):
        return None
    lines = [b + 1 for b in breaks if b < cue.start]
    start = max([0, *[s for s in sentences if s <= cue.start], *lines])
    piece = text[start : cue.start].rstrip(" ,")
    left = len(piece) - len(piece.lstrip())
    quoted = piece.count("“") != piece.count("”") or (piece.count('"') + piece.count("''")) % 2
    if quoted or not any(ch.isalnum() for ch in piece):
        return None  # "… lists 212 storage sites, according to its own records.''"
    return Span(start + left, start + len(piece), piece[left:])


def _block_after(text: str, cue: Span) -> Span | None:
    """The paragraph after a cue that ends its own with a colon ("The governor added:"), the
    statement set out as a block quotation below it."""
    lead = COLON_AT_END.match(text, cue.end - 1 if cue.text.endswith(":") else cue.end)
    if lead is None:
        return None
    end = text.find("\n", lead.end())
    end = len(text) if end < 0 else end
    piece = text[lead.end() : end].rstrip()
    if not any(ch.isalnum() for ch in piece) or len(piece) > BLOCK:
        return None
    return Span(lead.end(), lead.end() + len(piece), piece)


def _coordinated(text: str, before: Tagged, cue: Span) -> bool:
    """Whether ``cue`` is the second of two verbs of one speaker joined by "and" or "but", or
    a participle after a comma ("the governor said, adding that …")."""
    ends = (before.cue.end, before.content[-1].end, before.source.end if before.source else 0)
    end = max(ends)  # “…,” said Hnatyuk, speaking of …
    if end > cue.start:
        return False
    between = text[end : cue.start]
    if between.strip(CLOSING) in ("and", "but", "and also", "but also"):
        return True  # ‘described the raid as a “regrettable error,” but declined to …’
    after_comma = "," in between and not between.strip(CLOSING)  # ‘… a hero,” adding’
    return after_comma and _participle(cue, 3)  # "without once stopping to count"


CLOSING = " ,”’\"'"  # what may stand between a statement's end and the verb after it


def _participle(cue: Span, words: int) -> bool:
    """Whether one of the cue's first ``words`` words is an -ing form ("saying", "citing")."""
    return any(w.lower().endswith("ing") for w in cue.text.split()[:words])


def _adjacent_sources_joined(text: str, spans: list[tuple[str, Span]]) -> list[tuple[str, Span]]:
    """A source span that ends on a preposition goes on into the source span right after it:
    the tagger may open a new span inside a long name ("Staff at City Hospital No. 3 in |
    Kramatorsk")."""
    out: list[tuple[str, Span]] = []
    for label, span in sorted(spans, key=lambda item: item[1].start):
        if out and label == "SOURCE" and out[-1][0] == "SOURCE":
            last = out[-1][1]
            words = last.text.split()
            dangling = bool(words) and words[-1].lower() in DANGLING
            if dangling and last.end <= span.start and not text[last.end : span.start].strip():
                out[-1] = (label, Span(last.start, span.end, text[last.start : span.end]))
                continue
        out.append((label, span))
    return out


def _nearest(
    span: Span,
    cues: list[Span],
    paragraph: Callable[[int], int],
    apart: Callable[[Span, Span], bool],
) -> int | None:
    """The index of the cue closest to ``span`` in the same paragraph, within ``REACH``, one in
    the same sentence first. A content that opens with "that" or "whether" is the object of a
    cue before it ("said on Tuesday that …, according to the agency"): such a cue first."""
    here = {paragraph(span.start), paragraph(max(span.start, span.end - 1))}
    opened = span.text.split(" ", 1)[0].lower() in COMPLEMENTISERS
    candidates = [
        (apart(span, cue), opened and cue.end > span.start, _distance(span, cue), i)
        for i, cue in enumerate(cues)
        if paragraph(cue.start) in here and _distance(span, cue) <= REACH
    ]
    return min(candidates)[-1] if candidates else None


def _distance(a: Span, b: Span) -> int:
    return max(0, max(a.start, b.start) - min(a.end, b.end))


def _joined(text: str, contents: list[Span], starts: list[int]) -> list[Span]:
    """A statement's content fragments with only untagged words between them, in one
    paragraph, are one span: the tagger sometimes leaves a word or two of a long content out
    ("a volunteer who | last week | drove the convoy to Izium"). Fragments around the cue or
    the source (“A,” he said, “B.”) stay apart, as do fragments in different paragraphs. A
    word or two that open the next sentence go ("torture in the town. | His")."""
    out: list[Span] = []
    for content in contents:
        if out:
            last = out[-1]
            tagged_between = bisect.bisect_left(starts, content.start) > bisect.bisect_left(
                starts, last.end
            )
            gap = text[last.end : content.start]
            if not tagged_between and "\n" not in gap:
                if SENTENCE_END.search(gap) and len(content.text.split()) < STUB:
                    continue  # "torture in the town. | His": the next sentence's opening
                out[-1] = Span(last.start, content.end, text[last.start : content.end])
                continue
        out.append(content)
    return out
