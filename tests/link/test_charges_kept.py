"""What a kept charge is stored under and as: the ids (``charge_id``, ``charges_version``,
the code digest), the JSON form, and the errors of reading a damaged one; the expected ids
and texts are written out here, not taken from the code under test."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from corroborate import __version__
from corroborate.link import charges
from corroborate.link.answer import Charge, Voice
from corroborate.link.charges import (
    VERSIONED,
    ChargeMemo,
    Decided,
    charge_id,
    charges_version,
    decided_all,
    from_json,
    to_json,
)
from corroborate.link.features import files_digest
from corroborate.model import Allegation, Place, Stance


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def code(monkeypatch: pytest.MonkeyPatch) -> str:
    """The code digest pinned to a known value."""
    monkeypatch.setattr(charges, "_CODE", ["code-7"])
    return "code-7"


STRUCK = Allegation("a1", ("killing",), place=Place(name="Velmora town", canonical="Velmora"))
UNPLACED = Allegation("a2", ("looting",))
SAID = Voice(
    "rockets hit the school",
    "said",
    "Republic",
    "Northern Coalition",
    None,
    frozenset({"killing", "attack_on_civilians"}),
)
BARE = Voice("shops were emptied", "reported")


def test_a_charge_id_digests_the_code_the_registry_and_each_allegation(code: str) -> None:
    found = charge_id(
        [STRUCK, UNPLACED],
        {STRUCK.id: SAID, UNPLACED.id: BARE},
        {STRUCK.id: (date(2022, 4, 26), date(2022, 4, 27)), UNPLACED.id: (None, None)},
        {STRUCK.id: "Taras Moroz", UNPLACED.id: "Ina Vell"},
        "reg-3",
    )
    parts = (
        f'[["{STRUCK.id}",["rockets hit the school","said","Republic","Northern Coalition",'
        'null,["attack_on_civilians","killing"]],["2022-04-26","2022-04-27"],"Velmora",'
        f'"Taras Moroz"],["{UNPLACED.id}",["shops were emptied","reported",null,null,null,[]],'
        '[null,null],null,"Ina Vell"]]'
    )
    assert found == "sha256:" + sha(f'["link-charge","code-7","reg-3","{sha(parts)}"]')


def test_charges_are_kept_under_the_version_of_the_code(code: str) -> None:
    assert charges_version() == "sha256:" + sha('["link-charges","code-7"]')


def test_the_code_digest_is_the_version_and_the_versioned_files_read_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(charges, "_CODE", [])
    reads: list[tuple[str, ...]] = []

    def digest(names: tuple[str, ...]) -> str:
        reads.append(names)
        return files_digest(names)

    monkeypatch.setattr(charges, "files_digest", digest)
    expected = "sha256:" + sha(f'["{__version__}","{files_digest(VERSIONED)}"]')
    assert charges._code() == expected
    assert charges._code() == expected
    assert reads == [VERSIONED]


KEPT = Decided(
    Charge(
        accused="Republic",
        types=frozenset({"killing", "attack_on_civilians"}),
        places=frozenset({"Zelená Hora"}),
        first=date(2022, 4, 26),
        last=date(2022, 4, 27),
        told=date(2022, 4, 28),
        stems=frozenset({"rocke", "schoo"}),
        accusers=frozenset({"tarasmoroz"}),
        claim="rockets hit the school",
    ),
    ((Stance.SUPPORTS, 0.6), (Stance.DENIES, 0.9)),
)
KEPT_JSON = (
    '{"accused":"Republic","types":["attack_on_civilians","killing"],'
    '"places":["Zelená Hora"],"days":["2022-04-26","2022-04-27","2022-04-28"],'
    '"stems":["rocke","schoo"],"accusers":["tarasmoroz"],"claim":"rockets hit the school",'
    '"stances":[["supports",0.6],["denies",0.9]]}'
)


def test_a_kept_charge_is_compact_json_with_its_letters_as_written() -> None:
    assert to_json(KEPT) == KEPT_JSON
    assert from_json(KEPT_JSON) == KEPT


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('"accused":"Republic"', '"accused":5', "not a string: 5"),
        ('"types":["attack_on_civilians","killing"]', '"types":"killing"', "not a list of strings"),
        ('["supports",0.6]', '["supports","0.6"]', "not a number: '0.6'"),
        ('["supports",0.6]', '["supports",true]', "not a number: True"),
    ],
)
def test_a_kept_charge_of_the_wrong_types_raises_a_type_error_naming_it(
    old: str, new: str, message: str
) -> None:
    with pytest.raises(TypeError) as raised:
        from_json(KEPT_JSON.replace(old, new))
    assert str(raised.value) == message


def test_ids_and_sizes_of_other_lengths_are_refused() -> None:
    def decide(n: int) -> Decided:
        return KEPT

    with pytest.raises(ValueError, match="zip"):
        decided_all(["c1", "c2"], [2], decide, ChargeMemo())
