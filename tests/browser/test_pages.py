"""The reading pages in a real browser: the article with its highlights, the speaker page,
search with a facet and its CSV export, and every other main page.

What the pages show is checked against the stored article from `/api/articles/{id}`.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from itertools import pairwise
from typing import Any
from urllib.parse import unquote, urlsplit

from tests.browser import require_browser

require_browser()

from playwright.sync_api import Page, expect  # noqa: E402

from tests.browser.site_data import SEED_ID, SEED_TITLE  # noqa: E402

#: Every highlighted element's offsets and text, as the browser sees them.
MARKS_JS = """() => Array.from(document.querySelectorAll('[data-start][data-end]')).map(el => ({
    start: Number(el.dataset.start), end: Number(el.dataset.end), text: el.textContent,
    kind: el.dataset.kind || null, speaker: el.dataset.speaker ?? null,
    spanStart: el.dataset.spanStart ? Number(el.dataset.spanStart) : null,
    spanEnd: el.dataset.spanEnd ? Number(el.dataset.spanEnd) : null}))"""


def speaker_name(article: dict[str, Any], quote: dict[str, Any]) -> str | None:
    """The name a quote's speaker goes by: its entity's name, else the speaker span's text."""
    if quote["speaker"] is None:
        return None
    names = {entity["id"]: entity["name"] for entity in article["entities"]}
    return names.get(quote["speaker"]["entity"] or "", quote["speaker"]["text"])


def test_article_highlights_match_the_stored_offsets(page: Page, api: Any) -> None:
    article = api.get(f"/api/articles/{SEED_ID}").json()
    text = article["text"]
    page.goto(f"/articles/{SEED_ID}")
    expect(page.locator("h1")).to_contain_text(SEED_TITLE)
    marks = page.evaluate(MARKS_JS)
    assert len(marks) >= len(article["quotes"]) + len(article["entities"])
    wrong = [m for m in marks if text[m["start"]:m["end"]] != m["text"]]
    assert not wrong, wrong[:5]
    # Highlighting adds markup only: the text shown is the stored text, character for character.
    shown = page.locator("[data-article-id]").evaluate("element => element.textContent")
    assert shown == text
    # Every stored span is highlighted whole (or in pieces that name the whole span).
    whole = {(m["kind"], m["spanStart"] if m["spanStart"] is not None else m["start"],
              m["spanEnd"] if m["spanEnd"] is not None else m["end"]) for m in marks}
    stored = {("quote", q["start"], q["end"]) for q in article["quotes"]}
    stored |= {("entity", m["start"], m["end"]) for e in article["entities"]
               for m in e["mentions"]}
    # A group word ("Israeli", kind "group") is marked as such, not as a location.
    stored |= {("group" if p["kind"] == "group" else "place", p["start"], p["end"])
               for p in article["places"]}
    stored |= {("date", d["start"], d["end"]) for d in article["dates"]}
    stored |= {("event", e["trigger"]["start"], e["trigger"]["end"]) for e in article["events"]}
    assert {kind for kind, _, _ in stored} >= {"quote", "entity", "place", "date", "event"}
    missing = sorted(stored - whole)
    assert not missing, [(kind, text[start:end]) for kind, start, end in missing[:10]]


def test_article_shows_each_quote_with_its_speaker(page: Page, api: Any) -> None:
    article = api.get(f"/api/articles/{SEED_ID}").json()
    page.goto(f"/articles/{SEED_ID}")
    marks = page.evaluate(MARKS_JS)
    quote_marks = [m for m in marks if m["kind"] == "quote"]
    for quote in article["quotes"]:
        whole = [m for m in quote_marks
                 if (m["spanStart"], m["spanEnd"]) == (quote["start"], quote["end"])
                 or (m["spanStart"] is None and (m["start"], m["end"]) == (quote["start"],
                                                                            quote["end"]))]
        assert whole, f"quote {quote['text']!r} is not highlighted"
        assert {m["speaker"] or None for m in whole} == {speaker_name(article, quote)}, quote
    # The "who said what" panel lists every quote with its speaker, linked to the text.
    panel = page.get_by_role("complementary", name=re.compile("who said what", re.I))
    for quote in article["quotes"]:
        excerpt = " ".join(quote["text"].split())[:40]
        row = panel.locator("li", has_text=excerpt).first
        expect(row).to_be_visible()
        name = speaker_name(article, quote)
        if name:
            expect(row.get_by_role("link", name=name, exact=True)).to_have_attribute(
                "href", re.compile(r"^/speakers/"))
    # "Show in text" leads to the highlighted quote itself.
    first = article["quotes"][0]
    panel.get_by_role("link", name=re.compile("show in text", re.I)).first.click()
    target = page.locator(":target")
    expect(target).to_have_attribute("data-start", str(first["start"]))
    expect(target).to_be_in_viewport()


