"""3d. A statement's stance toward the allegation of one incident, and which denials answer it.

An incident's allegation is its *charge*: the act (violation types), the places, the event
days and the party accused of it. Every statement is read against the charge of each incident
it touches, never copied from its report to the report's other incidents:

* a **denial** rejects the act ("did not strike", "no units … carried out", "fabricated",
  "staged"); a denial that also blames the other side is a **counter-accusation**;
* the accused side alleging the same act against someone else ("it is the occupiers who
  detain") **counter-accuses**; speaking of its own forces it **supports** only by an
  admission ("acknowledged", "took responsibility"), else it **denies** where the learned
  model (``stance.pair_stance``, FNC-1) reads its words as disagreeing with the charge's own
  words (the first accuser's statement), and is **neutral** otherwise: the model can turn
  such a statement from neutral to a denial, never into support;
* anyone else alleging the same act supports it, unless they name another party as its
  perpetrator: a claim and its counter-claim never both support one charge;
* a denial with no allegation of its own attaches to an incident only if it answers that
  incident's charge: the place it names (or its report names, if only one), the act it
  names, a day not before the event and not long after it, words shared besides the place,
  a denier who is not among those who allege it and not of a party other than the accused;
  of the charges it could answer, it attaches only to those it shares the most words with,
  and to none where those allege no act in common.

Neutrality: the rules compare parties (the speaker's, the accused's, the one blamed), never
name one, so every rule holds with the parties swapped (``tests/link/test_answer.py``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, lru_cache

from corroborate.link.incidents import Weights
from corroborate.link.stance import (
    COUNTER_RE,
    STRONG_RE,
    content_stems,
    count_cues,
    pair_probabilities,
    pair_stance,
)
from corroborate.model import Stance
from corroborate.taxonomy import violations
from corroborate.taxonomy.denial import DENIAL_VERBS, denial_lemma
from corroborate.taxonomy.gazetteer import fold
from corroborate.taxonomy.parties import party_words
from corroborate.taxonomy.registry import registry

# A denial answers events up to this many days before its report (a day's slack for time
# zones) and never one that happened after it was published.
ANSWER_DAYS = 60
SLACK = timedelta(days=1)
SHARED_STEMS = 1  # stems shared with the charge, other than its places, parties and dates
ROOT = 5  # letters of a stem compared
CALENDAR = (
    "january february march april may june july august september october november december"
    " monday tuesday wednesday thursday friday saturday sunday yesterday today"
)

# "did not strike", "never shelled", "were not involved": the act itself is negated ("was
# not a military target" is not: an article starts a noun phrase, not a verb)
NEGATED_ACT = re.compile(
    r"\b(?:never|did not|didn't|do not|don't|does not|doesn't|have not|haven't|has not|"
    r"hasn't|had not|was not|were not|is not|are not)\s+(?:(?!(?:a|an|the)\b)\w+\s+){0,2}?"
    r"(?:target|attack|shell|fire|fired|kill|bomb|strike|struck|use|carr|commit|tortur|detain"
    r"|arrest|harm|abduct|loot|burn|execut|involv|responsib|launch|hit|deport|mistreat)\w*",
    re.I,
)
# "no units of X carried out fire missions", "none of our troops took part"
NO_ONE_ACTED = re.compile(
    r"\b(?:no|none of (?:the|our|its|their))\s+(?:[\w’'-]+\s+){0,6}?(?:carried out|conducted|"
    r"fired|struck|shelled|attacked|targeted|launched|took part|was involved|were involved|"
    r"operated|opened fire)\b",
    re.I,
)
NOTHING_TO_DO = re.compile(
    r"\b(?:nothing to do with|no (?:involvement|part|role) in|not involved|there (?:was|were) "
    r"no (?:strike|attack|shelling|bombing|torture|detention|arrest)s?)\b",
    re.I,
)
# a denial verb inside the content denies a claim, not "access to lawyers"
DENIAL_OF_CLAIM = re.compile(
    r"\b(?:den(?:y|ies|ied|ying)|reject(?:s|ed|ing)?|dismiss(?:es|ed|ing)?|refut(?:e|es|ed|ing))"
    r"\s+(?:that|any|all|the (?:\w+\s+){0,2}?(?:claims?|reports?|allegations?|accusations?|"
    r"charges?|accounts?)|(?:claims?|reports?|allegations?|accusations?|responsibility|"
    r"involvement)|\w+ing)\b",
    re.I,
)
ADMISSION = re.compile(
    r"\b(?:admit(?:s|ted|ting)?|acknowledg\w*|conced\w*|(?:took|takes|take|claimed|claims|"
    r"accepted|accepts|bears?) (?:full )?responsibility)\b",
    re.I,
)
# "it is the occupiers who detain", "the ones who shell": the act pinned on another
TURNED = re.compile(
    r"\b(?:it(?:'s|’s| is| was)|they are|they were) (?:\w+\W+){0,6}?(?:who|that)\b", re.I
)


@dataclass(frozen=True, slots=True)
class Charge:
    """What an incident alleges: the act, where, when, against whom, in whose words."""

    accused: str | None
    types: frozenset[str]
    places: frozenset[str]
    first: date | None = None  # the events' own days, where the reports give them
    last: date | None = None
    told: date | None = None  # the first day one of its reports was published
    stems: frozenset[str] = frozenset()  # ``roots`` of its statements' words
    accusers: frozenset[str] = frozenset()  # ``speaker_keys`` of those who allege it
    claim: str = ""  # the words of its first statement blaming the accused, if any


@dataclass(frozen=True, slots=True)
class Voice:
    """What stance reads of one statement: its words, its cue, whose it is, whom it blames."""

    content: str
    cue: str = ""
    speaker_party: str | None = None
    blamed: str | None = None  # the party named as the perpetrator of the act it alleges
    named: str | None = None  # the first party its words name, other than the speaker's
    types: frozenset[str] = frozenset()  # violation types it alleges; empty if none


# How sure each stance rule is (``decide``): an order of how directly the words decide,
# set by hand, not measured. Where the learned model decides, its own probability is used.
EXPLICIT = 0.9  # a word that says it: a denial verb as the cue, an admission
PATTERN = 0.75  # a pattern in the content: the act negated, a claim called false, "it is X who"
COMPARED = 0.6  # no word of stance: the acts and the parties compared


def stance_toward(voice: Voice, charge: Charge) -> Stance:
    """The stance of one statement toward one incident's charge (see the module docstring)."""
    return decide(voice, charge)[0]


