"""Combine the rule attributions with the learned tagger's.

Where both found the same cue, the tagger gives the content, whose boundaries it learned from
annotated news (a statement split by its cue, “A,” he said, “B.”, comes back as the first
fragment and continuations), and the source and cue boundaries where they lie in the cue's
sentence; a quotation the rules found is kept. Where only the tagger found an attribution it
is added when it has a speaker (the tagger's, else the parse's) in the cue's sentence, a cue
in words and no overlap with what is already attributed; a tagged cue inside an attributed
quotation is left alone. Every speaker loses lead-ins: a date, an opening phrase, a banner.
"""

from __future__ import annotations

import bisect
from dataclasses import replace

from spacy.tokens import Doc, Token

from corroborate.extract.cues import NOT_NAMES, RawAttribution, speaker_of
from corroborate.extract.lexicon import CUE_FORMS
from corroborate.extract.quotes import NOT_SPEAKERS
from corroborate.extract.spans import in_quotes, overlaps, text_of
from corroborate.extract.tagger import Tagged
from corroborate.model import Span


def combine(doc: Doc, raws: list[RawAttribution], tagged: list[Tagged]) -> list[RawAttribution]:
    """The rule attributions refined and extended by the tagged ones, in text order."""
    text = text_of(doc)
    starts = [s.start_char for s in doc.sents]
    out: list[RawAttribution] = []
    used: set[int] = set()
    replaced: set[tuple[int, int]] = set()  # cues whose continuations the tagger now gives
    raws = [replace(r, speaker=_trimmed_source(doc, r.speaker) or r.speaker) for r in raws]
    for raw in raws:
        if not raw.lemma:
            continue
        match = next(
            (i for i, t in enumerate(tagged) if i not in used and overlaps(t.cue, raw.cue)), None
        )
        contents = tagged[match].content if match is not None else ()
        contents = tuple(c for c in contents if _belongs(doc, text, c, raw.cue))
        if raw.direct and not any(overlaps(c, raw.content) for c in contents):
            # a quotation the rules found stays, whatever else the tagger adds to it
            contents = tuple(sorted((raw.content, *contents), key=lambda c: c.start))
        if (
            match is None
            or not contents
            or any(overlaps(c, s) for c in contents for s in (raw.speaker, raw.cue))
        ):
            out.append(raw)
            continue
        used.add(match)
        replaced.add((raw.cue.start, raw.cue.end))
        out.extend(_pieces(text, _with_tagged_spans(doc, raw, tagged[match], contents), contents))
    out.extend(r for r in raws if not r.lemma and (r.cue.start, r.cue.end) not in replaced)
    quoted = [r.content for r in out if r.direct]
    taken = [s for r in out for s in (r.content, r.speaker, r.cue)]
    for i, t in enumerate(tagged):
        if i in used:
            continue
        if t.source is None:  # the tagger saw no source: the parse may
            t = _with_parsed_source(doc, t)
        if t.source is None or not _same_sentence(doc, t.source, t.cue) or not _plausible(t):
            continue
        if any(_inside(t.cue, q) for q in quoted) or any(
            overlaps(s, other) for s in (t.source, t.cue, *t.content) for other in taken
        ):
            continue
        source = _trimmed_source(doc, t.source)
        if source is None:
            continue
        head = doc.char_span(source.start, source.end, alignment_mode="expand")
        number = max(0, bisect.bisect_right(starts, t.cue.start) - 1)
        words = t.cue.text.lower().split()
        lemma = CUE_FORMS.get(words[-1], " ".join(words)) if words else "say"
        first = RawAttribution(
            source, head.root.i if head is not None else -1, t.cue, t.content[0], False, lemma,
            number,
        )  # fmt: skip
        out.extend(_pieces(text, first, t.content))
    return sorted(out, key=lambda r: (r.cue.start, r.content.start))


def _with_tagged_spans(
    doc: Doc, raw: RawAttribution, tagged: Tagged, contents: tuple[Span, ...]
) -> RawAttribution:
    """The tagger's source and cue boundaries on a rule attribution ("has said", "Erin
    Murphy, a former aide"), where they stay clear of the content."""
    if (
        tagged.source is not None
        and _same_sentence(doc, tagged.source, tagged.cue)
        and not any(overlaps(tagged.source, c) for c in contents)
    ):
        source = _trimmed_source(doc, tagged.source)
        if source is not None:
            head = doc.char_span(source.start, source.end, alignment_mode="expand")
            raw = replace(raw, speaker=source, speaker_head=head.root.i if head else -1)
    if not any(overlaps(tagged.cue, c) for c in contents):
        raw = replace(raw, cue=tagged.cue)
    return raw


