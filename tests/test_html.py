"""HTML pages into articles: body, metadata, readers and bad input."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsgraph.ingest.decode import decode_html
from newsgraph.ingest.html import (
    AuthorEvidence,
    ExtractionError,
    clean_authors,
    extract_html,
    find_authors,
    read_html_file,
)
from newsgraph.ingest.read import read_sources
from newsgraph.model import Failure, Source

PARAGRAPHS = [
    "The city council voted on Tuesday to expand the northern tram line by four stations, "
    "ending a debate that has lasted almost a decade.",
    "Mayor Anna Keller said the extension would serve about 40,000 residents who now rely on "
    "crowded buses, and that construction should start next spring.",
    "Opponents argued that the 300 million euro budget could have gone to schools instead. "
    "\"We are building for the next fifty years,\" Keller told reporters after the vote.",
    "The regional transport authority will publish the detailed timetable in the autumn, "
    "after a public consultation with the neighbourhoods along the route.",
]


def news_page(byline: str | None = "By Maria Jensen", charset: str = "utf-8",
              extra_body: str = "") -> str:
    """A small news page with the usual chrome around one article."""
    paragraphs = "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    byline_html = f'<p class="byline">{byline}</p>' if byline else ""
    author_meta = '<meta name="author" content="Maria Jensen">' if byline else ""
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="{charset}">
<title>Council approves tram extension | The Daily Example</title>
<meta property="og:title" content="Council approves tram extension">
<meta property="og:site_name" content="The Daily Example">
<meta property="og:description" content="Four new stations will serve the northern districts.">
<meta property="article:published_time" content="2024-05-10T08:30:00+02:00">
<link rel="canonical" href="/news/2024/tram-extension">
{author_meta}
</head><body>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/login">Log in</a></li><li><a href="/subscribe">Subscribe</a></li></ul></nav></header>
<div class="cookie-banner">We use cookies to improve your experience. Accept all cookies</div>
<main><article>
<h1>Council approves tram extension</h1>
{byline_html}
<time datetime="2024-05-10">10 May 2024</time>
{paragraphs}
{extra_body}
<p>Read more: Why the old tram depot is closing for good this year</p>
</article>
<aside><h2>Related stories</h2><ul>
<li><a href="/a">Bus fares rise again in January across the whole region</a></li>
<li><a href="/b">New bike lanes open on the river embankment this week</a></li></ul></aside>
</main>
<footer><p>© 2024 The Daily Example. All rights reserved.</p>
<a href="/privacy">Privacy policy</a> <a href="/contact">Contact us</a></footer>
</body></html>"""


def test_body_keeps_the_article_and_drops_chrome() -> None:
    result = extract_html(news_page().encode(), url="https://example.com/news/x?ref=home")
    for paragraph in PARAGRAPHS:
        assert paragraph in result.text
    for chrome in ("Log in", "cookies", "Related stories", "Bus fares", "All rights reserved",
                   "Read more", "Privacy policy"):
        assert chrome not in result.text
    assert "\n\n" in result.text  # paragraph breaks kept
    assert not result.text.startswith("Council approves")  # headline is metadata, not body


def test_metadata() -> None:
    result = extract_html(news_page().encode(), url="https://example.com/news/x?ref=home")
    assert result.title == "Council approves tram extension"
    assert result.site == "The Daily Example"
    assert result.published == "2024-05-10"
    assert result.authors == ["Maria Jensen"]
    assert result.canonical_url == "https://example.com/news/2024/tram-extension"
    assert result.language == "en"


def test_no_author_invented_without_a_byline() -> None:
    result = extract_html(news_page(byline=None).encode(), url="https://example.com/n")
    assert result.authors == []


@pytest.mark.parametrize("name", ["Log in", "Photo: Getty Images", "The Daily Example",
                                  "example.com", "Updated Dec", "Facebook company"])
def test_not_an_author(name: str) -> None:
    assert clean_authors([name], "The Daily Example", "https://www.example.com/x") == []


def test_author_lists_are_split() -> None:
    names = clean_authors(["By Katrin Vogler und Matthias Brenner, dpa"], None, None)
    assert names == ["Katrin Vogler", "Matthias Brenner", "dpa"]


def test_wrong_declared_charset() -> None:
    page = news_page(charset="iso-8859-1", extra_body="<p>Zürich and Malmö sent observers "
                     "to the vote, and the mayor of Genève asked for a copy of the plan.</p>")
    result = extract_html(page.encode("utf-8"))
    assert "Zürich and Malmö" in result.text
    assert any("UTF-8" in warning for warning in result.warnings)


