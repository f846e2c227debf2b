"""The readers of attribution as spaCy components: each writes its candidates to ``doc.spans``.

Three readers propose attributions, and the arbitration (``combine``) decides between them:

* ``corroborate_rule_candidates``: the parse rules (``cues``: the shapes of
  ``taxonomy/attribution/shapes.yaml``, the object frames, the learned cue model), written to
  ``doc.spans["attribution_candidates.rules"]``;
* ``corroborate_quotation_candidates``: quotations with their cue or signature, then
  quotations going on after their cue (``quotes``), in ``"attribution_candidates.quotations"``;
* ``corroborate_encoder_candidates``: the attribution encoder's spans grouped by cue
  (``tagger.relations``), in ``"attribution_candidates.encoder"``.

Each span of a group covers a candidate's cue (its label says which kind of candidate it is)
and ``span._.candidate`` is the candidate itself, with its speaker, cue and content offsets.
The components are registered factories (``nlp.add_pipe("corroborate_rule_candidates")``
works on any pipeline with a parser); ``fill`` runs them in order for one document. A group
can be turned off by name for a measurement (``extract.rules.disabled``): it is then empty.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as Phrase

from corroborate.extract.attribution.cues import RawAttribution, find_attributions
from corroborate.extract.attribution.quotes import quotation_attributions, quotation_continuations
from corroborate.extract.attribution.tagger import Tagged, relations, tagged_spans
from corroborate.extract.rules import enabled
from corroborate.extract.spans import text_of
from corroborate.model import Span

RULES = "attribution_candidates.rules"
QUOTATIONS = "attribution_candidates.quotations"
ENCODER = "attribution_candidates.encoder"
GROUPS = (RULES, QUOTATIONS, ENCODER)
_KEPT = "corroborate.candidates"  # doc.user_data: {group: [candidate, …]}, by span id

Candidate = RawAttribution | Tagged


def _candidate(span: Phrase) -> Candidate | None:
    """The candidate a span of one of the groups stands for (``span._.candidate``)."""
    for group in GROUPS:
        kept = span.doc.user_data.get(_KEPT, {}).get(group, [])
        if span.kb_id_ == group and 0 <= span.id < len(kept):
            found: Candidate = kept[span.id]
            return found
    return None


if not Phrase.has_extension("candidate"):
    Phrase.set_extension("candidate", getter=_candidate)


def candidates(doc: Doc, group: str) -> list[Candidate]:
    """The candidates a component wrote to ``group`` (none if it did not run)."""
    return list(doc.user_data.get(_KEPT, {}).get(group, []))


def rule_candidates(doc: Doc) -> list[RawAttribution]:
    return [c for c in candidates(doc, RULES) if isinstance(c, RawAttribution)]


def quotation_candidates(doc: Doc) -> list[RawAttribution]:
    return [c for c in candidates(doc, QUOTATIONS) if isinstance(c, RawAttribution)]


def encoder_candidates(doc: Doc) -> list[Tagged]:
    return [c for c in candidates(doc, ENCODER) if isinstance(c, Tagged)]


def write(doc: Doc, group: str, found: Sequence[tuple[str, Candidate]]) -> None:
    """Keep the (kind, candidate) pairs as ``doc.spans[group]``, each span over the cue."""
    doc.user_data.setdefault(_KEPT, {})[group] = [c for _, c in found]
    spans = []
    for n, (kind, candidate) in enumerate(found):
        start, end = _anchor(doc, candidate.cue)
        spans.append(Phrase(doc, start, end, label=kind, kb_id=group, span_id=n))
    doc.spans[group] = spans


def _anchor(doc: Doc, cue: Span) -> tuple[int, int]:
    """The tokens of a cue (a colon or dash is a token, too); the nearest token where the
    cue's characters start inside one."""
    phrase = doc.char_span(cue.start, max(cue.end, cue.start + 1), alignment_mode="expand")
    if phrase is not None and len(phrase):
        return phrase.start, phrase.end
    token = next((t for t in doc if t.idx + len(t) > cue.start), doc[-1])
    return token.i, token.i + 1


class RuleCandidates:
    """The parse rules' attributions. ``learned``: keep cues only the cue model knows (the
    encoder reads such cues better, so beside it they are left out)."""

    def __init__(self, *, learned: bool = True) -> None:
        self.learned = learned

    def __call__(self, doc: Doc) -> Doc:
        found = [] if not enabled(RULES) else find_attributions(doc)
        kept = [r for r in found if self.learned or not r.learned]
        write(doc, RULES, [("learned" if r.learned else "parse", r) for r in kept])
        return doc


def quotations(doc: Doc) -> Doc:
    """Quotations with their cue or signature, where no rule attribution has the content;
    then quotations going on after the cue of any attribution found so far."""
    raws = rule_candidates(doc)
    quoted: list[RawAttribution] = []
    more: list[RawAttribution] = []
    if enabled(QUOTATIONS) and enabled("quotations"):
        starts = [sentence.start_char for sentence in doc.sents]
        quoted = quotation_attributions(text_of(doc), [r.content for r in raws], starts)
    if enabled(QUOTATIONS) and enabled("quotation-continuations"):
        more = quotation_continuations(text_of(doc), raws + quoted)
    found: list[tuple[str, Candidate]] = [("quotation", r) for r in quoted]
    found.extend(("continuation", r) for r in more)
    write(doc, QUOTATIONS, found)
    return doc


def encoder(doc: Doc) -> Doc:
    """The encoder's spans (tagged now unless ``tagger.tag_docs`` tagged the batch) grouped
    into attributions by cue."""
    found: list[tuple[str, Candidate]] = []
    if enabled(ENCODER):
        starts = [sentence.start_char for sentence in doc.sents]
        tagged = relations(text_of(doc), tagged_spans(doc), starts)
        found = [("encoder", t) for t in tagged]
    write(doc, ENCODER, found)
    return doc


@Language.factory("corroborate_rule_candidates", default_config={"learned": True})
def _make_rules(nlp: Language, name: str, learned: bool) -> RuleCandidates:
    return RuleCandidates(learned=learned)


Language.component("corroborate_quotation_candidates", func=quotations)
Language.component("corroborate_encoder_candidates", func=encoder)


def fill(doc: Doc, *, with_encoder: bool) -> Doc:
    """Run the readers on a parsed document: the rules, the quotations and, ``with_encoder``,
    the encoder (whose group stays empty without it)."""
    RuleCandidates(learned=not with_encoder)(doc)
    quotations(doc)
    if with_encoder:
        return encoder(doc)
    write(doc, ENCODER, [])
    return doc
