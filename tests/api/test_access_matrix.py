"""The access-control matrix: every endpoint x every role x member or not x witness grant
or not -> the status served, and whether witness identities were shown. The table below is
the specification; what the service does is measured, compared with it, and written to
docs/access.md, which a test keeps current (``CORROBORATE_WRITE_DOCS=1`` rewrites it)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from httpx import Response

from corroborate.store.jobs import BUSY
from tests.api.conftest import CASE, Seeded, bearer
from tests.cli.test_witness_leaks import NEWS, PARTS

DOC = Path(__file__).resolve().parents[2] / "docs" / "access.md"
CALLERS = (
    "anonymous",
    "outsider",
    "viewer",
    "viewer-g",
    "analyst",
    "analyst-g",
    "owner",
    "owner-g",
)
HEADINGS = (
    "anonymous",
    "not a member",
    "viewer",
    "viewer + grant",
    "analyst",
    "analyst + grant",
    "owner",
    "owner + grant",
)
# "W": the response shows witness identities (the read is audited)
EXPECTED = {
    "GET /me": "401 200 200 200 200 200 200 200",
    "GET /cases": "401 200 200 200 200 200 200 200",
    "GET /cases/{case}/incidents": "401 404 200 200 200 200 200 200",
    "GET /cases/{case}/incidents/{incident}": "401 404 404 404 200 200W 200 200W",
    "GET /cases/{case}/reports/{report}": "401 404 404 404 200 200W 200 200W",
    "GET /cases/{case}/evidence/{blob}": "401 404 404 404 403 200W 403 200W",
    "GET /cases/{case}/audit": "401 404 403 403 403 403 200 200",
    "GET /cases/{case}/reviews/{incident}": "401 404 403 403 200 200 200 200",
    "POST /cases/{case}/reviews": "401 404 403 403 201 201 201 201",
    "GET /cases/{case}/exports/{format}": "401 404 200 200 200 200 200 200",
    "GET /cases/{case}/exports/bagit": "401 404 403 200 403 200 403 200",
    "POST /cases/{case}/jobs": "401 404 403 403 202 202 202 202",
    "GET /cases/{case}/jobs": "401 404 403 403 200 200 200 200",
    "GET /cases/{case}/jobs/{job}": "401 404 403 403 200 200 200 200",
    "DELETE /cases/{case}/jobs/{job}": "401 404 403 403 403 403 409 409",
    "POST /cases/{case}/jobs/{job}/cancel": "401 404 403 403 403 403 409 409",
    "GET /cases/{case}/queue": "401 404 403 403 200 200W 200 200W",
    "POST /session/end": "401 204 204 204 204 204 204 204",
}
NOTES = """
Viewers read only what is published (an owner's review); in the seeded store every incident
is a draft, so a viewer's incident list is empty and every incident, report and evidence id
is 404 to them. Analysts and owners review (`POST /cases/{case}/reviews`, with `If-Match`:
409 when stale); only owners publish. A case the caller is not a member of is 404 (N011),
as if it did not exist.
Evidence is the file as received, unredacted: it needs the witness-identities grant (A005
otherwise). Exports (`{format}`: `acled` here, and every other format alike) are of the
case's incidents, pseudonymised, published ones only for viewers; the BagIt evidence package
carries the original bytes, so like evidence it needs the grant and is audited (it is a zip
archive, so `W` is not measured inside it). `W`: the response shows witness identities;
every such read is written to the audit log (`witness-read`). Errors are RFC 9457
problems with the project's codes: 401 A001/A002, 403 A004 (role) or A005 (grant), 404
N-codes.
Jobs (`POST /cases/{case}/jobs`: an ingest of uploaded files into the case, or a pipeline
run) are started and read by analysts and owners; a file's name in a job's failures is shown
only with the grant (audited), its place in the upload otherwise. A job is cancelled by its
starter or an owner of the case (A020 otherwise): here the job, an owner's, has ended when it
is asked, so an owner is told so (409, R010); a queued or running one is cancelled (200).
The review queue (`GET /cases/{case}/queue`: undecided statements, the machine's least
certain first) is for those who review, analysts and owners (A004 otherwise); it shows the
statements' speakers, so with the grant a witness's identity (audited).
"""


def targets(client: TestClient, seeded: Seeded) -> dict[str, str]:
    """Concrete paths: the case's first incident, its first report, that report's blob."""
    listed = client.get(f"/api/v1/cases/{CASE}/incidents", headers=bearer(seeded, "owner"))
    incident = listed.json()["items"][0]["id"]
    detail = client.get(
        f"/api/v1/cases/{CASE}/incidents/{incident}", headers=bearer(seeded, "owner")
    ).json()
    report = next(r for r in detail["reports"] if (r["title"] or "").startswith("Testimony"))
    job = start_job(client, "/api/v1/cases/" + CASE + "/jobs", bearer(seeded, "owner"))
    return {
        "job": str(job.json()["id"]),
        "incident": incident,
        "report": report["id"],
        "blob": report["blob_id"],
        "case": CASE,
        "format": "acled",
        "owner": bearer(seeded, "owner")["Authorization"],
    }


def request(client: TestClient, endpoint: str, where: dict[str, str]) -> Callable[..., Response]:
    method, path = endpoint.split(" ", 1)
    url = "/api/v1" + path.format(**where)
    if method == "POST" and path.endswith("/reviews"):
        return lambda headers: review(client, url, where, headers)
    if method == "POST" and path.endswith("/jobs"):
        return lambda headers: start_job(client, url, headers)
    if path.endswith("/jobs"):  # the newest job, this test's: others may name a witness's file
        url += "?limit=1"
    if method == "DELETE" or path.endswith("/cancel"):  # of the owner's job, once it has ended
        ended(client, "/api/v1" + "/cases/{case}/jobs/{job}".format(**where), where["owner"])
    return lambda headers: client.request(method, url, headers=headers)


def ended(client: TestClient, url: str, owner: str) -> None:
    deadline = time.monotonic() + 120
    while client.get(url, headers={"Authorization": owner}).json()["state"] in ("queued", *BUSY):
        assert time.monotonic() < deadline, "the job did not end"
        time.sleep(0.1)


def review(
    client: TestClient, url: str, where: dict[str, str], headers: dict[str, str]
) -> Response:
    """A note on the incident, at the version its owner reads now."""
    owner = {"Authorization": where["owner"]}
    version = client.get(f"{url}/{where['incident']}", headers=owner).headers["etag"]
    note = {"action": "note", "target": where["incident"], "value": "checked"}
    return client.post(url, json=note, headers={**headers, "If-Match": version})


def start_job(client: TestClient, url: str, headers: dict[str, str]) -> Response:
    """An ingest of a file the store holds already (it changes nothing but the job list)."""
    files = [("files", ("news/oksvetta-mrs-story.txt", NEWS.encode()))]
    return client.post(url, data={"kind": "ingest"}, files=files, headers=headers)


def cell(response: Response) -> str:
    shown = response.content.decode("latin-1").casefold()
    return f"{response.status_code}{'W' if any(p in shown for p in PARTS) else ''}"


def measure(client: TestClient, seeded: Seeded) -> dict[str, str]:
    where = targets(client, seeded)
    table = {}
    for endpoint in EXPECTED:
        call = request(client, endpoint, where)
        cells = [cell(call({} if who == "anonymous" else bearer(seeded, who))) for who in CALLERS]
        table[endpoint] = " ".join(cells)
    return table


def markdown(table: dict[str, str]) -> str:
    lines = [
        "# Who may do what in a case",
        "",
        "Generated by `tests/api/test_access_matrix.py` from the responses of the running",
        "service; the test fails when this page is stale.",
        "",
        "| endpoint (`/api/v1`) | " + " | ".join(HEADINGS) + " |",
        "|---|" + "---|" * len(HEADINGS),
    ]
    for endpoint, cells in table.items():
        lines.append(f"| `{endpoint}` | " + " | ".join(cells.split()) + " |")
    return "\n".join(lines) + "\n" + NOTES


def test_the_service_does_what_the_matrix_says(client: TestClient, seeded: Seeded) -> None:
    measured = measure(client, seeded)
    wrong = {e: (measured[e], EXPECTED[e]) for e in EXPECTED if measured[e] != EXPECTED[e]}
    assert not wrong, wrong


def test_docs_access_is_current(client: TestClient, seeded: Seeded) -> None:
    page = markdown(measure(client, seeded))
    if os.environ.get("CORROBORATE_WRITE_DOCS") == "1":
        DOC.write_text(page, encoding="utf-8")
    assert DOC.exists() and DOC.read_text(encoding="utf-8") == page, (
        "docs/access.md is stale: CORROBORATE_WRITE_DOCS=1 pytest tests/api/test_access_matrix.py"
    )


def test_every_read_of_identities_is_audited(client: TestClient, seeded: Seeded) -> None:
    where = targets(client, seeded)
    log = f"/api/v1/cases/{CASE}/audit?limit=1000"

    def reads() -> int:
        rows = client.get(log, headers=bearer(seeded, "owner")).json()["items"]
        return sum(r["action"] == "witness-read" for r in rows)

    before = reads()
    for endpoint in [e for e in EXPECTED if "{case}" in e and "audit" not in e and "GET" in e]:
        request(client, endpoint, where)(bearer(seeded, "analyst-g"))
        request(client, endpoint, where)(bearer(seeded, "analyst"))
    # incident, report, evidence, evidence package, review queue: with the grant only
    assert reads() == before + 5