def test_latin1_page_without_declaration() -> None:
    text = decode_html("<p>Zürich, Malmö and Genève are cities with déjà vu.</p>"
                       .encode("latin-1")).text
    assert "Zürich" in text


@pytest.mark.parametrize("page, reason", [
    (b"", "empty page"),
    (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
])
def test_pages_without_article(page: bytes, reason: str) -> None:
    with pytest.raises(ExtractionError, match=reason):
        extract_html(page)


def test_huge_page_is_rejected_quickly() -> None:
    page = b"<html><body>" + b"<p>word </p>" * (50_000_000 // 12) + b"</body></html>"
    with pytest.raises(ExtractionError, match="page too large"):
        extract_html(page)


def test_readers_dispatch_html(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text(news_page(), encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html.gz").write_bytes(gzip.compress(news_page().encode()))
    (tmp_path / "c.htm.gz").write_bytes(gzip.compress(news_page().encode())[:-20])
    (tmp_path / "d.htm").write_bytes(b"")
    items = list(read_sources([tmp_path]))
    by_name = {Path(item.origin).name: item for item in items}
    assert isinstance(by_name["a.html"], Source)
    assert by_name["a.html"].title == "Council approves tram extension"
    assert isinstance(by_name["b.html.gz"], Source)
    assert isinstance(by_name["c.htm.gz"], Failure)
    assert "gzip" in by_name["c.htm.gz"].reason
    assert isinstance(by_name["d.htm"], Failure)
    assert by_name["d.htm"].reason == "empty page"


def test_jsonl_with_html_keeps_the_id(tmp_path: Path) -> None:
    path = tmp_path / "pages.jsonl"
    lines = [{"id": "page-1", "html": news_page(), "url": "https://example.com/t"},
             {"id": "page-2", "text": "Plain text article about the tram."},
             {"id": "page-3", "html": "<html></html>"}]
    path.write_text("\n".join(json.dumps(line) for line in lines), encoding="utf-8")
    first, second, third = read_sources([path])
    assert isinstance(first, Source) and first.id == "page-1"
    assert first.url == "https://example.com/t" and PARAGRAPHS[0] in first.text
    assert isinstance(second, Source) and second.id == "page-2"
    assert isinstance(third, Failure) and third.id == "page-3"


def test_read_html_file_missing(tmp_path: Path) -> None:
    failure = read_html_file(tmp_path / "nope.html")
    assert isinstance(failure, Failure) and "cannot read" in failure.reason


# -- authors: structured bylines first, then filters ---------------------------------------

def _with_json_ld(page: str, authors: list[dict]) -> str:
    ld = json.dumps({"@context": "https://schema.org", "@type": "NewsArticle",
                     "headline": "Council approves tram extension", "author": authors})
    return page.replace("</head>", f'<script type="application/ld+json">{ld}</script></head>')


def test_json_ld_person_is_the_author() -> None:
    page = _with_json_ld(news_page(byline=None), [{"@type": "Person", "name": "Lena Park"}])
    assert extract_html(page.encode(), url="https://example.com/n").authors == ["Lena Park"]


def test_agency_only_in_metadata_is_not_a_byline() -> None:
    agency = [{"@type": "Person", "name": "The Associated Press"}]
    page = _with_json_ld(news_page(byline=None), agency)
    assert extract_html(page.encode(), url="https://example.com/n").authors == []
    credited = _with_json_ld(news_page(byline="By The Associated Press"), agency)
    assert extract_html(credited.encode(), url="https://example.com/n").authors == \
        ["The Associated Press"]


def test_agency_in_a_visible_byline_is_kept() -> None:
    assert clean_authors(["AP"], None, None, visible="ROME By AP The pope said") == ["AP"]
    assert clean_authors(["AFP"], None, None, visible="AFP / Updated: Dec 22, 2023") == []


def test_json_ld_author_widened_by_meta_list() -> None:
    evidence = AuthorEvidence(["Dana Whitlock"], ["Dana Whitlock, Omar Haddad, Mei Park"],
                              "By Dana Whitlock, Omar Haddad, Mei Park")
    assert find_authors(evidence, "The quartet's solo albums", None, None) == \
        ["Dana Whitlock", "Omar Haddad", "Mei Park"]
    other = AuthorEvidence(["Dana Whitlock"], ["Gazette Staff, Mei Park"], "")
    assert find_authors(other, "The quartet's solo albums", None, None) == ["Dana Whitlock"]


def test_headline_subject_is_not_the_author() -> None:
    evidence = AuthorEvidence([], [], "Lena Marchetti is an Italian pop singer.")
    title = "Who is Lena Marchetti dating? Lena Marchetti boyfriend, husband"
    assert find_authors(evidence, title, None, None, byline="Lena Marchetti") == []
    signed = AuthorEvidence([], [], "By Lena Marchetti. I have sung since I was ten ...")
    assert find_authors(signed, title, None, None, byline="Lena Marchetti") == \
        ["Lena Marchetti"]


@pytest.mark.parametrize(("raw", "expected"), [
    ("Ruth Ammann (amm)", ["Ruth Ammann"]),
    ("View all posts by Tom Ridley", ["Tom Ridley"]),
    ("Ben Okafor Link Copied", ["Ben Okafor"]),
    ("Autor Sabine Huber", ["Sabine Huber"]),
    ("Carla Nunez MS, RDN, LD", ["Carla Nunez"]),
    ("Liam O&#039;Hara", ["Liam O'Hara"]),
    ("Capital Von Ida Brenner", ["Ida Brenner"]),
    ("Sigrid Østby og Åse Lunde", ["Sigrid Østby", "Åse Lunde"]),
    ("Nora Whit; Nora-Whit", ["Nora Whit"]),
    ("Nell Fairley; Nellfairleygazette", ["Nell Fairley"]),
    ("Slate Staff", ["Slate Staff"]),
])
def test_author_strings_are_cleaned(raw: str, expected: list[str]) -> None:
    assert clean_authors([raw], "The Daily Example", "https://www.example.com/x") == expected


@pytest.mark.parametrize("name", ["March 9", "February", "Chief Technology Officer",
                                  "Head of Consumer Products", "Sponsored", "Agenturen",
                                  "By the numbers", "Photo by Jane Roe/Getty Images"])
def test_not_a_name(name: str) -> None:
    assert clean_authors([name], "The Daily Example", "https://www.example.com/x") == []


def test_collective_byline_of_the_site_is_not_an_author() -> None:
    assert clean_authors(["Example Staff"], None, "https://www.example.com/x") == []
    assert clean_authors(["News Staff"], None, "https://www.example.com/x") == ["News Staff"]


def test_an_unreadable_publish_date_is_a_warning_not_silence(monkeypatch) -> None:
    import htmldate

    def broken(*args, **kwargs):
        raise ValueError("malformed date markup")

    monkeypatch.setattr(htmldate, "find_date", broken)
    result = extract_html(news_page())
    assert result.published is None
    assert any("publish date not read" in w and "malformed date markup" in w
               for w in result.warnings)


def test_gzipped_page_is_read_only_up_to_the_page_limit(tmp_path) -> None:
    """A small .html.gz that inflates to 100 MB is refused without inflating it all."""
    import gzip
    import tracemalloc

    from newsgraph.ingest.html import MAX_PAGE_BYTES

    path = tmp_path / "bomb.html.gz"
    line = b"<p>" + b"a" * 999_993 + b"</p>\n"
    with gzip.open(path, "wb", compresslevel=1) as handle:
        for _ in range(100):
            handle.write(line)
    tracemalloc.start()
    try:
        result = read_html_file(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert isinstance(result, Failure) and "page too large" in result.reason
    assert peak < 3 * MAX_PAGE_BYTES


def test_a_tag_with_thousands_of_attributes_is_refused_quickly() -> None:
    """The HTML parser is quadratic in a tag's attributes: 20,000 took minutes per page."""
    import time

    attributes = " ".join(f'data-a{i}="x"' for i in range(20_000))
    page = news_page(extra_body=f"<p {attributes}>The minister said the talks had failed.</p>")
    started = time.perf_counter()
    with pytest.raises(ExtractionError, match="a tag with 20,000 attributes"):
        extract_html(page)
    assert time.perf_counter() - started < 5


def test_long_tags_with_few_attributes_are_fine() -> None:
    """An inline image or an SVG path makes a long tag, not a crowded one."""
    image = '<img alt="map" src="data:image/png;base64,' + "QUJD" * 5000 + '=">'
    result = extract_html(news_page(extra_body=image))
    assert "tram line" in result.text
