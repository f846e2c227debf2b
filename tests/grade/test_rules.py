"""Origins collapse re-reports; grades follow the documented rules and explain themselves."""

from __future__ import annotations

import re

from corroborate.grade import Claim, Denial, collapse, grade
from corroborate.taxonomy.registry import registry

OFFICIAL = dict(speaker="Arkady Dobrynets", role="head of the Northern Coalition's centre")


def test_wire_copies_and_rereports_collapse_to_one_origin() -> None:
    claims = [
        Claim("r1", outlet="Novy Vestnik State News", **OFFICIAL),
        Claim("r2", outlet="Eastern Wire Agency", via=("NVSN",), copy_of="r1", **OFFICIAL),
        Claim("r3", outlet="Steppe Daily", via=("Novy Vestnik State News",), **OFFICIAL),
        Claim("r4", speaker="sources", outlet="Frontline Digest", copy_of="r1"),
    ]
    [origin] = collapse(claims, registry())
    assert origin.kind == "party" and origin.party == "Northern Coalition"
    assert origin.report_ids == ["r1", "r2", "r3", "r4"]
    assert origin.outlets[:2] == ["Novy Vestnik State News", "Eastern Wire Agency"]


def test_party_only_and_denied_is_doubtful_and_says_so() -> None:
    origins = collapse([Claim("r1", **OFFICIAL), Claim("r2", **OFFICIAL)], registry())
    result = grade(
        origins, [Denial("r3", "Iryna Halchenko", "Republic", counter_accuses=True)], reports=3
    )
    assert (result.reliability, result.credibility) == ("D", 4)
    assert result.standard == "uncorroborated claim"
    assert result.explanation.startswith("3 reports, 1 origin: Arkady Dobrynets")
    assert "No independent corroboration." in result.explanation
    assert "Denied and counter-accused by Iryna Halchenko (Republic)." in result.explanation


def test_independent_first_hand_corroboration_reaches_reasonable_grounds() -> None:
    claims = [
        Claim("r1", **OFFICIAL),
        Claim("r2", speaker="Witness A-17", witness=True),
        Claim("r3", speaker="Witness A-21", witness=True),
        Claim("r4", speaker="Donbas Monitor Group", own_voice=True, outlet="Donbas Monitor Group"),
    ]
    result = grade(collapse(claims, registry()), [], reports=4)
    assert (result.reliability, result.credibility) == ("B", 1)
    assert result.standard.startswith("corroborated")
    assert "Corroborated by 3 independent origins, 3 of them first-hand." in result.explanation


def test_independent_denial_makes_it_improbable() -> None:
    origins = collapse([Claim("r1", speaker="Witness A-17", witness=True)], registry())
    result = grade(
        origins,
        [Denial("r2", "Joint Civilian Protection Monitoring Mission", None, independent=True)],
        reports=2,
    )
    assert result.credibility == 5


def test_no_origin_cannot_be_judged() -> None:
    result = grade([], [], reports=1)
    assert (result.reliability, result.credibility) == ("F", 6)


def test_grades_mirror_when_parties_swap() -> None:
    a = collapse(
        [Claim("r1", speaker="Arkady Dobrynets", role="head of the Northern Coalition's centre")],
        registry(),
    )
    b = collapse(
        [
            Claim(
                "r1", speaker="Iryna Halchenko", role="spokesperson of the Republic's General Staff"
            )
        ],
        registry(),
    )
    graded_a = grade(a, [Denial("r2", "Iryna Halchenko", "Republic")], reports=2)
    graded_b = grade(b, [Denial("r2", "Arkady Dobrynets", "Northern Coalition")], reports=2)
    assert (graded_a.reliability, graded_a.credibility, graded_a.standard) == (
        graded_b.reliability,
        graded_b.credibility,
        graded_b.standard,
    )
    swap = {
        "Arkady Dobrynets": "Iryna Halchenko",
        "Iryna Halchenko": "Arkady Dobrynets",
        "Northern Coalition": "Republic",
        "Republic": "Northern Coalition",
    }
    pattern = re.compile("|".join(re.escape(name) for name in swap))
    mirrored = pattern.sub(lambda match: swap[match.group()], graded_a.explanation)
    assert mirrored == graded_b.explanation
