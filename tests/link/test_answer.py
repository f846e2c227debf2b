"""Stance toward one incident's allegation, and which denials answer it, on invented
sentences about a fictional conflict (the parties of the bundled registry: the Northern
Coalition and the Republic); every rule is also checked with the parties swapped."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

import pytest

from corroborate.ids import digest_bytes
from corroborate.link.answer import (
    Charge,
    Charges,
    Denial,
    Voice,
    accused_of,
    answers,
    decide,
    fit,
    rejects,
    speaker_keys,
    stance_toward,
    types_in,
)
from corroborate.link.assemble import link
from corroborate.model import Allegation, Attribution, Place, Report, Span, Speaker, TimeRef

COALITION, REPUBLIC = "Northern Coalition", "Republic"
STRIKE = Charge(
    accused=COALITION,
    types=frozenset({"attack_on_civilians", "killing"}),
    places=frozenset({"Velmora"}),
    first=date(2022, 4, 26),
    last=date(2022, 4, 27),
    stems=frozenset({"rocke", "strik", "schoo", "velmo", "civil", "kille"}),
    accusers=speaker_keys("Taras Moroz"),
)
TORTURE = replace(STRIKE, accused=REPUBLIC, types=frozenset({"torture", "arbitrary_detention"}))


def voice(
    content: str,
    party: str | None,
    *,
    cue: str = "said",
    blamed: str | None = None,
    named: str | None = None,
    types: tuple[str, ...] = (),
) -> Voice:
    return Voice(content, cue, party, blamed, named, frozenset(types))


@pytest.mark.parametrize(
    ("statement", "charge", "expected"),
    [
        # the accused side's spokesman: a denial, whatever else the sentence names
        (
            voice("No units of the Northern Coalition carried out fire missions", COALITION),
            STRIKE,
            "denies",
        ),
        (
            voice("its armed forces did not strike Velmora", COALITION, types=("killing",)),
            STRIKE,
            "denies",
        ),
        (voice("the footage from Velmora was staged", COALITION), STRIKE, "denies"),
        # the accused side pinning the same act on the other side
        (
            voice(
                "It is the invaders who detain and torture civilians",
                REPUBLIC,
                types=("torture", "arbitrary_detention"),
            ),
            TORTURE,
            "counter_accuses",
        ),
        (
            voice(
                "the school was hit by a Republic missile that fell short",
                COALITION,
                named=REPUBLIC,
                types=("attack_on_civilians",),
            ),
            STRIKE,
            "counter_accuses",
        ),
        (
            voice("the rumours are fabricated and it was their own gunners who fired", COALITION),
            STRIKE,
            "counter_accuses",
        ),
        # the accused side about its own forces: no support without an admission
        (
            voice(
                "checks at the gate were carried out by its police and two men were detained",
                REPUBLIC,
                types=("arbitrary_detention",),
            ),
            TORTURE,
            "neutral",
        ),
        (
            voice(
                "its soldiers detained the two men and beat them",
                REPUBLIC,
                cue="acknowledged",
                blamed=REPUBLIC,
                types=("arbitrary_detention", "torture"),
            ),
            TORTURE,
            "supports",
        ),
        # anyone else alleging the act against the accused supports it ...
        (
            voice("Coalition rockets killed civilians", None, blamed=COALITION, types=("killing",)),
            STRIKE,
            "supports",
        ),
        # ... even when calling the other side's account lies; "denied access" alleges
        (
            voice(
                "the denials are lies: Coalition rockets struck the school",
                REPUBLIC,
                blamed=COALITION,
                types=("attack_on_civilians",),
            ),
            STRIKE,
            "supports",
        ),
        (
            voice(
                "detainees were denied access to lawyers and tortured",
                COALITION,
                types=("torture",),
            ),
            TORTURE,
            "supports",
        ),
        # words that describe the victims negate nothing of the act
        (
            voice(
                "civilians not involved in the fighting were killed; the school was not a "
                "military target",
                None,
                blamed=COALITION,
                types=("killing", "attack_on_civilians"),
            ),
            STRIKE,
            "supports",
        ),
        # a third voice blaming another party is the counter-claim, not support
        (
            voice(
                "Republic artillery killed the civilians", None, blamed=REPUBLIC, types=("killing",)
            ),
            STRIKE,
            "neutral",
        ),
        # another act, or nothing alleged and nothing denied
        (voice("officers looted shops", None, types=("looting",)), STRIKE, "neutral"),
        (voice("a commission will visit Velmora", None), STRIKE, "neutral"),
        (voice("the Republic did not deny that the school was hit", REPUBLIC), TORTURE, "neutral"),
    ],
)
def test_stance_toward_the_charge(statement: Voice, charge: Charge, expected: str) -> None:
    assert stance_toward(statement, charge) == expected


def test_a_claim_and_its_counter_claim_never_both_support() -> None:
    """Whichever comes first decides whom the incident accuses; the other is then the
    counter-claim."""
    claim = voice("a rocket strike killed the prisoners", None, blamed=REPUBLIC, types=("killing",))
    counter = voice("Coalition forces killed them", None, blamed=COALITION, types=("killing",))
    for first, second in ((claim, counter), (counter, claim)):
        accused = accused_of([(v.blamed, v.speaker_party) for v in (first, second)])
        charge = replace(STRIKE, accused=accused)
        assert [stance_toward(first, charge), stance_toward(second, charge)] == [
            "supports",
            "neutral",
        ]


def test_words_calling_a_claim_false_deny_only_from_the_accused_or_alleging_nothing() -> None:
    alleging = voice("no evidence of a missile; rockets killed them", None, types=("killing",))
    assert not rejects(alleging, refutes_claims=False)
    assert rejects(alleging, refutes_claims=True)
    assert rejects(replace(alleging, types=frozenset()), refutes_claims=False)


def test_the_accused_is_the_party_most_statements_blame_not_themselves() -> None:
    assert accused_of([(COALITION, REPUBLIC), (REPUBLIC, COALITION), (COALITION, None)]) == (
        COALITION
    )
    assert accused_of([(REPUBLIC, REPUBLIC), (None, COALITION)]) is None
    # a tie goes to the party blamed first, whichever it is
    assert accused_of([(REPUBLIC, None), (COALITION, None)]) == REPUBLIC
    assert accused_of([(COALITION, None), (REPUBLIC, None)]) == COALITION


def denial(
    text: str, *, places: set[str], day: date | None, speaker: str = "Oleg Savranov"
) -> Denial:
    return Denial(voice(text, COALITION), speaker_keys(speaker), text, frozenset(places), day)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        # two words beside the place: rocket, strike
        (denial("any rocket strike on Velmora", places={"Velmora"}, day=date(2022, 4, 28)), 2),
        # another place, another act, too early, too late
        (denial("any rocket strike on Lyman", places={"Lyman"}, day=date(2022, 4, 28)), None),
        (
            denial(
                "that anyone was tortured in Velmora", places={"Velmora"}, day=date(2022, 4, 28)
            ),
            None,
        ),
        (denial("any rocket strike on Velmora", places={"Velmora"}, day=date(2022, 4, 20)), None),
        (denial("any rocket strike on Velmora", places={"Velmora"}, day=date(2022, 9, 1)), None),
        # no word in common; party names and dates tie a denial to no event in particular
        (denial("we have not attacked anyone yet in earnest", places={"Velmora"}, day=None), 0),
        (
            denial("the Northern Coalition on 26 April", places={"Velmora"}, day=date(2022, 4, 28)),
            0,
        ),
        # the accuser's own words are never denied by the accuser
        (
            denial(
                "any rocket strike on Velmora",
                places={"Velmora"},
                day=date(2022, 4, 28),
                speaker="Taras Moroz",
            ),
            None,
        ),
    ],
)
def test_how_a_denial_fits_a_charge(case: Denial, expected: int | None) -> None:
    assert fit(case, STRIKE) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        # before its first report: the undated event may have come before either
        (date(2022, 4, 20), 2),
        (date(2022, 5, 20), 2),
        # more than 60 days after its first report, so after any day the event can have had
        (date(2022, 7, 1), None),
    ],
)
def test_an_undated_charge_is_bounded_by_its_first_report_never_dated_by_it(
    day: date, expected: int | None
) -> None:
    """A charge whose reports date no event has no event days: the day its first report was
    published bounds it (the event came no later), but is never taken for the event's day,
    so a denial told a week before that report can still answer it."""
    undated = replace(STRIKE, first=None, last=None, told=date(2022, 4, 27))
    case = denial("any rocket strike on Velmora", places={"Velmora"}, day=day)
    assert fit(case, undated) == expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2022, 3, 1), 2),  # 57 days before its first report: the event may be as old
        (date(2022, 2, 20), None),  # 66 days before: older than any day the event can have
        (date(2017, 10, 8), None),  # years before: a denial of another, older event
    ],
)
def test_an_undated_charge_is_not_answered_by_a_denial_told_before_its_event_can_be(
    day: date, expected: int | None
) -> None:
    """Regression: on real news a denial published in 2017 was attached to an undated 2022
    charge (its event no more than ``Weights.told_days`` before its first report)."""
    undated = replace(STRIKE, first=None, last=None, told=date(2022, 4, 27))
    case = denial("any rocket strike on Velmora", places={"Velmora"}, day=day)
    assert fit(case, undated) == expected


def test_a_party_does_not_deny_the_charge_against_its_enemy() -> None:
    case = denial("any rocket strike on Velmora", places={"Velmora"}, day=date(2022, 4, 28))
    assert fit(case, STRIKE) == 2
    assert fit(case, replace(STRIKE, accused=REPUBLIC)) is None
    independent = replace(case, voice=replace(case.voice, speaker_party=None))
    assert fit(independent, replace(STRIKE, accused=REPUBLIC)) == 2


def test_a_denial_saying_only_where_answers_the_one_event_there() -> None:
    """Words beside the place decide; without them, only a lone fitting charge is answered."""
    where = replace(
        denial("the claims about Velmora", places={"Velmora"}, day=date(2022, 4, 28)),
        named_place=True,
    )
    what = denial("any rocket strike on Velmora", places={"Velmora"}, day=date(2022, 4, 28))
    shelling = replace(STRIKE, stems=frozenset({"shell", "marke"}))
    assert answers(where, Charges([STRIKE])) == [0]
    assert answers(where, Charges([STRIKE, shelling])) == []
    assert answers(what, Charges([shelling, STRIKE])) == [1]
    assert answers(where, Charges([replace(STRIKE, places=frozenset({"Lyman"}))])) == []
    # placed by its report only, it must say more than where
    assert answers(replace(where, named_place=False), Charges([STRIKE])) == []


def test_a_denial_answers_the_charges_it_shares_most_words_with() -> None:
    """Regression: on real news a denial sharing one word ("killed") with every charge in a
    country was attached to each of them; one statement answers one event."""
    market = replace(STRIKE, stems=frozenset({"shell", "marke", "civil", "velmo"}))
    case = denial("any rocket strike on a school full of civilians", places={"Velmora"}, day=None)
    assert fit(case, STRIKE) == 4 and fit(case, market) == 1
    assert answers(case, Charges([market, STRIKE])) == [1]
    # charges that fit it equally well may be one event's reports in two incidents
    assert answers(case, Charges([STRIKE, market, STRIKE])) == [0, 2]
    # equal fits that allege no act in common leave it unsaid which event it answers
    vague = denial("the claims about the school", places={"Velmora"}, day=None)
    detention = replace(STRIKE, types=frozenset({"arbitrary_detention"}))
    assert fit(vague, STRIKE) == fit(vague, detention) == 1
    assert answers(vague, Charges([STRIKE, detention])) == []
    assert answers(vague, Charges([STRIKE, replace(detention, types=STRIKE.types)])) == [0, 1]
    # what shares no word beside the place is still answered by a lone fitting charge
    where = replace(
        denial("the claims about Velmora", places={"Velmora"}, day=None), named_place=True
    )
    assert answers(where, Charges([STRIKE])) == [0]


def test_a_charge_with_no_place_is_answered_by_shared_words_only() -> None:
    unplaced = replace(STRIKE, places=frozenset(), stems=STRIKE.stems - {"velmo"})
    what = denial("any rocket strike", places=set(), day=date(2022, 4, 28))
    where = replace(
        denial("the claims about Velmora", places={"Velmora"}, day=date(2022, 4, 28)),
        named_place=True,
    )
    assert answers(what, Charges([unplaced])) == [0]
    assert answers(where, Charges([unplaced])) == []
    assert answers(where, Charges([unplaced, STRIKE])) == [1]


def test_an_acronym_is_the_speaker_it_abbreviates() -> None:
    assert speaker_keys("PFWE") & speaker_keys("Press Freedom Watch East")
    assert not speaker_keys("PFWE") & speaker_keys("Press Freedom Watch West")


def test_types_in_reads_the_violation_patterns() -> None:
    assert "torture" in types_in("denied that anyone was tortured")
    assert types_in("the weather was fine") == frozenset()


# End to end through ``link``: reports, statements and the parties as the registry reads them.

VELMORA = Place("Velmora", "Velmora")
OSTRIV = Place("Ostriv", "Ostriv")


@dataclass(frozen=True)
class Said:
    """One statement of one report: who says it (and their role), through which cue, what
    it alleges, if anything."""

    report: str
    text: str
    content: str
    speaker: str
    role: str | None
    cue: str = "said"
    types: tuple[str, ...] = ()
    perpetrator: str | None = None
    place: Place | None = None
    day: str | None = None
    published: str = "2022-04-27"


def run(said: list[Said], places: dict[str, set[str]]) -> list[list[tuple[str, str]]]:
    reports: dict[str, Report] = {}
    statements: dict[str, tuple[list[Attribution], list[Allegation]]] = {}
    for s in said:
        rep = reports.setdefault(
            s.report,
            Report(
                digest_bytes(s.report.encode()),
                "",
                s.report,
                "text/plain",
                s.text,
                published=s.published,
            ),
        )
        start = rep.text.index(s.content)
        cue_at = rep.text.find(s.cue)
        attribution = Attribution(
            rep.id,
            Speaker(Span(0, len(s.speaker), s.speaker), s.speaker, role=s.role),
            Span(cue_at, cue_at + len(s.cue), s.cue),
            Span(start, start + len(s.content), s.content),
            False,
        )
        atts, gs = statements.setdefault(rep.id, ([], []))
        atts.append(attribution)
        if s.types:
            perp = Span(0, len(s.perpetrator), s.perpetrator) if s.perpetrator else None
            when = TimeRef(Span(0, 4, "then"), s.day) if s.day else None
            gs.append(Allegation(attribution.id, s.types, perp, None, s.place, when))
    linked = link(
        list(reports.values()),
        statements,
        {reports[name].id: found for name, found in places.items()},
        places_in=lambda text: {p for p in ("Velmora", "Ostriv") if p in text},
    )
    names = {r.id: r.source_name for r in reports.values()}
    # incidents, and statements within them, come in an order that follows content (never
    # input order): both are sorted here
    return sorted(
        sorted((names[s.report_id], s.stance) for s in i.statements) for i in linked.incidents
    )


CLAIM_TEXT = "Moroz said Coalition rockets killed four civilians at the Velmora school on Tuesday."
CLAIM = Said(
    "claim",
    CLAIM_TEXT,
    "Coalition rockets killed four civilians at the Velmora school on Tuesday",
    "Taras Moroz",
    "Republic interior minister",
    types=("killing", "attack_on_civilians"),
    perpetrator="Coalition rockets",
    place=VELMORA,
    day="2022-04-26",
)
DENIAL_TEXT = (
    "Savranov told reporters: No units of the Northern Coalition carried out fire missions "
    "against Velmora on 26 April. He said the school was hit by a Republic air-defence missile."
)
NO_UNITS = Said(
    "denial",
    DENIAL_TEXT,
    "No units of the Northern Coalition carried out fire missions against Velmora on 26 April",
    "Oleg Savranov",
    "spokesperson for the Coalition's Ministry of Defence",
    cue="told",
    published="2022-04-28",
)
MISSILE = replace(
    NO_UNITS,
    content="the school was hit by a Republic air-defence missile",
    cue="said",
    types=("attack_on_civilians",),
    place=VELMORA,
    day="2022-04-26",
)


def test_the_accused_spokesman_denies_and_counter_accuses() -> None:
    assert run([CLAIM, NO_UNITS, MISSILE], {"claim": {"Velmora"}, "denial": {"Velmora"}}) == [
        [("claim", "supports"), ("denial", "counter_accuses"), ("denial", "denies")]
    ]


def test_a_denial_of_another_event_is_not_attached() -> None:
    """A president's remark about something else, in a report that names the same town."""
    remark = Said(
        "remark",
        "The president said we have not attacked anyone yet in earnest, at a rally in Velmora.",
        "we have not attacked anyone yet in earnest",
        "Ivan Petrenko",
        "Coalition president",
        published="2022-04-28",
    )
    assert run([CLAIM, remark], {"claim": {"Velmora"}, "remark": {"Velmora"}}) == [
        [("claim", "supports")]
    ]


