"""The screenshots of ``docs/workflow.md``: the analyst's pages over the sample corpus.

A fresh SQLite store (fast extraction) holds a case ``sample`` and its owner, and the
service is served on 127.0.0.1. Headless Chromium (Debian's ``/usr/bin/chromium``) signs in
and walks the workflow at 1280 x 800: sign in, upload the sample corpus (``samples/corpus``)
as a folder and run it, the job's page once it has ended, the incident list, the Sloviansk
incident, a report with its review panel open, the review queue, a split (applied at once),
the audit log and the members page. Each shot is the visible window, reduced to a
64-colour palette to stay small, written to ``docs/img/workflow-*.png`` (older shots of
that name are removed first).

    python bench/workflow_shots.py
"""

from __future__ import annotations

import re
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvicorn
from PIL import Image
from playwright.sync_api import Page, expect, sync_playwright

from corroborate.api import create_app
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.sealing import WitnessKey
from corroborate.store.workspace import add_case, add_user, set_member

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
USER, PASSWORD = "monitor", "sample-password-1"


def prepared(work: Path) -> tuple[Store, Settings]:
    """An empty store: the case and its owner, no report yet."""
    url = f"sqlite:///{work / 'store.db'}"
    store = Store(url)
    store.migrate()
    store.witness_key = WitnessKey.generate()
    settings = Settings(store_url=url, fast=True, workers=1, key_dir=work / "keys")
    add_case(store, "sample", actor="docs")
    add_user(store, USER, PASSWORD, actor="docs")
    set_member(store, "sample", USER, "owner", actor="docs")
    return store, settings


def served(store: Store, settings: Settings) -> tuple[uvicorn.Server, str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = create_app(settings, store=store)
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 20
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


def shot(page: Page, name: str) -> None:
    path = OUT / f"workflow-{name}.png"
    page.screenshot(path=str(path))
    small = Image.open(path).convert("RGB").quantize(colors=64, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)
    print(f"{path.relative_to(ROOT)}: {path.stat().st_size // 1024} KiB")


def walk(page: Page, base: str) -> None:
    page.goto(f"{base}/sign-in")
    page.fill("#name", USER)
    page.fill("#password", PASSWORD)
    shot(page, "1-sign-in")
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{base}/cases/sample")
    upload(page)
    page.click("a:has-text('The incidents of sample')")
    page.wait_for_url(f"{base}/cases/sample")
    shot(page, "4-incidents")
    page.click("table.incidents a:has-text('at Sloviansk') >> nth=0")
    page.wait_for_url("**/incidents/**")
    shot(page, "5-incident")
    incident = page.url
    page.click("section[aria-labelledby=reports-h] a >> nth=0")
    page.wait_for_url("**/reports/**")
    page.locator("details.review-panel summary").first.click()
    page.locator("section.said").first.scroll_into_view_if_needed()
    shot(page, "6-report-review")
    page.click("nav.subnav a:has-text('Review queue')")
    page.wait_for_url("**/queue")
    page.locator("#q-statements-h").evaluate("heading => heading.scrollIntoView()")
    shot(page, "7-queue")
    page.goto(f"{incident}/regroup")
    page.locator("input[name=report]").first.check()
    page.check("input[value=split]")
    page.fill("#regroup-reason", "a separate detention, weeks later")
    page.click("button:has-text('Record')")
    page.wait_for_url("**recorded=**")
    shot(page, "8-split")
    page.click("nav.subnav a:has-text('Audit log')")
    page.wait_for_url("**/audit")
    shot(page, "9-audit")
    page.click("nav.subnav a:has-text('Members')")
    page.wait_for_url("**/members")
    page.locator("#account-h").scroll_into_view_if_needed()
    shot(page, "10-members")


def upload(page: Page) -> None:
    """The sample corpus as a folder, ingested and run; the job's page once it has ended."""
    page.click("nav.subnav a:has-text('Upload and jobs')")
    page.wait_for_url("**/jobs")
    page.set_input_files("#u-folder", ROOT / "samples" / "corpus")
    page.check("input[name=kind][value=run]")
    shot(page, "2-upload")
    page.click("button:has-text('Start')")
    page.wait_for_url(re.compile(r".*/jobs/\d+$"))
    expect(page.locator("#state")).to_have_text(re.compile("done|failed"), timeout=600_000)
    shot(page, "3-job")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("workflow-*.png"):
        old.unlink()
    with tempfile.TemporaryDirectory() as tmp:
        store, settings = prepared(Path(tmp))
        server, base = served(store, settings)
        try:
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True)
                page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                page.set_default_timeout(300_000)  # a loaded, shared machine
                walk(page, base)
                browser.close()
        finally:
            server.should_exit = True
            store.close()


if __name__ == "__main__":
    main()
