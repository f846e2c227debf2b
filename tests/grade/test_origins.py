"""Origins: re-reports and copies collapse into one; each origin's kind and party."""

from __future__ import annotations

import pytest

from corroborate.grade import collapse
from corroborate.grade.origins import classify, is_generic, is_witness
from corroborate.model import Claim
from corroborate.taxonomy.conflicts import Conflict
from corroborate.taxonomy.registry import Registry, Source, registry

OFFICIAL = dict(speaker="Arkady Dobrynets", role="head of the Northern Coalition's centre")


def test_wire_copies_and_rereports_collapse_to_one_origin() -> None:
    claims = [
        Claim("r1", outlet="Novy Vestnik State News", **OFFICIAL),
        Claim("r2", outlet="Eastern Wire Agency", via=("NVSN",), copy_of="r1", **OFFICIAL),
        Claim("r3", outlet="Steppe Daily", via=("Novy Vestnik State News",), **OFFICIAL),
        Claim("r4", speaker="sources", outlet="Frontline Digest", copy_of="r1"),
    ]
    [origin] = collapse(claims, registry())
    assert (origin.kind, origin.party, origin.speaker) == (
        "party",
        "Northern Coalition",
        "Arkady Dobrynets",
    )
    assert origin.report_ids == ["r1", "r2", "r3", "r4"]
    assert origin.outlets == [
        "Novy Vestnik State News",
        "Eastern Wire Agency",
        "Steppe Daily",
        "Frontline Digest",
    ]


def test_unnamed_sources_are_one_origin_per_report_unless_copied() -> None:
    claims = [
        Claim("r1", speaker="sources", outlet="Steppe Daily"),
        Claim("r2", speaker="sources", outlet="Frontline Digest"),
        Claim("r3", speaker="sources", outlet="Danube Courier", copy_of="r1"),
    ]
    first, second = collapse(claims, registry())
    assert (first.report_ids, second.report_ids) == (["r1", "r3"], ["r2"])
    assert (first.kind, second.kind) == ("unknown", "unknown")


def test_a_copy_of_a_report_not_among_the_claims_keeps_its_own_origin() -> None:
    claims = [
        Claim("r2", speaker="officials", copy_of="r1"),
        Claim("r3", speaker="local officials", copy_of="r1"),
    ]
    [origin] = collapse(claims, registry())
    assert origin.report_ids == ["r2", "r3"] and origin.key == "report:r1"


@pytest.mark.parametrize(
    ("claim", "kind", "party"),
    [
        (Claim("r", **OFFICIAL), "party", "Northern Coalition"),
        (Claim("r", speaker="Taras Moroz", affiliation="Kramatorsk City Military Administration"),
         "party", "Republic"),
        (Claim("r", speaker="Witness A-17", witness=True), "witness", None),
        (Claim("r", speaker="Donbas Monitor Group"), "documentary", None),
        (Claim("r", speaker="Joint Civilian Protection Monitoring Mission"), "documentary", None),
        (Claim("r", speaker="Eastern Wire Agency"), "independent", None),
        (Claim("r", speaker="the editors", own_voice=True, outlet="Steppe Daily"),
         "independent", None),
        (Claim("r", speaker="the desk", own_voice=True, outlet="Donbas Monitor Group"),
         "documentary", None),
        (Claim("r", speaker="the desk", own_voice=True, outlet="Republic Herald"),
         "party", "Republic"),
        # an outlet named but not registered is "media, unregistered", never silently unknown
        (Claim("r", speaker="the desk", own_voice=True, outlet="Unknown Blog"),
         "unregistered", None),
        (Claim("r", speaker="the desk", own_voice=True), "unknown", None),
        (Claim("r", speaker="sources", outlet="Republic Herald"), "unknown", None),
        (Claim("r", speaker="Petro Ivanenko", outlet="Republic Herald"), "party", "Republic"),
        (Claim("r", speaker="Petro Ivanenko", outlet="Steppe Daily"), "unknown", None),
        # a registered body is its party's by its own name, or by the body named in the role
        (Claim("r", speaker="Humanitarian Response Coordination Centre"),
         "party", "Northern Coalition"),
        (Claim("r", speaker="Oksana Marchenko", role="spokesperson of the State Security Bureau"),
         "party", "Republic"),
        # a party named in the role as a whole word, the speaker's name after it
        (Claim("r", speaker="Petro Ivanenko", role="spokesman for the Republic"),
         "party", "Republic"),
        (Claim("r", speaker="Steppe Daily"), "independent", None),
        (Claim("r", speaker="the desk", own_voice=True, outlet="OHCHR"), "documentary", None),
        # countries are parties by the table's words; registered bodies decide first
        (Claim("r", speaker="Ukrainian officials"), "party", "Ukraine"),
        (Claim("r", speaker="Russian defence ministry"), "party", "Russia"),
        (Claim("r", speaker="Olha Savchuk", role="the Russian-installed head of Donetsk"),
         "party", "Russia"),
        (Claim("r", speaker="Kyiv Post"), "independent", None),
        (Claim("r", speaker="Russia's independent news outlet Meduza"), "independent", None),
        (Claim("r", speaker="Petro Ivanenko", role="reporter", affiliation="Meduza"),
         "unknown", None),
        (Claim("r", speaker="Commission of Inquiry on Ukraine"), "documentary", None),
        (Claim("r", speaker="Amnesty International Ukraine"), "documentary", None),
        # a registered body decides before any party word: its affiliation of no party ...
        (Claim("r", speaker="Petro Ivanenko", role="former Ukrainian army officer",
               affiliation="Kyiv Independent"), "unknown", None),
        # ... and a party body named in the role before the words of the affiliation
        (Claim("r", speaker="Oksana Marchenko", role="spokesperson of the State Security Bureau",
               affiliation="the Coalition's Ministry of Defence"), "party", "Republic"),
        # a named person whose role makes them a witness is one, relayed by the report
        (Claim("r", speaker="Hanna Koval", role="a resident of Lyman"), "witness", None),
        (Claim("r", speaker="Hanna Koval", role="a resident of Lyman", outlet="Republic Herald"),
         "party", "Republic"),
    ],
)  # fmt: skip
def test_kind_and_party_of_an_origin(claim: Claim, kind: str, party: str | None) -> None:
    [origin] = collapse([claim], registry())
    assert (origin.kind, origin.party) == (kind, party)


