"""The upload page and a job's progress page: in-process (the form's CSRF, who may upload,
the failures shown by the file's place without the grant) and in headless Chromium at a
laptop's width and a narrow one (files dropped on the picker, a folder through
``webkitdirectory``, the page reloading itself until the job is done; no console error, no
request leaving 127.0.0.1, no serious axe-core violation, no witness name)."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.web.conftest import signed_in

JOBS = "/cases/sloviansk/jobs"
NOTE = b"Monitors said soldiers detained two men in Sloviansk on 3 May 2022.\n"


def csrf(html: str) -> str:
    return html.split('name="csrf_token" value="')[1].split('"')[0]


def wait_done(client: TestClient, url: str) -> str:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        page = client.get(url)
        if 'id="state">done<' in page.text:
            assert "refresh" not in page.headers and 'http-equiv="refresh"' not in page.text
            return page.text
        assert page.headers["refresh"] == "2" and 'http-equiv="refresh" content="2"' in page.text
        time.sleep(0.2)
    raise AssertionError("the job did not end")


def test_an_analyst_uploads_and_follows_the_job(pages: TestClient) -> None:
    client = signed_in(pages, "analyst")
    form = client.get(JOBS)
    assert form.status_code == 200 and "webkitdirectory" in form.text
    files = [
        ("files", ("notes/broken.pdf", b"no pdf here", "application/pdf")),
        ("files", ("note.txt", NOTE, "text/plain")),
        ("folder", ("", b"", "application/octet-stream")),  # the folder picker left empty
    ]
    data = {"kind": "ingest", "csrf_token": csrf(form.text)}
    started = client.post(JOBS, data=data, files=files, follow_redirects=False)
    assert started.status_code == 303 and re.fullmatch(rf"{JOBS}/\d+", started.headers["location"])
    done = wait_done(client, started.headers["location"])
    assert "file 1 of the upload" in done and "<code>I004</code>" in done
    assert "broken.pdf" not in done  # the file's name only with the grant
    assert "files stored</th><td>1<" in done
    listed = client.get(JOBS).text
    assert f'href="{started.headers["location"]}"' in listed


def test_the_form_needs_its_csrf_token_and_a_role(pages: TestClient) -> None:
    client = signed_in(pages, "analyst")
    files = [("files", ("note.txt", NOTE, "text/plain"))]
    refused = client.post(JOBS, data={"kind": "ingest", "csrf_token": "x"}, files=files)
    assert refused.status_code == 403 and "[A006]" in refused.text
    viewer = signed_in(pages, "viewer")
    assert viewer.get(JOBS).status_code == 403
    token = csrf(viewer.get("/cases/sloviansk").text)
    denied = viewer.post(JOBS, data={"kind": "ingest", "csrf_token": token}, files=files)
    assert denied.status_code == 403 and "[A004]" in denied.text


playwright = pytest.importorskip("playwright.sync_api")


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 800])
def test_uploading_in_a_browser(web_url: str, width: int, tmp_path: Path) -> None:
    from tests.api.conftest import PASSWORD
    from tests.web.test_browser import CHROMIUM, Watched

    if not CHROMIUM.exists():
        pytest.skip("needs /usr/bin/chromium")
    folder = tmp_path / "field-notes"
    (folder / "may").mkdir(parents=True)
    (folder / "may" / f"note-{width}.txt").write_bytes(NOTE + str(width).encode())
    (folder / "may" / "scan.pdf").write_bytes(b"not a pdf")
    with playwright.sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        context = browser.new_context(viewport={"width": width, "height": 900})
        seen = Watched(context.new_page(), tmp_path)
        page = seen.page
        page.goto(f"{web_url}/sign-in")
        page.fill("#name", "analyst")
        page.fill("#password", PASSWORD)
        page.click("button:has-text('Sign in')")
        page.wait_for_url(f"{web_url}/cases/sloviansk")
        page.click("a.jobs-link")
        page.wait_for_url(f"{web_url}{JOBS}")
        seen.check(f"{width}-upload")
        page.set_input_files(
            "#u-files", [{"name": "dropped.txt", "mimeType": "text/plain", "buffer": NOTE}]
        )
        page.set_input_files("#u-folder", str(folder))
        page.check("input[name=kind][value=ingest]")
        page.click("button:has-text('Start')")
        page.wait_for_url(re.compile(rf".*{JOBS}/\d+$"))
        playwright.expect(page.locator("#state")).to_have_text("done", timeout=60_000)
        assert page.locator("table.failures code").all_inner_texts() == ["I004"]
        assert "of the upload" in page.inner_text("table.failures")
        assert "files stored" in page.inner_text("table.result")
        seen.check(f"{width}-job")
        context.close()
        browser.close()


def test_a_job_page_reloads_until_the_job_has_ended() -> None:
    """Regression: a job asked to stop (``cancelling``) is still running until its worker
    stops it, so its page must keep reloading; the ended states must not."""
    from typing import get_args

    from corroborate.store.jobs import JobState
    from corroborate.web.jobs import UNFINISHED

    assert set(UNFINISHED) == {"queued", "running", "cancelling"}
    ended = set(get_args(JobState)) - set(UNFINISHED)
    assert ended == {"done", "failed", "interrupted", "cancelled"}
