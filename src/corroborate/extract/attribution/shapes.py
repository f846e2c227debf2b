"""Grammatical shapes of attribution beyond "X said that …": cues that report through an
object or a preposition ("called the raids unlawful", "called for a ceasefire"), and the
repairs for two common misparses (a lost subject, a verb hung on a noun as a participle).
"""

from __future__ import annotations

from spacy.tokens import Token

from corroborate.extract.spans import contiguous
from corroborate.taxonomy.words import word_set

CLAUSE_PUNCTUATION = word_set("function", "clause_punctuation")

AUX = word_set("grammar", "auxiliary_relations")
MAX_SPEAKER = 24
NOUN_PHRASE = word_set("grammar", "noun_phrase_tags")
# reporting verbs that the lexicon holds back without a clause, and the other shapes in
# which they still report: "called the reports unfounded", "called for calm"
OBJECT_FORMS = {
    "call": frozenset({"object+predicate", "for", "on"}),
    "point": frozenset({"to"}),
    "ask": frozenset({"for"}),
    "urge": frozenset({"object+predicate"}),
    "demand": frozenset({"object+predicate"}),
}
# verbs whose object is whom they address, not what they say ("told reporters"): without a
# clause they report only through a preposition ("told reporters about the raids")
ADDRESSEE = word_set("speech", "addressee_verbs")
LISTED_FORMS = frozenset({"about", "of", "on"})


def misparsed_clause(token: Token) -> bool:
    """ "The commander called for a ceasefire" parsed as a noun with a participle on it
    (the sentence's root a noun): the verb is the predicate, the noun its subject."""
    head = token.head
    return (
        token.dep_ == "acl"
        and head.dep_ == "ROOT"
        and head.tag_.startswith("NN")
        and head.i < token.i
        and token.tag_ in ("VBD", "VBN")
        and not any(t.tag_.startswith("VB") for t in token.doc[head.i + 1 : token.i])
    )


def object_content(
    cue: Token, forms: frozenset[str] | None = None
) -> tuple[list[Token], list[Token]]:
    """What a cue without a clause governs: its object with any predicate on it ("called
    the reports unfounded"), or a prepositional object right after it, the preposition
    then joining the cue ("called for calm", "pointed to the images"). ``forms`` limits a verb
    to the shapes it reports in: "object+predicate", or the prepositions it takes."""
    children = [c for c in cue.children if c.i > cue.i]
    objects = [c for c in children if c.dep_ in ("obj", "dobj")]
    predicate = [c for c in children if c.dep_ in ("xcomp", "oprd")]
    if objects and (forms is None or ("object+predicate" in forms and predicate)):
        tokens = [t for c in objects + predicate for t in c.subtree]
        return contiguous(sorted(tokens, key=lambda t: t.i), objects[0]), []
    for child in children:
        if child.dep_ in ("obl", "prep"):
            case = [m for m in child.children if m.dep_ == "case" and m.i == cue.i + 1]
            word = (case[0] if case else child).lower_
            if forms is not None and word not in forms:
                continue
            if case or (child.dep_ == "prep" and child.i == cue.i + 1):
                head = pobj(child) if child.dep_ == "prep" else child
                tokens = [t for t in head.subtree if t.i > (case[0].i if case else child.i)]
                return tokens, case or [child]
    return [], []


def subject_before(cue: Token) -> Token | None:
    """Where the parser found no subject, the noun phrase right before the cue (past its
    auxiliaries and adverbs) at the start of its clause: "A Coalition report | shows that …"."""
    doc, position = cue.doc, cue.i - 1
    while position >= 0 and (doc[position].dep_ in AUX or doc[position].tag_ == "MD"):
        position -= 1
    phrase: list[Token] = []
    while position >= 0 and doc[position].tag_ in NOUN_PHRASE and not doc[position].is_space:
        phrase.append(doc[position])
        position -= 1
    before = doc[position] if position >= 0 else None
    starts_clause = (
        before is None
        or before.is_space
        or before.is_sent_start
        or before.text in CLAUSE_PUNCTUATION
        or before.is_sent_end
    )
    nouns = [t for t in phrase if t.tag_.startswith(("NN", "PRP"))]
    if not nouns or not starts_clause or len(phrase) > MAX_SPEAKER:
        return None
    return nouns[0]  # the rightmost noun heads the phrase


def has_case(token: Token, word: str) -> bool:
    return (
        any(c.lower_ == word and c.dep_ in ("case", "prep", "mark") for c in token.children)
        or token.lower_ == word
    )


def pobj(token: Token) -> Token:
    """ClearNLP hangs the noun under the preposition; UD hangs the preposition under the noun."""
    for child in token.children:
        if child.dep_ == "pobj":
            return child
    return token
