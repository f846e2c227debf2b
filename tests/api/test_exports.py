"""Exports through the service: the case's incidents in each format, as `corroborate export`
writes them; viewers get what is published; the evidence package needs the witness grant."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import bagit
from fastapi.testclient import TestClient

from corroborate.store.access import audit_rows
from tests.api.conftest import CASE, Seeded, bearer
from tests.cli.test_witness_leaks import PARTS

URL = f"/api/v1/cases/{CASE}/exports"


def rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_an_analyst_exports_the_case_and_a_viewer_what_is_published(
    client: TestClient, seeded: Seeded
) -> None:
    owner = client.get(f"{URL}/acled", headers=bearer(seeded, "owner"))
    assert owner.status_code == 200 and owner.headers["content-type"].startswith("text/csv")
    assert owner.headers["content-disposition"].endswith(f'"{CASE}-acled.csv"')
    table = rows(owner.text)
    listed = client.get(
        f"/api/v1/cases/{CASE}/incidents?per_page=200", headers=bearer(seeded, "owner")
    )
    assert {r["corroborate_incident"] for r in table} == {i["id"] for i in listed.json()["items"]}
    assert not any(part in owner.text.casefold() for part in PARTS)
    viewer = client.get(f"{URL}/acled?status=draft", headers=bearer(seeded, "viewer-g"))
    assert viewer.status_code == 200 and rows(viewer.text) == []  # nothing is published


def test_every_file_format_downloads(client: TestClient, seeded: Seeded) -> None:
    for name, media in (
        ("claimreview", "application/x-ndjson"),
        ("ftm", "application/json"),
        ("prov", "application/json"),
        ("pdf", "application/pdf"),
    ):
        got = client.get(f"{URL}/{name}", headers=bearer(seeded, "analyst"))
        assert got.status_code == 200 and got.headers["content-type"].startswith(media), name
        assert got.content and not any(p in got.content.decode("latin-1").casefold() for p in PARTS)


def test_the_evidence_package_needs_the_grant_and_is_audited(
    client: TestClient, seeded: Seeded, tmp_path: Path
) -> None:
    refused = client.get(f"{URL}/bagit", headers=bearer(seeded, "owner"))
    assert refused.status_code == 403 and refused.json()["code"] == "A005"
    got = client.get(f"{URL}/bagit", headers=bearer(seeded, "owner-g"))
    assert got.status_code == 200 and got.headers["content-type"] == "application/zip"
    zipfile.ZipFile(io.BytesIO(got.content)).extractall(tmp_path / "bag")
    bagit.Bag(str(tmp_path / "bag")).validate()
    audited = audit_rows(seeded.store, limit=20)
    assert any(r.action == "witness-read" and r.subject == "export:bagit" for r in audited)


def test_bad_formats_and_statuses_are_problems(client: TestClient, seeded: Seeded) -> None:
    for path, code in (("/geojson", "C031"), ("/acled?status=final", "C034")):
        got = client.get(URL + path, headers=bearer(seeded, "owner"))
        assert got.status_code == 400 and got.json()["code"] == code, path
