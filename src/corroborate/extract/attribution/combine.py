"""Combine the learned tagger's attributions with the rule attributions.

The tagger (``tagger.py``) learned source, cue and content boundaries from annotated news.
Its attributions become candidates here when they may stand: each one with a speaker (the
tagger's, else the cue's subject in the parse) and a cue in words, its content in fragments
where a statement is split by its cue (“A,” he said, “B.”: the first fragment, then
continuations). The rule attributions are candidates too: the rules know cues and quotations
the tagger misses (a colon or a dash after a speaker, a relayed claim, a denial in a form it
has not seen). Every speaker loses lead-ins: a date, an opening phrase, a banner. The one
arbitration step (``arbitration``) decides between candidates that overlap; with the weights
shipped, the encoder's come first and a rule attribution is added where it shares no span
with those.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc
from spacy.tokens import Span as Phrase

from corroborate.extract.attribution.arbitration import (
    ENCODER_SHAPE,
    Candidate,
    Weights,
    arbitrate,
)
from corroborate.extract.attribution.cues import RawAttribution, speaker_of
from corroborate.extract.attribution.quotes import NOT_SPEAKERS
from corroborate.extract.attribution.speaker_phrase import trimmed_source, with_quantifier
from corroborate.extract.attribution.tagger import Tagged
from corroborate.extract.certainty import Evidence, shape
from corroborate.extract.lexicon import CUE_FORMS
from corroborate.extract.spans import (
    RELATIVE,
    antecedent,
    antecedent_phrase,
    in_quotes,
    overlaps,
    text_of,
    within,
)
from corroborate.model import Span
from corroborate.taxonomy.words import word_set


def combine(
    doc: Doc,
    raws: list[RawAttribution],
    tagged: list[Tagged],
    *,
    quoted: Sequence[RawAttribution] = (),
    evidence: Evidence | None = None,
    weights: Weights | None = None,
) -> list[RawAttribution]:
    """The attributions the arbitration keeps of the encoder's (``tagged``), the parse rules'
    (``raws``) and the quotations' (``quoted``), in text order."""
    rules = [*raws, *quoted]
    found = [
        *_encoder_candidates(doc, tagged, rules),
        *(_rule_candidate(doc, raw, "rules") for raw in raws),
        *(_rule_candidate(doc, raw, "quotations") for raw in quoted),
    ]
    kept = arbitrate(found, weights, evidence)
    out = [piece for candidate in kept for piece in candidate.pieces]
    return sorted(out, key=lambda r: (r.cue.start, r.content.start))


def _encoder_candidates(
    doc: Doc, tagged: list[Tagged], raws: list[RawAttribution]
) -> list[Candidate]:
    """The encoder's attributions that may stand, each with its speaker (the encoder's, else
    the cue's subject in the parse) and its content in fragments."""
    text = text_of(doc)
    starts = [s.start_char for s in doc.sents]
    found: list[Candidate] = []
    cues = [t.cue for t in tagged]
    for t in tagged:
        if t.source is None:  # the tagger saw no source: the parse may
            t = _with_parsed_source(doc, t)
        if t.source is None or _undergoes(doc, t.source, t.cue):
            continue
        if not _plausible(t, relative=_relative_pronoun(doc, t.source)):
            continue
        source = trimmed_source(doc, _main_clause_subject(doc, t.source, t.cue))
        if source is None:
            continue
        source = with_quantifier(text, source)
        head = doc.char_span(source.start, source.end, alignment_mode="expand")
        number = max(0, bisect.bisect_right(starts, t.cue.start) - 1)
        words = t.cue.text.lower().split()
        # the cue's verb: "reported by" is "report", "has said" is "say"
        lemma = next((CUE_FORMS[w] for w in reversed(words) if w in CUE_FORMS), " ".join(words))
        last = _with_trailing_modifier(doc, t.content[-1])
        if any(overlaps(c, last) and not overlaps(c, t.content[-1]) for c in cues):
            last = t.content[-1]  # "…'s plan, | promising to …": another statement
        contents = (*t.content[:-1], last)
        if _relays_a_parsed_statement(t, source, contents, raws) or _wordless(doc, t):
            continue
        first = RawAttribution(
            source, head.root.i if head is not None else -1, t.cue, contents[0], False, lemma,
            number,
        )  # fmt: skip
        pieces = tuple(_pieces(text, first, contents))
        found.append(Candidate(pieces, "encoder", ENCODER_SHAPE, holds=True))
    return found


