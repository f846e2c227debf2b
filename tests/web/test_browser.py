"""The pages in headless Chromium (Debian's, no browser download): an analyst signs in,
filters the list, opens an incident and a report, corrects a statement's stance and signs
out, at a laptop's width and a narrow one. On every page: no console error, no request
leaving 127.0.0.1, no serious or critical axe-core violation (axe.min.js is vendored here
from the npm package axe-core 4.14.1, MPL-2.0), and no witness name for a member without
the grant. Screenshots of each step go to the test's temporary folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.api.conftest import PASSWORD
from tests.cli.test_witness_leaks import PARTS
from tests.web.conftest import without_tokens

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
AXE = (Path(__file__).parent / "axe.min.js").read_text(encoding="utf-8")
AXE_RUN = """async () => {
  const found = await axe.run(document, {resultTypes: ["violations"]});
  return found.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.length}));
}"""

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium"),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[playwright.Browser]:
    with playwright.sync_playwright() as driver:
        found = driver.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        yield found
        found.close()


class Watched:
    """A page whose console errors and requests to anywhere but 127.0.0.1 are recorded."""

    def __init__(self, page: playwright.Page, shots: Path) -> None:
        self.page, self.shots = page, shots
        self.errors: list[str] = []
        self.outside: list[str] = []
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.on("request", self._request)

    def _request(self, request: playwright.Request) -> None:
        parts = urlsplit(request.url)
        if parts.scheme not in {"data", "about"} and parts.hostname != "127.0.0.1":
            self.outside.append(request.url)

    def check(self, name: str) -> None:
        """This page: clean console, nothing sent out, accessible, no witness named."""
        self.page.wait_for_load_state("load")
        self.page.screenshot(path=str(self.shots / f"{name}.png"), full_page=True)
        assert not self.errors, (name, self.errors)
        assert not self.outside, (name, self.outside)
        text = without_tokens(self.page.content()).lower()
        assert not [part for part in PARTS if part in text], name
        self.page.evaluate(AXE)
        violations = self.page.evaluate(AXE_RUN)
        grave = [v for v in violations if v["impact"] in {"serious", "critical"}]
        assert not grave, (name, grave)


@pytest.mark.parametrize("width", [1280, 800])
def test_an_analyst_reads_a_case(
    browser: playwright.Browser, web_url: str, width: int, tmp_path: Path
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})
    seen = Watched(context.new_page(), tmp_path)
    page = seen.page
    page.goto(f"{web_url}/cases/sloviansk")
    assert page.url == f"{web_url}/sign-in"
    seen.check(f"{width}-sign-in")
    page.fill("#name", "analyst")
    page.fill("#password", PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_url(f"{web_url}/cases/sloviansk")
    assert page.inner_text("#count") == "1 incident"
    seen.check(f"{width}-incidents")

    page.fill("#f-since", "2023-01-01")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**since=2023-01-01**")
    assert page.inner_text("#count") == "0 incidents match the filter"
    page.fill("#f-since", "")
    page.fill("#f-type", "torture")
    page.click("button:has-text('Filter')")
    page.wait_for_url("**type=torture**")
    assert page.inner_text("#count") == "1 incident matches the filter"
    seen.check(f"{width}-filtered")

    page.click("table.incidents a")
    page.wait_for_url("**/incidents/**")
    assert page.locator("h1").inner_text().startswith("Torture")
    assert page.locator("#grade-h .grade").inner_text()
    assert page.locator("figure.chart svg").count() >= 2  # the chain and the timeline
    seen.check(f"{width}-incident")

    page.click("section[aria-labelledby=reports-h] a >> nth=0")
    page.wait_for_url("**/reports/**")
    assert page.locator(".text mark.said-content").count() >= 1
    assert len(page.inner_text("code.hash")) == 64
    seen.check(f"{width}-report")

    page.locator("details.review-panel summary").first.click()  # open the review panel
    form = page.locator("form.review").first
    form.locator("input[value=correct_stance]").check()
    form.locator("select[name=stance]").select_option("denies")
    form.locator("input[name=reason]").fill("the sentence denies it")
    form.locator("button").click()
    page.wait_for_url("**recorded=**")
    assert "grades are recomputed with it" in page.inner_text("[role=status]")
    assert "the sentence denies it" in page.inner_text("ul.history")
    seen.check(f"{width}-reviewed")

    page.click("button:has-text('Sign out')")
    page.wait_for_url(f"{web_url}/sign-in")
    page.goto(f"{web_url}/cases/sloviansk")
    assert page.url == f"{web_url}/sign-in"
    seen.check(f"{width}-signed-out")
    context.close()
