"""Accessibility: axe-core finds no serious or critical violation on the main pages, and the
pages work from the keyboard (skip link, search box and navigation reachable, focus visible).

axe-core comes bundled in the `axe-playwright-python` package (no download at test time).
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser import require_browser

require_browser()

from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402

from tests.browser.site_data import SEED_ID  # noqa: E402

MAIN_PAGES = ["/", "/?q=strike", f"/articles/{SEED_ID}", "/articles/hostile-1",
              "/speakers/Benjamin%20Netanyahu", "/entities/Rafah", "/events", "/map",
              "/stories", "/login", "/register", "/reset", "/contact"]
BLOCKING = {"serious", "critical"}

#: What the focused element is and whether a focus indicator is drawn around it.
FOCUSED_JS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== 'none';
    return {tag: el.tagName.toLowerCase(), type: el.getAttribute('type'),
            role: el.getAttribute('role'), name: el.getAttribute('name'),
            href: el.getAttribute('href'), text: (el.textContent || '').trim().slice(0, 60),
            inNav: !!el.closest('nav'), visible: outline || !!shadow,
            focusVisible: el.matches(':focus-visible')};
}"""


@pytest.fixture(scope="module")
def axe() -> Axe:
    return Axe()


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_no_serious_axe_violations(page: Page, axe: Axe, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    page.wait_for_load_state("networkidle")
    results = axe.run(page)
    blocking = [violation for violation in results.response["violations"]
                if violation["impact"] in BLOCKING]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at "
        f"{[node['target'] for node in v['nodes']][:5]}" for v in blocking)
    assert not blocking, f"{path}:\n{report}"


def tab_through(page: Page, presses: int = 40) -> list[dict[str, Any]]:
    """Press Tab `presses` times from the top of the page; what had the focus each time."""
    seen = []
    for _ in range(presses):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_JS)
        if focused is not None:
            seen.append(focused)
    return seen


def test_keyboard_reaches_search_and_navigation_with_visible_focus(page: Page) -> None:
    page.goto(f"/articles/{SEED_ID}")
    seen = tab_through(page)
    assert seen, "Tab never moved the focus"
    first = seen[0]
    assert first["tag"] == "a" and (first["href"] or "").startswith("#"), \
        f"the first Tab stop should be the skip link, not {first}"
    assert any(f["tag"] == "input" and (f["type"] == "search" or f["name"] == "q")
               for f in seen), "Tab never reaches the search box"
    nav_links = {f["href"] for f in seen if f["tag"] == "a" and f["inNav"]}
    assert {"/events", "/map", "/stories"} <= nav_links, nav_links
    hidden = [f for f in seen if not (f["visible"] and f["focusVisible"])]
    assert not hidden, f"focus is not visible on {hidden[:5]}"


def test_skip_link_moves_focus_to_the_main_content(page: Page) -> None:
    page.goto(f"/articles/{SEED_ID}")
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    expect(skip).to_be_visible()  # shown when focused, even if hidden otherwise
    target = (skip.get_attribute("href") or "").removeprefix("#")
    assert target, "the skip link has no #target"
    page.keyboard.press("Enter")
    inside = page.evaluate(
        """(id) => {
            const target = document.getElementById(id);
            const active = document.activeElement;
            return !!target && (active === target || target.contains(active))
                && active.closest('main, [role=main]') !== null;
        }""", target)
    assert inside, f"Enter on the skip link left the focus outside #{target}"
    # The next Tab goes into the content, not back to the page header.
    page.keyboard.press("Tab")
    in_main = page.evaluate("() => !!document.activeElement.closest('main')")
    assert in_main
