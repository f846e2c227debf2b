"""Words that introduce attributions: speech and cognition verbs, and their word forms.

Our pipeline has no lemmatiser, so the forms are generated here: regular inflection plus
the irregular ones listed. ``CUE_FORMS`` maps a lower-cased form to its lemma.
"""

from __future__ import annotations

from corroborate.taxonomy.words import word_list, word_set

SIBILANT_ENDINGS = word_list("function", "sibilant_endings")

SPEECH_VERBS = word_list("speech", "speech_verbs")
IRREGULAR = {
    "say": ("said",),
    "tell": ("told",),
    "write": ("wrote", "written"),
    "think": ("thought",),
    "learn": ("learnt",),
    "find": ("found",),
    "show": ("shown",),
    "slam": ("slams", "slammed", "slamming"),
    "rebut": ("rebuts", "rebutted", "rebutting"),
}
# verbs that are cues only with a complement clause, never alone ("call", "order", "ask")
NEEDS_CLAUSE = word_set("speech", "needs_clause")
# verbs whose object is what is said: "condemned the shelling", "praised the mission"
OBJECT_CONTENT = word_set("speech", "object_content")
# reporting by a medium rather than a person: the speaker is then an outlet
RELAY_VERBS = word_set("speech", "relay_verbs")


def inflections(lemma: str) -> set[str]:
    """Regular English forms of a verb, plus listed irregular ones."""
    forms = {lemma, *IRREGULAR.get(lemma, ())}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(SIBILANT_ENDINGS):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma in {"admit", "commit"}:
        forms |= {lemma + "ted", lemma + "ting"}
    return forms


CUE_FORMS: dict[str, str] = {
    form: lemma
    for lemma in SPEECH_VERBS
    for form in inflections(lemma)
    if lemma not in IRREGULAR or form != lemma + "ed"
}
PRONOUNS = word_set("people", "pronouns")
TITLES = word_list("people", "titles")
