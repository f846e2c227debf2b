"""Small helpers over spaCy tokens: subtrees as character spans, trimming, quotes."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Doc, Token

from corroborate.model import Span
from corroborate.taxonomy.words import word_set

QUOTES = "\"“”„«»‘’'"
TRIM = " \t\n,;:—–-" + QUOTES


def overlaps(a: Span, b: Span) -> bool:
    """Whether two character spans share at least one character."""
    return a.start < b.end and b.start < a.end


def within(span: Span, outer: Span) -> bool:
    """Whether ``span`` lies wholly inside ``outer``."""
    return outer.start <= span.start and span.end <= outer.end


def without_relative_clause(doc: Doc, span: Span) -> Span:
    """The phrase up to its relative clause: "Halyna Shevchuk, an aide | who visited Izium" names
    and describes the speaker in its first part; what the clause says of them is neither."""
    phrase = doc.char_span(span.start, span.end, alignment_mode="expand")
    if phrase is None:
        return span
    inside = {t.i for t in phrase}
    relative = next(
        (t for t in phrase if t.dep_ in ("acl:relcl", "relcl") and t.head.i in inside), None
    )
    if relative is None:
        return span
    kept = [t for t in phrase if t.i < relative.left_edge.i and not t.is_space]
    while kept and not any(ch.isalnum() for ch in kept[-1].text):
        kept.pop()  # "Halyna Shevchuk, an aide,"
    if not kept:
        return span
    start, end = kept[0].idx, kept[-1].idx + len(kept[-1])
    return Span(start, end, text_of(doc)[start:end])


def text_of(doc: Doc) -> str:
    """``doc.text``, computed once per document (spaCy rebuilds it on every access)."""
    cached = doc.user_data.get("corroborate.text")
    if cached is None:
        cached = doc.user_data["corroborate.text"] = doc.text
    return str(cached)


def char_span(doc: Doc, start: int, end: int, *, keep_quotes: bool = False) -> Span | None:
    """A model ``Span`` over ``doc.text[start:end]``, trimmed of edge punctuation and space.

    With ``keep_quotes``, quotation marks stay when they pair up inside the span; a lone
    closing or opening mark (the quotation began in an earlier sentence) is trimmed too."""
    text = text_of(doc)
    start, end = _trim(text, start, end, keep_quotes=keep_quotes)
    if keep_quotes and not _balanced(text[start:end]):
        start, end = _trim(text, start, end, keep_quotes=False)
    elif keep_quotes and text[end : end + 2] in {".”", '."'} and _balanced(text[start : end + 2]):
        end += 2  # a quotation closing after its full stop keeps both
    return Span(start, end, text[start:end]) if end > start else None


def _trim(text: str, start: int, end: int, *, keep_quotes: bool) -> tuple[int, int]:
    chars = TRIM.replace(QUOTES, "") if keep_quotes else TRIM
    while start < end and text[start] in chars:
        start += 1
    while end > start and (text[end - 1] in chars or text[end - 1] == "."):
        end -= 1
    return start, end


def _balanced(text: str) -> bool:
    return text.count("“") == text.count("”") and text.count('"') % 2 == 0


def tokens_span(doc: Doc, tokens: Iterable[Token], *, keep_quotes: bool = False) -> Span | None:
    items = sorted(tokens, key=lambda t: t.i)
    if not items:
        return None
    return char_span(doc, items[0].idx, items[-1].idx + len(items[-1]), keep_quotes=keep_quotes)


def subtree(token: Token, *, without: Iterable[Token] = ()) -> list[Token]:
    """The token's subtree, minus the subtrees of ``without``, kept contiguous from the token."""
    excluded = {t.i for root in without for t in root.subtree}
    return [t for t in token.subtree if t.i not in excluded]


def contiguous(tokens: list[Token], anchor: Token) -> list[Token]:
    """The run of ``tokens`` (sorted by position) that contains ``anchor``, without gaps."""
    positions = {t.i for t in tokens}
    start = end = anchor.i
    while start - 1 in positions:
        start -= 1
    while end + 1 in positions:
        end += 1
    return [t for t in tokens if start <= t.i <= end]


def in_quotes(text: str, sentence_start: int, start: int, end: int) -> bool:
    """Whether most of ``[start, end)`` lies inside quotation marks, scanning from the start
    of its paragraph (a quotation may open sentences before)."""
    quoted = 0
    inside = False
    paragraph = max(text.rfind("\n", 0, sentence_start) + 1, sentence_start - 3000)
    for position in range(paragraph, end):
        char = text[position]
        if char in "“«":
            inside = True
        elif char in "”»":
            inside = False
        elif char == '"':
            inside = not inside
        elif inside and position >= start:
            quoted += 1
    return end > start and quoted / (end - start) > 0.6


RELATIVE = frozenset({"who", "which", "that"})  # relative pronouns that may be a speaker


def antecedent(doc: Doc, who: Token) -> Token | None:
    """The noun a relative pronoun refers back to: the phrase just before it, climbed up
    through appositions and names ("Serhii Lytvak, the police chief, who …" -> Lytvak)."""
    position = who.i - 1
    while position >= 0 and doc[position].is_punct:
        position -= 1
    if position < 0 or not doc[position].tag_.startswith("NN"):
        return None
    noun = doc[position]
    while noun.dep_ in ("appos", "flat", "compound", "flat:name") and noun.head.i != noun.i:
        noun = noun.head
    return noun


PHRASE_INNER = word_set("grammar", "phrase_inner")


def antecedent_phrase(doc: Doc, who: Token) -> Span | None:
    """The phrase a relative pronoun refers back to, as written before it ("The 2019 Mine
    Clearance Accord | , which both sides signed, …"; "Halyna Bondar, 61, of Druzhkivka | ,
    who …")."""
    noun = antecedent(doc, who)
    if noun is None:
        return None
    while noun.dep_ in PHRASE_INNER and noun.head.i < noun.i:  # "One | of the nurses who"
        noun = noun.head
    end = who.i
    while end > noun.i + 1 and doc[end - 1].is_punct:
        end -= 1
    return tokens_span(doc, doc[noun.left_edge.i : end])