def decide(voice: Voice, charge: Charge) -> tuple[Stance, float]:
    """``stance_toward``'s stance, and how sure the rule or model that decided it is (0 to
    1): the rule's level (``EXPLICIT``, ``PATTERN``, ``COMPARED``), or where the learned model
    decided, its probability of the side it came down on."""
    accused = charge.accused is not None and voice.speaker_party == charge.accused
    other = _blames_other(voice, charge)
    if rejects(voice, refutes_claims=accused or charge.accused is None):
        turned = other or count_cues(COUNTER_RE, voice.content, negatable=False) > 0
        level = EXPLICIT if _denial_cue(voice) else PATTERN
        return (Stance.COUNTER_ACCUSES if turned else Stance.DENIES), level
    if not voice.types & charge.types:
        return Stance.NEUTRAL, COMPARED
    if other:
        return (Stance.COUNTER_ACCUSES if accused else Stance.NEUTRAL), COMPARED
    if accused and not ADMISSION.search(f"{voice.cue} {voice.content}"):
        if TURNED.search(voice.content):
            return Stance.COUNTER_ACCUSES, PATTERN
        return _read_by_model(voice, charge)
    return Stance.SUPPORTS, EXPLICIT if accused else COMPARED


def disagrees(voice: Voice, charge: Charge) -> bool:
    """Whether the learned model reads the statement as disagreeing with the charge's own
    words (never consulted where the charge has none)."""
    return bool(charge.claim) and pair_stance(charge.claim, voice.content) == "disagree"


