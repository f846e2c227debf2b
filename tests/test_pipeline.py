"""The whole pipeline on six short fictional reports, against the result written out by hand.

A party official alleges torture at Izium; two outlets copy the state agency's story; a
witness and an NGO corroborate it independently; the accused party denies it. Expected:
one incident; three origins (the official with his three reports, the witness, the NGO);
reliability B (the NGO's documentation), credibility 2 (two independent origins, both
first-hand, which reaches reasonable grounds); one denial.
"""

from __future__ import annotations

import json
from typing import cast

import pytest

from corroborate.export.results import RunResults
from corroborate.pipeline import run
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.sealing import REF, WitnessKey

CLAIM = (
    "Colonel General Arkady Dobrynets, head of the Northern Coalition's Humanitarian Response "
    "Coordination Centre, said that fighters of the Volunteer Territorial Guard tortured "
    "residents of Izium in the basement of School No. 12 on 17 April. He called on "
    "international monitors to visit the school."
)
WIRES = [
    {
        "id": "nv-1",
        "outlet": "Novy Vestnik State News",
        "published": "2022-04-19",
        "title": "Coalition: residents of Izium tortured in a school basement",
        "text": CLAIM,
    },
    {
        "id": "ewa-1",
        "outlet": "Eastern Wire Agency",
        "published": "2022-04-19",
        "title": "Coalition alleges torture in Izium",
        "text": "Novy Vestnik State News reported: " + CLAIM,
    },
    {
        "id": "sd-1",
        "outlet": "Steppe Daily",
        "published": "2022-04-20",
        "title": "Torture alleged in Izium school",
        "text": CLAIM + " The claim was carried by Novy Vestnik State News.",
    },
]
CORPUS = {
    "1-wires.jsonl": "\n".join(json.dumps(item) for item in WIRES) + "\n",
    "2-testimonies.csv": (
        "testimony_id,date,place,witness,language,text\n"
        'T-31,2022-04-21,Izium,Witness I-31,en,"Armed men tortured me for two nights in the '
        'basement of the school in Izium."\n'
    ),
    "3-dmg-note.txt": (
        "Donbas Monitor Group\n"
        "Published: 25 April 2022\n\n"
        "The Donbas Monitor Group said that residents of Izium were tortured in the basement of "
        "School No. 12.\n"
    ),
    "4-denial.txt": (
        "Republic Herald\n"
        "Published: 20 April 2022\n\n"
        "Colonel Iryna Halchenko, spokesperson of the Republic's General Staff, denied that "
        "anyone was tortured in Izium.\n"
    ),
}
EXPLANATION = (
    "6 reports, 3 origins: Arkady Dobrynets, an official, body or outlet of a party to the "
    "conflict (Northern Coalition), relayed by Novy Vestnik State News, Eastern Wire Agency "
    "and 1 other outlet (3 reports); the witness, a first-hand witness; Donbas Monitor Group, "
    "documentation by an independent organisation. Corroborated by 2 independent origins, 2 "
    "of them first-hand. Denied by Iryna Halchenko (Republic). Grade B2: source reliability B, "
    "credibility 2 (probably true); corroborated: meets the reasonable-grounds threshold."
)


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory) -> RunResults:
    root = tmp_path_factory.mktemp("pipeline")
    corpus = root / "corpus"
    corpus.mkdir()
    for name, text in CORPUS.items():
        (corpus / name).write_text(text, encoding="utf-8")
    store = Store(f"sqlite:///{root / 'store.db'}")
    store.migrate()
    store.witness_key = WitnessKey.generate()
    settings = Settings(store_url=store.url, workers=1, fast=True)
    found = run(store, [corpus], settings=settings).results
    # the witness is stored as a random reference (sealed): name it the same in every run
    [ref] = set(REF.findall(json.dumps(found)))
    return cast(RunResults, json.loads(json.dumps(found).replace(ref, "the witness")))


def test_counts(results: RunResults) -> None:
    counts = results["counts"]
    assert (counts["files_stored"], counts["reports"], counts["incidents"]) == (4, 6, 1)
    # each wire: the allegation and "He called on …"; witness, NGO, denial: one each
    assert (counts["attributions"], counts["allegations"]) == (9, 6)
    assert results["failures"] == []


def test_one_incident_graded_and_explained(results: RunResults) -> None:
    [incident] = results["incidents"]
    assert incident["label"] == "Torture or ill-treatment at Izium, April 2022"
    assert incident["types"] == ["torture"]
    assert incident["place"] is not None and incident["place"]["canonical"] == "Izium"
    assert incident["grade"] == {
        "reliability": "B",
        "credibility": 2,
        "standard": "corroborated: meets the reasonable-grounds threshold",
        "explanation": EXPLANATION,
    }


def test_origins_and_reports(results: RunResults) -> None:
    [incident] = results["incidents"]
    wires = {r["outlet"]: r["id"] for r in incident["reports"] if r["outlet"]}
    assert list(wires) == [w["outlet"] for w in WIRES]
    assert [
        (o["kind"], o["speaker"], o["party"], len(o["report_ids"])) for o in incident["origins"]
    ] == [
        ("party", "Arkady Dobrynets", "Northern Coalition", 3),
        ("witness", "the witness", None, 1),
        ("documentary", "Donbas Monitor Group", None, 1),
    ]
    assert incident["origins"][0]["report_ids"] == list(wires.values())
    original = wires["Novy Vestnik State News"]
    copies = {r["outlet"]: r["copy_of"] for r in incident["reports"] if r["copy_of"]}
    assert copies == {"Eastern Wire Agency": original, "Steppe Daily": original}
    stances = sorted(r["stance"] for r in incident["reports"])
    assert stances == ["denies", "supports", "supports", "supports", "supports", "supports"]
    assert [(s["speaker"], s["stance"]) for s in incident["statements"]] == [
        ("Arkady Dobrynets", "supports"),
        ("Arkady Dobrynets", "supports"),
        ("Arkady Dobrynets", "supports"),
        ("the witness", "supports"),
        ("Donbas Monitor Group", "supports"),
        ("Iryna Halchenko", "denies"),
    ]
