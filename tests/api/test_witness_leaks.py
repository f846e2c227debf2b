"""No witness leaks through the service: a viewer and an analyst without the
witness-identities grant walk every endpoint (every incident, report and piece of evidence
of the case, the filters, the schema, signing in and out), and no part of any seeded witness
name, code or contact appears in any response body or header. With the grant, they do."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient
from httpx import Response

from tests.api.conftest import CASE, PASSWORD, Seeded, bearer
from tests.cli.test_witness_leaks import PARTS, leaks

QUERIES = (
    "",
    "?q=zabelina",
    "?q=oksvetta",
    "?q=witness",
    "?sort=grade&order=asc",
    "?type=torture",
    "?place=sloviansk",
    "?since=2022-04-01&until=2022-04-30",
    "?grade=C",
    "?status=draft",
    "?per_page=1&page=2",
)


def shown(response: Response) -> str:
    headers = "\n".join(f"{k}: {v}" for k, v in response.headers.items())
    return headers + "\n" + response.content.decode("latin-1")


def walk(client: TestClient, headers: dict[str, str], ids: dict[str, set[str]]) -> list[Response]:
    base = f"/api/v1/cases/{CASE}"
    urls = ["/api/v1/me", "/api/v1/cases", "/api/v1/openapi.json", f"{base}/audit"]
    urls += [f"{base}/incidents{q}" for q in QUERIES]
    urls += [f"{base}/incidents/{i}" for i in sorted(ids["incidents"])]
    urls += [f"{base}/reviews/{i}" for i in sorted(ids["incidents"] | ids["reports"])]
    urls += [f"{base}/reports/{r}" for r in sorted(ids["reports"])]
    urls += [f"{base}/evidence/{b}" for b in sorted(ids["blobs"])]
    urls += [f"{base}/exports/{f}" for f in ("acled", "claimreview", "ftm", "prov", "pdf")]
    urls += [f"{base}/jobs"] + [f"{base}/jobs/{j}" for j in sorted(ids["jobs"])]
    urls += [f"{base}/queue", f"{base}/queue?per_page=1&page=2"]
    return [client.get(url, headers=headers) for url in urls]


def named_job(client: TestClient, seeded: Seeded) -> str:
    """A job whose file, named after a witness, fails: its name is in the job's row."""
    files = [("files", ("witnesses/zabelina_oksvetta_statement.pdf", b"no pdf"))]
    url = f"/api/v1/cases/{CASE}/jobs"
    job = client.post(url, data={"kind": "ingest"}, files=files, headers=bearer(seeded, "owner-g"))
    assert job.status_code == 202
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        found = client.get(f"{url}/{job.json()['id']}", headers=bearer(seeded, "owner-g")).json()
        if found["state"] == "done":
            assert found["failures"][0]["name"] == "witnesses/zabelina_oksvetta_statement.pdf"
            return str(found["id"])
        time.sleep(0.1)
    raise AssertionError("the job did not end")


def every_id(client: TestClient, seeded: Seeded) -> dict[str, set[str]]:
    """Every incident, report, blob and job of the case, as its owner sees them (a job
    whose failed file names a witness among them)."""
    owner = bearer(seeded, "owner")
    listed = client.get(f"/api/v1/cases/{CASE}/incidents?per_page=200", headers=owner).json()
    ids: dict[str, set[str]] = {
        "incidents": set(),
        "reports": set(),
        "blobs": set(),
        "jobs": {named_job(client, seeded)},
    }
    for item in listed["items"]:
        ids["incidents"].add(item["id"])
        detail = client.get(f"/api/v1/cases/{CASE}/incidents/{item['id']}", headers=owner).json()
        ids["reports"] |= {r["id"] for r in detail["reports"]}
        ids["blobs"] |= {r["blob_id"] for r in detail["reports"]}
    with seeded.store.engine.connect() as conn:  # reports in no incident too
        rows = conn.exec_driver_sql("SELECT id, blob_id FROM reports").all()
    ids["reports"] |= {row[0] for row in rows}
    ids["blobs"] |= {row[1] for row in rows}
    return ids


def test_no_witness_reaches_a_member_without_the_grant(client: TestClient, seeded: Seeded) -> None:
    ids = every_id(client, seeded)
    assert ids["incidents"] and len(ids["reports"]) >= 5, "the corpus must give something to read"
    for who in ("viewer", "analyst", "owner"):
        responses = walk(client, bearer(seeded, who), ids)
        found = {str(r.url): leaks(shown(r)) for r in responses}
        assert not {url: parts for url, parts in found.items() if parts}, who
    analyst = walk(client, bearer(seeded, "analyst"), ids)
    assert any(r.status_code == 200 and "/reports/" in r.url.path for r in analyst)


def test_signing_in_and_out_shows_no_witness(client: TestClient, seeded: Seeded) -> None:
    signed = client.post("/api/v1/session", data={"name": "analyst", "password": PASSWORD})
    assert signed.status_code == 200 and not leaks(shown(signed))
    csrf = signed.json()["csrf_token"]
    ids = every_id(client, seeded)
    client.headers.pop("Authorization", None)
    for response in walk(client, {}, ids):  # by the session cookie alone
        assert response.status_code in (200, 403, 404), response.url
        assert not leaks(shown(response)), response.url
    ended = client.post("/api/v1/session/end", headers={"X-CSRF-Token": csrf})
    assert ended.status_code == 204 and not leaks(shown(ended))


def test_the_grant_shows_identities(client: TestClient, seeded: Seeded) -> None:
    ids = every_id(client, seeded)
    seen = " ".join(shown(r) for r in walk(client, bearer(seeded, "analyst-g"), ids))
    assert {"zabelina", "oksvetta"} <= {p for p in PARTS if p in seen.casefold()}
