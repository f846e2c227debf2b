"""Where and when the act happened: the place and day attached to the act, not to the speech.

A statement names several places and days, and only some of them say where and when the act
it alleges happened. Each place and time expression is given a role, from the parse and the
words around it (``taxonomy/violations/anchors.yaml``):

* **act**: attached to a harmful act, through the phrases it heads ("struck a school in
  Kramatorsk", "residents of Sloviansk were detained", "detained on 3 April");
* **statement**: attached to the verb of speech ("the governor said on Tuesday", "in a
  statement on 12 April"), to the speaker ("officials in Kyiv said", "the governor of
  Kharkiv"), or in the report's dateline ("KYIV, April 12 (Reuters) -"): when and where it
  was said;
* **home**: in the phrase of a speaker who is named by where they live ("a resident of
  Lyman said"): that place, not the statement's own, may place the act;
* **origin** or **direction**: where fire came from or which way it went ("fired from
  Izium", "from the direction of Izium", "towards Izium");
* **plain**: named in the statement, attached to neither.

The act's place is the first place of the content attached to the act, else the first plain
one, else the last place named before the content that is neither origin, direction nor
statement (a speaker's home may be); never one of those. The act's day is the first time
attached to the act, else the first in the act's sentence, else the first in the content,
never one that dates the statement or lies in the dateline; with none, the day is unknown
(a publication date never stands in for it). Every rule reads the same whoever speaks or is accused.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from spacy.tokens import Doc, Token

from corroborate.extract.attribution.outlets import dateline_span
from corroborate.extract.attribution.shapes import ADDRESSEE
from corroborate.extract.facts.acts import EXTENSION, read
from corroborate.extract.facts.times import event_time
from corroborate.extract.lexicon import CUE_FORMS
from corroborate.extract.spans import text_of
from corroborate.model import Place, Span, TimeRef
from corroborate.taxonomy.harm import anchor_words
from corroborate.taxonomy.words import word_set

Role = Literal["act", "statement", "home", "origin", "direction", "plain"]
ELSEWHERE: frozenset[Role] = frozenset({"statement", "origin", "direction"})
ACCORDING = frozenset({"according"})
# a phrase that hangs on a verb of speech by one of these is (in) what was said, not the speech
CLAUSAL = word_set("grammar", "clausal_relations")
SAID = word_set("grammar", "said_relations")  # what a verb of speech says
MAX_WALK = 12  # phrases a walk goes up over before it gives up


def act_place(
    doc: Doc,
    places: Sequence[Place],
    content: Span,
    speaker: Span | None = None,
) -> Place | None:
    """The place of the act a content alleges (see the module's rules), or None."""
    dateline = dateline_span(text_of(doc))
    roles = [(p, place_role(doc, p, speaker, dateline)) for p in places if p.span]
    inside = [(p, r) for p, r in roles if p.span and content.start <= p.span.start < content.end]
    for wanted in ("act", "plain"):
        found = next((p for p, r in inside if r == wanted), None)
        if found is not None:
            return found
    before = [p for p, r in roles if p.span and p.span.start < content.start and r not in ELSEWHERE]
    return before[-1] if before else None


def place_role(
    doc: Doc,
    place: Place,
    speaker: Span | None = None,
    dateline: tuple[int, int] | None = None,
) -> Role:
    """What a named place is to the statement around it."""
    span = place.span
    if span is None:
        return "plain"
    read(doc)  # the acts marked on their tokens
    if dateline is not None and dateline[0] <= span.start < dateline[1]:
        return "statement"
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return "plain"
    if speaker is not None and speaker.start <= span.start < speaker.end:
        phrase = doc.char_span(speaker.start, speaker.end, alignment_mode="expand")
        return "home" if phrase is not None and _resident(phrase.root) else "statement"
    way = _way(doc, tokens[0].i)
    if way is not None:
        return way
    role, speaking = _attached(tokens.root)
    return "home" if role == "statement" and _resident(speaking) else role


def time_role(doc: Doc, time: TimeRef, dateline: tuple[int, int] | None = None) -> Role:
    """What a time expression is to the statement around it: the act's, the statement's
    (when it was said), or plain."""
    span = time.span
    read(doc)  # the acts marked on their tokens
    if dateline is not None and dateline[0] <= span.start < dateline[1]:
        return "statement"
    tokens = doc.char_span(span.start, span.end, alignment_mode="expand")
    if tokens is None or len(tokens) == 0:
        return "plain"
    return _attached(tokens.root)[0]


def act_time(
    doc: Doc,
    times: Sequence[TimeRef],
    sentence: Span | None,
    published: str | None,
) -> TimeRef | None:
    """The act's own day (see the module's rules), or None when the statement gives none."""
    dateline = dateline_span(text_of(doc))
    roles = [(t, time_role(doc, t, dateline)) for t in times]
    kept = [t for t, r in roles if r != "statement"]
    attached = [t for t, r in roles if r == "act"]
    if attached:
        # an act's own time still gives way to none but background (event_time drops those)
        chosen = event_time(attached, None, published)
        if chosen is not None:
            return chosen
    return event_time(kept, sentence, published)


def _attached(token: Token) -> tuple[Role, Token]:
    """Walk up from a name or a day over the phrases it heads to the clause it belongs to:
    an act on the way makes it the act's; a verb of speech, or "according to", the
    statement's; any other verb, neither. With the role, the last phrase passed on the way
    (for a statement's, the speaker it names, where it names one)."""
    current = token
    for _ in range(MAX_WALK):
        if current.lower_ in ACCORDING or any(c.lower_ in ACCORDING for c in current.children):
            return "statement", current
        head = current.head
        if head.i == current.i:
            return "plain", current
        if head._.get(EXTENSION) is not None:
            return "act", current
        if _speech(head):
            said = current.dep_ not in CLAUSAL and not _past_what_was_said(token, head)
            return ("statement" if said else "plain"), current
        if _verbal(head):
            return "plain", current
        current = head
    return "plain", current


def _resident(token: Token) -> bool:
    """Whether a speaker phrase's head names someone by where they live ("a resident")."""
    return token.lower_ in anchor_words().residents


def _past_what_was_said(token: Token, verb: Token) -> bool:
    """Whether ``token`` comes after what the verb of speech says, so that a parse hanging it
    on the verb is read as part of what was said ("denied firing rockets at Kramatorsk two
    days ago"), not of the speech ("denied on Thursday that …", "said on Tuesday")."""
    addressed = CUE_FORMS.get(verb.lower_) in ADDRESSEE  # "told reporters": whom, not what
    said = [
        c
        for c in verb.children
        if verb.i < c.i < token.i
        and c.dep_ in SAID
        and not (addressed and c.dep_ in ("obj", "dobj", "iobj"))
    ]
    return bool(said)


def _speech(token: Token) -> bool:
    """A verb of speech, also where the tagger took it for an adjective ("the ministry on
    Thursday denied …", "denied" tagged JJ) but it has a subject."""
    if token.lower_ not in CUE_FORMS:
        return False
    return _verbal(token) or any(c.dep_ in ("nsubj", "nsubj:pass") for c in token.children)


def _verbal(token: Token) -> bool:
    return token.tag_.startswith("VB") or token.pos_ in ("VERB", "AUX")


def _way(doc: Doc, first: int) -> Role | None:
    """ "origin" or "direction" when the words before a name, read back over its phrase
    ("from positions north-east of", "in the direction of", "towards"), say the act came
    from or went that way; None otherwise."""
    words = anchor_words()
    sentence_start = doc[first].sent.start
    i = first - 1
    crossed: list[str] = []
    while i >= sentence_start:
        lower = doc[i].lower_
        if lower in words.direction:
            return "direction"
        if lower in words.origin:
            fired = i > sentence_start and doc[i - 1].lower_ in words.fire
            if fired or any(w in words.origin_nouns for w in crossed):
                return "origin"
            if any(w in words.direction_nouns for w in crossed):
                return "direction"
            return None
        if lower in words.direction_nouns or lower in words.origin_nouns:
            crossed.append(lower)
        elif _two_words(doc, i) in words.origin_nouns:
            crossed.append(_two_words(doc, i))
            i -= 1
        elif lower not in words.phrase:
            break
        i -= 1
    if any(w in words.direction_nouns for w in crossed):
        return "direction"  # "in the direction of Izium"
    return None


def _two_words(doc: Doc, i: int) -> str:
    return f"{doc[i - 1].lower_} {doc[i].lower_}" if i > 0 else doc[i].lower_
