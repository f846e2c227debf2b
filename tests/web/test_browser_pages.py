"""The report's review panel, downloads, sources, audit log and members pages in headless
Chromium at 1280 and 800 px, over a store of their own: on every page no console error, no
request leaving 127.0.0.1, no serious or critical axe-core violation and no witness name
(``Watched.check``); the review panel is opened and filled with the keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate.review import reviews
from corroborate.store.access import audit_rows
from tests.api.conftest import PASSWORD, Seeded, serving
from tests.web.own_store import own_seeded
from tests.web.test_browser import CHROMIUM, Watched, browser, playwright

__all__ = ["browser"]  # the fixture, shared with test_browser
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def own(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Seeded]:
    seeded = own_seeded(tmp_path_factory.mktemp("browser-pages"))
    yield seeded
    seeded.store.close()


@pytest.fixture(scope="module")
def own_url(own: Seeded) -> Iterator[str]:
    with serving(own) as url:
        yield url


def sign_in(seen: Watched, url: str, name: str) -> None:
    page = seen.page
    page.goto(f"{url}/sign-in")
    page.fill("#name", name)
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{url}/cases/sloviansk")


def tab_to(page: playwright.Page, selector: str, limit: int = 80) -> None:
    """Press Tab until the element ``selector`` names has the focus."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"{selector} is not reached by Tab")


@pytest.mark.parametrize("width", [1280, 800])
def test_an_analyst_corrects_a_speaker_by_keyboard(
    browser: playwright.Browser, own: Seeded, own_url: str, width: int, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    seen = Watched(context.new_page(), tmp_path)
    page = seen.page
    sign_in(seen, own_url, "analyst")
    seen.check(f"{width}-list-with-map")
    assert page.locator("#list-map svg").count() == 1
    # the one incident's statements give no event day: the timeline says so, not a bar
    assert "No incident of the set is dated." in page.inner_text("#list-timeline")
    assert "1 undated" in page.inner_text("#list-timeline figcaption")
    page.click("details.as-text summary")
    assert page.inner_text("#places-table tbody") == "Sloviansk\t1"
    page.click("table.incidents a")
    page.wait_for_url("**/incidents/**")
    page.click("section[aria-labelledby=reports-h] a:has-text('resident of Sloviansk')")
    page.wait_for_url("**/reports/**")
    seen.check(f"{width}-report")
    assert page.locator("details.review-panel[open]").count() == 0
    page.click("a.said-link >> nth=0")
    page.wait_for_url("**?review=**")
    assert page.locator("details.review-panel[open]").count() == 1
    seen.check(f"{width}-report-panel-open")

    page.goto(page.url.split("?")[0])
    tab_to(page, "details.review-panel summary")
    page.keyboard.press("Enter")
    assert page.locator("details.review-panel >> nth=0").get_attribute("open") is not None
    tab_to(page, "#act-1-confirm")
    page.keyboard.press("ArrowDown")  # radios move by arrow: reject, then the speaker
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.value") == "correct_speaker"
    page.keyboard.press("Tab")
    page.keyboard.type("the village head")
    tab_to(page, "#reason-1")
    page.keyboard.type("the resident quotes the village head")
    page.keyboard.press("Enter")
    page.wait_for_url("**recorded=**")
    assert "The grades are recomputed with it." in page.inner_text("[role=status]")
    history = page.inner_text("ul.history")
    assert "correct speaker → the village head: “the resident quotes the village head”" in history
    seen.check(f"{width}-report-corrected")
    mine = [r for r in reviews(own.store) if r.reason == "the resident quotes the village head"]
    assert len(mine) == 1 + (width == 800)  # one per width
    assert page.locator("a:has-text('pseudonymised text')").count() == 1
    assert page.locator("a:has-text('original bytes')").count() == 0
    with page.expect_download() as got:
        page.click("a:has-text('pseudonymised text')")
    text = Path(got.value.path()).read_text(encoding="utf-8")
    assert "Evidence SHA-256: " + page.inner_text("code.hash") in text

    page.click("nav.subnav a:has-text('Sources')")
    page.fill("#s-q", "donbas monitor")
    page.click("button:has-text('Search')")
    page.wait_for_url("**q=donbas**")
    assert page.locator("table.sources tbody tr").count() == 1
    seen.check(f"{width}-sources")
    page.click("table.sources a")
    seen.check(f"{width}-source")
    assert page.locator("#c-reason").count() == 0  # analysts read, owners correct
    assert page.locator("nav.subnav a:has-text('Audit log')").count() == 0
    context.close()


@pytest.mark.parametrize("width", [1280, 800])
def test_an_owner_manages_members_sources_and_reads_the_audit_log(
    browser: playwright.Browser, own: Seeded, own_url: str, width: int, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    seen = Watched(context.new_page(), tmp_path)
    page = seen.page
    sign_in(seen, own_url, "owner")
    page.click("nav.subnav a:has-text('Members')")
    page.wait_for_url("**/members")
    seen.check(f"{width}-members")
    granted = "Grant the witness identities to analyst"
    revoked = "Revoke the witness identities of analyst"
    page.click(f"button[aria-label='{granted}']")
    page.wait_for_url("**done=grant")
    assert "Witness identities granted." in page.inner_text("[role=status]")
    seen.check(f"{width}-members-granted")
    page.click(f"button[aria-label='{revoked}']")
    page.wait_for_url("**done=revoke")
    actions = [r.action for r in audit_rows(own.store, limit=2)]
    assert actions == ["grant-revoke", "grant-add"]

    page.goto(f"{own_url}/cases/sloviansk/sources/Agencia%20EFE")
    page.select_option("#c-kind", "media" if width == 1280 else "wire")  # and back again
    page.fill("#c-reason", f"checked at {width} px")
    page.click("button:has-text('Record the correction')")
    page.wait_for_url("**done=**")
    assert f"“checked at {width} px”" in page.inner_text("ul.history")
    seen.check(f"{width}-source-corrected")

    page.click("nav.subnav a:has-text('Audit log')")
    page.select_option("#a-action", "source-correct")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**action=source-correct**")
    assert page.locator("table.audit tbody tr").count() == 1 + (width == 800)
    seen.check(f"{width}-audit")
    context.close()
