"""Quotation-first attributions, found from the text's punctuation rather than the parse:

    “The convoy will leave at dawn,” Governor Taras Hnatyuk told the volunteers.
    “Nobody has checked the cellars,” said Kramatorsk councillor Iryna Bilyk.

Parsers often break such sentences at the closing quotation mark, losing the link between
the quotation and its speaker; the pattern is regular enough to read directly.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence

from corroborate.extract.attribution.cues import RawAttribution
from corroborate.extract.lexicon import CUE_FORMS
from corroborate.extract.spans import overlaps, within
from corroborate.model import Span
from corroborate.taxonomy.words import word_set

VERBS = sorted(
    (
        f
        for f, lemma in CUE_FORMS.items()
        if (f.endswith(("ed", "s", "d", "t")) and f != lemma) or f in ("said", "told")
    ),
    key=len,
    reverse=True,
)
VERB = r"(?P<cue>" + "|".join(re.escape(v) for v in VERBS) + r")"
QUOTE = re.compile(r"[“\"](?P<inner>[^“”\"\n]{8,600}?)[,?!]?[”\"]")
SPEAKER = r"(?P<speaker>(?:[A-Z][\w.'’-]*|he|she|they|the|a|an)(?:[ ,]+[\w.'’-]+){0,10}?)"
# what may follow a closing quotation mark: "… ,” Name said" or "… ,” said Name."
AFTER = re.compile(r",?\s+" + SPEAKER + r",?\s+" + VERB + r"\b")
INVERTED = re.compile(
    r",?\s+" + VERB + r"\s+" + SPEAKER + r"(?=[.,;]|\s+(?:on|in|at|as|who|after|before|during)\b)"
)
# "Governor Hnatyuk: The Bridge Will Open By Spring" (headline) and "… — Name (@handle)" (tweet)
HEADLINE = re.compile(
    r"^[\"“]?(?P<speaker>[A-Z][\w.'’&-]*(?: (?:[A-Z][\w.'’&-]*|at|on|of|the|in)){0,6})"
    r"(?P<cue>:)[ \t]+(?P<inner>[^\n]{8,}?)[ \t]*$",
    re.MULTILINE,
)
# "“…” ― Oksana Lysenko", "… ―\xa0Mykola V. Tkachuk": a quotation signed with a dash and a name
SIGNATURE = r"(?P<cue>[―—])\s*(?P<speaker>[A-Z][\w'’-]+(?:[ \xa0]+(?:[A-Z]\.|[A-Z][\w'’-]*)){1,3})"
SIGNED = re.compile(r"\s*" + SIGNATURE + r"(?=[\s.,]|$)")
# the same after a whole paragraph in quotation marks, however long, whichever way its
# opening mark is turned ("”Silence. We waited in the cellar …” ― Name")
SIGNED_PARAGRAPH = re.compile(r"(?P<close>[”\"])[ \t\xa0]*" + SIGNATURE + r"(?=[\s.,]|$)")
OPENERS = '“”"‘'
PARAGRAPH = 3000  # characters: the longest signed paragraph read
# after “A,” he said: the next quotation opening, and where a quotation closes
OPENING = re.compile(r"[^“”\"\n]{0,60}?[.,:;]\s+[“\"]")
CLOSING = re.compile(r"[”\"\n]")
TWEET = re.compile(r"[ \t]+(?P<cue>—)[ \t]+(?P<speaker>[A-Z][\w .'’-]{1,60}\(@\w+\))")
NOT_SPEAKERS = word_set("people", "not_speaker_labels")
# (field labels and rubrics that precede a colon)
TAIL = 200  # how far after a quotation its speaker and cue may stand

Found = tuple[Span | None, Span | None, Span]  # speaker, content, cue


def quotation_attributions(
    text: str, taken: Iterable[Span], sentence_starts: Sequence[int]
) -> list[RawAttribution]:
    """Attributions of quotations that precede their cue, skipping already covered ones.

    Each pattern is anchored where it can start (after a closing quotation mark, at a line
    start, at a dash before a handle), so the cost stays linear in the text's length."""
    covered = list(taken)
    found = []
    found_by = (*_signed_paragraphs(text), *_quoted(text), *_headlines(text), *_tweets(text))
    for speaker, content, cue in found_by:
        raw = _raw(text, speaker, content, cue, sentence_starts)
        if raw and not any(
            overlaps(raw.content, c) and (c == raw.content or not within(c, raw.content))
            for c in covered
        ):  # a statement inside the quotation ("… the governor said …”) is reported in it
            covered.append(raw.content)
            found.append(raw)
    return found


