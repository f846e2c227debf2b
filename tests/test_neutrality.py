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
from corroborate.extract.outlets import _party_names
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


# Incidents that differed once swapped in an earlier measured run, and why. Until 2026-11-30
# this test could not run (its registry helper had fallen behind the registry's files, and the
# strict xfail took that error for the expected failure; it now expects an AssertionError
# only). Measured again on 2026-11-30, after incidents became bounded in place and time and
# stance per incident: 5 of 12 incidents differ with the parse rules alone and 8 of 16 with the
# encoder (among them the Sloviansk detentions, split differently on each side, and Bakhmut);
# the causes below are the earlier run's and are to be re-diagnosed. In every case then the
# parse or the encoder read the swapped names differently (retraining the encoder with name
# and party substitutions is still to do: about an hour a member on two cores, and a training
# environment this project does not ship). The set also varies from run to run: reports are
# taken in the order of their content-derived ids (sealed testimonies' ids change with the
# random witness key), and that order breaks ties between incidents and labels.
REMAINING = {
    True: {  # the parse rules alone
        "Arbitrary detention at Bakhmut, May 2022": "the tagger keeps the spokeswoman's"
        " party and title before her name on one side only, so her party is lost (D4 / F4)",
        "Arbitrary detention, Torture or ill-treatment at Izium, April 2022": "a wire item's"
        " surname of one spokesperson is parsed as speaker on one side only (2 / 3 origins)",
        "Attack on civilians or civilian objects at Kramatorsk, April 2022": "'The …"
        " spokesperson, Major General …' is cut before the name on one side (1 / 2 origins)",
        "Attack on civilians or civilian objects, Killing at Kramatorsk, April 2022": "a"
        " party's name is read as the speaker of an NGO's sentence on one side (9 / 10)",
        "Enforced disappearance at Bakhmut, May 2022": "'Bakhmut police chief <name>' is"
        " parsed as 'Bakhmut police' on one side only (2 / 1 origins)",
        "Killing at Sloviansk, April 2022": "a spokesperson's denial is linked to the"
        " incident on one side only (4 / 3 reports)",
        "Torture or ill-treatment, Arbitrary detention at Sloviansk, April 2022": "speaker"
        " spans and pronoun antecedents in the wire copies differ with the names (9 / 8)",
        "Killing, Attack on civilians or civilian objects at Kramatorsk, April 2022": "in"
        " another run: its denials and report count (report order)",
    },
    False: {  # with the attribution encoder (15 incidents one way, 16 the other)
        "Arbitrary detention at Bakhmut, May 2022": "the spokeswoman's phrase keeps a"
        " different party name on each side (the parse of the wire item differs)",
        "Arbitrary detention, Looting or pillage at Kamianka (Izium district), April 2022": (
            "the mission's Kamianka paragraph names a detention on one side only"
        ),
        "Looting or pillage at Kamianka (Izium district), April 2022": "the same paragraph,"
        " the other way round",
        "Arbitrary detention, Torture or ill-treatment at Izium, April 2022": "a party name"
        " and a surname are read as speakers on one side only (3 / 5 origins)",
        "Enforced disappearance, Attack on journalists or media at Bakhmut, May 2022": "the"
        " wire's own statement is found on one side only (B1 / B2)",
        "Enforced disappearance, May 2022": "a party statement forms an incident of its own"
        " on one side only",
        "Forced displacement at Lyman, May 2022": "a party's statement is attributed on one"
        " side only (3 / 2 origins)",
        "Torture or ill-treatment, Arbitrary detention at Sloviansk, April 2022": "one wire"
        " copy's speaker is read as the other spokesperson on one side (10 / 9 reports)",
    },
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
@pytest.mark.xfail(
    strict=True, raises=AssertionError, reason="the incidents in REMAINING still differ"
)
def test_the_whole_sample_corpus_swapped_gives_the_same_incidents(
    both_ways: tuple[bool, list[Row], list[Row]],
) -> None:
    _, straight, flipped = both_ways
    assert flipped == straight