@pytest.mark.parametrize(
    ("speaker", "generic"),
    [
        ("sources", True),
        ("she", True),
        ("She", True),
        ("", True),
        ("Hospital staff", True),
        ("Oreshkina", False),
        ("hospital staff", True),
        ("3 residents", True),
        ("a fourth witness", True),
        ("Witness A-17", False),
        ("Arkady Dobrynets", False),
        ("Ministry of Defence", False),
    ],
)
def test_generic_speakers(speaker: str, generic: bool) -> None:
    assert is_generic(speaker) is generic


def test_a_report_in_its_own_voice_is_known_by_its_author_when_no_outlet_is() -> None:
    """A registry extended with a body of another kind (CORROBORATE_SOURCES): its own
    report, with no outlet recorded, is an independent origin by the author's name."""
    extended = Registry(sources=(Source(name="Kharkiv Law Clinic", kind="academic"),))
    claim = Claim("r", speaker="Kharkiv Law Clinic", own_voice=True)
    [origin] = collapse([claim], extended)
    assert (origin.kind, origin.party) == ("independent", None)


@pytest.mark.parametrize(
    ("claim", "kind"),
    [
        (Claim("r", speaker="UN Human Rights Monitoring Mission in Ukraine"), "documentary"),
        (Claim("r", speaker="Matilda Example",
               role="head of the UN Human Rights Monitoring Mission in Ukraine"), "unknown"),
        (Claim("r", speaker="Commission of Inquiry on Ukraine"), "documentary"),
        (Claim("r", speaker="Amnesty International Ukraine"), "documentary"),
        (Claim("r", speaker="Olena Example", affiliation="Amnesty International Ukraine"),
         "unknown"),
        (Claim("r", speaker="The Moscow Times"), "independent"),
    ],
)  # fmt: skip
def test_a_registered_body_named_after_a_country_is_no_party(claim: Claim, kind: str) -> None:
    """Regression: the country in a monitor's name made it that country's party (D)."""
    [origin] = collapse([claim], registry())
    assert (origin.kind, origin.party) == (kind, None)


@pytest.mark.parametrize(
    ("claim", "kind", "party"),
    [
        (Claim("r", speaker="Ukrainian General Staff"), "party", "Ukraine"),
        (Claim("r", speaker="Igor Example", role="spokesman of the Russian Defence Ministry"),
         "party", "Russia"),
        (Claim("r", speaker="the desk", own_voice=True, outlet="BelTA"), "independent", None),
        # a state outlet of no party speaking as itself is independent, as any outlet is
        (Claim("r", speaker="BelTA"), "independent", None),
        (Claim("r", speaker="the desk", own_voice=True, outlet="TASS"), "party", "Russia"),
        (Claim("r", speaker="the desk", own_voice=True, outlet="The Guardian"),
         "independent", None),
        (Claim("r", speaker="Gaza Health Ministry"), "party", "Hamas"),
        (Claim("r", speaker="Israel Defense Forces"), "party", "Israel"),
    ],
)  # fmt: skip
def test_real_bodies_and_outlets_by_the_registry(claim: Claim, kind: str, party: str) -> None:
    [origin] = collapse([claim], registry())
    assert (origin.kind, origin.party) == (kind, party)


def test_picture_credits_are_never_origins_nor_outlets() -> None:
    """Regression: "EPA Reuters" above a paragraph became an origin of its own."""
    claims = [
        Claim("r1", speaker="EPA Reuters"),
        Claim("r2", speaker="Human Rights Watch", via=("AFP via Getty Images", "Reuters")),
    ]
    [origin] = collapse(claims, registry())
    assert (origin.speaker, origin.kind, origin.outlets) == (
        "Human Rights Watch",
        "documentary",
        ["Reuters"],
    )