def test_a_denial_names_its_place_and_attaches_only_there() -> None:
    other = replace(
        CLAIM,
        report="claim2",
        text=CLAIM_TEXT.replace("Velmora", "Ostriv"),
        content=CLAIM.content.replace("Velmora", "Ostriv"),
        place=OSTRIV,
    )
    places = {"claim": {"Velmora"}, "claim2": {"Ostriv"}, "denial": {"Velmora", "Ostriv"}}
    assert run([CLAIM, other, NO_UNITS], places) == [
        [("claim", "supports"), ("denial", "denies")],
        [("claim2", "supports")],
    ]


def test_a_speech_read_as_one_statement_denies_only_in_its_rejecting_sentences() -> None:
    """Regression: a transcript turn of many sentences, one of them a denial, was placed and
    worded by all of them, and attached to every incident of the places the speech named."""
    other = replace(
        CLAIM,
        report="claim2",
        text=CLAIM_TEXT.replace("Velmora", "Ostriv"),
        content=CLAIM.content.replace("Velmora", "Ostriv"),
        place=OSTRIV,
        published="2022-04-26",
    )
    speech = (
        "Friends, I have just returned from Velmora, where the school will reopen and "
        "rockets are a memory of the past. Civilians there were killed by nobody but bad "
        "weather this winter. No units of the Northern Coalition carried out fire missions "
        "against Ostriv. We will rebuild the roads."
    )
    turn = Said(
        "speech",
        f"Ivan Petrenko: {speech}",
        speech,
        "Ivan Petrenko",
        "Coalition president",
        cue=":",
        published="2022-04-28",
    )
    places = {"claim": {"Velmora"}, "claim2": {"Ostriv"}, "speech": {"Velmora", "Ostriv"}}
    assert run([CLAIM, other, turn], places) == [
        [("claim", "supports")],
        [("claim2", "supports"), ("speech", "denies")],
    ]