def test_speaker_link_opens_the_speaker_page(page: Page, api: Any) -> None:
    page.goto(f"/articles/{SEED_ID}")
    link = page.locator("a[href^='/speakers/']", has_text="Netanyahu").first
    href = link.get_attribute("href")
    assert href
    name = unquote(urlsplit(href).path.removeprefix("/speakers/"))
    link.click()
    page.wait_for_url("**/speakers/**")
    expect(page.locator("h1")).to_contain_text(name)
    # Every stored quote of this speaker is on the page, with a link to its article.
    quotes = api.get("/api/quotes", params={"speaker": name, "limit": 100}).json()["items"]
    assert quotes
    body = page.locator("main").inner_text()
    for quote in quotes:
        assert quote["text"].strip()[:60] in body, quote["text"]
    articles = {q["article_id"] for q in quotes}
    for article_id in articles:
        assert page.locator(f"a[href^='/articles/{article_id}']").count() >= 1, article_id


def test_search_facet_and_csv_export(page: Page) -> None:
    page.goto("/")
    box = page.get_by_role("searchbox").first
    box.fill("Netanyahu")
    box.press("Enter")
    page.wait_for_load_state()
    assert "Netanyahu" in unquote(page.url).replace("+", " ")
    results = page.locator("main")
    expect(results).to_contain_text(SEED_TITLE)
    expect(results).to_contain_text("Netanyahu meets Blinken in Jerusalem")
    # The parsed query is shown, and the matching sentence is marked.
    expect(page.locator("main mark").first).to_be_visible()
    # A facet is a link with its count; following it narrows the results, and the URL says so.
    facets = page.locator(".facets, [aria-labelledby=facets-heading]").first
    facet = facets.locator("li", has_text="World Desk").first
    expect(facet).to_contain_text("1")
    before = page.url
    facet.get_by_role("link").first.click()
    page.wait_for_url(lambda url: url != before)
    assert "World Desk" in unquote(page.url).replace("+", " ")
    expect(results).to_contain_text("Netanyahu meets Blinken in Jerusalem")
    expect(results).not_to_contain_text(SEED_TITLE)
    # The export link downloads the same list as CSV.
    export = page.locator("a[href*='format=csv']").first
    with page.expect_download() as download_info:
        export.click()
    download = download_info.value
    with open(download.path(), encoding="utf-8") as handle:
        rows = list(csv.DictReader(io.StringIO(handle.read())))
    assert rows, "the export is empty"
    titles = {row.get("title") for row in rows}
    assert "Netanyahu meets Blinken in Jerusalem" in titles
    assert SEED_TITLE not in titles


