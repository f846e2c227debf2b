"""``--format prov``: every report's chain of custody, read back by the ``prov`` library."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from prov.model import ProvActivity, ProvBundle, ProvDocument, ProvEntity

from corroborate.errors import ConfigError
from corroborate.export import provenance
from corroborate.export.provenance import write, write_json, write_provn
from tests.export.stored import StoredRun


def _bundles(document: ProvDocument) -> dict[str, ProvBundle]:
    return {str(b.identifier.localpart).removesuffix("-custody"): b for b in document.bundles}


def _types(bundle: ProvBundle) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for record in bundle.get_records((ProvEntity, ProvActivity)):
        for value in record.get_asserted_types():
            found.setdefault(str(value), []).append(str(record.identifier))
    return found


def test_json_and_provn_read_back_as_one_document(stored_run: StoredRun, tmp_path: Path) -> None:
    store = stored_run.open()
    context = stored_run.context(store)
    write(context, tmp_path / "custody")
    from_json = ProvDocument.deserialize(str(tmp_path / "custody" / "custody.json"))
    from_provn = ProvDocument.deserialize(
        str(tmp_path / "custody" / "custody.provn"), format="provn"
    )
    assert from_json == from_provn
    again = ProvDocument.deserialize(content=from_json.serialize(format="json"), format="json")
    assert again == from_json
    reports = {r["id"] for i in context.incidents() for r in i["reports"]}
    assert set(_bundles(from_json)) == {r.split(":", 1)[1] for r in reports}
    store.close()


def test_a_report_s_custody_from_file_to_grade(stored_run: StoredRun, tmp_path: Path) -> None:
    store = stored_run.open()
    context = stored_run.context(store)
    write(context, tmp_path / "custody.json")
    document = ProvDocument.deserialize(str(tmp_path / "custody.json"))
    reviewed = stored_run.reviewed.split(":", 1)[1]
    types = _types(_bundles(document)[reviewed])
    assert {"cor:ReceivedFile", "cor:Ingest", "cor:Report", "cor:Review"} <= set(types)
    received = next(iter(_bundles(document)[reviewed].get_record(types["cor:ReceivedFile"][0])))
    blob = dict(received.attributes)
    label = next(str(v) for k, v in blob.items() if str(k) == "prov:label")
    sha = next(str(v) for k, v in blob.items() if str(k) == "cor:sha256")
    assert label == f"file {sha.split(':', 1)[1][:8]}"
    shared = _types(document)
    assert {
        "cor:Run",
        "cor:Extraction",
        "cor:Linking",
        "cor:Grading",
        "cor:Incident",
        "cor:Grade",
    } <= set(shared)
    text = (tmp_path / "custody.json").read_text(encoding="utf-8")
    assert context.ledger_head in text and f'"cor:version": "{context.version}"' in text
    assert str(stored_run.corpus) not in text and "dmg-sloviansk" not in text
    assert "analyst-7" in text and "mission's photographs" in text
    store.close()


def test_only_the_chosen_incident(stored_run: StoredRun, tmp_path: Path) -> None:
    store = stored_run.open()
    first = next(stored_run.context(store).incidents())
    context = replace(stored_run.context(store), incident_ids=frozenset({first["id"]}))
    write(context, tmp_path / "one.provn")
    document = ProvDocument.deserialize(str(tmp_path / "one.provn"), format="provn")
    assert set(_bundles(document)) == {r["id"].split(":", 1)[1] for r in first["reports"]}
    store.close()


def test_other_suffixes_are_refused(stored_run: StoredRun, tmp_path: Path) -> None:
    store = stored_run.open()
    with pytest.raises(ConfigError, match=r"^\[C044\] custody.xml: "):
        write(stored_run.context(store), tmp_path / "custody.xml")
    assert not (tmp_path / "custody.xml").exists()
    store.close()


def test_the_document_is_valid_json_without_bundles(stored_run: StoredRun, tmp_path: Path) -> None:
    store = stored_run.open()
    context = stored_run.context(store)
    empty = replace(context, incident_ids=frozenset())
    write(empty, tmp_path / "none.json")
    data = json.loads((tmp_path / "none.json").read_text(encoding="utf-8"))
    assert data["bundle"] == {} and "cor:export" in data["entity"]
    store.close()


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.text(max_size=40), label=st.text(max_size=40))
@example(text='said "no" \\ then\n\x00\x1f left', label="Слов'янськ — «x»")
def test_any_text_reads_back(stored_run: StoredRun, text: str, label: str) -> None:
    """Statements and labels are free text (quotes, backslashes, newlines, any script):
    PROV-N and PROV-JSON still read back as the same document."""
    store = stored_run.open()
    context = stored_run.context(store)
    incidents = [
        {**i, "label": label, "statements": [{**s, "content": text} for s in i["statements"]]}
        for i in context.incidents()
    ]
    changed = replace(context, results={**context.results, "incidents": incidents})
    as_json, as_provn = io.StringIO(), io.StringIO()
    write_json(changed, as_json)
    write_provn(changed, as_provn)
    store.close()
    from_json = ProvDocument.deserialize(content=as_json.getvalue(), format="json")
    assert ProvDocument.deserialize(content=as_provn.getvalue(), format="provn") == from_json


def test_incidents_written_a_batch_at_a_time_read_back_whole(
    stored_run: StoredRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One incident per PROV document: the records of every batch are grouped by type in
    one PROV-JSON object, blank-node keys kept apart, and both forms read back the same."""
    monkeypatch.setattr(provenance, "INCIDENTS", 1)
    store = stored_run.open()
    context = stored_run.context(store)
    write(context, tmp_path / "custody")
    incidents = list(context.incidents())
    store.close()
    from_json = ProvDocument.deserialize(str(tmp_path / "custody" / "custody.json"))
    from_provn = ProvDocument.deserialize(
        str(tmp_path / "custody" / "custody.provn"), format="provn"
    )
    assert from_json == from_provn
    assert len(_types(from_json)["cor:Incident"]) == len(incidents) > 1
    assert len(_types(from_json)["cor:Grade"]) == len(incidents)
