"""Find attributions in a parsed document: who (speaker) says what (content) through which cue.

Three patterns, tried per sentence, written against Universal Dependencies labels (the
bundled model) with the ClearNLP equivalents (spaCy's English models) alongside. Their
grammatical shapes with an id (``according-to``, ``clause-introduced``, ``subject-speaker``,
``passive-agent``) are spaCy patterns in ``taxonomy/attribution/shapes.yaml`` (``patterns``):

* a speech verb with a subject and a complement clause: "Mizintsev stated that …"
* a parenthetical speech verb: "… , sources said." / "“…,” he added."
* "according to X, …" and "…, according to X"

The result is raw mentions; ``speakers`` resolves who they are and ``outlets`` the chain.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as Sentence

from corroborate.extract.attribution.patterns import first_by_anchor, starts
from corroborate.extract.attribution.patterns import found as shape_matches
from corroborate.extract.attribution.shapes import (
    ADDRESSEE,
    AUX,
    LISTED_FORMS,
    MAX_SPEAKER,
    OBJECT_FORMS,
    has_case,
    misparsed_clause,
    object_content,
    pobj,
    subject_before,
)
from corroborate.extract.lexicon import CUE_FORMS, NEEDS_CLAUSE, OBJECT_CONTENT
from corroborate.extract.models.cue_model import CueModel, load_cue_model
from corroborate.extract.rules import enabled
from corroborate.extract.spans import (
    contiguous,
    in_quotes,
    overlaps,
    subtree,
    text_of,
    tokens_span,
)
from corroborate.model import Span
from corroborate.taxonomy.denial import DENIAL_VERBS
from corroborate.taxonomy.words import word_set

SUBJECT_MODIFIERS = word_set("grammar", "subject_modifiers")

SUBJECT = {"nsubj", "nsubj:pass", "nsubjpass", "csubj"}
PASSIVE_SUBJECT = {"nsubj:pass", "nsubjpass"}
CLAUSE = {"ccomp", "xcomp", "csubj"}
CONCESSIVE = word_set("function", "concessive")
WEEKDAYS = word_set("numbers", "weekdays")
NOT_NAMES = WEEKDAYS | word_set("numbers", "months")
EMBEDDED = word_set("grammar", "embedded_relations")


@dataclass(frozen=True, slots=True)
class RawAttribution:
    speaker: Span
    speaker_head: int
    cue: Span
    content: Span
    direct: bool
    lemma: str
    sentence: int
    learned: bool = False  # the cue is outside the lexicon: the cue model took it for one


def find_attributions(doc: Doc) -> list[RawAttribution]:
    """Every attribution found in ``doc``, in text order."""
    found: list[RawAttribution] = []
    model = load_cue_model()
    for number, sentence in enumerate(doc.sents):
        found.extend(_according_to(doc, sentence, number))
        for token in sentence:
            raw = _verb_cue(doc, sentence, number, token, model)
            if raw is not None:
                found.append(raw)
    return sorted(found, key=lambda a: a.cue.start)


def _is_cue(token: Token) -> bool:
    """A speech verb, or one of its forms mis-tagged as a noun or adjective ("Governor Says …",
    "the ministry denied firing …") that still governs a subject and a clause or object."""
    if CUE_FORMS.get(token.lower_) is None or (
        token.dep_ in ("acl", "amod") and not misparsed_clause(token)
    ):
        return False  # a participle modifying a noun ("people found with …") reports nothing
    if token.tag_.startswith("VB") or token.pos_ == "VERB":
        return True
    deps = {child.dep_ for child in token.children}
    return bool(deps & {"nsubj"}) and bool(deps & (CLAUSE | {"obj"}))


def _verb_cue(  # a listed speech verb, or a verb the cue model takes for a cue
    doc: Doc, sentence: Sentence, number: int, cue: Token, model: CueModel
) -> RawAttribution | None:
    listed = _is_cue(cue)
    learned = (
        not listed
        and enabled("learned-cues")
        and cue.tag_.startswith("VB")
        and (cue.dep_ not in ("acl", "amod") or misparsed_clause(cue))
        and model.is_cue(cue)
    )
    if not listed and not learned:
        return None
    lemma = CUE_FORMS.get(cue.lower_, cue.lower_)
    subject = _subject(cue) or _subject_before(cue)
    if learned:  # only a clause the cue governs: "forces launched an attack" reports nothing
        content_tokens = _clause_content(cue, subject)
    else:
        content_tokens = (
            _clause_content(cue, subject) or _denied_object(cue, lemma) or _content(cue, subject)
        )
    extra: list[Token] = []
    clause = cue.i in starts(doc, "clause-introduced")
    if lemma in NEEDS_CLAUSE and not clause:
        if lemma not in OBJECT_FORMS or not enabled("object-content"):
            return None  # "found that …" — never a bare "found"
        content_tokens, extra = object_content(cue, OBJECT_FORMS[lemma])
    elif not content_tokens and not learned and enabled("object-content"):
        forms = LISTED_FORMS if lemma in ADDRESSEE else None
        content_tokens, extra = object_content(cue, forms)
    if subject is None or not content_tokens:
        return None
    speaker_tokens = _speaker_tokens(subject)
    raw = _build(doc, sentence, number, cue, lemma, speaker_tokens, subject, content_tokens, extra)
    return replace(raw, learned=True) if raw is not None and learned else raw


def _subject_before(cue: Token) -> Token | None:
    return subject_before(cue) if enabled("subject-before") else None


def _subject(cue: Token) -> Token | None:
    """The speaker: the cue's subject, the agent of a passive, or a coordinated verb's subject."""
    doc = cue.doc
    # whitespace between paragraphs is a token too, and the parser may hang it anywhere
    subject = first_by_anchor(doc, "subject-speaker").get(cue.i)
    if subject is not None:
        return doc[subject]
    agent = first_by_anchor(doc, "passive-agent").get(cue.i)
    if agent is not None and _passive(cue):  # "was reported by TASS": the agent speaks
        return pobj(doc[agent])
    if misparsed_clause(cue):
        return cue.head
    if cue.dep_ in ("conj", "advcl", "xcomp") and cue.head.i != cue.i:
        return _subject(cue.head)  # "…, saying that …" and "… and added that …"
    return None


def _passive(cue: Token) -> bool:
    """A passive cue ("was reported by") or a bare participle ("a claim reported by", "as
    reported by"); not a perfect ("had not commented by Wednesday morning")."""
    auxiliaries = {c.dep_ for c in cue.children} & {"aux", "aux:pass", "auxpass"}
    return bool(auxiliaries - {"aux"}) or (cue.tag_ == "VBN" and not auxiliaries)


def _clause_content(cue: Token, subject: Token | None) -> list[Token]:
    for child in cue.children:
        if child.dep_ in CLAUSE and child.i != (subject.i if subject else -1):
            if child.n_lefts + child.n_rights == 0:
                continue  # a lone word is no statement: "those who write the truth disappear"
            return contiguous(subtree(child, without=_appended(child)), child)
    return []


def _content(cue: Token, subject: Token | None) -> list[Token]:
    clause = _clause_content(cue, subject)
    if clause:
        return clause
    for child in cue.children:  # "This claim was reported by TASS"
        if child.dep_ in PASSIVE_SUBJECT:
            return subtree(child)
    if (
        cue.dep_ in EMBEDDED
        and cue.head.i != cue.i
        and cue.head.i not in {t.i for t in cue.subtree}
    ):
        host = cue.head
        if host.i > cue.i and cue.dep_ == "conj":
            return []
        return contiguous(subtree(host, without=[cue]), host)
    return []


def _appended(clause: Token) -> list[Token]:
    """Clauses tacked on after a comma that are the writer's, not the speaker's:
    "…, even as he has faulted the council for …", "…, but agreed that …", "…, and voters
    backed …"."""
    found = []
    for child in clause.children:
        if child.i <= clause.i or child.i - 1 < 0:
            continue
        after_comma = any(t.text == "," for t in clause.doc[clause.i : child.left_edge.i])
        own_subject = any(c.dep_ in SUBJECT for c in child.children)
        if child.dep_ == "parataxis" or (
            after_comma
            and (
                (child.dep_ == "conj" and own_subject)
                or (child.dep_ == "advcl" and any(m.lower_ in CONCESSIVE for m in child.children))
            )
        ):
            found.append(child)
    return found


def _denied_object(cue: Token, lemma: str) -> list[Token]:
    """What a denial or an evaluative verb is about may be a noun phrase: "rejected the
    claim that …", "condemned the shelling of the hospital"."""
    if lemma not in DENIAL_VERBS and lemma not in OBJECT_CONTENT:
        return []
    for child in cue.children:
        if child.dep_ in ("obj", "dobj"):
            return subtree(child)
    return []


def speaker_of(cue: Token) -> Span | None:
    """The speaker phrase of a cue found otherwise (by the tagger), from the parse: its
    subject, the agent of a passive, or the noun phrase right before it."""
    subject = _subject(cue) or _subject_before(cue)
    return tokens_span(cue.doc, _speaker_tokens(subject)) if subject is not None else None


def _speaker_tokens(subject: Token) -> list[Token]:
    """The subject's noun phrase: no relative clause or time phrase, no leading "by", and
    never past a verb or ``MAX_SPEAKER`` tokens."""
    relative = {
        t.i
        for child in subject.children
        if child.dep_ in SUBJECT_MODIFIERS
        or (child.dep_ in ("nmod", "prep") and has_case(child, "on") and child.i > subject.i)
        for t in child.subtree
    }
    relative |= {c.i for c in subject.children if c.dep_ in ("case", "prep") and c.i < subject.i}
    relative |= {  # a relative clause on an apposition: "Halyna Shevchuk, an aide who …"
        t.i
        for inner in subject.subtree
        if inner.dep_ in ("acl:relcl", "relcl") and inner.i > subject.i
        for t in inner.subtree
    }
    tokens = contiguous([t for t in subject.subtree if t.i not in relative], subject)
    start = next((n for n, t in enumerate(tokens) if t.i == subject.i), 0)
    end = start + 1
    while end < len(tokens) and not tokens[end].tag_.startswith("VB") and end - start < MAX_SPEAKER:
        end += 1
    begin = start
    while begin > 0 and not tokens[begin - 1].tag_.startswith("VB") and end - begin < MAX_SPEAKER:
        begin -= 1
    return _with_name_prefix(tokens[begin:end])


def _with_name_prefix(tokens: list[Token]) -> list[Token]:
    """Proper nouns right before the phrase belong to it ("Colonel Iryna | Halchenko said"),
    whatever the parser attached them to."""
    if not tokens or tokens[0].tag_ not in ("NNP", "NNPS") or tokens[0].lower_ in NOT_NAMES:
        return tokens
    doc, first = tokens[0].doc, tokens[0].i
    extra: list[Token] = []
    while first - len(extra) - 1 >= 0:  # a misplaced sentence break may split a name
        previous = doc[first - len(extra) - 1]
        if previous.tag_ not in ("NNP", "NNPS") or previous.lower_ in NOT_NAMES or len(extra) >= 6:
            break
        extra.append(previous)
    return [*reversed(extra), *tokens]


def _build(
    doc: Doc,
    sentence: Sentence,
    number: int,
    cue: Token,
    lemma: str,
    speaker_tokens: list[Token],
    subject: Token,
    content_tokens: list[Token],
    extra: Sequence[Token] = (),
) -> RawAttribution | None:
    cue_tokens = [
        cue,
        *[c for c in cue.children if c.dep_ in AUX and c.i < cue.i and cue.i - c.i <= 3],
        *[c for c in cue.children if c.dep_ in ("compound:prt", "prt") and c.i == cue.i + 1],
        *extra,
    ]
    cue_tokens = contiguous(sorted(cue_tokens, key=lambda t: t.i), cue)
    speaker = tokens_span(doc, speaker_tokens)
    content = tokens_span(doc, content_tokens, keep_quotes=True)
    cue_span = tokens_span(doc, cue_tokens)
    if speaker is None or content is None or cue_span is None:
        return None
    if overlaps(speaker, content) or overlaps(cue_span, content):
        return None
    direct = in_quotes(text_of(doc), sentence.start_char, content.start, content.end)
    if direct:
        content = _whole_quotation(text_of(doc), content, avoid=(speaker, cue_span))
    return RawAttribution(speaker, subject.i, cue_span, content, direct, lemma, number)


def _whole_quotation(text: str, content: Span, *, avoid: tuple[Span, ...]) -> Span:
    """A quoted statement runs to its quotation marks, across sentences within the
    paragraph: “A. B,” he said -> "A. B"."""
    opening = max(text.rfind("“", 0, content.start + 1), text.rfind('"', 0, content.start))
    closing = min(
        (i for i in (text.find("”", content.end - 1), text.find('"', content.end)) if i >= 0),
        default=-1,
    )
    if opening < 0 or closing < 0:
        return content
    start, end = opening + 1, closing
    inner = Span(start, end, text[start:end])
    if "\n\n" in inner.text or any(overlaps(inner, other) for other in avoid) or end - start > 1500:
        return content
    trimmed = inner.text.rstrip(" ,.")
    return Span(start, start + len(trimmed), trimmed) if trimmed else content


def _according_to(doc: Doc, sentence: Sentence, number: int) -> list[RawAttribution]:
    found = []
    opening = {
        s
        for s, e in shape_matches(doc, "according-to")
        if sentence.start <= s and e <= sentence.end
    }
    for token in sentence:
        if token.i not in opening:
            continue
        source = _according_source(doc, sentence, token)
        if not source:
            continue
        phrase = (token.i, source[-1].i)
        rest = [t for t in sentence if not phrase[0] <= t.i <= phrase[1]]
        content_tokens = _side(rest, phrase)
        speaker = tokens_span(doc, source)
        cue = tokens_span(doc, [token, doc[token.i + 1]])
        content = tokens_span(doc, content_tokens, keep_quotes=True)
        if speaker and cue and content:
            direct = in_quotes(text_of(doc), sentence.start_char, content.start, content.end)
            head = max(source, key=lambda t: len(list(t.subtree)))
            found.append(
                RawAttribution(speaker, head.i, cue, content, direct, "according to", number)
            )
    return found


def _according_source(doc: Doc, sentence: Sentence, according: Token) -> list[Token]:
    """The noun phrase after "according to", up to the next comma, verb or clause break."""
    tokens: list[Token] = []
    for token in doc[according.i + 2 : sentence.end]:
        if (token.is_punct and token.text not in ("'", "’", ".", "-")) or (
            token.tag_.startswith("VB") and tokens
        ):
            break
        if token.lower_ in ("that", "which", "who") and tokens:
            break
        tokens.append(token)
    return tokens


def _side(rest: list[Token], phrase: tuple[int, int]) -> list[Token]:
    """Content is what precedes "according to X" if anything does, else what follows."""
    before = [t for t in rest if t.i < phrase[0]]
    after = [t for t in rest if t.i > phrase[1]]
    meaningful = [t for t in before if not t.is_punct]
    return before if len(meaningful) >= 3 else after
