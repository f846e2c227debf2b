"""The pages over the seeded store, in-process: sign-in and its CSRF, the case switcher, the
list's filters, and no witness name on any page for a member without the grant."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from corroborate.api import create_app
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.access import audit_rows
from corroborate.store.sealing import WitnessKey
from corroborate.store.workspace import add_case, add_user, set_member
from tests.api.conftest import PASSWORD, Seeded
from tests.cli.test_witness_leaks import PARTS
from tests.web.conftest import signed_in, without_tokens

CASE_URL = "/cases/sloviansk"


def links(html: str, kind: str) -> set[str]:
    return set(re.findall(rf'href="(/cases/sloviansk/{kind}/[^"]+)"', html))


def walk(client: TestClient) -> dict[str, str]:
    """Every page a member can reach from the case's list: url → body and headers."""
    seen: dict[str, str] = {}
    todo = [CASE_URL, "/sign-in"]
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        got = client.get(url)
        assert got.status_code == 200, (url, got.text[:300])
        page = got.text + "\n" + "\n".join(f"{k}: {v}" for k, v in got.headers.items())
        seen[url] = without_tokens(page, client.cookies.values())
        todo += links(got.text, "incidents") | links(got.text, "reports")
    return seen


def test_only_issued_tokens_are_blanked_before_a_page_is_searched() -> None:
    """Regression: a random session or CSRF token spelling "q77" failed the leak test."""
    page = '<input name="csrf_token" value="xQ77y">Q-77 said\nset-cookie: s=abq77c; Path=/'
    blanked = without_tokens(page, ["abq77c"])
    assert "xQ77y" not in blanked and "abq77c" not in blanked
    assert "Q-77 said" in blanked  # a name in the text is still seen


@pytest.mark.parametrize("path", ["/", CASE_URL, f"{CASE_URL}/reports/sha256%3A00"])
def test_a_visitor_is_sent_to_sign_in(pages: TestClient, path: str) -> None:
    got = pages.get(path, follow_redirects=False)
    assert got.status_code == 303
    assert got.headers["location"] == "/sign-in"


def test_sign_in_needs_the_form_s_token(pages: TestClient) -> None:
    pages.get("/sign-in")
    got = pages.post("/sign-in", data={"name": "analyst", "password": PASSWORD})
    assert got.status_code == 403
    assert "[A006]" in got.text
    assert "corroborate_session" not in pages.cookies


def test_a_wrong_password_is_refused_with_its_code(pages: TestClient) -> None:
    form = pages.get("/sign-in").text
    token = form.split('name="csrf_token" value="')[1].split('"')[0]
    got = pages.post("/sign-in", data={"name": "analyst", "password": "wrong", "csrf_token": token})
    assert got.status_code == 401
    assert "[A002]" in got.text
    assert "corroborate_session" not in pages.cookies


def test_a_hostile_name_stays_text(pages: TestClient) -> None:
    form = pages.get("/sign-in").text
    token = form.split('name="csrf_token" value="')[1].split('"')[0]
    hostile = '"><script>alert(1)</script>'
    got = pages.post("/sign-in", data={"name": hostile, "password": "x", "csrf_token": token})
    assert got.status_code == 401
    assert "<script>" not in got.text
    assert "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in got.text


def test_sign_out_needs_the_session_s_csrf_token(pages: TestClient) -> None:
    client = signed_in(pages, "analyst")
    refused = client.post("/sign-out", data={"csrf_token": "forged"})
    assert refused.status_code == 403
    assert client.get(CASE_URL).status_code == 200
    page = client.get(CASE_URL).text
    token = page.split('name="csrf_token" value="')[1].split('"')[0]
    done = client.post("/sign-out", data={"csrf_token": token}, follow_redirects=False)
    assert done.status_code == 303
    assert client.get(CASE_URL, follow_redirects=False).headers["location"] == "/sign-in"


def test_the_switcher_lists_only_the_member_s_cases(pages: TestClient) -> None:
    client = signed_in(pages, "analyst")
    page = client.get("/", follow_redirects=True)
    assert str(page.url).endswith(CASE_URL)
    switcher = page.text.split('id="case-switch"')[1].split("</select>")[0]
    assert re.findall(r'<option value="([^"]+)"', switcher) == ["sloviansk"]
    assert 'value="other"' not in page.text
    moved = client.get("/switch", params={"case": "other"}, follow_redirects=False)
    assert moved.headers["location"] == "/cases/other"
    assert client.get("/cases/other").status_code == 404  # not a member: as if absent


def test_filters_narrow_the_list(pages: TestClient) -> None:
    client = signed_in(pages, "analyst")
    everything = client.get(CASE_URL).text
    assert 'id="count">1 incident<' in everything
    assert len(links(everything, "incidents")) == 1
    torture = client.get(CASE_URL, params={"type": "torture", "place": "slov"}).text
    assert "1 incident matches the filter" in torture
    assert "0 incidents" in client.get(CASE_URL, params={"q": "no such words here"}).text
    assert "1 incident matches" in client.get(CASE_URL, params={"q": "basement"}).text
    assert "0 incidents" in client.get(CASE_URL, params={"party": "no such party"}).text
    later = client.get(CASE_URL, params={"since": "2023-01-01"}).text
    assert "0 incidents match the filter" in later
    assert not links(later, "incidents")
    assert client.get(CASE_URL, params={"grade": "Z9"}).status_code == 422
    bad = client.get(CASE_URL, params={"since": "April"})
    assert bad.status_code == 422
    assert "[C050]" in bad.text