LEAD_IN_TAGS = frozenset(
    {"IN", "CC", "RB", "UH", "NFP", "SYM", "#", ":", ",", "-LRB-", "``", "''", "HYPH"}
)


def _trimmed_source(doc: Doc, source: Span) -> Span | None:
    """A speaker phrase (the rules', the parse's or the tagger's) without what leads into
    the sentence and without a relative clause: "On 12 April 2022 Colonel General Dobrynets"
    -> "Colonel General Dobrynets", "In a statement, the ministry" -> "the ministry", "But
    the mayor" -> "the mayor", "# Coalition" -> "Coalition"."""
    span = doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None:
        return None
    tokens = [t for t in span if not t.is_space]
    closers = [
        n
        for n, t in enumerate(tokens[:-1])
        if t.text == "]" or (t.text == ")" and not any(o.text == "(" for o in tokens[:n]))
    ]
    if closers:  # "[… sample corpus] The General Staff": a banner before the name
        tokens = tokens[closers[-1] + 1 :]
    if tokens and tokens[0].tag_ in ("IN", "RB", "CC", "VBG", "TO"):  # "In a statement, …"
        commas = [n for n, t in enumerate(tokens) if t.text == ","]
        if commas and commas[0] < len(tokens) - 1:
            tokens = tokens[commas[0] + 1 :]
    while tokens and _leads_in(tokens):
        tokens = tokens[1:]
    inside = {t.i for t in tokens}
    relative = next(
        (t for t in tokens if t.dep_ in ("acl:relcl", "relcl") and t.head.i in inside), None
    )
    if relative is not None:  # "Erin Murphy, an aide who visited Izium": the person, not the clause
        tokens = [t for t in tokens if t.i < relative.left_edge.i]
    while tokens and not any(ch.isalnum() for ch in tokens[-1].text):
        tokens = tokens[:-1]
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Span(start, end, text_of(doc)[start:end])


def _leads_in(tokens: list[Token]) -> bool:
    """Whether the first token leads into the phrase rather than naming the speaker."""
    first, rest = tokens[0], tokens[1:]
    if first.tag_ == "CD":  # a date ("12 April", "2022"), never a count ("Two officials")
        year = len(first.text) == 4 and first.text.isdigit()
        return year or (bool(rest) and (rest[0].lower_ in NOT_NAMES or rest[0].tag_ == "CD"))
    return (
        first.tag_ in LEAD_IN_TAGS
        or first.lower_ in NOT_NAMES
        or not any(ch.isalnum() for ch in first.text)
    )


def _pieces(text: str, raw: RawAttribution, contents: tuple[Span, ...]) -> list[RawAttribution]:
    """The attribution with the first content fragment, then one continuation per further one."""
    pieces = []
    for n, content in enumerate(contents):
        direct = in_quotes(text, content.start, content.start, content.end)
        pieces.append(
            replace(raw, content=content, direct=direct, lemma=raw.lemma if n == 0 else "")
        )
    return pieces


def _with_parsed_source(doc: Doc, tagged: Tagged) -> Tagged:
    """The tagged attribution with the cue's speaker from the parse, where it has one."""
    cue = doc.char_span(tagged.cue.start, tagged.cue.end, alignment_mode="expand")
    found = speaker_of(cue.root) if cue is not None else None
    if found is None or any(overlaps(found, c) for c in tagged.content):
        return tagged
    return replace(tagged, source=found)


def _plausible(tagged: Tagged) -> bool:
    """Whether a tagged attribution found by the tagger alone may stand: a cue in words (a
    colon or dash is the rules' to read, with their checks) and a speaker that is no field
    label ("Speaker:", "A:" in a transcript)."""
    source = tagged.source.text.strip().lower() if tagged.source else ""
    return (
        any(ch.isalpha() for ch in tagged.cue.text)
        and len(source) > 1
        and source not in NOT_SPEAKERS
    )


def _belongs(doc: Doc, text: str, content: Span, cue: Span) -> bool:
    """Whether a tagged content may be what this cue reports: in the cue's sentence, or
    quoted (a quotation may run over several sentences around its cue)."""
    return _same_sentence(doc, content, cue) or in_quotes(
        text, content.start, content.start, content.end
    )


def _same_sentence(doc: Doc, a: Span, b: Span) -> bool:
    """Whether the two spans start in the same sentence of the parse."""
    first = doc.char_span(a.start, a.end, alignment_mode="expand")
    second = doc.char_span(b.start, b.end, alignment_mode="expand")
    return first is not None and second is not None and first[0].sent.start == second[0].sent.start


def _inside(a: Span, b: Span) -> bool:
    return b.start <= a.start and a.end <= b.end
