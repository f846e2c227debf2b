"""Neutrality: swapping the conflict parties, their people and outlets mirrors every grade.

The same corpus is written twice from a template, once with the parties one way round and
once the other; the whole pipeline runs on each (with the encoder only in the slow run),
and each run must give the incident, grade and explanation written out below: the same grade
both ways, and words that mirror each other.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

import corroborate.taxonomy.registry
from corroborate.export.results import IncidentJSON
from corroborate.extract.attribution.outlets import _party_names
from corroborate.pipeline import run
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.sealing import REF, WitnessKey
from corroborate.taxonomy.registry import Registry, registry
from tests.swap import check_pdf, swap, swap_corpus, swap_file, swapped_registry

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


def incidents(tmp_path: Path, *, flipped: bool, fast: bool) -> list[IncidentJSON]:
    name = "flipped" if flipped else "straight"
    folder = corpus(tmp_path / name, flipped=flipped)
    store = Store(f"sqlite:///{tmp_path / name}.db")
    store.migrate()
    store.witness_key = WitnessKey.generate()
    settings = Settings(store_url=store.url, workers=1, fast=fast)
    found = run(store, [folder], settings=settings).results["incidents"]
    for incident in found:  # the witness is a random reference per store
        grade = incident["grade"]
        grade["explanation"] = REF.sub("the witness", grade["explanation"])
    return found


def expected(alleging: str, party: str, outlet: str, denying: str, other: str) -> str:
    return (
        # origins in the order they were told: the dated testimony before the undated statement
        f"3 reports, 2 origins: the witness, a first-hand witness; {alleging}, an official, "
        f"body or outlet of a party to the conflict ({party}), relayed by {outlet}. "
        f"Corroborated by 1 independent origin, 1 of them first-hand. Denied by {denying} "
        f"({other}). Grade C3: source reliability C, credibility 3 (possibly true); partly "
        "corroborated: credible allegation, needs corroboration."
    )


STRAIGHT = expected(
    "Arkady Dobrynets",
    "Northern Coalition",
    "Novy Vestnik State News",
    "Iryna Halchenko",
    "Republic",
)
FLIPPED = expected(
    "Iryna Halchenko", "Republic", "Republic Herald", "Arkady Dobrynets", "Northern Coalition"
)


@pytest.mark.parametrize("fast", [True, pytest.param(False, marks=pytest.mark.slow)])
@pytest.mark.parametrize(
    ("flipped", "alleging", "party", "accused", "explanation"),
    [
        (False, "Arkady Dobrynets", "Northern Coalition", "Republic", STRAIGHT),
        (True, "Iryna Halchenko", "Republic", "Northern Coalition", FLIPPED),
    ],
)
def test_either_side_alleging_gets_the_same_grade_and_the_mirrored_words(
    tmp_path: Path,
    fast: bool,
    flipped: bool,
    alleging: str,
    party: str,
    accused: str,
    explanation: str,
) -> None:
    [incident] = incidents(tmp_path, flipped=flipped, fast=fast)
    assert (
        incident["label"]
        == "Torture or ill-treatment, Arbitrary detention at Sloviansk, reported April 2022"
    )
    assert incident["types"] == [
        "torture",
        "arbitrary_detention",
        "extortion",
        "enforced_disappearance",
    ]
    assert incident["grade"] == {
        "reliability": "C",
        "credibility": 3,
        "standard": "partly corroborated: credible allegation, needs corroboration",
        "explanation": explanation,
    }
    assert [
        (o["kind"], REF.sub("the witness", o["speaker"] or ""), o["party"], len(o["report_ids"]))
        for o in incident["origins"]
    ] == [
        ("witness", "the witness", None, 1),
        ("party", alleging, party, 1),
    ]
    assert sorted(r["stance"] for r in incident["reports"]) == ["denies", "supports", "supports"]
    # the perpetrator's span comes from the parse, which differs with the words around it
    # ("fighters of the Republic" is not parsed as "fighters of the Northern Coalition" is),
    # but either way it names the other party
    [named] = incident["accused"]
    assert registry().party_in(named) == accused


# The whole sample corpus, every format, swapped (tests/swap.py), registry included: every
# incident must come out with the same grade, origin count and explanation, names swapped
# back. The witness references are random per store, so they are compared as "the witness".
CORPUS = Path(__file__).resolve().parent.parent / "samples" / "corpus"


def strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in [k, *strings(v)]]
    return []


@pytest.mark.parametrize(
    "feed", sorted(p for p in CORPUS.glob("*/*.json*") if p.parent.name != "broken")
)
def test_every_name_in_a_json_feed_is_swapped(feed: Path, tmp_path: Path) -> None:
    """The test's premise: the swapped feed says what the original says with the names
    exchanged, a name right after a line break (``\\n\\nDobrynets said``) included."""
    out = tmp_path / feed.name
    swap_file(feed, out)
    assert strings(documents(out)) == [swap(s) for s in strings(documents(feed))]


def documents(path: Path) -> list[object]:
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    return [json.loads(text)]


def test_a_name_after_an_escaped_line_break_is_swapped(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": "Intro.\n\nDobrynets said so."}) + "\n", "utf-8")
    swap_file(feed, tmp_path / "out.jsonl")
    assert documents(tmp_path / "out.jsonl") == [{"text": "Intro.\n\nHalchenko said so."}]


def use_registry(monkeypatch: pytest.MonkeyPatch, swapped: Registry) -> None:
    """Every module that looks the registry up gets the swapped one."""
    original = corroborate.taxonomy.registry.registry
    for name, module in list(sys.modules.items()):
        if name.startswith("corroborate") and getattr(module, "registry", None) is original:
            monkeypatch.setattr(module, "registry", lambda extra=None: swapped)
    _party_names.cache_clear()


Row = tuple[str, str, int, int, str]  # label, reliability, credibility, origins, explanation


def outcome(folder: Path, db: Path, *, fast: bool) -> list[Row]:
    store = Store(f"sqlite:///{db}")
    store.migrate()
    store.witness_key = WitnessKey.generate()
    settings = Settings(store_url=store.url, workers=1, fast=fast)
    found = run(store, [folder], settings=settings).results["incidents"]
    return [
        (
            i["label"],
            i["grade"]["reliability"],
            i["grade"]["credibility"],
            len(i["origins"]),
            REF.sub("the witness", i["grade"]["explanation"]),
        )
        for i in found
    ]


def swapped_back(rows: list[Row]) -> list[Row]:
    return [(swap(label), r, c, n, swap(words)) for label, r, c, n, words in rows]


# Incidents that still differ once swapped, and why, measured on 2026-12-01 (the run of
# this test, both ways). Causes found and removed: on 2026-11-30, the swap helper leaving
# names unswapped in the JSON feeds (now swapped value by value, tested above), reports
# taken in the order of their ids, which hash their bytes (now ``link.order``), and speaker
# phrases read one way for one name only (now read by form, ``speakers``); on 2026-12-01,
# the statistical models reading the words around other names differently (the parser's cut
# of a speaker or content span, the encoder's labels, the violation model's sentence
# vector: 3 of 11 incidents differed with the parse rules alone, 6 of 14 with the encoder).
# The models now read every party, outlet and person as one fixed word of its kind
# (``extract/blind.py``), so both sides give them the same text wherever every name is
# recognised as one. The last was a person named once, by a bare surname in brackets, that
# neither the entity model nor the name-shape rules took for a person on either side, so
# the parser read "(Halchenko, 13 April)" and "(Dobrynets, 13 April)" as written (the
# encoder then read a witness's quoted words as a statement of its own on one side only);
# a surname cited in brackets is now masked too (``blind.cited_names``).
REMAINING: dict[bool, dict[str, str]] = {
    True: {},  # the parse rules alone: 0 of 12
    False: {},  # with the attribution encoder: 0 of 16
}


@pytest.fixture(scope="module", params=[True, False], ids=["rules", "encoder"])
def both_ways(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[bool, list[Row], list[Row]]:
    fast = bool(request.param)
    tmp_path = tmp_path_factory.mktemp("swap")
    straight = outcome(CORPUS, tmp_path / "straight.db", fast=fast)
    folder = swap_corpus(CORPUS, tmp_path / "swapped")
    for pdf in CORPUS.glob("*/*.pdf"):
        if pdf.parent.name != "broken":
            assert check_pdf(pdf, folder / pdf.relative_to(CORPUS)), pdf.name
    with pytest.MonkeyPatch.context() as monkeypatch:
        use_registry(monkeypatch, swapped_registry())
        try:
            flipped = swapped_back(outcome(folder, tmp_path / "swapped.db", fast=fast))
        finally:
            _party_names.cache_clear()
    return fast, straight, flipped


@pytest.mark.slow
def test_only_the_incidents_in_remaining_differ_once_swapped(
    both_ways: tuple[bool, list[Row], list[Row]],
) -> None:
    """Each difference left is diagnosed above; a new one fails here, and so does one that
    went away (then take it out of ``REMAINING``)."""
    fast, straight, flipped = both_ways
    assert {row[0] for row in straight if row not in flipped} == set(REMAINING[fast])


@pytest.mark.slow
def test_the_whole_sample_corpus_swapped_gives_the_same_incidents(
    both_ways: tuple[bool, list[Row], list[Row]], request: pytest.FixtureRequest
) -> None:
    """Strictly expected to fail where ``REMAINING`` lists a difference, to pass where not."""
    fast, straight, flipped = both_ways
    if REMAINING[fast]:
        reason = "the incidents in REMAINING still differ"
        request.applymarker(pytest.mark.xfail(strict=True, raises=AssertionError, reason=reason))
    assert flipped == straight
