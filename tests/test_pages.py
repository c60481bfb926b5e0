"""The web pages (`newsgraph.serve.pages`): every page, 404s, facet URLs, highlighted spans
against the stored offsets, escaping of hostile text, security headers, vendored assets.

The store holds three short texts analysed by the real pipeline, two near-copies that form a
story, and hand-built articles: one whose every printed field carries a payload, and one with
crossing spans. It is built once per backend (SQLite, PostgreSQL as in test_api.py).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest

try:
    import fastapi  # noqa: F401
    import jinja2  # noqa: F401
except ImportError as missing:  # pragma: no cover - depends on the environment
    _reason = f"the page tests need the web extra ({missing.name} is missing): " \
              "pip install -e '.[web]'"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{_reason}; CI=true does not allow skipping them", pytrace=False)
    pytest.skip(_reason, allow_module_level=True)

from fastapi.testclient import TestClient

from newsgraph.model import (
    Article,
    Count,
    Cue,
    Entity,
    Event,
    Mention,
    Place,
    Quote,
    Span,
    SpeakerRef,
    ThemeRef,
    TimeRef,
)
from newsgraph.store import Store

SERVE = Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "serve"
STATIC = SERVE / "static"
VENDOR = STATIC / "vendor"

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover=alert(1) x="'
JS_URL = "javascript:alert(1)"
BREAKOUT = "</script><script>alert(2)</script>"

TEXTS = [
    ("2024-05-02", "Metro Post", "Council backs the tram line",
     "The Leipzig city council approved the new tram line on Wednesday. "
     "“This is a good day for the city,” said Mayor Klara Brandt. "
     "A senior official, who asked not to be named, said the costs would rise by 20%."),
    ("2024-05-09", "Global Desk", "Storm hits the coast of Chile",
     "A storm hit the coast near Valparaiso on Thursday, officials in Santiago said. "
     "“We will rebuild every house,” President Rosa Vidal said in Santiago. "
     "Peru sent rescue teams to help."),
    (None, "Metro Post", "Bakers end their strike",
     "Bakers in Lyon ended their strike after the union reached a deal. "
     "“We won a fair wage,” union leader Paul Girard told reporters. "
     "The guild said shops would open again on Monday."),
]
STORY_TEXT = ("Firefighters in Porto fought a large fire in the old market hall for six hours "
              "on Saturday night, and the hall was closed to the public until further notice "
              "while engineers checked the roof and the walls for damage.")


def _at(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    start = text.index(needle, after)
    return start, start + len(needle)


def hostile_article() -> Article:
    """Payloads in the title, URL, site, text, quote, speaker, entity and place names."""
    text = (f"Editors found {SCRIPT} in a comment on Friday. "
            f"“I wrote {ATTRIBUTE} and {JS_URL} on purpose,” said Eve Mallet. "
            f"Copies spread from {BREAKOUT} to Springfield.")
    quote = _at(text, f"I wrote {ATTRIBUTE} and {JS_URL} on purpose,")
    speaker, cue = _at(text, "Eve Mallet"), _at(text, "said")
    payload, place = _at(text, SCRIPT), _at(text, "Springfield")
    trigger = _at(text, "spread")
    return Article(
        id="hostile", url=JS_URL, title=f"{SCRIPT} Title {ATTRIBUTE}", published="2024-05-03",
        site=f"Wire {ATTRIBUTE}", authors=[SCRIPT], language="en", text=text,
        entities=[
            Entity(id="e1", name="Eve Mallet", type="PERSON",
                   mentions=[Mention(start=speaker[0], end=speaker[1], text="Eve Mallet")]),
            Entity(id="e2", name=SCRIPT, type="ORG",
                   mentions=[Mention(start=payload[0], end=payload[1], text=SCRIPT)]),
        ],
        quotes=[Quote(start=quote[0], end=quote[1], text=text[quote[0]:quote[1]], direct=True,
                      speaker=SpeakerRef(start=speaker[0], end=speaker[1], text="Eve Mallet",
                                         entity="e1"),
                      cue=Cue(start=cue[0], end=cue[1], text="said", lemma="say"))],
        places=[Place(start=place[0], end=place[1], text="Springfield", name=BREAKOUT,
                      lat=39.8, lon=-89.6, country="US")],
        events=[Event(type="CONSULT", place=ATTRIBUTE,
                      trigger=Span(start=trigger[0], end=trigger[1], text="spread"))],
        counts=[Count(start=payload[0], end=payload[1], text=SCRIPT, type="ARREST", number=3,
                      object=ATTRIBUTE, trigger="arrest")],
        themes=[ThemeRef(start=trigger[0], end=trigger[1], text="spread", theme="PROTEST")],
    )


def crossing_article() -> Article:
    """Spans that cross each other, nest, and share offsets."""
    text = "On Monday Lena Ortiz said the Bay Bridge would reopen next Monday morning."
    person, date = _at(text, "Lena Ortiz"), _at(text, "On Monday")
    bridge = _at(text, "Bay Bridge")
    quote = _at(text, "the Bay Bridge would reopen next Monday")
    later = _at(text, "next Monday morning")  # crosses the end of the quote
    return Article(
        id="crossing", title="Crossing spans", published="2024-05-20", site="Metro Post",
        text=text,
        entities=[
            Entity(id="p", name="Lena Ortiz", type="PERSON",
                   mentions=[Mention(start=person[0], end=person[1], text="Lena Ortiz")]),
            Entity(id="b", name="Bay Bridge", type="FAC",
                   mentions=[Mention(start=bridge[0], end=bridge[1], text="Bay Bridge")]),
        ],
        quotes=[Quote(start=quote[0], end=quote[1], text=text[quote[0]:quote[1]], direct=False,
                      speaker=SpeakerRef(start=person[0], end=person[1], text="Lena Ortiz",
                                         entity="p"))],
        dates=[TimeRef(start=date[0], end=date[1], text="On Monday", value="2024-05-20"),
               TimeRef(start=later[0], end=later[1], text=text[later[0]:later[1]])],
        places=[Place(start=bridge[0], end=bridge[1], text="Bay Bridge", name="Bay Bridge",
                      lat=37.8, lon=-122.4, country="US")],
    )


def story_articles() -> list[Article]:
    """Two near-copies a day apart: one story once `newsgraph link` has run."""
    return [Article(id=f"story-{n}", title=f"Fire in the market hall ({n})",
                    published=f"2024-06-0{n}", site="Metro Post",
                    text=STORY_TEXT + (" Update." if n == 2 else ""))
            for n in (1, 2)]


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    from newsgraph.ingest.sources import Source
    from newsgraph.pipeline import Analyzer

    sources = [Source(text=text, origin=f"text{n}", published=published, title=title,
                      site=site, url=f"https://news.example/{n}")
               for n, (published, site, title, text) in enumerate(TEXTS)]
    analysed = Analyzer().analyze_batch(sources)
    assert all(isinstance(a, Article) for a in analysed), analysed
    return [*analysed, hostile_article(), crossing_article(), *story_articles()]  # type: ignore


@pytest.fixture(scope="module")
def db(store_databases: Any, articles: list[Article]) -> str:
    """The module's store (SQLite, and PostgreSQL where `store_databases` has one)."""
    from newsgraph.link import rebuild

    with Store.open(store_databases.url) as store:
        assert all(store.add_many(articles))
        rebuild(store)
    return store_databases.url


