"""Words that introduce attributions: speech and cognition verbs, and their word forms.

Our pipeline has no lemmatiser, so the forms are generated here: regular inflection plus
the irregular ones listed. ``CUE_FORMS`` maps a lower-cased form to its lemma.
"""

from __future__ import annotations

SPEECH_VERBS = (
    "say",
    "state",
    "tell",
    "claim",
    "assert",
    "add",
    "note",
    "report",
    "allege",
    "accuse",
    "deny",
    "announce",
    "confirm",
    "warn",
    "explain",
    "insist",
    "describe",
    "write",
    "argue",
    "stress",
    "emphasize",
    "emphasise",
    "reveal",
    "testify",
    "recount",
    "recall",
    "declare",
    "charge",
    "suggest",
    "believe",
    "learn",
    "acknowledge",
    "admit",
    "maintain",
    "indicate",
    "estimate",
    "complain",
    "contend",
    "conclude",
    "urge",
    "reiterate",
    "respond",
    "reply",
    "tweet",
    "post",
    "quote",
    "cite",
    "think",
    "mention",
    "observe",
    "predict",
    "repeat",
    "underline",
    "underscore",
    "comment",
    "dismiss",
    "reject",
    "blame",
    "demand",
    "ask",
    "order",
    "call",
    "remark",
    "concede",
    "assure",
    "promise",
    "hint",
    "speculate",
    "point",
    "inform",
    "specify",
    "clarify",
    "publish",
    "show",
    "find",
    # denials and evaluations, whose object may be what is said
    "refute",
    "rebut",
    "criticize",
    "criticise",
    "praise",
    "defend",
    "endorse",
    "mock",
    "condemn",
    "slam",
    "blast",
    "hail",
    "welcome",
    "question",
)
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
NEEDS_CLAUSE = frozenset(
    {"call", "order", "ask", "demand", "urge", "point", "show", "find", "post", "publish", "blame"}
)
# verbs whose object is what is said: "condemned the shelling", "praised the mission"
OBJECT_CONTENT = frozenset({
    "criticize", "criticise", "praise", "defend", "endorse", "mock", "condemn", "slam", "blast",
    "hail", "welcome", "question",
})  # fmt: skip
# reporting by a medium rather than a person: the speaker is then an outlet
RELAY_VERBS = frozenset({"report", "publish", "carry", "cite", "quote", "broadcast"})


def inflections(lemma: str) -> set[str]:
    """Regular English forms of a verb, plus listed irregular ones."""
    forms = {lemma, *IRREGULAR.get(lemma, ())}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
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
PRONOUNS = frozenset({"he", "she", "they", "him", "her", "them", "i", "we", "it"})
TITLES = (
    "colonel general",
    "lieutenant general",
    "major general",
    "brigadier general",
    "general",
    "colonel",
    "lieutenant colonel",
    "major",
    "captain",
    "lieutenant",
    "sergeant",
    "admiral",
    "col.",
    "gen.",
    "lt.",
    "maj.",
    "capt.",
    "sgt.",
    "mr.",
    "mrs.",
    "ms.",
    "dr.",
    "mr",
    "ms",
    "dr",
    "president",
    "prime minister",
    "minister",
    "deputy minister",
    "foreign minister",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "ambassador",
    "governor",
    "mayor",
    "commander",
    "chief",
    "head",
    "director",
    "senator",
    "officer",
    "official",
    "prosecutor",
    "judge",
)