def test_a_denial_by_the_accuser_is_never_attached_to_its_own_allegation() -> None:
    own = Said(
        "later",
        "PFWE said it had seen no evidence that rockets killed anyone at the Velmora school.",
        "it had seen no evidence that rockets killed anyone at the Velmora school",
        "PFWE",
        None,
        published="2022-04-28",
    )
    claim = replace(CLAIM, speaker="Press Freedom Watch East", role=None)
    places = {"claim": {"Velmora"}, "later": {"Velmora"}}
    assert run([claim, own], places) == [[("claim", "supports")]]
    other = replace(own, speaker="Eastern Wire Agency")
    assert run([claim, other], places) == [[("claim", "supports"), ("later", "denies")]]


def swap(text: str | None) -> str | None:
    """Exchange the two parties' names."""
    if text is None:
        return None
    names = {"Northern Coalition": "Republic", "Coalition": "Republic", "Republic": "Coalition"}
    return re.sub(r"Northern Coalition|Coalition|Republic", lambda m: names[m.group(0)], text)


def swapped(said: Said) -> Said:
    return replace(
        said,
        text=swap(said.text) or "",
        content=swap(said.content) or "",
        role=swap(said.role),
        perpetrator=swap(said.perpetrator),
    )


COUNTER = Said(
    "briefing",
    "Halchenko said: It is the invaders who detain and torture civilians in Velmora.",
    "It is the invaders who detain and torture civilians in Velmora",
    "Iryna Halchenko",
    "spokesperson for the Republic's General Staff",
    types=("arbitrary_detention", "torture"),
    place=VELMORA,
    day="2022-04-26",
)
TORTURE_CLAIM = Said(
    "centre",
    "Dobrynets said fighters of the Republic's guard detained and tortured residents of Velmora.",
    "fighters of the Republic's guard detained and tortured residents of Velmora",
    "Arkady Dobrynets",
    "head of the Coalition's Humanitarian Centre",
    types=("arbitrary_detention", "torture"),
    perpetrator="fighters of the Republic's guard",
    place=VELMORA,
    day="2022-04-26",
)
SCENES = {
    "strike": ([CLAIM, NO_UNITS, MISSILE], {"claim": {"Velmora"}, "denial": {"Velmora"}}),
    "torture": ([TORTURE_CLAIM, COUNTER], {"centre": {"Velmora"}, "briefing": {"Velmora"}}),
}


