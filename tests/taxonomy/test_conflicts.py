"""Parties per conflict: which conflict an incident belongs to, and whether a source's party
fights in it. One table, one rule for every party: checked by swapping opposing parties
through the whole table, and over every entry of the registry."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from corroborate.errors import ConfigError
from corroborate.grade import classify
from corroborate.model import Claim
from corroborate.taxonomy.conflicts import Conflict, conflict_of, parse_conflicts, party_in
from corroborate.taxonomy.registry import Source, registry

CONFLICTS = registry().conflicts
LISTED = frozenset(p for c in CONFLICTS for p in c.parties)


def _named(name: str) -> Conflict:
    return next(c for c in CONFLICTS if c.name == name)


UKRAINE, SYRIA = _named("Russia–Ukraine war"), _named("Syrian civil war")


def test_the_parties_named_and_the_place_tell_the_conflict() -> None:
    assert conflict_of(CONFLICTS, {"Russia", "Ukraine"}, set()) == UKRAINE
    assert conflict_of(CONFLICTS, {"Ukraine"}, set()) == UKRAINE
    assert conflict_of(CONFLICTS, {"Russia"}, {"UA"}) == UKRAINE
    assert conflict_of(CONFLICTS, {"Russia"}, {"SY"}) == SYRIA
    assert conflict_of(CONFLICTS, set(), {"UA"}) == UKRAINE
    assert conflict_of(CONFLICTS, {"Israel"}, {"PS"}) == _named("Israel–Palestine (Gaza war)")
    assert conflict_of(CONFLICTS, {"Israel"}, {"LB"}) == _named("Israel–Hezbollah conflict")


def test_the_parties_named_weigh_against_the_place() -> None:
    """Place says one conflict, parties another: the parties win, in both directions."""
    hezbollah = _named("Israel–Hezbollah conflict")
    assert conflict_of(CONFLICTS, {"Hezbollah", "Israel"}, {"UA"}) == hezbollah
    assert conflict_of(CONFLICTS, {"Russia", "Ukraine"}, {"LB"}) == UKRAINE
    # Hezbollah fights in Lebanon and in Syria: alone, in Ukraine, it does not tell which
    assert conflict_of(CONFLICTS, {"Hezbollah"}, {"UA"}) is None
    assert conflict_of(CONFLICTS, {"Ukraine"}, {"LB"}) == UKRAINE
    # parties of both: the place decides between them, whichever side it favours
    assert conflict_of(CONFLICTS, {"Hezbollah", "Ukraine"}, {"UA"}) == UKRAINE
    assert conflict_of(CONFLICTS, {"Hezbollah", "Ukraine"}, {"LB"}) == hezbollah


def test_the_fictional_scenarios_parties_make_its_own_war_on_real_towns() -> None:
    fictional = _named("Coalition–Republic war (fictional scenario)")
    assert conflict_of(CONFLICTS, {"Northern Coalition"}, {"UA"}) == fictional
    assert conflict_of(CONFLICTS, {"Republic"}, {"UA"}) == fictional
    assert conflict_of(CONFLICTS, {"Northern Coalition", "Republic"}, {"UA"}) == fictional
    assert conflict_of(CONFLICTS, set(), {"UA"}) == UKRAINE  # no party named: the place
    assert conflict_of(CONFLICTS, {"Russia"}, {"UA"}) == UKRAINE


def _pair(a: set[str], b: set[str], where: set[str]) -> tuple[str | None, str | None]:
    one, other = conflict_of(SIDES, a, where), conflict_of(SIDES, b, where)
    return (one and one.name), (other and other.name)


SIDES = (
    Conflict("A war", (("A1",), ("A2",)), territory=("AA",)),
    Conflict("B war", (("B1",), ("B2",)), territory=("BB",)),
)


def test_the_weighing_is_the_same_for_either_conflict() -> None:
    assert _pair({"B1"}, {"A1"}, {"AA"}) == ("B war", "A war")
    assert _pair({"A2"}, {"B2"}, {"BB"}) == ("A war", "B war")
    assert _pair({"A1", "B1"}, {"A1", "B1"}, {"AA"}) == ("A war", "A war")
    assert _pair({"A1", "B1"}, {"A1", "B1"}, {"BB"}) == ("B war", "B war")
    assert _pair({"A1", "B1"}, {"B1", "A1"}, set()) == (None, None)  # a tie: unknown


def test_a_tie_or_nothing_leaves_the_conflict_unknown() -> None:
    assert conflict_of(CONFLICTS, {"Russia"}, set()) is None  # Ukraine, Syria, the Sahel
    assert conflict_of(CONFLICTS, {"Israel"}, {"IL"}) is None
    assert conflict_of(CONFLICTS, set(), set()) is None
    assert conflict_of(CONFLICTS, {"Southern Front"}, {"FR"}) is None  # a party of no conflict
    assert conflict_of((), {"Russia"}, {"UA"}) is None


def test_a_source_is_a_party_only_where_its_party_fights() -> None:
    voa, anadolu, tass = (registry().lookup(n) for n in ("Voice of America", "Anadolu", "TASS"))
    assert voa and anadolu and tass
    assert registry().party_for(voa.party, UKRAINE) is None
    assert registry().party_for(anadolu.party, UKRAINE) is None
    assert registry().party_for(tass.party, UKRAINE) == "Russia"
    assert registry().party_for(voa.party, SYRIA) == "United States"
    assert registry().party_for(anadolu.party, SYRIA) == "Turkey"
    assert registry().party_for(tass.party, _named("Israel–Palestine (Gaza war)")) is None
    # an unknown conflict keeps every party; a party no listed conflict names is one anywhere
    assert registry().party_for(voa.party, None) == "United States"
    assert registry().party_for("Southern Front", UKRAINE) == "Southern Front"
    # the fictional scenario's parties fight in its own war only, as real parties do in theirs
    fictional = _named("Coalition–Republic war (fictional scenario)")
    assert registry().party_for("Northern Coalition", fictional) == "Northern Coalition"
    assert registry().party_for("Northern Coalition", UKRAINE) is None


def test_a_state_outlet_of_a_state_no_party_there_is_graded_as_such() -> None:
    voice = Claim(report_id="r1", speaker="Voice of America", own_voice=True)
    assert classify(voice, registry(), UKRAINE) == ("independent", None)
    assert classify(voice, registry(), SYRIA) == ("party", "United States")
    assert classify(voice, registry(), None) == ("party", "United States")
    ministry = Claim(report_id="r1", speaker="U.S. State Department")
    assert classify(ministry, registry(), UKRAINE) == ("unknown", None)  # as Belarus's are
    assert classify(ministry, registry(), SYRIA) == ("party", "United States")
    relayed = Claim(report_id="r1", speaker="residents", outlet="Anadolu Agency")
    assert classify(relayed, registry(), UKRAINE) == ("witness", None)
    assert classify(relayed, registry(), SYRIA) == ("party", "Turkey")


def test_an_analysts_party_stands_in_every_conflict() -> None:
    decided = Claim(report_id="r1", speaker="Voice of America", own_voice=True, party="Ukraine")
    assert classify(decided, registry(), SYRIA) == ("party", "Ukraine")


def _swap(conflicts: tuple[Conflict, ...], a: str, b: str) -> tuple[Conflict, ...]:
    def one(name: str) -> str:
        return {a: b, b: a}.get(name, name)

    return tuple(
        Conflict(
            c.name,
            tuple(tuple(one(p) for p in side) for side in c.sides),
            tuple(one(s) for s in c.supporters),
            c.territory,
        )
        for c in conflicts
    )


OPPOSED = sorted(
    {
        (a, b)
        for c in CONFLICTS
        for first, second in itertools.combinations(c.sides, 2)
        for a in first
        for b in second
    }
)


@pytest.mark.parametrize(("a", "b"), OPPOSED, ids=lambda v: str(v))
def test_every_rule_reads_alike_for_opposing_parties(a: str, b: str) -> None:
    """Swap two opposing parties through the whole table: every incident's conflict is the
    same conflict, and every party's standing in it is the mirror of the other's."""
    swapped = _swap(CONFLICTS, a, b)

    def mirror(name: str | None) -> str | None:
        return {a: b, b: a}.get(name, name) if name else None

    countries = [set(), *({c} for c in sorted({t for c in CONFLICTS for t in c.territory}))]
    for named, where in itertools.product([{a}, {b}, {a, b}], countries):
        found = conflict_of(CONFLICTS, named, where)
        mirrored = conflict_of(swapped, {mirror(p) or "" for p in named}, where)
        assert (found and found.name) == (mirrored and mirrored.name)
        if found is None or mirrored is None:
            continue
        for party in sorted(LISTED):
            assert mirror(party_in(party, found, CONFLICTS)) == party_in(
                mirror(party), mirrored, swapped
            )


# every real entry with a party (the fictional scenario's parties, `parties:` in
# sources.yaml, fight only in the scenario's own war)
REAL = [s for s in registry().sources if s.party and s.party not in registry().parties]


@pytest.mark.parametrize("source", REAL, ids=lambda s: s.name)
def test_every_party_source_is_a_party_exactly_where_its_party_fights(source: Source) -> None:
    party = source.party
    fights = {c.name for c in CONFLICTS if party in c.parties}
    assert fights, f"{party} fights in no listed conflict"
    standing = {c.name for c in CONFLICTS if registry().party_for(party, c) == party}
    assert standing == fights
    assert registry().party_for(party, None) == party


def test_every_conflict_says_where_it_is_fought() -> None:
    own = frozenset(registry().parties)  # the fictional scenario's war is fought nowhere
    for conflict in CONFLICTS:
        assert conflict.territory or conflict.parties <= own, conflict.name
        assert len(conflict.sides) >= 2


@pytest.mark.parametrize(
    ("conflict", "problem"),
    [
        ({"sides": [["A"], ["B"]]}, "a mapping with a name"),
        ({"name": "X", "sides": [["A"]]}, "two or more lists"),
        ({"name": "X", "sides": [["A"], "B"]}, "two or more lists"),
        ({"name": "X", "sides": [["A"], ["B"]], "territory": ["XX"]}, "'XX' is not ISO"),
    ],
)
def test_a_bad_conflict_is_one_coded_error(conflict: dict[str, object], problem: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_conflicts({"conflicts": [conflict]}, "mine.yaml")
    assert caught.value.code == "C076"
    assert problem in str(caught.value) and "mine.yaml" in str(caught.value)


def test_an_extension_adds_or_replaces_a_conflict(tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "sources: []\nconflicts:\n"
        "  - {name: Russia–Ukraine war, sides: [[Russia], [Ukraine]], territory: [UA]}\n"
        "  - {name: Northern war, sides: [[Northern Front], [Northern Republic]],"
        " territory: [FR]}\n",
        encoding="utf-8",
    )
    extended = registry(str(extra))
    assert extended.conflict_of({"Northern Front"}, set()).name == "Northern war"  # type: ignore[union-attr]
    replaced = extended.conflict_of({"Ukraine"}, set())
    assert replaced is not None and replaced.sides == (("Russia",), ("Ukraine",))
    assert len(extended.conflicts) == len(CONFLICTS) + 1


@pytest.mark.parametrize(
    ("speaker", "party"),
    [("Turkish officials", "Turkey"), ("US officials", "United States")],
)
def test_a_party_named_in_words_is_one_only_where_it_fights(speaker: str, party: str) -> None:
    claim = Claim(report_id="r1", speaker=speaker)
    assert classify(claim, registry(), SYRIA) == ("party", party)
    assert classify(claim, registry(), UKRAINE) == ("unknown", None)
    mirror = Claim(report_id="r1", speaker="Russian officials")
    assert classify(mirror, registry(), UKRAINE) == ("party", "Russia")
    assert classify(mirror, registry(), _named("Israel–Palestine (Gaza war)")) == ("unknown", None)