def test_a_claim_by_an_unresolved_speaker_is_no_origin() -> None:
    claims = [Claim("r1", speaker="he", unresolved=True), Claim("r2", speaker="Witness A-17")]
    [origin] = collapse(claims, registry())
    assert (origin.speaker, origin.kind, origin.report_ids) == ("Witness A-17", "witness", ["r2"])


def test_each_witness_a_report_relays_is_an_origin_of_its_own_and_copies_share_them() -> None:
    claims = [
        Claim("r1", speaker="Witnesses", outlet="Black Sea Observer"),
        Claim("r1", speaker="resident", outlet="Black Sea Observer"),
        Claim("r1", speaker="resident", outlet="Black Sea Observer"),  # the same mention again
        Claim("r2", speaker="resident", outlet="Steppe Daily", copy_of="r1"),
        Claim("r3", speaker="resident", outlet="Danube Courier"),  # another report's resident
    ]
    origins = collapse(claims, registry())
    assert [(o.kind, o.speaker, o.report_ids) for o in origins] == [
        ("witness", "Witnesses", ["r1"]),
        ("witness", "resident", ["r1", "r2"]),
        ("witness", "resident", ["r3"]),
    ]


def test_a_witness_relayed_by_a_party_outlet_reaches_us_through_that_party() -> None:
    [origin] = collapse([Claim("r1", speaker="locals", outlet="Republic Herald")], registry())
    assert (origin.kind, origin.party) == ("party", "Republic")


@pytest.mark.parametrize(
    ("speaker", "role", "witness"),
    [
        ("Witnesses", None, True),
        ("a resident", None, True),
        ("survivors", None, True),
        ("One woman", None, True),
        ("Four of the six residents", None, True),
        ("Witness A-17", None, True),
        ("Hanna Koval", "a resident of Lyman", True),
        ("Local officials", None, False),
        # a number or quantifier alone, with nothing it counts, describes no one
        ("Several", None, False),
        ("Hanna Koval", "one", False),
        ("Hospital staff", None, False),
        ("Taras Moroz", "head of the Kramatorsk City Military Administration", False),
    ],
)
def test_who_is_described_as_a_witness(speaker: str, role: str | None, witness: bool) -> None:
    assert is_witness(speaker, role) is witness


def _conflicts() -> tuple[Conflict, Conflict]:
    """The Russia-Ukraine war (where the United States fights no side) and the Syrian civil
    war (where it does), as an incident's places tell them."""
    sources = registry()
    ukraine, syria = sources.conflict_of(set(), {"UA"}), sources.conflict_of(set(), {"SY"})
    assert ukraine is not None and syria is not None
    return ukraine, syria


@pytest.mark.parametrize(
    ("claim", "in_ukraine", "in_syria"),
    [
        # the speaker is a party's outlet
        (Claim("r", "Voice of America"), ("independent", None), ("party", "United States")),
        # a byline in that outlet's own voice
        (
            Claim("r", "Olena Marchenko", own_voice=True, outlet="Voice of America"),
            ("independent", None),
            ("party", "United States"),
        ),
        # a witness the outlet relays
        (
            Claim("r", "a resident", outlet="Voice of America"),
            ("witness", None),
            ("party", "United States"),
        ),
        # a named speaker the outlet relays, of no known side
        (
            Claim("r", "Oleh Marchuk", outlet="Voice of America"),
            ("unknown", None),
            ("party", "United States"),
        ),
    ],
)
def test_an_outlet_s_state_is_a_party_only_in_a_conflict_it_fights(
    claim: Claim, in_ukraine: tuple[str, str | None], in_syria: tuple[str, str | None]
) -> None:
    ukraine, syria = _conflicts()
    assert classify(claim, registry(), ukraine) == in_ukraine
    assert classify(claim, registry(), syria) == in_syria
    [origin] = collapse([claim], registry(), ukraine)
    assert (origin.kind, origin.party) == in_ukraine


@pytest.mark.parametrize(
    ("claim", "in_ukraine", "in_syria"),
    [
        (
            Claim("r", "Oleh Marchuk", party="Republic"),
            ("party", "Republic"),
            ("party", "Republic"),
        ),
        # "" is "of no party": a party origin becomes unknown, any other kind stays
        (Claim("r", "Voice of America", party=""), ("independent", None), ("unknown", None)),
        (Claim("r", "Oleh Marchuk", kind="witness"), ("witness", None), ("witness", None)),
        # a kind decided keeps the party only for a party origin
        (Claim("r", "Voice of America", kind="party"), ("party", None), ("party", "United States")),
        (
            Claim("r", "Voice of America", kind="documentary"),
            ("documentary", None),
            ("documentary", None),
        ),
        (
            Claim("r", "Oleh Marchuk", party="Republic", kind="party"),
            ("party", "Republic"),
            ("party", "Republic"),
        ),
    ],
)
def test_an_analyst_s_party_and_kind_stand_over_the_machine_s(
    claim: Claim, in_ukraine: tuple[str, str | None], in_syria: tuple[str, str | None]
) -> None:
    ukraine, syria = _conflicts()
    assert classify(claim, registry(), ukraine) == in_ukraine
    assert classify(claim, registry(), syria) == in_syria
