"""Article links in what a source answers: an RSS/Atom feed, a (news) sitemap or sitemap
index, or a home page (links to the same site that look like articles)."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit

from newsgraph.watch.sources import SourceKind

#: Links taken from one listing at most (the first ones: feeds and sitemaps list the
#: newest first, so a huge archive sitemap does not flood one cycle).
MAX_LINKS = 500

_NOT_ARTICLE_PATH = re.compile(
    r"/(tag|tags|topic|topics|category|categories|author|authors|search|login|signin|"
    r"register|subscribe|account|about|contact|privacy|terms|cookies?|newsletters?|"
    r"feeds?|rss|video|videos|gallery|podcasts?)(/|$)", re.IGNORECASE)
_NOT_ARTICLE_FILE = re.compile(r"\.(jpe?g|png|gif|svg|webp|pdf|mp[34]|zip|css|js|xml|rss)$",
                               re.IGNORECASE)
_DATE_IN_PATH = re.compile(r"/(19|20)\d\d[/-]\d\d?(/|-)")
_SLUG = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+){3,}", re.IGNORECASE)
_LONG_NUMBER = re.compile(r"\d{5,}")


@dataclass
class Listing:
    """What one listing gave: its kind, article links, child sitemaps to read, and for
    links that carry one, when the listing says they last changed (a feed entry's updated
    or published date, a sitemap's lastmod), as given."""

    kind: SourceKind
    links: list[str] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)
    stamps: dict[str, str] = field(default_factory=dict)


def listing_kind(body: bytes, content_type: str) -> SourceKind:
    """Feed, sitemap or home page, from the first bytes and the Content-Type."""
    head = body[:2048].lstrip().lower()
    if b"<sitemapindex" in head or b"<urlset" in head:
        return SourceKind.SITEMAP
    if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head \
            or any(mark in content_type.lower() for mark in ("rss", "atom")):
        return SourceKind.FEED
    return SourceKind.HOME


def looks_like_article(url: str, site: str) -> bool:
    """Whether a link on the home page of `site` (a netloc) likely leads to an article:
    same site, not a section or utility page, and a dated path, a long slug or an id."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return False
    if parts.netloc.lower().removeprefix("www.") != site.lower().removeprefix("www."):
        return False
    path = parts.path
    if _NOT_ARTICLE_PATH.search(path) or _NOT_ARTICLE_FILE.search(path):
        return False
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return bool(_DATE_IN_PATH.search(path) or _SLUG.fullmatch(last.split(".")[0])
                or _LONG_NUMBER.search(last))


def _unique(urls: list[str], limit: int | None = MAX_LINKS) -> list[str]:
    seen: dict[str, None] = {}
    for url in urls:
        seen.setdefault(urldefrag(url)[0], None)
    return list(seen)[:limit]


def feed_listing(body: bytes, base: str, limit: int | None = MAX_LINKS) -> Listing:
    import feedparser

    parsed = feedparser.parse(io.BytesIO(body))
    listing = Listing(SourceKind.FEED)
    for entry in parsed.entries:
        if entry.get("link"):
            link = urldefrag(urljoin(base, entry.link))[0]
            listing.links.append(link)
            stamp = entry.get("updated") or entry.get("published")
            if stamp:
                listing.stamps.setdefault(link, str(stamp).strip())
    listing.links = _unique(listing.links, limit)
    return listing


def sitemap_listing(body: bytes, limit: int | None = MAX_LINKS) -> Listing:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True,
                             huge_tree=False)
    root = etree.fromstring(body, parser=parser)
    listing = Listing(SourceKind.SITEMAP)
    if root is None:
        return listing
    if etree.QName(root).localname == "sitemapindex":
        listing.sitemaps = _unique([loc.text.strip() for loc in root.iter("{*}loc")
                                    if loc.text and loc.text.strip()], limit)
        return listing
    for entry in root.iter("{*}url"):
        loc, lastmod = entry.find("{*}loc"), entry.find("{*}lastmod")
        if loc is None or not (loc.text or "").strip():
            continue
        link = urldefrag(loc.text.strip())[0]
        listing.links.append(link)
        if lastmod is not None and (lastmod.text or "").strip():
            listing.stamps.setdefault(link, lastmod.text.strip())
    listing.links = _unique(listing.links, limit)
    return listing


def home_links(body: bytes, base: str) -> list[str]:
    from lxml import html

    try:
        tree = html.fromstring(body)
    except (ValueError, html.etree.ParserError):
        return []
    site = urlsplit(base).netloc
    links = [urljoin(base, href.strip()) for href in tree.xpath("//a/@href")]
    return _unique([link for link in links if looks_like_article(link, site)])


def read_listing(body: bytes, content_type: str, base: str,
                 kind: SourceKind = SourceKind.AUTO, limit: int | None = MAX_LINKS) -> Listing:
    """The article links (and child sitemaps) in one answer of a source, at most `limit`
    of each (None: all); a listing that cannot be read raises ValueError saying why."""
    from lxml.etree import LxmlError

    found = listing_kind(body, content_type) if kind is SourceKind.AUTO else kind
    try:
        if found is SourceKind.FEED:
            return feed_listing(body, base, limit)
        if found is SourceKind.SITEMAP:
            return sitemap_listing(body, limit)
        return Listing(found, home_links(body, base))
    except (LxmlError, ValueError, TypeError, AttributeError, RecursionError) as error:
        raise ValueError(f"unreadable {found.value}: {type(error).__name__}: {error}") \
            from error
