"""Answers kept in memory (``api/answers.py``): never shared across roles or grants, audited
again for every reader with the grant, made again after any write, and bounded."""

from __future__ import annotations

from fastapi.testclient import TestClient

from corroborate.api.answers import Answer, Answers
from corroborate.store.access import audit_rows
from corroborate.store.workspace import find_case
from tests.api.conftest import CASE, Seeded, bearer
from tests.api.test_witness_leaks import shown
from tests.cli.test_witness_leaks import leaks

BASE = f"/api/v1/cases/{CASE}"


def _reads(client: TestClient, seeded: Seeded, who: str) -> list[str]:
    """The incident list, every incident and every report, as ``who`` reads them."""
    listed = client.get(f"{BASE}/incidents?per_page=200", headers=bearer(seeded, "owner")).json()
    urls = [f"{BASE}/incidents?per_page=200", f"{BASE}/incidents?q=sloviansk"]
    for item in listed["items"]:
        urls.append(f"{BASE}/incidents/{item['id']}")
        detail = client.get(urls[-1], headers=bearer(seeded, "owner")).json()
        urls += [f"{BASE}/reports/{r['id']}" for r in detail["reports"]]
    return [shown(client.get(url, headers=bearer(seeded, who))) for url in urls]


def test_a_granted_answer_is_not_served_without_the_grant(
    client: TestClient, seeded: Seeded
) -> None:
    """Those with the grant read first, so their answers are kept; then every member
    without it reads the same things, and sees no witness (and the other way round)."""
    granted = _reads(client, seeded, "owner-g") + _reads(client, seeded, "analyst-g")
    assert any(leaks(body) for body in granted), "the grant must show identities"
    for who in ("owner", "analyst", "viewer"):
        assert not [body for body in _reads(client, seeded, who) if leaks(body)], who
    again = _reads(client, seeded, "analyst-g")
    assert any(leaks(body) for body in again), "the grant's answers must not be the others'"


def test_a_viewer_is_not_answered_with_an_analysts_list(client: TestClient, seeded: Seeded) -> None:
    """Analysts see drafts; viewers only what is published, whoever asked first."""
    url = f"{BASE}/incidents?per_page=200"
    analyst = client.get(url, headers=bearer(seeded, "analyst")).json()
    viewer = client.get(url, headers=bearer(seeded, "viewer")).json()
    assert analyst["total"] > 0
    assert all(item["status"] == "published" for item in viewer["items"])
    drafts = [i for i in analyst["items"] if i["status"] != "published"]
    assert viewer["total"] == analyst["total"] - len(drafts)


def test_every_answer_with_identities_is_audited(client: TestClient, seeded: Seeded) -> None:
    """A second read of the same report by a granted member is answered from memory, and
    audited again, under that member's name."""
    listed = client.get(f"{BASE}/incidents?per_page=200", headers=bearer(seeded, "owner")).json()
    reports = [
        r["id"]
        for item in listed["items"]
        for r in client.get(
            f"{BASE}/incidents/{item['id']}", headers=bearer(seeded, "owner")
        ).json()["reports"]
    ]
    case_id = find_case(seeded.store, CASE).id

    def audited(who: str) -> int:
        rows = audit_rows(seeded.store, case_id=case_id, limit=100_000)
        return sum(1 for r in rows if r.actor == who and r.action == "witness-read")

    revealing = [
        r
        for r in reports
        if leaks(client.get(f"{BASE}/reports/{r}", headers=bearer(seeded, "owner-g")).text)
    ]
    assert revealing, "some report must name a witness"
    for who in ("owner-g", "analyst-g"):
        before = audited(who)
        for _ in range(2):
            assert client.get(
                f"{BASE}/reports/{revealing[0]}", headers=bearer(seeded, who)
            ).is_success
        assert audited(who) == before + 2, who


def test_a_status_decision_is_seen_at_once(client: TestClient, seeded: Seeded) -> None:
    """A write moves the ledger head: the kept list is not served after it."""
    owner = bearer(seeded, "owner")
    url = f"{BASE}/incidents?per_page=200"
    listed = client.get(url, headers=owner).json()["items"]
    first = next(i for i in listed if i["status"] != "published")  # viewers' reads unchanged
    target = first["id"]
    history = client.get(f"{BASE}/reviews/{target}", headers=owner)
    wanted = "reviewed" if first["status"] == "draft" else "draft"
    decision = {"action": "status", "target": target, "value": wanted, "reason": "checked"}
    posted = client.post(
        f"{BASE}/reviews", json=decision, headers={**owner, "If-Match": history.headers["etag"]}
    )
    assert posted.status_code == 201, posted.text
    now = {i["id"]: i for i in client.get(url, headers=owner).json()["items"]}
    assert now[target]["status"] == wanted
    detail = client.get(f"{BASE}/incidents/{target}", headers=owner).json()
    assert detail["status"] == wanted


def test_kept_answers_are_bounded_least_recently_used_first() -> None:
    kept = Answers(limit=10)
    kept.put("a", Answer(b"12345", ()))
    kept.put("b", Answer(b"12345", ()))
    assert kept.get("a") is not None  # "b" is now the least recently used
    kept.put("c", Answer(b"123", ()))
    assert kept.get("b") is None and kept.get("a") is not None and kept.get("c") is not None
    kept.put("d", Answer(b"x" * 11, ()))  # larger than the whole memory: not kept
    assert kept.get("d") is None and len(kept) == 2
