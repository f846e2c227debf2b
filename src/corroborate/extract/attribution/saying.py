"""Whether an attribution's cue reports something said, or only what its subject saw,
wanted, did or had in mind.

The tagger learned cues from annotated news, where a cue is mostly a verb of saying; on
other text it takes at times any verb for one: "Putin will surely *see* that as reason",
"young people also *wanted* real examples", "VK, which gladly *supported* our initiative".
Nothing is reported there, so no attribution is made. Verbs of the mind are reported when
told of someone else ("the CDC *believes* this is a lawful order", "He *expressed hope*
that …"); in the first person they are the speaker's own mind, not a report ("*I think* …",
"*We hope* to harvest …"), and a state ("It *is gratifying* that …") or a topic
("*Speaking about* cooperation, …") says nothing either. A second person ("you agree to
receive …", "you remember the events") is the reader or the one addressed, never a source.
A word counts by its part of speech in the parse, not its spelling: *like* the verb is
wanting ("We *like* the plan"), *like* the preposition ("said, *like* other officials,
that …") is none.

This step sits after ``combine`` (every candidate, from the tagger and the rules alike).
"""

from __future__ import annotations

from enum import StrEnum

from spacy.tokens import Doc

from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.lexicon import CUE_FORMS, inflections
from corroborate.taxonomy.words import word_list, word_set

# wanting, supporting, doing: no statement. Perception and memory are a witness's account
# when told of a witness ("residents saw soldiers …", "the court heard that …"), so they
# are left out only in the first person, with the mind ("observe" stays a cue throughout:
# "observers observed that …")
NOT_SAYING = word_list("speech", "not_saying")
# the mind: a report only when told of someone other than the one speaking
MIND = word_list("speech", "mind")
IRREGULAR = {
    "see": ("saw", "seen"), "hear": ("heard",), "know": ("knew", "known"), "feel": ("felt",),
    "think": ("thought",), "become": ("became",), "seek": ("sought",), "opt": ("opted",),
    "refer": ("referred", "referring"),
}  # fmt: skip
FIRST_PERSON = frozenset({"i", "we", "us", "me"})
EXPLETIVE = frozenset({"it", "this", "that"})
BE = word_set("function", "be_forms_contracted")
# "speaking about", "spoke about": a topic named, nothing said of it
TOPIC = word_set("speech", "topic_verbs")
SECOND_PERSON = frozenset({"you"})


class Silence(StrEnum):
    """Why an attribution reports nothing said (``silence``)."""

    SECOND_PERSON = "second_person"  # the reader or the one addressed
    OWN_MIND = "own_mind"  # "I think", "we hope"
    STATE = "state"  # "It is gratifying that"
    TOPIC = "topic"  # "Speaking about cooperation, …"
    NOT_SAYING = "not_saying"  # wanting, voting, supporting


def _forms(lemmas: tuple[str, ...]) -> frozenset[str]:
    return frozenset(
        f for lemma in lemmas for f in inflections(lemma) | {*IRREGULAR.get(lemma, ())}
    )


NOT_SAYING_FORMS = _forms(NOT_SAYING) - CUE_FORMS.keys()
MIND_FORMS = _forms(MIND)


def says(raw: RawAttribution, doc: Doc) -> bool:
    """Whether the attribution reports something said (module docstring). A cue of one
    saying verb stands whatever else it holds ("said he wanted")."""
    return silence(raw, doc) is None


def silence(raw: RawAttribution, doc: Doc) -> Silence | None:
    """Why the attribution reports nothing said, or ``None`` when it reports something
    (``bench/saying_filter.py`` counts these on PolNeAR). ``doc`` is the parsed text the
    attribution's offsets index."""
    speaker = raw.speaker.text.strip().lower()
    if speaker in SECOND_PERSON:
        return Silence.SECOND_PERSON
    words = [w.strip('.,;:!?"“”').lower() for w in raw.cue.text.replace("’", "'").split()]
    prepositions = _prepositions(raw, doc)
    meant = [w for w in words if w not in prepositions]  # the words that can mean a mind
    if speaker in FIRST_PERSON and any(w in MIND_FORMS for w in meant):
        return Silence.OWN_MIND
    saying = any(w in CUE_FORMS and w not in MIND_FORMS for w in words) or not any(
        ch.isalpha() for ch in raw.cue.text
    )
    if saying:
        return None
    if words and words[0] in BE and speaker in EXPLETIVE | FIRST_PERSON:
        return Silence.STATE  # "It is gratifying …" ("The Mission is concerned …" stays)
    if words and words[-1] == "about" and TOPIC & set(words):
        return Silence.TOPIC  # "Speaking about cooperation, …"
    return Silence.NOT_SAYING if any(w in NOT_SAYING_FORMS for w in meant) else None


def _prepositions(raw: RawAttribution, doc: Doc) -> frozenset[str]:
    """The cue's words the parse tags only as a preposition or subordinator (``IN``), never
    as a verb or adjective there: "like" in "said, like other officials, that". A cue in
    which the parse tags no word a verb has no predicate in the parse ("Voters like the
    plan" comes out as a noun with a phrase): its ``IN`` is a mistagged verb, none is kept."""
    span = doc.char_span(raw.cue.start, raw.cue.end, alignment_mode="expand")
    if span is None:
        raise ValueError(f"cue offsets {raw.cue.start}-{raw.cue.end} lie outside the text")
    tokens = list(span)
    if not any(t.tag_.startswith(("VB", "MD")) for t in tokens):
        return frozenset()
    tagged_in = {t.lower_.replace("’", "'") for t in tokens if t.tag_ == "IN"}
    return frozenset(tagged_in - {t.lower_.replace("’", "'") for t in tokens if t.tag_ != "IN"})