@pytest.fixture(scope="module")
def client(db: str) -> Iterator[TestClient]:
    from newsgraph.serve import create_app

    with TestClient(create_app(db)) as test_client:
        yield test_client


def page(client: TestClient, path: str, status: int = 200, **params: Any) -> str:
    response = client.get(path, params=params)
    assert response.status_code == status, (path, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


class Marks(HTMLParser):
    """Every element with `data-start`: its attributes and text content; plus scripts, links
    and the text of the element with id `article-text`."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[tuple[str, dict[str, str | None], list[str]]] = []
        self.marks: list[tuple[dict[str, str | None], str]] = []
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.hrefs: list[str] = []
        self.body: list[str] | None = None
        self._depth = 0
        self._script: dict[str, str | None] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("href") is not None:
            self.hrefs.append(found["href"] or "")
        if tag == "script":
            self._script = found
            self.scripts.append((found, ""))
            return
        if found.get("id") == "article-text":
            self.body = []
        if self.body is not None:
            self._depth += 1
        self.open.append((tag, found, []))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None
            return
        if not self.open:
            return
        _, found, text = self.open.pop()
        if "data-start" in found:
            self.marks.append((found, "".join(text)))
        if self.body is not None:
            self._depth -= 1
            if self._depth == 0:
                self.body_text = "".join(self.body)
                self.body = None

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, before = self.scripts[-1]
            self.scripts[-1] = (attrs, before + data)
            return
        for _, _, text in self.open:
            text.append(data)
        if self.body is not None:
            self.body.append(data)


def parse(html: str) -> Marks:
    parser = Marks()
    parser.feed(html)
    parser.close()
    return parser


# -- every page --------------------------------------------------------------------------------


def test_every_page_renders(client: TestClient, articles: list[Article]) -> None:
    storm = articles[1]
    paths = ["/", "/?q=tram", f"/articles/{storm.id}", "/speakers/Rosa Vidal",
             "/entities/Rosa Vidal", "/entities/Rosa Vidal?by=day", "/entities/Rosa Vidal?by=month",
             "/events", "/events?all=true", "/map", "/map?place=Bay Bridge", "/stories",
             "/api/docs"]
    for path in paths:
        html = page(client, path)
        assert "<title>" in html and "</html>" in html, path
    home = page(client, "/")
    for link in ('href="/events"', 'href="/map"', 'href="/stories"', 'href="/login"',
                 'class="skip-link" href="#main"', '<main id="main"'):
        assert link in home
    assert """<meta name="htmx-config" content='{"allowEval":false,"allowScriptTags":false,""" \
           """"includeIndicatorStyles":false}'>""" in home


@pytest.mark.parametrize(("path", "says"), [
    ("/articles/no-such-article", "no-such-article"),
    ("/speakers/Nobody%20Atall", "Nobody Atall"),
    ("/entities/Nobody%20Atall", "Nobody Atall"),
    ("/no/such/page", "no page"),
])
def test_unknown_pages_are_html_404s(client: TestClient, path: str, says: str) -> None:
    html = page(client, path, status=404)
    assert says in html
    api = client.get("/api/no-such-endpoint")
    assert api.status_code == 404 and api.json() == {"error": "Not Found"}


def test_bad_page_parameters_are_html_errors(client: TestClient) -> None:
    assert "cursor" in page(client, "/", status=422, cursor="not-a-cursor")
    assert "by" in page(client, "/entities/Rosa Vidal", status=422, by="year")
    assert page(client, "/events", status=422, since="2024-13-45")


# -- search and facets -------------------------------------------------------------------------


def _facet_links(html: str, key: str) -> dict[str, str]:
    """Facet value -> its URL, for one facet group of the search page."""
    group = re.search(rf'<h3 id="facet-{key}">.*?</ul>', html, re.S)
    assert group, key
    return {value: href.replace("&amp;", "&") for href, value in
            re.findall(r'<a href="([^"]+)"[^>]*>([^<]+)</a>', group.group(0))}


def test_best_sentence_has_the_most_distinct_words() -> None:
    from newsgraph.serve.pages.query import best_sentence

    text = ('The ferry left. "Ferry, ferry, ferry," she said! The ferry and the harbour '
            "were busy. Then the harbour closed")
    assert best_sentence(text, ["harbour", "FERRY"]) == [
        ("The ", False), ("ferry", True), (" and the ", False), ("harbour", True),
        (" were busy.", False)]
    assert best_sentence(text, []) == [("The ferry left.", False)]
    assert best_sentence(text, ["nowhere"]) == [("The ferry left.", False)]
    assert best_sentence("", ["ferry"]) == []
    [(cut, matched)] = best_sentence("word " * 200 + "ferry.", ["ferry"])
    assert cut.endswith("word …") and len(cut) <= 402 and not matched


def test_search_shows_the_parsed_query_and_the_matching_sentence(client: TestClient) -> None:
    html = page(client, "/", q='tram site:"Metro Post" quote:direct')
    parsed = html[html.index('class="parsed"'):html.index('class="facets"')]
    assert "tram" in parsed and "Metro Post" in parsed and "direct" in parsed
    assert "Council backs the tram line" in html
    assert "Storm hits the coast" not in html
    assert "approved the new <mark>tram</mark> line on Wednesday." in html


def test_facets_have_counts_and_state_in_the_url(client: TestClient) -> None:
    html = page(client, "/")
    sites = _facet_links(html, "site")
    assert {"Metro Post", "Global Desk"} <= set(sites)
    assert re.search(r">Metro Post</a> <span class=\"count\">5</span>", html)
    narrowed_url = sites["Global Desk"]
    assert parse_qs(urlsplit(narrowed_url).query)["site"] == ["Global Desk"]
    narrowed = client.get(narrowed_url).text
    assert "Storm hits the coast of Chile" in narrowed
    assert "Council backs the tram line" not in narrowed
    # The active facet links back to the unfiltered list; the export follows the facets.
    assert _facet_links(narrowed, "site")["Global Desk"] == "/"
    assert 'href="/api/search?site=Global+Desk&amp;format=csv"' in narrowed
    years = _facet_links(html, "year")
    assert set(years) == {"2024"}
    by_year = client.get(years["2024"]).text
    months = _facet_links(by_year, "month")
    assert {"2024-05", "2024-06"} <= set(months)
    june = client.get(months["2024-06"]).text
    assert "Fire in the market hall" in june and "Council backs" not in june
    people = client.get(_facet_links(html, "type")["PERSON"]).text
    assert "Crossing spans" in people and "Fire in the market hall" not in people
    direct = client.get(_facet_links(html, "quote")["direct"]).text
    assert "Bakers end their strike" in direct and "Crossing spans" not in direct


def test_search_export_matches_the_facets(client: TestClient) -> None:
    html = page(client, "/", q="said", site="Global Desk")
    link = re.search(r'href="(/api/search\?[^"]*format=csv)"', html)
    assert link, "no CSV export link"
    response = client.get(link.group(1).replace("&amp;", "&"))
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "Storm hits the coast of Chile" in response.text
    assert "Council backs" not in response.text
    as_json = client.get("/api/search", params={"q": "said", "site": "Global Desk"}).json()
    assert [item["title"] for item in as_json["items"]] == ["Storm hits the coast of Chile"]
    hit = as_json["items"][0]
    assert [hit["snippet"][start:end] for start, end in hit["highlights"]] == ["said"]
    # Facets without words: the export lists the same articles as the page.
    june = page(client, "/", month="2024-06")
    link = re.search(r'href="(/api/search\?[^"]*format=json)"', june)
    assert link
    exported = client.get(link.group(1).replace("&amp;", "&")).json()["items"]
    shown = re.findall(r'<h3><a href="/articles/([^"]+)">', june)
    assert [item["id"] for item in exported] == shown == ["story-2", "story-1"]
    assert client.get("/api/search", params={"q": ""}).status_code == 422


def test_search_pages_follow_the_cursor(client: TestClient, db: str) -> None:
    from newsgraph.store.browse import PageQueries, SearchFilters

    html = client.get("/").text
    listed = re.findall(r'<h3><a href="/articles/([^"]+)">', html)
    assert len(listed) == len(set(listed)) == 7
    assert 'rel="next"' not in html  # one page of 20 holds them all
    with Store.open(db, create=False) as store:
        queries = PageQueries(store)
        for filters in (SearchFilters(), SearchFilters(words="said")):
            whole = queries.find(filters, limit=50)
            seen: list[str] = []
            cursor = None
            for _ in range(10):
                found = queries.find(filters, limit=2, cursor=cursor)
                assert found.total == whole.total
                seen += [item["id"] for item in found.items]
                cursor = found.next
                if cursor is None:
                    break
            assert seen == [item["id"] for item in whole.items]


# -- the article page --------------------------------------------------------------------------


@pytest.mark.parametrize("index", range(7))
def test_highlights_equal_the_stored_offsets(client: TestClient, articles: list[Article],
                                             index: int) -> None:
    article = articles[index]
    parsed = parse(page(client, f"/articles/{quote(article.id)}"))
    assert parsed.body_text == article.text  # highlighting adds markup, never characters
    for attrs, text in parsed.marks:
        start, end = int(attrs["data-start"] or 0), int(attrs["data-end"] or 0)
        assert text == article.text[start:end], attrs
    whole = {(attrs["data-kind"], int(attrs["data-start"] or 0), int(attrs["data-end"] or 0))
             for attrs, _ in parsed.marks if "data-part" not in attrs}
    parts = {(attrs["data-kind"], int(attrs["data-span-start"] or 0),
              int(attrs["data-span-end"] or 0))
             for attrs, _ in parsed.marks if "data-part" in attrs}
    stored = {("quote", q.start, q.end) for q in article.quotes}
    stored |= {("entity", m.start, m.end) for e in article.entities for m in e.mentions}
    stored |= {("date", d.start, d.end) for d in article.dates}
    stored |= {("group" if p.kind == "group" else "place", p.start, p.end)
               for p in article.places}
    stored |= {("event", e.trigger.start, e.trigger.end) for e in article.events}
    assert stored <= whole | parts


def test_quotes_carry_their_speaker_and_link_to_the_speaker_page(
        client: TestClient, articles: list[Article]) -> None:
    storm = articles[1]
    html = page(client, f"/articles/{storm.id}")
    quotes = [attrs for attrs, _ in parse(html).marks if attrs["data-kind"] == "quote"]
    assert {attrs["data-speaker"] for attrs in quotes} >= {"Rosa Vidal"}
    assert 'href="/speakers/Rosa%20Vidal"' in html
    assert 'href="/entities/Rosa%20Vidal"' in html
    # Each speaker has its own colour class.
    colours = {attrs["data-speaker"]: attrs["class"].split()[-1] for attrs in quotes}
    assert len(set(colours.values())) == len(colours)


def test_article_page_and_api_show_the_tone_and_its_sentences(
        client: TestClient, articles: list[Article]) -> None:
    bakers = articles[2]  # "... “We won a fair wage,” union leader Paul Girard ..."
    assert bakers.tone is not None and bakers.tone.words > 0
    html = page(client, f"/articles/{bakers.id}")
    assert '<h2 id="tone-heading">Tone</h2>' in html
    assert f"<dt>Words</dt><dd>{bakers.tone.words}</dd>" in html
    positive = max(bakers.tone.sentences, key=lambda s: s.tone)
    assert positive.tone > 0 and "Most positive sentences" in html
    assert f"{positive.tone:+.1f}</span> {bakers.text[positive.start:positive.end]}" in html
    api = client.get(f"/api/articles/{bakers.id}").json()
    assert api["tone"]["words"] == bakers.tone.words and api["tone"]["sentences"]


def test_article_page_shows_counts_and_themes_escaped(client: TestClient) -> None:
    html = page(client, "/articles/hostile")
    assert '<h2 id="counts-heading">Counts</h2>' in html
    assert '<span class="tag">ARREST</span> 3 ' in html
    assert '<span class="tag">PROTEST</span>' in html
    assert SCRIPT not in html and ATTRIBUTE not in html
    api = client.get("/api/articles/hostile").json()
    assert [(c["type"], c["number"]) for c in api["counts"]] == [("ARREST", 3)]
    assert [(t["theme"], t["text"]) for t in api["themes"]] == [("PROTEST", "spread")]


def test_crossing_spans_are_split_and_nested(client: TestClient) -> None:
    parsed = parse(page(client, "/articles/crossing"))
    pieces = [(attrs, text) for attrs, text in parsed.marks if "data-part" in attrs]
    assert [text for _, text in pieces] == ["next Monday", " morning"]
    assert {(a["data-span-start"], a["data-span-end"]) for a, _ in pieces} == {
        (str(parsed.body_text.index("next")), str(len(parsed.body_text) - 1))}
    nested = [attrs for attrs, text in parsed.marks if text == "Bay Bridge"]
    assert [a["data-kind"] for a in nested] == ["place", "entity"]  # inner closes first
    quote_mark = next(a for a, _ in parsed.marks if a["data-kind"] == "quote")
    assert "lvl-2" in (quote_mark["class"] or "")  # two levels stacked inside it


def test_span_layout_unit() -> None:
    from newsgraph.serve.pages.spans import Highlight, highlight

    text = 'a <b> "c" & d'
    html = str(highlight(text, [Highlight(0, 7, "quote", 'say "hi"'),
                                Highlight(2, 5, "entity", "e"),
                                Highlight(5, 13, "date", "d")]))
    assert "<b>" not in html and "&lt;b&gt;" in html and "c&#34; &amp; d" in html
    assert 'title="say &#34;hi&#34;"' in html
    marks = parse(f'<div id="article-text">{html}</div>')
    assert marks.body_text == text
    for attrs, inner in marks.marks:
        assert inner == text[int(attrs["data-start"] or 0):int(attrs["data-end"] or 0)]


# -- speakers, entities, events, map, stories ---------------------------------------------------


def test_speaker_page_lists_quotes_with_sources_and_topics(client: TestClient,
                                                          articles: list[Article]) -> None:
    html = page(client, "/speakers/Rosa Vidal")
    assert "We will rebuild every house" in html
    assert f'href="/articles/{articles[1].id}"' in html
    assert "Global Desk" in html
    assert 'href="/api/quotes?speaker=Rosa+Vidal&amp;format=csv"' in html
    talked = page(client, "/speakers/Lena Ortiz")
    about = talked[talked.index('id="about-heading"'):]
    assert 'href="/entities/Bay%20Bridge"' in about
    island = re.search(r'<script type="application/json" id="speaker-data">(.*?)</script>',
                       html, re.S)
    assert island and json.loads(island.group(1)) == [{"period": "2024-05", "quotes": 1}]


def test_entity_attention_is_zero_filled_with_share(client: TestClient) -> None:
    body = client.get("/api/entities/Santiago/attention", params={"by": "day"}).json()["items"]
    assert body and body[0]["period"] == "2024-05-09"
    rows = client.get("/api/entities/Klara Brandt/attention", params={"by": "day"}).json()
    assert [row["articles"] for row in rows["items"]] == [1]
    metro = client.get("/api/entities/Metro/attention").json()
    assert metro == {"error": "no entity called 'Metro'"}
    weeks = client.get("/api/entities/Bay Bridge/attention", params={"by": "week"}).json()
    assert weeks["items"] == [{"period": "2024-05-20", "articles": 1, "mentions": 1,
                               "quotes": 0, "all_articles": 1, "share": 1.0}]
    csv_rows = client.get("/api/entities/Bay Bridge/attention",
                          params={"format": "csv"}).text.splitlines()
    assert csv_rows[0] == "period,articles,mentions,quotes,all_articles,share"
    html = page(client, "/entities/Bay Bridge", by="day")
    assert 'data-by="day"' in html and "Crossing spans" in html
    assert 'href="/api/entities/Bay%20Bridge/attention?by=day&amp;format=csv"' in html


def test_entity_page_shows_the_portrayal_the_api_gives(client: TestClient,
                                                      articles: list[Article]) -> None:
    mentions = [m for a in articles for e in a.entities if e.name == "Rosa Vidal"
                for m in e.mentions]
    assert mentions and all(m.polarity for m in mentions)
    rows = client.get("/api/entities/Rosa Vidal/portrayal", params={"by": "day"}).json()["items"]
    html = page(client, "/entities/Rosa Vidal", by="day")
    section = html[html.index('id="portrayal-heading"'):html.index('id="articles-heading"')]
    counts = {label: sum(m.polarity == label for m in mentions)
              for label in ("negative", "neutral", "positive")}
    assert (f"{len(mentions)} mention{'s' if len(mentions) != 1 else ''} of Rosa Vidal: "
            f"{counts['negative']} negative, {counts['neutral']} neutral, "
            f"{counts['positive']} positive") in section
    for row in rows:  # one table row per day and outlet, with the API's numbers
        cells = [row["period"], row["site"], row["articles"], row["mentions"],
                 row["negative"], row["neutral"], row["positive"], f"{row['score']:+.2f}"]
        assert "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>" in section
    assert 'href="/api/entities/Rosa%20Vidal/portrayal?by=day&amp;format=csv"' in section
    # A hand-made article without the portrayal stage: the page says so, and escapes.
    hostile = page(client, "/entities/Eve Mallet")
    assert "No mention of Eve Mallet has a portrayal yet" in hostile


def test_portrayal_totals_weigh_the_score_by_mentions() -> None:
    from newsgraph.serve.pages.people import portrayal_by_site, portrayal_totals

    rows = [{"period": "2024-05-06", "site": "A", "articles": 1, "mentions": 3, "negative": 3,
             "neutral": 0, "positive": 0, "score": -0.6},
            {"period": "2024-05-13", "site": "B", "articles": 2, "mentions": 1, "negative": 0,
             "neutral": 0, "positive": 1, "score": 0.8},
            {"period": "2024-05-13", "site": "A", "articles": 1, "mentions": 1, "negative": 0,
             "neutral": 1, "positive": 0, "score": 0.0}]
    total = portrayal_totals(rows)
    assert total and total["mentions"] == 5 and total["articles"] == 4
    assert total["score"] == round((-1.8 + 0.8) / 5, 4)
    by_site = portrayal_by_site(rows)
    assert [(row["site"], row["mentions"], row["score"]) for row in by_site] == [
        ("A", 4, -0.45), ("B", 1, 0.8)]
    assert portrayal_totals([]) is None


def test_entity_attention_fills_gaps_with_zeros(db: str) -> None:
    from newsgraph.store.browse import PageQueries

    with Store.open(db, create=False) as store:
        queries = PageQueries(store)
        names = queries.entity_names("Metro Post")
        assert names is None
        found = queries.entity_names("rosa vidal")
        assert found and found[0] == "Rosa Vidal"
        person = queries.attention(["Lena Ortiz", "Rosa Vidal"], "PERSON", "day")
    days = [row["period"] for row in person]
    assert days[0] == "2024-05-09" and days[-1] == "2024-05-20" and len(days) == 12
    assert sum(row["articles"] for row in person) == 2
    assert all(row["share"] == 0 for row in person if row["articles"] == 0)


def test_events_map_and_stories(client: TestClient) -> None:
    events = page(client, "/events", all="true")
    assert "CONSULT" in events
    assert 'href="/api/events?all=true&amp;format=csv"' in events
    assert events.count('title="the article\'s main event"') >= 1
    main = page(client, "/events", all="true", main="true")
    assert main.count("<tr>") - 1 == main.count('title="the article\'s main event"') >= 1
    assert 'href="/api/events?all=true&amp;main=true&amp;format=csv"' in main
    mapped = page(client, "/map")
    assert 'data-atlas="/static/vendor/world-atlas/countries-110m.json"' in mapped
    assert 'href="/map?place=Bay%20Bridge"' in mapped
    place = page(client, "/map", place="Bay Bridge")
    assert 'href="/articles/crossing"' in place
    assert 'href="/api/places/articles?name=Bay+Bridge&amp;format=csv"' in place
    places = client.get("/api/places").json()["items"]
    assert {"Bay Bridge", BREAKOUT} <= {p["name"] for p in places}
    assert client.get("/api/places/articles", params={"name": "Bay Bridge"}).json() == {
        "items": [{"id": "crossing", "title": "Crossing spans", "published": "2024-05-20",
                   "site": "Metro Post"}], "next": None}
    stories = page(client, "/stories")
    assert "Fire in the market hall" in stories
    assert 'href="/articles/story-1"' in stories and 'href="/articles/story-2"' in stories
    assert "Broke it:" in stories and "By day:" in stories
    listed = client.get("/api/stories").json()["items"]
    assert listed[0]["first"]["id"] == "story-1"
    assert sum(o["articles"] for o in listed[0]["outlets"]) == 2
    assert [(s["size"], [a["id"] for a in s["articles"]]) for s in listed] == [
        (2, ["story-1", "story-2"])]
    assert "story-1; story-2" in client.get("/api/stories", params={"format": "csv"}).text
    assert client.get("/api/stories", params={"since": "2030-01-01"}).json()["items"] == []


def test_every_list_page_links_its_export(client: TestClient) -> None:
    for path in ("/", "/events", "/map", "/stories", "/speakers/Rosa Vidal",
                 "/entities/Rosa Vidal"):
        html = page(client, path)
        exports = re.findall(r'href="(/api/[^"]*format=(?:csv|json)[^"]*)"', html)
        assert len(exports) >= 2, path
        for link in exports:
            response = client.get(link.replace("&amp;", "&"))
            assert response.status_code == 200, (path, link, response.text[:200])


# -- hostile input --------------------------------------------------------------------------------


def _no_payload_escaped_badly(html: str) -> None:
    assert "<script>alert" not in html
    assert "onmouseover=alert(1) x=\"" not in html.replace("&#34; onmouseover", "")
    assert not re.search(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", html, re.I)
    assert "</script><script>alert(2)" not in html


def test_hostile_article_is_escaped(client: TestClient) -> None:
    html = page(client, "/articles/hostile")
    _no_payload_escaped_badly(html)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; Title &#34; onmouseover=alert(1) x=&#34;" \
        in html
    assert f"source: <span class=\"url\">{JS_URL}</span>" in html
    parsed = parse(html)
    assert not [href for href in parsed.hrefs if "javascript" in href.lower()]
    assert SCRIPT in parsed.body_text and ATTRIBUTE in parsed.body_text
    assert all(a.get("src", "").startswith("/static/") or a.get("type") == "application/json"
               for a, _ in parsed.scripts)


@pytest.mark.parametrize("path", [
    "/?q=editors", f"/?q={quote(SCRIPT)}", f"/?q={quote(ATTRIBUTE)}", "/?site=" + quote(
        f"Wire {ATTRIBUTE}"), "/speakers/Eve Mallet", f"/entities/{quote(SCRIPT, safe='')}",
    "/events?all=true", "/map", f"/map?place={quote(BREAKOUT)}", "/stories",
    f"/articles/{quote(SCRIPT, safe='')}",
])
def test_hostile_text_is_escaped_everywhere(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code in (200, 404), path
    _no_payload_escaped_badly(response.text)
    for attrs, body in parse(response.text).scripts:
        if attrs.get("type") == "application/json":
            json.loads(body)  # the data island is intact JSON
        else:
            assert not body.strip() and (attrs.get("src") or "").startswith("/static/"), attrs


def test_data_island_cannot_close_its_script(client: TestClient) -> None:
    from newsgraph.serve.templating import json_island, safe_href

    island = str(json_island({"name": BREAKOUT, "x": "a & b <!--", "line": "\u2028"}))
    assert "<" not in island and ">" not in island and "&" not in island
    assert json.loads(island) == {"name": BREAKOUT, "x": "a & b <!--", "line": "\u2028"}
    html = page(client, "/map")
    island_text = re.search(r'id="places-data">(.*?)</script>', html, re.S)
    assert island_text and BREAKOUT in {p["name"] for p in json.loads(island_text.group(1))}
    for bad in (JS_URL, " JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example/x",
                "https://", "http://a b", "vbscript:x", "/relative", None, ""):
        assert safe_href(bad) is None, bad
    assert safe_href("https://news.example/a?b=1") == "https://news.example/a?b=1"


# -- headers, limits, user area --------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/articles/hostile", "/api/articles", "/nope",
                                  "/static/css/newsgraph.css", "/api/docs"])
def test_security_headers(client: TestClient, path: str) -> None:
    headers = client.get(path).headers
    policy = headers["content-security-policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-eval" not in policy and "unsafe-inline" not in policy
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "same-origin"


def test_request_body_is_capped(db: str) -> None:
    from newsgraph.serve import create_app

    with TestClient(create_app(db, max_body=1000)) as small:
        big = small.post("/api/articles", content=b"x" * 5000)
        assert big.status_code == 413 and "larger than 1000" in big.json()["error"]
        assert "content-security-policy" in big.headers

        def chunks() -> Iterator[bytes]:
            for _ in range(10):
                yield b"y" * 500

        streamed = small.post("/api/articles", content=chunks())
        assert streamed.status_code == 413
        assert small.post("/api/articles", content=b"ok").status_code != 413


def test_header_shows_the_signed_in_user() -> None:
    from types import SimpleNamespace

    from newsgraph.serve.templating import templates

    def header(**state: Any) -> str:
        request = SimpleNamespace(state=SimpleNamespace(**state),
                                  url=SimpleNamespace(path="/"))
        return templates.get_template("error.html").render(
            request=request, status=404, title="t", message="m")

    anonymous = header()
    assert 'href="/login"' in anonymous and 'name="csrf-token"' not in anonymous
    user = SimpleNamespace(email="ed@news.example", name="Ed <b>Itor</b>", role="editor")
    signed_in = header(user=user, csrf_token='tok"en')
    assert "Ed &lt;b&gt;Itor&lt;/b&gt;" in signed_in and "(editor)" in signed_in
    assert 'href="/login"' not in signed_in
    assert '<meta name="csrf-token" content="tok&#34;en">' in signed_in


# -- vendored assets and offline pages ----------------------------------------------------------

#: Hosts vendored bundles may name as text (namespace ids, spec and licence links, error help),
#: never as something they load. The API docs start Swagger UI with `validatorUrl: null`.
VENDOR_TEXT_HOSTS = {
    "www.w3.org", "d3js.org", "github.com", "datatracker.ietf.org", "www.rfc-editor.org",
    "spec.openapis.org", "json-schema.org", "swagger.io", "validator.swagger.io", "spdx.org",
    "example.com", "reactjs.org", "redux.js.org", "fb.me", "base", "x", "www.tiktok.com",
    "twitter.com", "instagram.com", "www.facebook.com", "soundcloud.com", "vladimirgorej.com",
    "www.apache.org", "opensource.org", "jquery.org",
}
#: XML namespace identifiers our own files may carry (an SVG needs one; it loads nothing).
NAMESPACES = {"http://www.w3.org/2000/svg"}
URL = re.compile(r"""(?:https?:)?//([A-Za-z0-9.-]+\.[A-Za-z]{2,}|[A-Za-z0-9-]+)(?=[/"'\s)?:]|$)""")


def test_manifest_hashes_match_the_vendored_files() -> None:
    manifest = json.loads((VENDOR / "manifest.json").read_text())
    listed = {row["file"] for row in manifest["files"]}
    for row in manifest["files"]:
        path = VENDOR / row["file"]
        assert hashlib.sha256(path.read_bytes()).hexdigest() == row["sha256"], row["file"]
        assert row["version"] and row["package"]
    present = {str(p.relative_to(VENDOR)) for p in VENDOR.rglob("*")
               if p.is_file() and p.name != "manifest.json"}
    assert present == listed
    folders = {name.split("/")[0] for name in listed}
    for folder in folders:
        assert (VENDOR / folder / "LICENSE").is_file(), folder
    packages = {row["package"] for row in manifest["files"]}
    assert {"htmx.org", "@observablehq/plot", "d3", "world-atlas", "topojson-client",
            "swagger-ui-dist"} <= packages


def test_templates_and_own_static_files_name_no_other_host() -> None:
    own = [p for p in (*SERVE.joinpath("templates").rglob("*"), *STATIC.rglob("*"))
           if p.is_file() and VENDOR not in p.parents]
    assert own
    for path in own:
        text = path.read_text(encoding="utf-8")
        for namespace in NAMESPACES:
            text = text.replace(namespace, "")
        assert not re.search(r"https?://", text), path
        assert not re.search(r"""(src|href)\s*=\s*["']//""", text), path


def test_vendored_files_only_name_known_hosts_as_text() -> None:
    for path in VENDOR.rglob("*"):
        if not path.is_file() or path.name in ("LICENSE", "NOTICE", "manifest.json") \
                or path.name.endswith(".LICENSE.txt"):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        hosts = set(re.findall(r"https?://([A-Za-z0-9.-]+)", text))
        assert hosts <= VENDOR_TEXT_HOSTS, (path.name, hosts - VENDOR_TEXT_HOSTS)
    starter = (STATIC / "js" / "api-docs.js").read_text()
    assert "validatorUrl: null" in starter


def test_pages_load_scripts_and_styles_only_from_static(client: TestClient,
                                                        articles: list[Article]) -> None:
    for path in ("/", f"/articles/{articles[1].id}", "/speakers/Rosa Vidal",
                 "/entities/Rosa Vidal", "/events", "/map", "/stories", "/api/docs"):
        html = page(client, path)
        for tag, attr in (("script", "src"), ("link", "href"), ("img", "src")):
            for value in re.findall(rf"<{tag}\b[^>]*\b{attr}=\"([^\"]+)\"", html):
                assert value.startswith("/static/"), (path, value)
                assert client.get(value).status_code == 200, value
        assert "cdn" not in html.lower()
        attributes = AttributeNames()
        attributes.feed(html)
        assert "style" not in attributes.names, path  # the CSP refuses inline styles
        assert not [n for n in attributes.names if n.startswith("on")], path  # and handlers


class AttributeNames(HTMLParser):
    """The names of every attribute of every element of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.names.update(name for name, _ in attrs)
