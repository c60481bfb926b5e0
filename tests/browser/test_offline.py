"""Offline: the API docs and every main page load with no request leaving 127.0.0.1 (the
`requests_stay_local` guard fails a test otherwise), and full-page screenshots are saved."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser import require_browser

require_browser()

from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import Page, expect  # noqa: E402

from tests.browser.site_data import SEED_ID  # noqa: E402

#: (screenshot name, path, also for the README).
SCREENSHOTS = [
    ("home", "/", False),
    ("search", "/?q=strike", False),
    ("article", f"/articles/{SEED_ID}", True),
    ("speaker", "/speakers/Benjamin%20Netanyahu", True),
    ("entity", "/entities/Rafah", False),
    ("events", "/events", False),
    ("map", "/map", False),
    ("stories", "/stories", False),
    ("login", "/login", False),
]


def test_swagger_docs_render_offline(page: Page, requests_stay_local: Any) -> None:
    page.goto("/api/docs")
    operations = page.locator(".swagger-ui .opblock")
    expect(operations.first).to_be_visible(timeout=15_000)
    assert operations.count() >= 7
    expect(page.locator(".swagger-ui")).to_contain_text("/api/articles")
    assert requests_stay_local.urls, "the guard saw no request"


@pytest.mark.parametrize(("name", "path", "for_docs"), SCREENSHOTS,
                         ids=[name for name, _, _ in SCREENSHOTS])
def test_main_page_loads_locally_and_is_captured(page: Page, screenshot: Any,
                                                  requests_stay_local: Any, name: str,
                                                  path: str, for_docs: bool) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: errors.append(message.text)
            if message.type == "error" else None)
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    page.wait_for_load_state("networkidle")
    # The page's own scripts and styles came from this server (vendored, no CDN).
    assert any("/static/" in url for url in requests_stay_local.urls), requests_stay_local.urls
    saved: Path = screenshot(page, name, docs=for_docs)
    assert saved.stat().st_size > 10_000
    assert not errors, errors


def test_the_guard_stops_and_reports_a_foreign_request(page: Page, live_server: Any,
                                                       requests_stay_local: Any) -> None:
    """The offline guard itself: a request to any other host is aborted and recorded.

    The "other host" is `localhost`, so even a broken guard sends nothing off this machine.
    """
    other = f"http://localhost:{live_server.port}/"
    with pytest.raises(PlaywrightError):
        page.goto(other)
    assert requests_stay_local.foreign == [other]
    requests_stay_local.foreign.clear()  # seen, so this test may pass


@pytest.mark.parametrize("path", ["/", f"/articles/{SEED_ID}", "/articles/hostile-1", "/login"])
def test_pages_forbid_inline_and_foreign_scripts(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None
    policy = response.headers.get("content-security-policy", "")
    directives = dict([*part.strip().split(" ", 1), ""][:2] for part in policy.split(";")
                      if part.strip())
    script = directives.get("script-src", directives.get("default-src", ""))
    assert script.split() == ["'self'"], policy
    # An inline script added by any means does not run.
    ran = page.evaluate("""() => {
        window.__ran = false;
        const s = document.createElement('script');
        s.textContent = 'window.__ran = true';
        document.body.appendChild(s);
        return window.__ran;
    }""")
    assert ran is False