def _rule_candidate(doc: Doc, raw: RawAttribution, reader: str) -> Candidate:
    """A rule attribution as a candidate, its speaker without lead-ins. A quotation signed
    with a dash ("“… Hnatyuk said refugees live in tents …” ― Oksana Lysenko") or a
    transcript's label ("HNATYUK: … I think …") may hold what the encoder found inside it; a
    heading before a colon ("The Long Wait: …") labels no speaker."""
    raw = replace(raw, speaker=trimmed_source(doc, raw.speaker) or raw.speaker)
    signed = raw.cue.text in "―—" or (raw.cue.text == ":" and raw.speaker.text.isupper())
    return Candidate((raw,), reader, shape(raw), holds=signed)


def _relays_a_parsed_statement(
    tagged: Tagged, source: Span, contents: tuple[Span, ...], raws: list[RawAttribution]
) -> bool:
    """Whether the tagged statement is in pieces around another speaker and cue that the parse
    found: in "The head of the centre, Colonel General Dobrynets, said on Tuesday that …,
    according to Novy Vestnik" the tagger may read the whole sentence as the agency's, cut
    around the general's name; the statement is the general's, which the agency carried."""
    if len(contents) < 2:
        return False
    hull = Span(contents[0].start, contents[-1].end, "")
    return any(
        within(raw.speaker, hull)
        and within(raw.cue, hull)
        and not overlaps(raw.cue, tagged.cue)
        and not overlaps(raw.speaker, source)
        and not any(within(raw.cue, c) and within(raw.speaker, c) for c in contents)
        for raw in raws
    )


FUNCTION_TAGS = frozenset({"DT", "PDT", "CC", "TO"})


def _wordless(doc: Doc, tagged: Tagged) -> bool:
    """Whether the tagged content says nothing: one function word ("the", "and"),
    or a pronoun before a passive cue ("They | were backed by the council"). A pronoun after
    its cue stands ("The ministry denied it")."""
    if len(tagged.content) != 1:
        return False
    span = doc.char_span(tagged.content[0].start, tagged.content[0].end, alignment_mode="expand")
    if span is None or len(span) != 1:
        return False
    word = span[0]
    return word.tag_ in FUNCTION_TAGS or (word.tag_ == "PRP" and word.idx < tagged.cue.start)


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
    if cue is None or _speakerless(cue):
        return tagged
    found = speaker_of(cue.root)
    if found is None or any(overlaps(found, c) for c in tagged.content):
        return tagged
    return replace(tagged, source=found)


RAISING = word_set("speech", "raising_verbs")
BE = word_set("function", "be_forms")


def _speakerless(cue: Phrase) -> bool:
    """Whether a cue has no speaker to look for: a passive without its agent ("is expected",
    "was announced": what comes before is what is said, not who says it) or a raising verb
    ("seems", "appeared")."""
    words = [t for t in cue if not t.is_space]
    if any(t.lower_ in RAISING for t in words):
        return True
    passive = words[0].lower_ in BE and words[-1].tag_ == "VBN"
    return passive and not any(t.lower_ == "by" for t in words)


def _opening_relative(doc: Doc, source: Span) -> Phrase | None:
    """The source's tokens, where the first is a relative pronoun ("who", "which …")."""
    span = doc.char_span(source.start, source.end, alignment_mode="expand")
    if span is None or span[0].lower_ not in RELATIVE or span[0].tag_ not in ("WP", "WDT"):
        return None
    return span


def _main_clause_subject(doc: Doc, source: Span, cue: Span) -> Span:
    """The phrase a relative pronoun stands for, where the cue is the verb of the main clause
    and not of the relative one: "Governor Hnatyuk, who knew …, told his aides" (a comma
    closes the relative clause before the cue), "One of the nurses who signed the petition
    called the director …" (the relative clause is all the source). "Olena, who said …"
    keeps "who"."""
    span = _opening_relative(doc, source)
    if span is None:
        return source
    closed = "," in text_of(doc)[source.end : cue.start]
    if len(span) == 1 and not closed:
        return source
    return antecedent_phrase(doc, span[0]) or source