def test_a_viewer_sees_only_what_is_published(pages: TestClient) -> None:
    client = signed_in(pages, "viewer")
    assert 'id="count">0 incidents<' in client.get(CASE_URL).text


@pytest.mark.parametrize("name", ["owner", "analyst", "viewer"])
def test_no_page_names_a_witness_without_the_grant(pages: TestClient, name: str) -> None:
    seen = walk(signed_in(pages, name))
    if name != "viewer":
        assert len(seen) >= 6  # the list, the incident, its four reports
    for url, text in seen.items():
        found = [part for part in PARTS if part in text.lower()]
        assert not found, (name, url, found)


def test_the_grant_reveals_and_the_read_is_audited(pages: TestClient, web_seeded: Seeded) -> None:
    seen = walk(signed_in(pages, "analyst-g"))
    assert any("zabelina" in text.lower() for text in seen.values())
    reads = [r for r in audit_rows(web_seeded.store, limit=1000) if r.action == "witness-read"]
    assert any(r.actor == "analyst-g" for r in reads)


def test_pages_carry_the_security_headers(pages: TestClient) -> None:
    got = pages.get("/sign-in")
    assert "script-src 'self'" in got.headers["content-security-policy"]
    assert got.headers["x-frame-options"] == "DENY"
    assert pages.get("/assets/web.css").status_code == 200


def review_form(html: str, statement: str | None = None) -> dict[str, str]:
    """The hidden fields of the page's first review form, or of the one for ``statement``
    (a re-graded stance can move a statement on the page)."""
    forms = [f.split("</form>")[0] for f in html.split('<form class="review"')[1:]]
    found = [
        dict(re.findall(r'<input type="hidden" name="([a-z_]+)" value="([^"]*)"', form))
        for form in forms
    ]
    return next(f for f in found if statement is None or f["statement"] == statement)


def a_report(client: TestClient) -> str:
    incident = sorted(links(client.get(CASE_URL).text, "incidents"))[0]
    return sorted(links(client.get(incident).text, "reports"))[0]


def test_an_analyst_corrects_a_stance_and_a_stale_form_is_refused(pages: TestClient) -> None:
    client = signed_in(pages, "analyst")
    url = a_report(client)
    fields = review_form(client.get(url).text)
    decision = {**fields, "action": "correct_stance", "stance": "denies", "reason": "misread"}
    done = client.post(f"{CASE_URL}/reviews", data=decision, follow_redirects=False)
    assert done.status_code == 303, done.text
    assert "?recorded=" in done.headers["location"]
    after = client.get(done.headers["location"]).text
    assert "grades are recomputed with it" in after
    assert "analyst · correct stance → denies: “misread”" in after
    assert review_form(after, fields["statement"])["version"] != fields["version"]
    stale = client.post(f"{CASE_URL}/reviews", data={**decision, "stance": "neutral"})
    assert stale.status_code == 409
    assert "[R001]" in stale.text


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        ({"reason": ""}, 422, "C050"),
        ({"action": "delete"}, 422, "C050"),
        ({"stance": ""}, 422, "C050"),
        ({"csrf_token": "forged"}, 403, "A006"),
    ],
)
def test_a_bad_review_form_records_nothing(
    pages: TestClient, web_seeded: Seeded, change: dict[str, str], status: int, code: str
) -> None:
    client = signed_in(pages, "owner")
    fields = review_form(client.get(a_report(client)).text)
    head = web_seeded.store.head()[0]
    decision = {**fields, "action": "correct_stance", "stance": "denies", "reason": "why"}
    got = client.post(f"{CASE_URL}/reviews", data={**decision, **change})
    assert got.status_code == status
    assert f"[{code}]" in got.text
    assert web_seeded.store.head()[0] == head


@pytest.mark.parametrize(("role", "upload_link"), [("analyst", True), ("viewer", False)])
def test_a_case_of_a_store_never_analysed_lists_nothing_in_words(
    tmp_path: Path, role: str, upload_link: bool
) -> None:
    """Regression: the list of a store with no run was the error page (N003, 404), which
    also sent the browser's console an error on a new server's first page."""
    url = f"sqlite:///{tmp_path / 'store.db'}"
    store = Store(url)
    store.migrate()
    store.witness_key = WitnessKey.generate()
    add_case(store, "fresh", actor="test")
    add_user(store, "ana", PASSWORD, actor="test")
    set_member(store, "fresh", "ana", role, actor="test")
    settings = Settings(store_url=url, fast=True, workers=1, key_dir=tmp_path / "keys")
    with TestClient(create_app(settings, store=store)) as client:
        got = signed_in(client, "ana").get("/cases/fresh")
        assert got.status_code == 200
        assert 'id="count">0 incidents: nothing has been analysed yet<' in got.text
        assert ('href="/cases/fresh/jobs">Upload files and run them' in got.text) == upload_link
        assert client.get("/cases/other").status_code == 404  # no such case: still N011
    store.close()