def _read_by_model(voice: Voice, charge: Charge) -> tuple[Stance, float]:
    """The accused side's statement without a word of stance: a denial where the model reads
    it as disagreeing, else neutral, with the model's probability (before its class weights)
    of disagreeing, or of not; a charge with no words of its own leaves it neutral, as
    compared."""
    if not charge.claim:
        return Stance.NEUTRAL, COMPARED
    against = pair_probabilities(charge.claim, voice.content)["disagree"]
    if disagrees(voice, charge):
        return Stance.DENIES, round(against, 2)
    return Stance.NEUTRAL, round(1.0 - against, 2)


def rejects(voice: Voice, *, refutes_claims: bool) -> bool:
    """Whether a statement rejects the act: a denial verb as its cue, or, where it alleges
    nothing itself or ``refutes_claims`` (it comes from the accused, or no one is accused),
    the act negated or words calling a claim false.

    A statement that alleges the act against the accused aims its "lies" and "no evidence"
    at the other side's account, and its "not a military target" or "civilians not involved
    in the fighting" describe the victims, so none of those makes it a denial.
    """
    if _denial_cue(voice):
        return True
    if voice.types and not refutes_claims:
        return False
    return rejecting_words(voice.content)


def rejecting_words(text: str) -> bool:
    """Whether the words reject an act or a claim: the act negated, a claim called false."""
    if negates_act(text):
        return True
    return count_cues(STRONG_RE, text) > 0 or _denial_of_claim(text)


def negates_act(text: str) -> bool:
    """ "did not strike", "no units … carried out", "had nothing to do with"."""
    return any(p.search(text) for p in (NEGATED_ACT, NO_ONE_ACTED, NOTHING_TO_DO))


def _denial_cue(voice: Voice) -> bool:
    words = voice.cue.split()
    return bool(words) and denial_lemma(words[-1]) in DENIAL_VERBS


def _denial_of_claim(text: str) -> bool:
    return any(
        not re.search(r"\b(?:not|never)\W+(?:\w+\W+)?$", text[max(0, m.start() - 16) : m.start()])
        for m in DENIAL_OF_CLAIM.finditer(text)
    )


def _blames_other(voice: Voice, charge: Charge) -> bool:
    """Whether the statement pins the act on a party other than the accused: by naming its
    perpetrator, or, from the accused's side, by naming another party at all ("caused by a
    Republic missile"); from anyone else a party named in passing may be the victims'."""
    if charge.accused is None:
        return False
    if voice.blamed is not None:
        return voice.blamed != charge.accused
    accused = voice.speaker_party == charge.accused
    return accused and voice.named is not None and voice.named != charge.accused


def accused_of(votes: Iterable[tuple[str | None, str | None]]) -> str | None:
    """The party most statements blame, from (blamed, speaker's party) pairs in the order they
    were told (report date, then place in the text: ``assemble._told``).

    A party blaming itself is not counted, nor a statement blaming nobody; a tie goes to the
    party blamed first, so the answer depends on when things were said, never on a name.
    """
    counted = Counter(blamed for blamed, speaker in votes if blamed and blamed != speaker)
    if not counted:
        return None
    top = max(counted.values())
    return next(party for party in counted if counted[party] == top)


@dataclass(frozen=True, slots=True)
class Denial:
    """A denial with no allegation of its own, and what places it at an event."""

    voice: Voice
    speakers: frozenset[str]  # ``speaker_keys`` of the denier
    text: str  # its content, or the sentence around it when the content is too short to tell
    places: frozenset[str]  # places its words name, else those its report names
    day: date | None  # its report's publication day
    named_place: bool = False  # whether its own words name the places


def fit(denial: Denial, charge: Charge) -> int | None:
    """None where a denial cannot answer this charge (another place, act or time, the
    denier's own claim or its enemy's charge); else how many words it shares with the
    charge besides the place, parties and dates (``answers`` decides with that)."""
    if denial.speakers & charge.accusers:
        return None  # "denied by X" is never attached to X's own allegation
    if charge.places and not denial.places & charge.places:
        return None
    named = types_in(denial.text)
    if named and not named & charge.types:
        return None
    if not _in_time(denial.day, charge):
        return None
    if denial.voice.speaker_party not in (None, charge.accused):
        return None  # a party does not deny what its enemy is accused of
    place = frozenset().union(*(roots(p) for p in charge.places))
    return len((roots(denial.text) & charge.stems) - place - _said_of_any_event())