def test_entity_page_shows_attention_over_time(page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/entities/Rafah")
    expect(page.locator("h1")).to_contain_text("Rafah")
    expect(page.locator("main")).to_contain_text(SEED_TITLE)
    expect(page.locator("main figure svg").first).to_be_visible()
    # Per day, the series is zero-filled: one row per day, none skipped.
    page.get_by_role("radio", name="day").check()
    page.get_by_role("button", name="Show").click()
    page.wait_for_url("**by=day**")
    attention = page.get_by_role("region", name="Attention over time").locator("table")
    days = [date.fromisoformat(cell.strip())
            for cell in attention.locator("tbody tr td:first-child").all_inner_texts()]
    assert len(days) >= 2, days
    assert all(b - a == timedelta(days=1) for a, b in pairwise(days)), days
    counts = [int(cell) for cell in
              attention.locator("tbody tr td:nth-child(2)").all_inner_texts()]
    assert sum(counts) >= 1 and days[0] <= date(2024, 5, 10) <= days[-1]
    # Counts or share: the switch redraws the chart in place.
    share = page.get_by_role("radio", name=re.compile("share", re.I))
    expect(share).to_be_visible()
    share.check()
    expect(page.locator("main figure svg").first).to_be_visible()
    assert not errors, errors


def test_entity_page_shows_how_the_outlets_portray_it(page: Page, api: Any) -> None:
    rows = api.get("/api/entities/Rafah/portrayal", params={"by": "month"}).json()["items"]
    assert rows, "the pipeline gave Rafah's mentions no polarity"
    page.goto("/entities/Rafah?by=month")
    section = page.get_by_role("region", name="Portrayal")
    expect(section).to_be_visible()
    totals = {label: sum(row[label] for row in rows)
              for label in ("mentions", "negative", "neutral", "positive")}
    expect(section.locator("#portrayal-summary")).to_contain_text(
        f"{totals['negative']} negative, {totals['neutral']} neutral, "
        f"{totals['positive']} positive")
    expect(section.locator("#portrayal-summary meter")).to_be_visible()
    # One row per outlet, with the API's counts added up over the months.
    outlets = section.locator("#portrayal-by-outlet tbody tr")
    expect(outlets).to_have_count(len({row["site"] for row in rows}))
    shown = {outlets.nth(n).locator("th").inner_text(): int(
        outlets.nth(n).locator("td").nth(1).inner_text()) for n in range(outlets.count())}
    expected: dict[str, int] = {}
    for row in rows:
        expected[row["site"] or "unknown"] = expected.get(row["site"] or "unknown", 0) \
            + row["mentions"]
    assert shown == expected
    expect(section.locator("#portrayal-by-period tbody tr")).to_have_count(len(rows))
    link = section.get_by_role("link", name="CSV")
    assert "/api/entities/Rafah/portrayal?by=month&format=csv" in (
        link.get_attribute("href") or "")


def test_a_single_period_is_a_bar_not_the_whole_chart(page: Page) -> None:
    page.goto("/entities/Rafah?by=month")
    chart = page.locator("main figure svg").first
    expect(chart).to_be_visible()
    bars = chart.locator("rect")
    expect(bars.first).to_be_attached()
    widths = [box["width"] for box in (bar.bounding_box() for bar in bars.all()) if box]
    whole = chart.bounding_box()
    assert whole and widths, widths
    assert max(widths) < whole["width"] / 4, (widths, whole["width"])


def test_events_map_and_stories_pages_render(page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/events")
    expect(page.locator("main table")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Rafah")
    page.goto("/map")
    expect(page.locator("main svg").first).to_be_visible()
    page.goto("/stories")
    expect(page.locator("h1")).to_be_visible()
    expect(page.locator("main a[href^='/articles/']").first).to_be_visible()
    # What a story shows (issue 21): who broke it, its outlets, its days.
    expect(page.locator("main .story-first").first).to_contain_text("Broke it:")
    expect(page.locator("main .story-first a[href^='/articles/']").first).to_be_visible()
    expect(page.locator("main .story-outlets").first).to_contain_text("Outlets:")
    expect(page.locator("main .story-days").first).to_contain_text("By day:")
    assert not errors, errors


def test_a_story_page_shows_who_was_quoted_its_events_places_and_days(page: Page) -> None:
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto("/stories")
    strike = page.locator("main .story", has=page.locator("a[href='/articles/antwerp-strike']"))
    strike.locator("h2 a").click()
    page.wait_for_url("**/stories/s*")
    expect(page.locator("h1")).not_to_have_text("(untitled story)")
    expect(page.locator("main .story-first a[href^='/articles/']")).to_be_visible()
    for heading in ("Outlets", "People quoted", "Events", "Places", "Day by day"):
        expect(page.get_by_role("heading", name=heading, exact=True)).to_be_visible()
    expect(page.locator("main .story-outlets li").first).to_be_visible()
    expect(page.locator("main .story-person").first).to_contain_text("quotation")
    expect(page.locator("main .story-quote").first).to_be_visible()
    expect(page.locator("main .quote-provenance").first).to_contain_text("First printed by")
    expect(page.locator("main .story-day").first).to_be_visible()
    assert page.locator("main .story-day").count() >= 2
    # Quote provenance: the union leader's words, printed on day one and again on day two.
    repeated = page.locator("main .quote-provenance", has_text="repeated by").first
    expect(repeated).to_be_visible()
    repeated.locator("a[href^='/articles/']").last.click()
    page.wait_for_url("**/articles/**")
    expect(page.locator(".quotes .quote-provenance").first).to_contain_text("First printed by")
    assert not errors, errors


def test_map_place_leads_to_its_articles(page: Page) -> None:
    page.goto("/map")
    place = page.locator("main svg a, main [data-place] a, main a[href*='place=']").first
    expect(place).to_be_attached()
    place.dispatch_event("click")
    page.wait_for_load_state()
    expect(page.locator("main a[href^='/articles/']").first).to_be_visible()


def test_unknown_article_is_a_404_page(page: Page) -> None:
    response = page.goto("/articles/no-such-article")
    assert response is not None and response.status == 404
    expect(page.locator("main")).to_contain_text("no-such-article")
