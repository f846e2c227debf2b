"""The review queue and the merge/split page in headless Chromium, at 1280 and 800 px, over
a seeded store of their own (SQLite and PostgreSQL): the keys (``queue.js``) confirm, skip
and reject; the split is listed as pending. Every page is checked as in ``test_browser``:
no console error, no request leaving 127.0.0.1, no serious or critical axe-core violation,
no witness name. Screenshots go to the test's temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.api.conftest import PASSWORD, Seeded, serving
from tests.web.test_browser import CHROMIUM, Watched, browser, playwright

__all__ = ["browser"]  # the module's browser fixture, shared

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def fresh_url(fresh: Seeded) -> Iterator[str]:
    with serving(fresh) as url:
        yield url


def sign_in(seen: Watched, url: str) -> None:
    page = seen.page
    page.goto(f"{url}/sign-in")
    page.fill("#name", "analyst")
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{url}/cases/sloviansk")


def queued(page: playwright.Page) -> list[str]:
    return page.locator("article.queue-item").evaluate_all("items => items.map(i => i.id)")


@pytest.mark.parametrize("width", [1280, 800])
def test_the_queue_by_keyboard_and_a_split(
    browser: playwright.Browser, fresh_url: str, width: int, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    seen = Watched(context.new_page(), tmp_path)
    page = seen.page
    sign_in(seen, fresh_url)
    page.click("nav.subnav a:has-text('Review queue')")
    page.wait_for_url("**/queue")
    seen.check(f"{width}-queue")
    before = queued(page)
    assert len(before) >= 3
    assert page.evaluate("document.activeElement.id") == before[0]  # the first has the focus

    with page.expect_navigation():
        page.keyboard.press("c")
    assert "The grades are recomputed with it." in page.inner_text("[role=status]")
    now = queued(page)  # the confirmed one has left; a re-grade may reorder the rest
    assert sorted(now) == sorted(before[1:])
    seen.check(f"{width}-queue-confirmed")

    page.keyboard.press("j")
    assert page.evaluate("document.activeElement.id") == now[1]
    page.keyboard.press("k")
    with page.expect_navigation():
        page.keyboard.press("s")
    assert queued(page) == [*now[1:], now[0]]

    first = queued(page)[0]
    page.keyboard.press("r")  # no reason yet: the reason field takes the focus
    assert page.evaluate("document.activeElement.name") == "reason"
    page.keyboard.type("the speaker is not identified")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    left = queued(page)
    assert first not in left and len(left) == len(now) - 1
    seen.check(f"{width}-queue-rejected")

    case_url = page.url.rsplit("/queue", 1)[0]
    page.goto(case_url)
    count = int(page.inner_text("#count").split()[0])
    page.click("table.incidents a")
    page.wait_for_url("**/incidents/**")
    page.click("a:has-text('Merge or split this incident')")
    page.wait_for_url("**/regroup")
    seen.check(f"{width}-regroup")
    page.locator("input[name=part]").first.check()
    page.check("input[value=split]")
    page.fill("#regroup-reason", "a separate event")
    page.click("button:has-text('Record')")
    page.wait_for_url("**recorded=**")
    assert "formed and graded again" in page.inner_text("[role=status]")
    page.goto(case_url)
    assert int(page.inner_text("#count").split()[0]) == count + 1  # split off at once
    seen.check(f"{width}-regroup-recorded")
    context.close()