class Charges:
    """The charges of a run, indexed so that a denial is compared only with those at the
    places it names, and, among charges with no place, with those sharing a word with it."""

    def __init__(self, charges: Sequence[Charge]) -> None:
        self.charges = list(charges)
        self.at: dict[str, list[int]] = {}
        self.unplaced: dict[str, list[int]] = {}
        for n, charge in enumerate(self.charges):
            for place in charge.places:
                self.at.setdefault(place, []).append(n)
            for root in charge.stems if not charge.places else ():
                self.unplaced.setdefault(root, []).append(n)

    def near(self, denial: Denial) -> tuple[list[int], list[int]]:
        """(charges at the denial's places, charges with no place sharing a word with it)."""
        placed = sorted({n for p in denial.places for n in self.at.get(p, ())})
        common = _said_of_any_event()
        shared = (r for r in roots(denial.text) if r not in common)
        return placed, sorted({n for r in shared for n in self.unplaced.get(r, ())})


def answers(denial: Denial, charges: Charges) -> list[int]:
    """The positions of the charges a denial answers: those sharing the most words with it
    beside the place (one statement answers one event; charges that fit it equally well are
    kept, as one event's reports may form several incidents, unless they allege no act in
    common: then it says not which it answers); if none shares a word, the
    one charge at the place its own words name whose act and time fit, if there is only one
    ("rejected the claims about Sloviansk" where one event at Sloviansk is alleged). A
    remark placed only by its report says nothing of the event."""
    placed, unplaced = charges.near(denial)
    fits = {n: fit(denial, charges.charges[n]) for n in (*placed, *unplaced)}
    best = max((shared for shared in fits.values() if shared is not None), default=0)
    if best >= SHARED_STEMS:
        top = sorted(n for n, shared in fits.items() if shared == best)
        acts = [charges.charges[n].types for n in top]
        return top if frozenset.intersection(*acts) else []
    if not denial.named_place:
        return []
    fitting = [n for n in placed if fits[n] is not None]
    return fitting if len(fitting) == 1 else []


@lru_cache(maxsize=65536)
def roots(text: str) -> frozenset[str]:
    """The first five letters of each content stem: "torture" meets "tortured" and
    "torturing", which the suffix stripper leaves apart."""
    return frozenset(s[:ROOT] for s in content_stems(text))


@cache
def _said_of_any_event() -> frozenset[str]:
    """Stems that tie a denial to no event in particular: the parties' names (every party's,
    alike), months and days of the week."""
    party = registry()
    words = party_words(alias for _, aliases in party.parties.items() for alias in aliases)
    return roots(" ".join([*words, CALENDAR]))


def _in_time(day: date | None, charge: Charge) -> bool:
    """Whether a denial told on ``day`` can answer the charge: not before its event, not long
    after. With no event day known, the event came no later than its first report and no
    longer before it than ``Weights.told_days`` (as incidents bound it), so a denial long
    after that report, or told before that bound, answers nothing (a 2017 denial answered a
    2022 charge); a publication day is never taken for the event's day."""
    if day is None:
        return True
    if charge.first is None or charge.last is None:
        if charge.told is None:
            return True
        earliest = charge.told - timedelta(days=Weights().told_days) - SLACK
        return earliest <= day <= charge.told + timedelta(days=ANSWER_DAYS)
    return charge.first - SLACK <= day <= charge.last + timedelta(days=ANSWER_DAYS)


@cache
def types_in(text: str) -> frozenset[str]:
    """The violation types whose patterns (``violations.yaml``) occur in ``text``."""
    flat = " ".join(text.split())
    return frozenset(t.code for t in violations() if any(p.search(flat) for p in t.patterns))


def speaker_keys(name: str, registered: str | None = None) -> frozenset[str]:
    """What identifies a speaker across reports: the registered source's name if any, else
    the folded name, and for a name of three or more capitalised words its acronym, so that
    "PFWE" and "Press Freedom Watch East" are one speaker."""
    name = registered or name
    keys = {fold(name)}
    words = name.split()
    if len(words) >= 3 and all(w[:1].isupper() for w in words):
        keys.add("".join(w[0] for w in words).casefold())
    return frozenset(keys)
