"""Hostile articles: payloads in the text, title, URL, site, author, speaker and entity names
render as text; no dialog ever opens; no `javascript:` (or `data:`) link is made."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from tests.browser import require_browser

require_browser()

from playwright.sync_api import Page, expect  # noqa: E402

from tests.browser.site_data import (  # noqa: E402
    ATTRIBUTE,
    HOSTILE_IDS,
    IMAGE,
    JS_URL,
    SCRIPT,
)

#: Anything a payload could have turned into: inline handlers, scripts with a body, bad links.
INJECTED_JS = """() => {
    const handlers = [];
    for (const el of document.querySelectorAll('*')) {
        for (const attr of el.attributes) {
            if (attr.name.startsWith('on')) handlers.push(el.tagName + ' ' + attr.name);
        }
    }
    const scripts = Array.from(document.scripts)
        .filter(s => s.textContent.includes('alert(') && s.type !== 'application/json')
        .map(s => s.outerHTML.slice(0, 120));
    const links = Array.from(document.querySelectorAll('[href], [src], [action], [formaction]'))
        .map(el => el.getAttribute('href') ?? el.getAttribute('src') ?? el.getAttribute('action')
                   ?? el.getAttribute('formaction'))
        .filter(v => /^\\s*(javascript|data|vbscript):/i.test(v.replace(/[\\u0000-\\u001f]/g, '')));
    const images = Array.from(document.images).filter(i => i.getAttribute('src') === 'x').length;
    return {handlers, scripts, links, images};
}"""


def assert_nothing_injected(page: Page, dialogs: list[str]) -> None:
    found = page.evaluate(INJECTED_JS)
    assert found == {"handlers": [], "scripts": [], "links": [], "images": 0}, found
    # Hover and click everything the payloads sit in: an injected handler would fire now.
    for element in page.locator("main mark, main a:not([href^='/']), h1").all()[:40]:
        if element.is_visible():
            element.dispatch_event("mouseover")
    assert dialogs == []


def test_hostile_article_renders_payloads_as_text(page: Page, dialogs: list[str],
                                                  api: Any) -> None:
    page.goto("/articles/hostile-1")
    # The text is shown exactly as stored: every payload is characters, not markup.
    stored = api.get("/api/articles/hostile-1").json()["text"]
    shown = page.locator("[data-article-id]").evaluate("element => element.textContent")
    assert shown == stored
    title = page.locator("h1")
    expect(title).to_contain_text(SCRIPT)
    expect(title).to_contain_text(ATTRIBUTE)
    main = page.locator("main")
    for payload in (SCRIPT, ATTRIBUTE, IMAGE, JS_URL, "Hostile"):
        expect(main).to_contain_text(payload)
    assert_nothing_injected(page, dialogs)
    # The source link is not a link at all, and the page's title is the text, unescaped once.
    assert SCRIPT in page.title()


def test_hostile_links_are_never_followable(page: Page, dialogs: list[str]) -> None:
    for article_id in HOSTILE_IDS[1:]:
        page.goto(f"/articles/{article_id}")
        expect(page.locator("h1")).to_contain_text("Hostile link")
        assert_nothing_injected(page, dialogs)


def test_hostile_names_on_lists_search_and_entity_pages(page: Page, dialogs: list[str],
                                                       api: Any) -> None:
    paths = ["/?q=pasted", "/?q=Payload", "/speakers/Mallory%20Payload",
             f"/entities/{quote(IMAGE, safe='')}", f"/entities/{quote(SCRIPT, safe='')}",
             "/events", "/stories", "/map", f"/?q={quote(SCRIPT)}"]
    for path in paths:
        response = page.goto(path)
        assert response is not None and response.status < 500, (path, response and response.status)
        assert_nothing_injected(page, dialogs)
    # The search page shows the hostile article's snippet with the payload as text.
    page.goto("/?q=pasted")
    expect(page.locator("main")).to_contain_text(SCRIPT)
    # The entity page of an ORG literally named `<img ...>` works and shows the name.
    page.goto(f"/entities/{quote(IMAGE, safe='')}")
    expect(page.locator("h1")).to_contain_text(IMAGE)
    assert api.get("/api/articles/hostile-1").status_code == 200


def test_payload_in_the_search_box_is_shown_not_run(page: Page, dialogs: list[str]) -> None:
    page.goto("/")
    box = page.get_by_role("searchbox").first
    box.fill(f"{SCRIPT} {ATTRIBUTE}")
    box.press("Enter")
    page.wait_for_load_state()
    expect(box).to_have_value(f"{SCRIPT} {ATTRIBUTE}")
    assert_nothing_injected(page, dialogs)
