"""Neutrality: swapping the conflict parties, their people and outlets mirrors every grade.

The same corpus is written twice from a template, once with the parties one way round and
once the other; the whole pipeline runs on each, and every incident's grade must be the
same and its explanation the mirror image (names swapped back) of the other's.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from corroborate.pipeline import run
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.sealing import REF, WitnessKey

SIDES = {
    "PARTY": ("Northern Coalition", "Republic"),
    "PERSON": ("Arkady Dobrynets", "Iryna Halchenko"),
    "SURNAME": ("Dobrynets", "Halchenko"),
    "OUTLET": ("Novy Vestnik State News", "Republic Herald"),
}
TEMPLATE = {
    "a-statement.txt": (
        "Colonel {A_PERSON}, spokesperson of the {A_PARTY}'s general staff, said that fighters "
        "of the {B_PARTY} tortured residents of Sloviansk and forced detainees to pay bribes. "
        "{A_SURNAME} added that dozens of detained residents never returned home.\n"
        "The statement was reported by {A_OUTLET}.\n"
    ),
    "b-denial.txt": (
        "Colonel {B_PERSON}, spokesperson of the {B_PARTY}'s general staff, denied that anyone was "
        "tortured in Sloviansk, calling the claims fabricated.\n"
        "The statement was reported by {B_OUTLET}.\n"
    ),
    "c-witness.csv": (
        "testimony_id,date,place,witness,language,text\n"
        'T-1,2022-04-10,Sloviansk,Witness S-1,en,"Armed men detained my brother and tortured him '
        'for three days in a basement in Sloviansk."\n'
    ),
}


def corpus(folder: Path, *, flipped: bool) -> Path:
    values = {}
    for key, (first, second) in SIDES.items():
        a, b = (second, first) if flipped else (first, second)
        values[f"A_{key}"], values[f"B_{key}"] = a, b
    folder.mkdir()
    for name, text in TEMPLATE.items():
        (folder / name).write_text(text.format(**values), encoding="utf-8")
    return folder


def grades(tmp_path: Path, *, flipped: bool) -> dict[tuple[str, ...], tuple[str, int, str, str]]:
    name = "flipped" if flipped else "straight"
    folder = corpus(tmp_path / name, flipped=flipped)
    store = Store(f"sqlite:///{tmp_path / name}.db")
    store.migrate()
    store.witness_key = WitnessKey.generate()
    results = run(store, [folder], settings=Settings(store_url=store.url, workers=1)).results
    found = {}
    for incident in results["incidents"]:
        key = (
            incident["place"]["canonical"] if incident["place"] else "",
            *sorted(incident["types"]),
        )
        grade = incident["grade"]
        found[key] = (
            grade["reliability"],
            grade["credibility"],
            grade["standard"],
            REF.sub("the witness", grade["explanation"]),  # a random reference per store
        )
    return found


@pytest.mark.slow
def test_swapping_the_parties_mirrors_every_grade(tmp_path: Path) -> None:
    straight, flipped = grades(tmp_path, flipped=False), grades(tmp_path, flipped=True)
    assert straight and straight.keys() == flipped.keys()
    swap = {}
    for first, second in SIDES.values():
        swap[first], swap[second] = second, first
    pattern = re.compile("|".join(re.escape(n) for n in sorted(swap, key=len, reverse=True)))
    for key, (reliability, credibility, standard, explanation) in straight.items():
        mirrored = pattern.sub(lambda m: swap[m.group()], explanation)
        assert flipped[key] == (reliability, credibility, standard, mirrored)