def _plausible(tagged: Tagged, *, relative: bool = False) -> bool:
    """Whether a tagged attribution found by the tagger alone may stand: a cue in words (a
    colon or dash is the rules' to read, with their checks) and a speaker that is no field
    label ("Speaker:", "A:" in a transcript). A ``relative`` pronoun ("the agency, which
    broke the news of the raid") stands for the phrase it refers to."""
    source = tagged.source.text.strip().lower() if tagged.source else ""
    return (
        any(ch.isalpha() for ch in tagged.cue.text)
        and (len(source) > 1 or source == "i")
        and (relative or source not in NOT_SPEAKERS)
    )


def _relative_pronoun(doc: Doc, source: Span) -> bool:
    """Whether the source is a relative pronoun with a noun before it to refer to."""
    span = _opening_relative(doc, source)
    return span is not None and len(span) == 1 and antecedent(doc, span[0]) is not None


MODIFIER = frozenset({"nmod", "obl", "prep", "pobj"})


def _with_trailing_modifier(doc: Doc, content: Span) -> Span:
    """The content with a prepositional phrase that ends its sentence and hangs on a word of
    it ("condemned the shelling of the hospital | in Kramatorsk."): the place or time of what
    is reported belongs to it."""
    span = doc.char_span(content.start, content.end, alignment_mode="expand")
    if span is None or span.end >= len(doc):
        return content
    if doc[span.end].text == ",":
        return _with_trailing_description(doc, content, span)
    if doc[span.end].dep_ != "case":
        return content
    noun = doc[span.end].head
    if noun.i < span.end or noun.dep_ not in MODIFIER or not span.start <= noun.head.i < span.end:
        return content
    last = max(t.i for t in noun.subtree)
    after = doc[last + 1] if last + 1 < len(doc) else None
    if after is not None and after.sent.start == noun.sent.start and after.text not in ".;!?":
        return content
    end = doc[last].idx + len(doc[last])
    return Span(content.start, end, text_of(doc)[content.start : end])


DESCRIPTION = frozenset({"acl", "amod", "appos"})
SUBJECTS = word_set("grammar", "subject_relations")


def _with_trailing_description(doc: Doc, content: Span, span: Phrase) -> Span:
    """The content with a description after a comma that runs to the end of its sentence and
    hangs on a word of it ("is concerned about journalist Denys Horobets | , missing since 14
    May."): what is said of the person is part of what is reported. A clause of its own (",
    he said") is no description."""
    comma = span.end
    tail = [t for t in doc[comma + 1 : span.sent.end] if not t.is_space]
    while tail and tail[-1].text in ".;!?":
        tail.pop()
    if (
        not tail
        or tail[0].dep_ not in DESCRIPTION
        or not span.start <= tail[0].head.i < span.end
        or any(t.dep_ in SUBJECTS or t.text in ",;:" for t in tail)
    ):
        return content
    end = tail[-1].idx + len(tail[-1])
    return Span(content.start, end, text_of(doc)[content.start : end])


PASSIVE_SUBJECT = frozenset({"nsubj:pass", "nsubjpass"})
QUOTED = frozenset({"quoted", "cited"})


def _undergoes(doc: Doc, source: Span, cue: Span) -> bool:
    """Whether the "source" is the passive subject of its cue: in "others were threatened
    with transfer" the others are threatened, they say nothing."""
    phrase = doc.char_span(source.start, source.end, alignment_mode="expand")
    verb = doc.char_span(cue.start, cue.end, alignment_mode="expand")
    if phrase is None or verb is None or phrase.root.dep_ not in PASSIVE_SUBJECT:
        return False
    head = phrase.root.head
    if not verb.start <= head.i < verb.end:
        return False
    if not any(c.dep_ in ("aux:pass", "auxpass") for c in head.children):
        return False  # no "was": a parse that calls the subject of "Hnatyuk boasted" passive
    # "was quoted as saying", "was cited by TASS": the one quoted is the one who spoke
    speaks = head.lower_ in QUOTED or any(
        t.i > head.i and t.tag_ == "VBG" and t.lower_ in CUE_FORMS for t in verb
    )
    return not speaks
