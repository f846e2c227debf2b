"""The screenshots of ``docs/workflow.md``: the analyst's pages over the sample corpus.

The sample corpus (``samples/corpus``) is run into a fresh SQLite store (fast extraction),
a case ``sample`` gets every report and an analyst without the witness grant, and the
service is served on 127.0.0.1. Headless Chromium (Debian's ``/usr/bin/chromium``) signs
in and walks the workflow at 1280 x 800: sign in, the incident list, the Sloviansk incident,
a report with its review form, the review queue, and a split recorded as pending. Each
shot is the visible window, reduced to a 64-colour palette to stay small, written to
``docs/img/workflow-*.png``.

    python bench/workflow_shots.py
"""

from __future__ import annotations

import socket
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import uvicorn
from PIL import Image
from playwright.sync_api import Page, sync_playwright

from corroborate.api import create_app
from corroborate.pipeline import run
from corroborate.settings import Settings
from corroborate.store import Store
from corroborate.store.sealing import WitnessKey
from corroborate.store.workspace import add_case, add_case_reports, add_user, set_member

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "img"
CHROMIUM = "/usr/bin/chromium"
USER, PASSWORD = "analyst", "sample-password-1"


def prepared(work: Path) -> tuple[Store, Settings]:
    url = f"sqlite:///{work / 'store.db'}"
    store = Store(url)
    store.migrate()
    store.witness_key = WitnessKey.generate()
    settings = Settings(store_url=url, fast=True, workers=1, key_dir=work / "keys")
    run(store, [ROOT / "samples" / "corpus"], settings=settings)
    add_case(store, "sample", actor="docs")
    add_case_reports(store, "sample", None, actor="docs")
    add_user(store, USER, PASSWORD, actor="docs")
    set_member(store, "sample", USER, "analyst", actor="docs")
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
    shot(page, "2-incidents")
    page.click("table.incidents a:has-text('Sloviansk') >> nth=0")
    page.wait_for_url("**/incidents/**")
    shot(page, "3-incident")
    incident = page.url
    page.click("section[aria-labelledby=reports-h] a >> nth=0")
    page.wait_for_url("**/reports/**")
    page.locator("form.review").first.scroll_into_view_if_needed()
    shot(page, "4-report-review")
    page.click("nav.case-nav a:has-text('Review queue')")
    page.wait_for_url("**/queue")
    shot(page, "5-queue")
    page.goto(f"{incident}/regroup")
    page.locator("input[name=report]").first.check()
    page.check("input[value=split]")
    page.fill("#regroup-reason", "a separate detention, weeks later")
    page.click("button:has-text('Record')")
    page.wait_for_url("**recorded=**")
    shot(page, "6-split-pending")


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        store, settings = prepared(Path(tmp))
        server, base = served(store, settings)
        try:
            with sync_playwright() as driver:
                browser = driver.chromium.launch(executable_path=CHROMIUM, headless=True)
                page = browser.new_context(viewport={"width": 1280, "height": 800}).new_page()
                walk(page, base)
                browser.close()
        finally:
            server.should_exit = True
            store.close()


if __name__ == "__main__":
    main()
