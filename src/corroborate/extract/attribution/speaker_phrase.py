"""Where a speaker phrase begins and ends: the lead-ins, dates and asides around a name.

The tagger, the parse and the rules each find a speaker phrase; all go through
``trimmed_source`` so that "On 12 April 2022 Colonel General Dobrynets", "But the mayor" and
"The foreign minister, like the president" come out as the speaker alone, and
``with_quantifier`` gives back the "Not" of "Not every resident", which names a different
speaker from "every resident".
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from corroborate.extract.attribution.cues import NOT_NAMES, WEEKDAYS
from corroborate.extract.spans import text_of
from corroborate.model import Span
from corroborate.taxonomy.words import word_list, word_set

OPENING_TAGS = word_set("grammar", "opening_tags")

LEAD_IN_TAGS = word_set("grammar", "lead_in_tags")


PARTS_OF_DAY = frozenset({"morning", "afternoon", "evening", "night"})
TIME_NOUNS = PARTS_OF_DAY | {"week", "weekend", "month", "year"}
TIME_DETERMINERS = word_set("function", "time_determiners")


def _trailing_time(tokens: list[Token]) -> int:
    """How many tokens at the end say when the speaker spoke, not who: "The committee | this
    week", "The ministry | on Monday", "The mayor | Thursday night", "The prosecutor | this"
    (the tagger stopped inside the time). The time hangs on a word outside the phrase; "a poll
    released Monday" (the poll's date) and "…, who spoke to him on Monday" keep theirs."""
    if not tokens:
        return 0
    inside = {t.i for t in tokens}
    n, last = len(tokens), tokens[-1]
    cut = 0
    if n > 2 and last.text in TIME_NOUNS and tokens[-2].lower_ in TIME_DETERMINERS | WEEKDAYS:
        cut = 2
    elif n > 1 and last.lower_ in WEEKDAYS | TIME_DETERMINERS:
        cut = 1
    if not cut or last.head.i in inside or tokens[-cut - 1].tag_ in ("VBN", "VBG"):
        return 0
    return cut


def _without_trailing_aside(tokens: list[Token]) -> list[Token]:
    """The phrase without a comparison or an action of the speaker that a comma adds to it:
    "The foreign minister | , like the president"; "Mr. Hnatyuk | , standing at the memorial".
    A list ("Bilyk, Savchuk and Tkachuk") and a description ("Halyna Shevchuk, a former aide
    to …") stay."""
    commas = [n for n, t in enumerate(tokens) if t.text == "," and 0 < n < len(tokens) - 1]
    if not commas:
        return tokens
    tail = tokens[commas[-1] + 1 :]
    if tail[0].lower_ == "like":
        return tokens[: commas[-1]]
    inside, heads = {t.i for t in tokens}, {t.i for t in tail}
    roots = [t for t in tokens if t.head.i not in inside or t.head.i == t.i]
    tops = [t for t in tail if t.head.i not in heads]
    if len(roots) == len(tops) == 1 and tops[0].head == roots[0] and tops[0].tag_ == "VBG":
        return tokens[: commas[-1]]
    return tokens


def _closes(tokens: list[Token]) -> bool:
    """Whether the last token is a bracket that closes one opened in the phrase."""
    return tokens[-1].text == ")" and sum(t.text == "(" for t in tokens) == sum(
        t.text == ")" for t in tokens
    )


def _stranded(token: Token, tokens: list[Token]) -> bool:
    """A preposition or conjunction whose word went with the lead-ins or the date."""
    return token.dep_ in ("case", "cc", "mark") and all(t.i != token.head.i for t in tokens)