@pytest.mark.parametrize("scene", sorted(SCENES))
def test_every_rule_holds_with_the_parties_swapped(scene: str) -> None:
    said, places = SCENES[scene]
    found = run(said, places)
    assert found == run([swapped(s) for s in said], places)
    assert any(stance != "supports" for incident in found for _, stance in incident)


def test_the_occupied_side_counter_accuses_and_the_claim_still_supports() -> None:
    said, places = SCENES["torture"]
    assert run(said, places) == [[("briefing", "counter_accuses"), ("centre", "supports")]]


def test_the_learned_reading_turns_the_accused_own_account_neutral_to_denial_only(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The model may make the accused's account of its own forces a denial, never support;
    it is asked only where the charge carries its accuser's words."""
    from corroborate.link import answer

    asked: list[tuple[str, str]] = []

    def disagreeing(claim: str, text: str) -> str:
        asked.append((claim, text))
        return "disagree"

    monkeypatch.setattr(answer, "pair_stance", disagreeing)
    own = voice("our units were at their positions near Velmora", COALITION, types=("killing",))
    charge = replace(STRIKE, claim="Coalition rockets killed civilians at the Velmora school")
    assert stance_toward(own, STRIKE) == "neutral" and not asked  # no claim: no model
    assert stance_toward(own, charge) == "denies"
    assert asked == [(charge.claim, own.content)]
    admitted = replace(own, cue="acknowledged")
    assert stance_toward(admitted, charge) == "supports"  # an admission, whatever the model
    accuser = voice(
        "Coalition rockets killed civilians", None, blamed=COALITION, types=("killing",)
    )
    assert stance_toward(accuser, charge) == "supports"  # the model reads only the accused
    monkeypatch.setattr(answer, "pair_stance", lambda claim, text: "agree")
    assert stance_toward(own, charge) == "neutral"  # agreement never makes it support


def test_the_learned_reading_is_the_same_with_the_parties_swapped() -> None:
    own = voice("our units were at their positions near Velmora", COALITION, types=("killing",))
    charge = replace(STRIKE, claim="Coalition rockets killed civilians at the Velmora school")
    mirror = replace(
        TORTURE,
        types=STRIKE.types,
        claim="Republic rockets killed civilians at the Velmora school",
    )
    assert stance_toward(own, charge) == stance_toward(replace(own, speaker_party=REPUBLIC), mirror)
    # and as sure: the certainty is the model's on the same words, whichever party
    assert decide(own, charge) == decide(replace(own, speaker_party=REPUBLIC), mirror)


@pytest.mark.parametrize(
    ("statement", "charge", "expected"),
    [
        # a denial verb as the cue: an explicit word
        (voice("the reports about Velmora", COALITION, cue="denied"), STRIKE, ("denies", 0.9)),
        # a pattern in the content: the act negated, the act pinned on another ("it is … who")
        (voice("its forces did not strike Velmora", COALITION), STRIKE, ("denies", 0.75)),
        (
            voice(
                "It is the invaders who detain civilians",
                REPUBLIC,
                types=("arbitrary_detention",),
            ),
            TORTURE,
            ("counter_accuses", 0.75),
        ),
        # an admission from the accused side: explicit
        (
            voice(
                "its soldiers detained two men",
                REPUBLIC,
                cue="acknowledged",
                blamed=REPUBLIC,
                types=("arbitrary_detention",),
            ),
            TORTURE,
            ("supports", 0.9),
        ),
        # no word of stance: the acts and the parties compared
        (
            voice("Coalition rockets killed civilians", None, blamed=COALITION, types=("killing",)),
            STRIKE,
            ("supports", 0.6),
        ),
        (voice("prices rose in the market", None, types=("looting",)), STRIKE, ("neutral", 0.6)),
    ],
)
def test_each_stance_rule_says_how_sure_it_is(
    statement: Voice, charge: Charge, expected: tuple[str, float]
) -> None:
    assert decide(statement, charge) == expected
    assert stance_toward(statement, charge) == expected[0]


def test_where_the_model_decides_its_probability_is_the_certainty(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The model's probability, before its class weights, of the side it came down on."""
    from corroborate.link import answer

    read = {"agree": 0.1, "disagree": 0.3, "discuss": 0.2, "unrelated": 0.4}
    monkeypatch.setattr(answer, "pair_probabilities", lambda claim, text: read)
    monkeypatch.setattr(answer, "pair_stance", lambda claim, text: "disagree")
    own = voice("our units were at their positions near Velmora", COALITION, types=("killing",))
    charge = replace(STRIKE, claim="Coalition rockets killed civilians at the Velmora school")
    assert decide(own, charge) == ("denies", 0.3)  # chosen for its class weight: unsure
    monkeypatch.setattr(answer, "pair_stance", lambda claim, text: "unrelated")
    assert decide(own, charge) == ("neutral", 0.7)
    assert decide(own, STRIKE) == ("neutral", 0.6)  # no claim: no model, compared
