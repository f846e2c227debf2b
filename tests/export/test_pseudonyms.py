"""No protected person is named in an export: every mention of a name, a part of it or a
code is replaced; codes are stable per key and unguessable without it."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from corroborate.export.html import write_report
from corroborate.export.pseudonyms import (
    Person,
    Pseudonyms,
    for_reports,
    for_store,
    known_refs,
    pseudonym,
    pseudonymise,
    witness_names,
)
from corroborate.export.results import RunResults
from corroborate.ids import digest_bytes
from corroborate.model import Report
from corroborate.store import IngestRecord, Store

Make = Callable[..., RunResults]


def test_witness_names_vanish_from_every_field(make_results: Make, tmp_path: Path) -> None:
    results = make_results()
    names = witness_names(results)
    assert names, "the fixture must contain a witness"
    write_report(results, tmp_path, pseudonyms=Pseudonyms("secret"))
    shared = (tmp_path / "results.json").read_text(encoding="utf-8") + (
        tmp_path / "index.html"
    ).read_text(encoding="utf-8")
    for name in names:
        assert name not in shared
        assert pseudonym(name, "secret") in shared


def test_codes_are_stable_per_key_and_differ_between_keys() -> None:
    assert pseudonym("Witness A-17", "k1") == pseudonym("witness a-17 ", "k1")
    assert pseudonym("Witness A-17", "k1") != pseudonym("Witness A-17", "k2")
    assert pseudonym("Witness A-17", "k1") != pseudonym("Witness A-21", "k1")


def test_results_without_witnesses_are_unchanged(make_results: Make) -> None:
    results = make_results()
    for incident in results["incidents"]:
        incident["origins"] = [o for o in incident["origins"] if o["kind"] != "witness"]
    assert json.dumps(pseudonymise(results, "k")) == json.dumps(results)


ZABELINA = Person("Witness 0A1B2C3D", ("Zabelina Oksvetta",))
CODED = [Person(f"Witness C{n}", (f"Witness {code}",)) for n, code in enumerate(["L-04", "L-11"])]


@pytest.mark.parametrize(
    "written",
    [
        "Zabelina Oksvetta",
        "zabelina oksvetta",
        "ZABELINA  OKSVETTA",
        "Mrs Oksvetta",
        "Mrs. Oksvetta",
        "Oksvetta",
        "Zabelina",
        "zabelina_oksvetta",
        "Oksvetta, Zabelina",
    ],
)
def test_every_part_of_a_name_is_a_mention(written: str) -> None:
    shared = Pseudonyms("k", [ZABELINA]).text(f"Said {written} today.")
    assert "zabelina" not in shared.casefold() and "oksvetta" not in shared.casefold()
    assert "Witness 0A1B2C3D" in shared and "Mrs" not in shared


def test_the_title_and_surname_become_one_code() -> None:
    """Regression: "Mrs Realname" became an origin speaker and was published as it was."""
    text = "Mrs Oksvetta said her neighbour was taken."
    assert (
        Pseudonyms("k", [ZABELINA]).text(text) == "Witness 0A1B2C3D said her neighbour was taken."
    )


def test_names_inside_file_names_and_paths() -> None:
    shared = Pseudonyms("k", [ZABELINA]).text("/home/m/zabelina_oksvetta_interview.csv")
    assert shared == "/home/m/Witness 0A1B2C3D_interview.csv"


def test_a_longer_word_is_not_a_mention() -> None:
    text = "Oksvettavka is a village; Zabelinas are not her."
    assert Pseudonyms("k", [ZABELINA]).text(text) == text


def test_witness_codes_written_in_other_documents() -> None:
    """Regression: "L-04, L-11" in a news report passed through unchanged."""
    shared = Pseudonyms("k", CODED).text("Witnesses L-04, L-11 and l_04 (not L-040) spoke.")
    assert shared == "Witnesses Witness C0, Witness C1 and Witness C0 (not L-040) spoke."


def test_generic_words_of_a_witness_value_stay() -> None:
    shared = Pseudonyms("k", [Person("Witness X", ("Former detainee W-17",))]).text(
        "A former detainee, witness W-17, said so."
    )
    assert shared == "A former detainee, witness Witness X, said so."


def test_a_phone_number_in_any_spacing() -> None:
    contact = Person("Contact 1", ("+380 67 555 0199",), contact=True)
    shared = Pseudonyms("k", [contact]).text("Call +380675550199 or +380 (67) 555-01-99.")
    assert shared == "Call Contact 1 or Contact 1."


def test_records_are_pseudonymised_field_by_field() -> None:
    report = Report("sha256:00", "row:2", "zabelina.csv", "text/csv", "I, Zabelina, saw it.")
    shared = Pseudonyms("k", [ZABELINA]).apply(report)
    assert shared.text == "I, Witness 0A1B2C3D, saw it." and "Zabelina" not in repr(shared)


def test_a_mention_anywhere_in_the_results_is_replaced(make_results: Make) -> None:
    """Regression: only exact witness speakers were replaced; the first name in a statement
    and a titled surname in an origin came through."""
    results = make_results()
    first = results["incidents"][0]
    first["origins"][1]["speaker"] = "Mrs Oksvetta"
    first["statements"][0]["content"] = "Zabelina told us they beat her."
    first["reports"][0]["title"] = "Interview with ZABELINA OKSVETTA"
    shared = json.dumps(Pseudonyms("k", [ZABELINA]).results(results), ensure_ascii=False)
    assert "zabelina" not in shared.casefold() and "oksvetta" not in shared.casefold()


def sealed_store(store: Store) -> Store:
    body = b"witness,phone,text\nZabelina Oksvetta,+380 67 555 0199,They took us.\n"
    blob_id = digest_bytes(body)
    report = Report(
        blob_id,
        "row:2",
        "zabelina_oksvetta.csv",
        "text/csv",
        "They took us.",
        meta=(("witness", "Zabelina Oksvetta"), ("phone", "+380 67 555 0199")),
    )
    store.add_ingests([IngestRecord(blob_id, body, "zabelina_oksvetta.csv", (report,))], actor="t")
    return store


def test_the_store_s_witnesses_by_name_with_the_key_by_reference_without(store: Store) -> None:
    sealed_store(store)
    ref = dict(next(store.reports()).meta)["witness"]
    with_key = for_store(store)
    assert with_key.complete
    code = with_key.text(ref)
    assert code.startswith("Witness ") and with_key.text("Mrs Oksvetta") == code
    assert with_key.text("+380675550199").startswith("Contact ")
    store.witness_key = None
    without = for_store(store)
    assert not without.complete and without.text(ref) == code
    assert without.text("Mrs Oksvetta") == "Mrs Oksvetta"  # unknown without the key


def test_extract_codes_match_the_store_s(store: Store) -> None:
    sealed_store(store)
    ref = dict(next(store.reports()).meta)["witness"]
    key = store.secret("pseudonyms")
    read = Report(
        "sha256:01", "row:2", "t.csv", "text/csv", "x", meta=(("witness", "zabelina oksvetta"),)
    )
    assert for_reports([read], key, known_refs(store)).text("Oksvetta") == for_store(store).text(
        ref
    )


@pytest.mark.parametrize("described", ["one", "One", "a local resident", "two witnesses"])
def test_a_relayed_witness_known_only_by_a_description_names_nobody(
    make_results: Make, described: str
) -> None:
    """Regression: a witness origin whose speaker was "one" ("one said they fled") turned
    every "one" in the shared text into a pseudonym."""
    results = make_results()
    first = results["incidents"][0]
    witness = next(o for o in first["origins"] if o["kind"] == "witness")
    witness["speaker"] = described
    first["statements"][0]["content"] = "One of the two residents said no one was armed."
    shared = Pseudonyms("k").results(results)
    assert shared["incidents"][0]["statements"][0]["content"] == (
        "One of the two residents said no one was armed."
    )
    assert pseudonym(described, "k") not in json.dumps(shared)