def _quoted(text: str) -> list[Found]:
    found = []
    for quote in QUOTE.finditer(text):
        for tail in (AFTER, INVERTED, SIGNED):
            match = tail.match(text, quote.end(), quote.end() + TAIL)
            if match:
                content = _span(text, quote.start("inner"), quote.end("inner"))
                found.append((_group(text, match, "speaker"), content, _cue(match)))
                break
    return found


def _signed_paragraphs(text: str) -> list[Found]:
    """Paragraphs that are one quotation, signed after the closing mark with a dash and a
    name: a reader's or witness's words in a collection of them."""
    found: list[Found] = []
    for match in SIGNED_PARAGRAPH.finditer(text):
        close = match.start("close")
        start = text.rfind("\n", 0, close) + 1
        while start < close and text[start] in " \t\xa0":
            start += 1
        if close - start > PARAGRAPH or start >= close or text[start] not in OPENERS:
            continue
        content = _span(text, start + 1, close)
        if content is not None:
            found.append((_group(text, match, "speaker"), content, _cue(match)))
    return found


def _headlines(text: str) -> list[Found]:
    return [
        (_group(text, m, "speaker"), _group(text, m, "inner"), _cue(m))
        for m in HEADLINE.finditer(text)
    ]


def _tweets(text: str) -> list[Found]:
    found = []
    for match in TWEET.finditer(text):
        start = max(text.rfind("\n", 0, match.start()) + 1, match.start() - 600)
        found.append(
            (_group(text, match, "speaker"), _span(text, start, match.start()), _cue(match))
        )
    return found


def _group(text: str, match: re.Match[str], name: str) -> Span | None:
    return _span(text, match.start(name), match.end(name))


def _cue(match: re.Match[str]) -> Span:
    return Span(match.start("cue"), match.end("cue"), match.group("cue"))


def _raw(
    text: str, speaker: Span | None, content: Span | None, cue: Span, sentence_starts: Sequence[int]
) -> RawAttribution | None:
    if speaker is None or content is None or speaker.text.lower() in NOT_SPEAKERS:
        return None
    number = max(0, bisect.bisect_right(sentence_starts, cue.start) - 1)
    lemma = CUE_FORMS.get(cue.text.lower(), "say")
    direct = cue.text != ":" or content.text[:1] in "“‘\"'"
    return RawAttribution(speaker, -1, cue, content, direct, lemma, number)


def _span(text: str, start: int, end: int) -> Span | None:
    while start < end and text[start] in " ,\t":
        start += 1
    while end > start and text[end - 1] in " ,.\t":
        end -= 1
    return Span(start, end, text[start:end]) if end > start else None


def quotation_continuations(text: str, raws: Sequence[RawAttribution]) -> list[RawAttribution]:
    """A quotation that goes on after its cue: in “A,” he said. “B.” the second quotation is
    the same speaker's statement continued. Returned with an empty lemma (a continuation:
    no cue of its own), where no other attribution covers it."""
    covered = [r.content for r in raws]
    found = []
    for raw in raws:
        if not raw.direct or raw.content.end > raw.cue.start:
            continue
        after = max(raw.cue.end, raw.speaker.end)
        opening = OPENING.match(text, after)
        if opening is None:
            continue
        start = opening.end()
        close = CLOSING.search(text, start, start + 1500)
        if close is None or close.group() == "\n":
            continue
        content = _span(text, start, close.start())
        if content is None or any(overlaps(content, c) for c in covered):
            continue
        covered.append(content)
        found.append(
            RawAttribution(raw.speaker, raw.speaker_head, raw.cue, content, True, "", raw.sentence)
        )
    return found
