"""3d. The words stance is read with: refuting, hedging, confirming and counter-accusing cues,
and the content stems that tie a text to a claim.

``stance`` (the FNC-1 reading of a text against a claim), ``stance_features`` (what the
learned model reads) and ``answer`` (a statement against an incident's charge) all count
these cues. Neutrality: they are words of stance (deny, hoax, reportedly), never a party's
name, so exchanging the parties in a text cannot change what they find.
"""

from __future__ import annotations

import re

# Refuting cues: the text calls the claim false. Strong cues count 2, weak ones 1 (a denial
# verb reports a position; "hoax" takes one). Regex fragments, matched case-insensitively.
STRONG_REFUTING = (
    r"fake[sd]?",
    r"fabricat\w*",
    r"hoax(?:es)?",
    r"staged",
    r"baseless",
    r"groundless",
    r"false",
    r"untrue",
    r"not true",
    r"no truth",
    r"no evidence",
    r"debunk\w*",
    r"did not happen",
    r"didn't happen",
    r"never happened",
    r"refut\w*",
    r"misinformation",
    r"disinformation",
    r"propaganda",
    r"provocation",
    r"doctored",
    r"lied",
    r"(?:a|an|the|are|is|was|were|blatant|outright|total|complete|pure)\s+lies?",
)
WEAK_REFUTING = (r"den(?:y|ies|ied|ying|ial)", r"reject\w*", r"dismiss\w*", r"nonsense")
# Debunking cues: words that doubt a story or unmask it as a joke or an edit, beside the
# refuting ones (the learned stance model reads them per sentence, ``stance_sentences``).
DEBUNKING = (
    r"satir\w*",
    r"parod\w*",
    r"spoof\w*",
    r"prank\w*",
    r"jok(?:e|es|ing)",
    r"myths?",
    r"photoshop\w*",
    r"unfounded",
    r"dubious",
    r"bogus",
    r"scam\w*",
    r"urban legends?",
    r"not real",
    r"no such",
    r"retract\w*",
    r"erroneous\w*",
    r"inaccura\w*",
    r"mislead\w*",
    r"s[ck]eptic\w*",
    r"doubt\w*",
    r"questionable",
    r"implausible",
)
# A cue preceded closely by one of these is negated ("did not deny", "not a hoax").
NEGATORS = re.compile(r"(?:\b(?:not|never|no|neither|nor|without)|n't)\W+(?:\w+\W+)?$", re.I)
# A negation anywhere in a sentence or claim (the stance model's sentence flags and counts).
NEGATION = re.compile(r"\b(?:not|no|never|nothing|none|neither|nor|without)\b|n't\b", re.I)

# Hedging cues: the text relays the claim without vouching for it.
HEDGING = (
    r"reportedly",
    r"allegedly",
    r"alleged",
    r"purportedly",
    r"supposedly",
    r"apparently",
    r"claim(?:s|ed|ing)?",
    r"according to",
    r"unconfirmed",
    r"unverified",
    r"(?:could|can|cannot|has|have) not (?:yet )?(?:be|been) (?:independently )?verified",
    r"not (?:been )?independently verified",
    r"might",
    r"could",
    r"possibly",
    r"rumou?r(?:s|ed)?",
    r"unclear",
    r"appears? to",
    r"seem(?:s|ed)? to",
    r"believed to",
    r"said to",
    r"if true",
    r"speculat\w*",
    r"suggest(?:s|ed)?",
)
# "may" only in lower case: "May" is usually the month.
MODAL_MAY = re.compile(r"\bmay\b(?!\s+\d)")

# Confirming cues: the text vouches for the claim.
CONFIRMING = (
    r"confirm(?:s|ed|ing|ation)?",
    r"verified",
    r"officially",
    r"proved",
    r"proven",
    r"it is true",
    r"indeed",
    r"admit(?:s|ted)?",
    r"acknowledg\w*",
)

# Counter-accusation: a denial that turns the charge back on the accuser (``link.answer``).
COUNTER_ACCUSATION = (
    r"it was (?:in fact |actually )?(?:\w+\W+){1,6}?(?:who|that)",
    r"blam\w*",
    r"accus\w*\W+(?:\w+\W+){0,8}?of",
    r"in fact",
    r"(?:their|its|his|her|'s) own",
    r"false[- ]flag",
    r"staged by",
    r"(?:actually|really) (?:carried out|committed|staged|responsible)",
    r"(?:is|are|was|were) (?:the ones )?responsible",
)
# Function words, reporting verbs and news filler: shared by unrelated texts, so not evidence.
_STOPWORD_TEXT = """
    a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each few
    for from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours s t don
    say says said tell told report reports reported new news via amid may might
    one two three first last year years day days week time people man woman"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())
TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def _alternation(fragments: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(fragments) + r")\b", re.I)


STRONG_RE = _alternation(STRONG_REFUTING)
WEAK_RE = _alternation(WEAK_REFUTING)
HEDGING_RE = _alternation(HEDGING)
CONFIRMING_RE = _alternation(CONFIRMING)
DEBUNKING_RE = _alternation(DEBUNKING)
COUNTER_RE = _alternation(COUNTER_ACCUSATION)


def stem(word: str) -> str:
    """A crude suffix stripper: enough to meet "shelled" with "shelling", not a lemmatiser."""
    word = word.split("'")[0]
    for suffix, replacement in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def content_stems(text: str) -> list[str]:
    """Stems of the words of ``text`` that carry content, in order."""
    words = TOKEN.findall(text.lower())
    return [stem(w) for w in words if w not in STOPWORDS and len(w) > 1]


def count_cues(pattern: re.Pattern[str], text: str, *, negatable: bool = True) -> int:
    """Matches of ``pattern`` in ``text``, skipping those a negator just before cancels."""
    found = 0
    for match in pattern.finditer(text):
        if negatable and NEGATORS.search(text[max(0, match.start() - 24) : match.start()]):
            continue
        found += 1
    return found


def refuting_score(text: str) -> int:
    """Strong refuting cues count 2, weak ones 1; negated ones not at all."""
    return 2 * count_cues(STRONG_RE, text) + count_cues(WEAK_RE, text)


def hedging_score(text: str) -> int:
    return count_cues(HEDGING_RE, text, negatable=False) + len(MODAL_MAY.findall(text))