def trimmed_source(doc: Doc, source: Span) -> Span | None:
    """A speaker phrase (the rules', the parse's or the tagger's) without what leads into
    the sentence: "On 12 April 2022 Colonel General Dobrynets" -> "Colonel General
    Dobrynets", "In a statement, the ministry" -> "the ministry", "But the mayor" -> "the
    mayor", "# Coalition" -> "Coalition". A relative clause stays: it is part of the phrase
    (the name and role are read without it, ``spans.without_relative_clause``)."""
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
    if tokens and tokens[0].tag_ in OPENING_TAGS:  # "In a statement, …"
        commas = [n for n, t in enumerate(tokens) if t.text == ","]
        if commas and commas[0] < len(tokens) - 1:
            tokens = tokens[commas[0] + 1 :]
    dash = next((n for n, t in enumerate(tokens[:4]) if t.text in ("-", "—", "–")), None)
    if dash and all(t.text.isupper() or t.text == "," for t in tokens[:dash]):
        tokens = tokens[dash + 1 :]  # a dateline: "BRUSSELS - European leaders"
    while tokens and _leads_in(tokens):
        tokens = tokens[1:]
    if cut := _trailing_time(tokens):
        tokens = tokens[:-cut]
    tokens = _without_trailing_aside(tokens)
    opened = next((n for n, t in enumerate(tokens) if t.text == "("), None)
    after = tokens[-1].i + 1 if tokens else 0
    if opened and not any(t.text == ")" for t in tokens[opened:]):
        if after < len(doc) and doc[after].text == ")":  # "… (a monitoring group), tweeted"
            tokens = [*tokens, doc[after]]
        else:  # "The Coalition side (Dobrynets, via Novy Vestnik) says"
            tokens = tokens[:opened]
    while tokens and (
        (not any(ch.isalnum() for ch in tokens[-1].text) and not _closes(tokens))
        or (len(tokens) > 1 and _stranded(tokens[-1], tokens))
        or (len(tokens) > 1 and tokens[-1].tag_ == "POS")  # "Mr. Tkachenko|'s record"
    ):
        tokens = tokens[:-1]  # "The General Staff on [Wednesday]": the date went, so goes "on"
    if not tokens:
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    return Span(start, end, text_of(doc)[start:end])


QUANTIFIER_BEFORE = re.compile(r"(?:(?<![\w-])(?:[Nn]ot|[Aa]t (?:least|most)))\s+$")
QUANTIFIED = re.compile(r"(?:everyone|everybody|all|every|many|one|two|three|a few|\d)\b", re.I)


def with_quantifier(text: str, source: Span) -> Span:
    """The speaker with the "Not" or "At least" before a count that the tagger left out:
    "Not every resident", "At least one councillor" (a different speaker from "every
    resident")."""
    before = QUANTIFIER_BEFORE.search(text, max(0, source.start - 12), source.start)
    if before is None or not QUANTIFIED.match(source.text):
        return source
    return Span(before.start(), source.end, text[before.start() : source.end])


QUANTIFYING = frozenset(
    {("not", w) for w in word_list("people", "negated_quantifiers")}
    | {("at", "least"), ("at", "most")}
)


def _leads_in(tokens: list[Token]) -> bool:
    """Whether the first token leads into the phrase rather than naming the speaker. A word
    that modifies the speaker's own head is no lead-in: "At least one observer", "Only 31
    percent", "Nearly all monitors" (but "In a statement, the ministry", "But the mayor")."""
    first, rest = tokens[0], tokens[1:]
    if rest and (first.lower_, rest[0].lower_) in QUANTIFYING:  # "Not every", "At least"
        return False
    if first.tag_ == "CD":  # a date ("12 April", "2022"), never a count ("Two officials")
        year = len(first.text) == 4 and first.text.isdigit()
        return year or (bool(rest) and (rest[0].lower_ in NOT_NAMES or rest[0].tag_ == "CD"))
    if first.tag_ == "IN" and rest and (rest[0].tag_ == "CD" or rest[0].lower_ in NOT_NAMES):
        return True  # a date, however the parse attached it: "On 12 April 2022 Colonel …"
    if first.tag_ in ("IN", "RB") and rest and _top(first, tokens) == _top(tokens[-1], tokens):
        return False
    if first.text in PARTS_OF_DAY and rest:  # "[On Thursday] evening Governor Hnatyuk"
        return True
    return (
        first.tag_ in LEAD_IN_TAGS
        or first.lower_ in NOT_NAMES
        or not any(ch.isalnum() for ch in first.text)
    )


def _top(token: Token, tokens: list[Token]) -> int:
    """The index of the highest ancestor of ``token`` (itself included) inside ``tokens``."""
    inside = {t.i for t in tokens}
    while token.head.i in inside and token.head.i != token.i:
        token = token.head
    return int(token.i)
