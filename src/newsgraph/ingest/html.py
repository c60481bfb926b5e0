"""HTML pages into clean article text and metadata: one front door, `extract_html`.

The cascade, in order:

1. decode the bytes (BOM, then UTF-8, then the declared charset, then detection);
2. read metadata from the page head and markup: title (first real `<h1>`, else
   `og:title` without the site suffix), site name, canonical URL, description;
3. body with trafilatura (precision-leaning, no comments, no tables); when that
   keeps under a fifth of the page's paragraph text, it is run again in its
   balanced mode and the longer body wins; when it finds nothing, a plain
   paragraph fallback takes the `<p>` text;
4. text clean-up: list markers and tables dropped, the headline dropped from the
   top, the visible standfirst (the page's description shown on the page) put
   first, then chrome lines dropped: the line rules of `newsgraph.ingest.clean`
   (markup, UI phrases, menus), link teasers, and credits/bios at the end;
5. publish date (htmldate alone, original date), authors from real bylines only
   (JSON-LD article authors, else trafilatura's byline, filtered), language (py3langid).

A page that gives no article raises `ExtractionError` with the reason.
"""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from newsgraph.ingest.decode import decode_html
from newsgraph.model import Failure, Source

if TYPE_CHECKING:
    from lxml.html import HtmlElement

#: Pages larger than this are rejected (memory and time stay bounded).
MAX_PAGE_BYTES = 20_000_000
#: Below this many words a body is not an article.
MIN_BODY_WORDS = 5
#: Re-run trafilatura in balanced mode when its body keeps less than this share of the
#: page's paragraph words.
RETRY_SHARE = 0.2

_LIST_MARKER = re.compile(r"^(?:[-*•▪◦]\s+)")
_TITLE_SEPARATOR = re.compile(r"\s+[|\-–—:·»/]\s+")
_WORD = re.compile(r"\w+")
#: Author strings that are not bylines: UI text, photo credits, dates, companies.
#: (News agencies are real bylines and stay.)
_NOT_A_BYLINE = re.compile(
    r"""\b(?:log\s?in|sign\s?(?:in|up)|subscribe|newsletter|cookie|menu|search|share|
        photo|image|picture|getty|shutterstock|istock|credit|copyright|©|
        staff|editorial\s+(?:team|board|staff)|redaktion|newsroom|admin|webmaster|
        contributors?|editors?|correspondent|published|updated|posted|
        company|inc|ltd|llc|gmbh|corp|corporation|brandroom)\b|https?://|www\.|@""",
    re.IGNORECASE | re.VERBOSE,
)


#: A collective byline ("Slate Staff", "Editorial Board", "Redaktion"): kept when it is the
#: page's stated author (structured metadata or a visible byline), never from the site name.
_COLLECTIVE = re.compile(
    r"""^(?:[\w.'’&-]+\s+){0,4}(?:staff(?:\s+(?:reporter|writer)s?)?|editorial\s+(?:board|team)
        |news\s+desk|redaktion)$|^(?:redaktion|red\.?)\s+[\w.-]+$""",
    re.IGNORECASE | re.VERBOSE,
)
#: Strings that are never a person's name: dates, job titles, ad labels, bare agency plurals.
_NOT_A_NAME = re.compile(
    r"""^(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?(?:\s+\d{1,2})?
        |\d[\d\s./-]*|red|agenturen|agencies|sponsored|advertisement|anzeige|link\s+copied
        |journalist(?:in)?|reporter(?:in)?|writer|author|autor(?:in)?|redakteur(?:in)?)$
      | \b(?:officer|director|president|founder|ceo|cto|manager|head\s+of|sponsored)\b""",
    re.IGNORECASE | re.VERBOSE,
)
#: A picture credit, not a byline.
_CREDIT = re.compile(r"\b(?:photos?|fotos?|images?|pictures?|bild|credit|getty|shutterstock"
                     r"|istock|illustration)\b", re.IGNORECASE)
#: Text around a name that is not part of it.
_NAME_PREFIX = re.compile(
    r"""^(?:view\s+all\s+(?:posts|articles|stories)\s+by|(?:posted|written|reported|story)
        \s+by|autor(?:in)?|author|text|von|by|par|por|door)\b\s*:?\s*""",
    re.IGNORECASE | re.VERBOSE,
)
_NAME_SUFFIX = re.compile(r"\s*(?:\([^)]*\)|\blink\s+copied)\s*$", re.IGNORECASE)
#: Academic and professional credentials after a name ("Jane Doe, MS, RDN").
_CREDENTIAL = re.compile(
    r"^(?:ph\.?d|m\.?d|m\.?s|r\.?d\.?n?|l\.?d|m\.?p\.?h|m\.?b\.?a|r\.?n|j\.?d|m\.?a|b\.?a|"
    r"b\.?sc|m\.?sc|cscs|cpt|dds|np|faan|mfa|esq)\.?$", re.IGNORECASE)
#: News agencies: a byline when the page credits them ("By AP"), not when only the
#: metadata names one.
_AGENCY = re.compile(
    r"""^(?:the\s+)?(?:associated\s+press|ap|afp|agence\s+france[-\s]presse|reuters|dpa
        |deutsche\s+presse-agentur|sda|apa|kna|epd|ansa|efe|europa\s+press|upi|xinhua|kyodo
        |yonhap|tass|anadolu(?:\s+ajansı|\s+agency)?|aa|pti|ians|ani|press\s+association|pa
        |belga|anp|ntb|tt|stt|ritzau|ctk|pap|cna|bernama|aap|cp|canadian\s+press)$""",
    re.IGNORECASE | re.VERBOSE,
)


_CHROME_REASONS = frozenset({"markup", "ui-phrase", "menu"})
#: A line that points to another article ("Read more: ...", "Lesen Sie auch: ...").
_TEASER = re.compile(
    r"""^\W*(?:related(?:\ articles?|\ stories|\ content|\ coverage)?|read\ more|read\ also
      |also\ read|read\ next|see\ also|more\ on\ this|more|watch|listen|recommended
      |lesen\ sie\ (?:auch|mehr)|mehr\ zum\ thema|auch\ interessant|siehe\ auch
      |das\ könnte\ sie\ auch\ interessieren|(?:à\ )?lire\ aussi|leer\ más|lee\ también
      |leia\ também|leggi\ anche)\s*[:>»|]""",
    re.IGNORECASE | re.VERBOSE,
)
#: A line that closes an article: sources, credits, sign-offs, contact lines, author bios.
_TRAILER = re.compile(
    r"""(?:
        ^\W*(?:quellen?|sources?|fuente|fonte|credits?|photo|foto|bild|image|gallery\ credit
           |mit\ material|mit\ agenturmaterial|sendung|faktencheck|übersetzung|redaktion
           |schlussredaktion)\s*:
      | contributed(?:\ to)?(?:\ this)?\ (?:report|story|article)
      | ^\W*(?:with\ )?(?:additional\ )?reporting\ by\b
      | ^\W*(?:with\ files|includes\ information|additional\ reporting)\ (?:from|by)\b
      | ^\W*mit\ (?:agenturmaterial|material\ von)|dpa-infocom
      | ^\((?:[a-zäöü]{2,5}(?:[/,]\s?)?){1,4}\)$
      | ^\W*(?:©|\(c\)|copyright)|all\ rights\ reserved|alle\ rechte\ vorbehalten
      | ^\W*follow\ .{0,80}\bon\ (?:facebook|twitter|instagram|x|threads|tiktok|snapchat
           |linkedin|youtube)
      | can\ be\ reached\ at|\b[\w.+-]+@[\w-]+\.[\w.]+\b
      | ^\W*(?:sign\ up|subscribe|abonniere|abonnieren)\b|newsletter
      | ^[A-ZÄÖÜ][\w'’.-]+(?:\ [A-ZÄÖÜ][\w'’.-]+){0,3}\ (?:is|was|ist|war)
        \ (?:a|an|the|der|die|ein|eine)\ .{0,80}\b(?:writer|editor|reporter|correspondent
           |journalist|contributor|columnist|author|redakteur|korrespondent|autor)
      | ^\W*(?:this\ (?:article|story)\ (?:was|has\ been|first|originally|appeared)
           |dieser\ artikel\ ist\ zuerst|originally\ published)
    )""",
    re.IGNORECASE | re.VERBOSE,
)


class ExtractionError(ValueError):
    """A page that gives no article; the message says why.

    `partial` holds what was found all the same (title, date), for diagnostics.
    """

    def __init__(self, message: str, partial: Extraction | None = None) -> None:
        super().__init__(message)
        self.partial = partial


class Focus(StrEnum):
    """How trafilatura weighs precision against recall on the first pass."""

    precision = "precision"
    balanced = "balanced"
    recall = "recall"


@dataclass(frozen=True)
class ExtractOptions:
    """Options of `extract_html`; the defaults are the measured configuration."""

    focus: Focus = Focus.precision
    tables: bool = False
    """Keep table cells as text (news tables are rarely prose)."""
    retry_short: bool = True
    """Second trafilatura pass in balanced mode when the first keeps too little."""
    standfirst: bool = True
    """Put the visible standfirst (the description shown on the page) first."""
    chrome_filter: bool = True
    """Run the text-level chrome filter on the extracted body."""
    max_bytes: int = MAX_PAGE_BYTES


@dataclass
class Extraction:
    """One page's article: clean body text and its metadata."""

    text: str
    title: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)
    site: str | None = None
    url: str | None = None
    canonical_url: str | None = None
    description: str | None = None
    language: str | None = None
    warnings: list[str] = field(default_factory=list)


# -- metadata from the markup --------------------------------------------------

def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


def _meta(tree: HtmlElement, *names: str) -> str | None:
    """The first non-empty `<meta>` content among `property`/`name` values `names`."""
    for name in names:
        for value in tree.xpath(f'//meta[@property="{name}" or @name="{name}"]/@content'):
            if cleaned := _clean(value):
                return cleaned
    return None


def _same(a: str, b: str) -> bool:
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def find_title(tree: HtmlElement, site: str | None) -> str | None:
    """The headline: the first `<h1>` of two words or more that is not the site name,
    else `og:title`/`<title>` without a site suffix ("Headline | Site")."""
    for heading in tree.xpath("//body//h1"):
        text = _clean(heading.text_content())
        if text and len(text.split()) >= 2 and len(text) <= 300 \
                and not (site and _same(text, site)):
            return text
    title = _meta(tree, "og:title", "twitter:title") \
        or _clean(" ".join(tree.xpath("//title//text()")))
    if not title:
        return None
    parts = _TITLE_SEPARATOR.split(title)
    if len(parts) > 1:
        parts = [p for p in parts if not (site and _same(p, site))] or parts
        return max(parts, key=len)
    return title


def find_canonical(tree: HtmlElement, url: str | None) -> str | None:
    """`<link rel=canonical>`, else `og:url`, made absolute against the page URL."""
    candidates = tree.xpath('//link[@rel="canonical"]/@href') + \
        tree.xpath('//meta[@property="og:url"]/@content')
    for candidate in candidates:
        candidate = candidate.strip()
        if not candidate:
            continue
        absolute = urljoin(url, candidate) if url else candidate
        if urlsplit(absolute).scheme in ("http", "https"):
            return absolute
    return None


def _json_ld_authors(tree: HtmlElement) -> list[str]:
    """Person names given as `author` of an article in JSON-LD."""
    names: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            kind = node.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                authors = node.get("author")
                for author in authors if isinstance(authors, list) else [authors]:
                    if isinstance(author, dict) and author.get("@type") in ("Person", None):
                        name = author.get("name")
                        if isinstance(name, str) and _clean(name):
                            names.append(_clean(name))  # type: ignore[arg-type]
                    elif isinstance(author, str) and _clean(author):
                        names.append(_clean(author))  # type: ignore[arg-type]
            for key in ("@graph", "mainEntity", "mainEntityOfPage"):
                walk(node.get(key))

    for script in tree.xpath('//script[@type="application/ld+json"]/text()'):
        try:
            walk(json.loads(script))
        except (ValueError, RecursionError):
            continue
    return names


def plausible_author(name: str, site: str | None, url: str | None) -> bool:
    """A person's name from a byline (or a collective byline such as "Slate Staff"): not UI
    text, a date, a job title, a credit, the site or a bare handle."""
    words = name.split()
    if not words or len(words) > 6 or len(name) > 60 or _NOT_A_NAME.search(name):
        return False
    if not any(ch.isalpha() for ch in name):
        return False
    if len(words) > 1 and name == name.lower() and name != name.upper():
        return False  # "the numbers" (from "By the numbers"): prose, not a name
    folded = name.casefold().replace(" ", "")
    if site and folded == site.casefold().replace(" ", ""):
        return False
    collective = _COLLECTIVE.match(name) is not None
    if (not collective and _NOT_A_BYLINE.search(name)) or "@" in name or "://" in name:
        return False
    letters = re.sub(r"\W", "", folded)
    host = urlsplit(url).hostname if url else None
    for label in (host or "").split(".")[:-1]:
        label = re.sub(r"\W", "", label)
        if len(label) >= 3 and label != "www" and letters.startswith(label):
            return False
    return True


def _name_key(name: str) -> str:
    return re.sub(r"[\W_]+", "", name.casefold())


def _split_names(raw: str) -> list[str]:
    """The names in one author string: entities decoded, list separators split, labels
    ("View all posts by", "Autor:"), initials in brackets and credentials ("MS, RDN") off."""
    raw = html_lib.unescape(raw)
    if _CREDIT.search(raw):  # "Photo by Jane Roe/Getty Images" credits a picture
        return []
    # "Capital Von Ida Brenner": what stands before a byline keyword is a label
    labelled = re.search(r"\s(?i:by|von|par|por)\s+(?=[A-ZÀ-ÖØ-Þ])", raw)
    if labelled and not _AGENCY.match(raw[labelled.end():].strip()):
        raw = raw[labelled.end():]
    names: list[str] = []
    for part in re.split(r"\s*(?:[;,|&/]|\b(?:and|und|et|y|e|og|och)\b)\s*", raw):
        part = part.strip(" ,:-–—·")
        for _ in range(2):
            part = _NAME_PREFIX.sub("", part).strip(" ,:-")
        part = _NAME_SUFFIX.sub("", part).strip(" ,:-")
        tokens = part.split()
        while len(tokens) > 2 and _CREDENTIAL.match(tokens[-1]):
            tokens.pop()
        part = " ".join(tokens)
        if part and not _CREDENTIAL.match(part):
            names.append(part)
    return names


def _credited(name: str, visible: str) -> bool:
    """Whether the page's visible text credits `name` in a byline ("By AP", "Von dpa")."""
    pattern = r"(?:\bby|\bvon|\bpar|\bpor|\bdi|\bdoor|\bbyline)\s*:?\s+(?:the\s+)?" + \
        re.escape(re.sub(r"^the\s+", "", name, flags=re.IGNORECASE)) + r"\b"
    return re.search(pattern, visible, re.IGNORECASE) is not None


def clean_authors(names: list[str], site: str | None, url: str | None,
                  visible: str | None = None) -> list[str]:
    """Unique plausible names, in order, with a leading "By" removed.

    With the page's `visible` text, a news agency is kept only where the page credits it
    in a byline ("By AP"); an agency named only in metadata is a wire credit, not a byline.
    """
    kept: list[str] = []
    seen: list[str] = []
    for raw in names:
        for name in _split_names(raw):
            key = _name_key(name)
            if not key or key in seen or not plausible_author(name, site, url):
                continue
            # "Sophie-Foster", "Saffronottermirror": slug variants of a name already kept
            if " " not in name and any(key.startswith(k) for k in seen if len(k) >= 6):
                continue
            if visible is not None and _AGENCY.match(name) and not _credited(name, visible):
                continue
            seen.append(key)
            kept.append(name)
    return kept


def _meta_authors(tree: HtmlElement) -> list[str]:
    """Names in `<meta name="author">`-style tags (URLs, e.g. profile links, left out)."""
    values = tree.xpath('//meta[@name="author" or @property="author" or @name="byl" '
                        'or @property="article:author" or @name="parsely-author" '
                        'or @name="sailthru.author"]/@content')
    return [v for v in (_clean(v) for v in values) if v and "://" not in v]


def _visible_text(tree: HtmlElement) -> str:
    return " ".join(" ".join(tree.xpath(
        "//body//text()[not(ancestor::script) and not(ancestor::style) "
        "and not(ancestor::noscript)]")).split())


@dataclass(frozen=True)
class AuthorEvidence:
    """What the untouched page says about its authors (read before trafilatura prunes it)."""

    json_ld: list[str]
    meta: list[str]
    visible: str
    bylines: list[str] = field(default_factory=list)
    """Texts of byline containers (`rel=author`, `itemprop=author`, class "byline"/"author")."""


def author_evidence(tree: HtmlElement) -> AuthorEvidence:
    containers = tree.xpath(
        '//body//*[contains(@rel, "author") or contains(@itemprop, "author") or '
        'contains(translate(@class, "BYLINEAUTHOR", "bylineauthor"), "byline") or '
        'contains(translate(@class, "BYLINEAUTHOR", "bylineauthor"), "author")]')
    bylines = [text for text in (" ".join(e.text_content().split())[:200] for e in containers)
               if text]
    return AuthorEvidence(_json_ld_authors(tree), _meta_authors(tree), _visible_text(tree),
                          bylines)


def find_authors(evidence: AuthorEvidence, title: str | None, site: str | None,
                 url: str | None, byline: str | None = None) -> list[str]:
    """Authors from real bylines, in this order of trust:

    1. the article's JSON-LD `author` (persons), widened to the page's `meta name=author`
       list when that names the same people and more;
    2. `byline`, the byline that trafilatura found (meta tags, `rel=author`, byline
       containers); here a name that is in the headline is the page's subject, not its
       author, unless the page says "By <name>".

    Every name is filtered (`clean_authors`): no UI text, dates, job titles, the site name,
    slug variants, or agencies that the page does not credit in a byline.
    """
    visible = evidence.visible + " " + " ".join(f"byline: {text}" for text in evidence.bylines)
    structured = clean_authors(evidence.json_ld, site, url, visible)
    if structured:
        for value in evidence.meta:
            meta = clean_authors([value], site, url, visible)
            keys = {_name_key(n) for n in meta}
            if len(meta) > len(structured) and all(_name_key(n) in keys for n in structured):
                return meta
        return structured
    found = clean_authors([byline] if byline else [], site, url, visible)
    headline = " ".join((title or "").casefold().split())
    return [name for name in found
            if not (headline and " ".join(name.casefold().split()) in headline
                    and not _credited(name, visible))]


# -- body ----------------------------------------------------------------------

def _words(text: str) -> int:
    return len(text.split())


def paragraph_words(tree: HtmlElement) -> int:
    """Words in the page's substantial `<p>` elements (ten words or more)."""
    total = 0
    for paragraph in tree.iter("p"):
        count = _words(paragraph.text_content())
        if count >= 10:
            total += count
    return total


def _fallback_paragraphs(tree: HtmlElement) -> str:
    """The page's substantial paragraphs, in order: the last resort for a body."""
    texts = []
    for paragraph in tree.iter("p"):
        text = _clean(paragraph.text_content())
        if text and _words(text) >= 10:
            texts.append(text)
    return "\n".join(texts)


def _standfirst(tree: HtmlElement, description: str | None) -> str | None:
    """The description when the page also shows it as a paragraph or heading (a standfirst)."""
    if not description or _words(description) < 8 or description.endswith(("...", "…")):
        return None
    wanted = " ".join(description.casefold().split())
    for element in tree.xpath("//body//*[self::p or self::h2 or self::div or self::span "
                              "or self::strong or self::em or self::section]"):
        text = element.text_content()
        if len(text) < len(wanted) or len(text) > 1.3 * len(wanted) + 20:
            continue
        if wanted in " ".join(text.casefold().split()):
            return description
    return None


def _tidy_lines(text: str, title: str | None, tables: bool) -> str:
    """List markers off, tables out (unless kept), blank runs collapsed, headline off the top."""
    lines: list[str] = []
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("|") and not tables:
            continue
        line = _LIST_MARKER.sub("", line)
        if line:
            lines.append(line)
    if lines and title and _same(lines[0], title):
        lines.pop(0)
    return "\n\n".join(lines)


def _chrome_filter(text: str) -> str:
    """Drop chrome lines: markup, UI phrases and menus (`newsgraph.ingest.clean`), link
    teasers ("Read more: ..."), and credits, sign-offs and bios at the end."""
    from newsgraph.ingest.clean import clean_text

    cleaned = clean_text(text)
    # The cleaner's edge rule for unpunctuated lines is for raw page text; extracted
    # bodies end in list items and CJK prose, so only its line-level rules apply here.
    drop = {(r.start, r.end) for r in cleaned.removed if r.reason in _CHROME_REASONS}
    kept: list[str] = []
    position = 0
    for line in text.split("\n\n"):
        if line and (position, position + len(line)) not in drop \
                and not (_TEASER.match(line) and len(line.split()) <= 30):
            kept.append(line)
        position += len(line) + 2
    while len(kept) > 1 and len(kept[-1].split()) <= 60 and _TRAILER.search(kept[-1]):
        kept.pop()
    return "\n\n".join(kept)


def _parser_errors() -> tuple[type[BaseException], ...]:
    """What lxml, htmldate and trafilatura raise on malformed pages (not our own bugs)."""
    from lxml.etree import LxmlError

    return (LxmlError, ValueError, TypeError, AttributeError, IndexError, KeyError,
            RecursionError)


#: A tag with more attributes than this is hostile or broken markup: the HTML parser needs
#: time quadratic in a tag's attributes (20,000 of them: about a minute for one page).
MAX_TAG_ATTRIBUTES = 1000
_LONG_TAG = re.compile(r"<[A-Za-z][^<>]{4000,}>")
_ATTRIBUTE = re.compile(r"\s[^\s=/<>\"']+\s*=")


def _crowded_tag(page: str) -> str | None:
    """Why the page is refused when one of its tags has too many attributes, else None."""
    for tag in _LONG_TAG.finditer(page):
        count = len(_ATTRIBUTE.findall(tag.group()))
        if count > MAX_TAG_ATTRIBUTES:
            return f"hostile or broken markup: a tag with {count:,} attributes " \
                   f"(limit {MAX_TAG_ATTRIBUTES:,})"
    return None


def find_published(page: str, url: str | None, warnings: list[str] | None = None
                   ) -> str | None:
    """The original publish date (`YYYY-MM-DD`) by htmldate, or None; when htmldate fails
    on a malformed page, the date is unknown and `warnings` says why."""
    from htmldate import find_date

    try:
        return find_date(page, url=url, original_date=True)
    except _parser_errors() as error:
        if warnings is not None:
            warnings.append(f"publish date not read: htmldate failed ({type(error).__name__}: "
                            f"{error})")
        return None


def _trafilatura(html: str | HtmlElement, url: str | None, focus: Focus, tables: bool,
                 metadata: bool):
    from trafilatura import bare_extraction

    return bare_extraction(
        html, url=url, favor_precision=focus is Focus.precision,
        favor_recall=focus is Focus.recall, include_comments=False, include_tables=tables,
        with_metadata=metadata,
    )


def extract_html(page: bytes | str, url: str | None = None,
                 options: ExtractOptions | None = None, charset: str | None = None
                 ) -> Extraction:
    """Clean article text and metadata from one HTML page; `ExtractionError` says why not.
    `charset`: what the HTTP answer declared, for page bytes."""
    from trafilatura import load_html

    options = options or ExtractOptions()
    size = len(page)
    if size > options.max_bytes:
        raise ExtractionError(f"page too large: {size:,} bytes > limit {options.max_bytes:,}")
    warnings: list[str] = []
    if isinstance(page, bytes):
        decoded = decode_html(page, charset)
        page, warnings = decoded.text, decoded.warnings
    if not page.strip():
        raise ExtractionError("empty page")
    crowded = _crowded_tag(page)
    if crowded:
        raise ExtractionError(crowded)
    tree = load_html(page)
    if tree is None:
        raise ExtractionError("not parseable as HTML")
    # 1. metadata from the untouched tree (trafilatura prunes the tree it is given)
    site = _meta(tree, "og:site_name", "application-name")
    title = find_title(tree, site)
    canonical = find_canonical(tree, url)
    description = _meta(tree, "og:description", "description", "twitter:description")
    standfirst = _standfirst(tree, description) if options.standfirst else None
    page_words = paragraph_words(tree) if options.retry_short else 0
    evidence = author_evidence(tree)
    # 2. body
    document = _trafilatura(tree, url, options.focus, options.tables, metadata=True)
    body = (document.text or "") if document is not None else ""
    if options.retry_short and options.focus is Focus.precision \
            and _words(body) < RETRY_SHARE * page_words:
        second = _trafilatura(load_html(page), url, Focus.balanced, options.tables,
                              metadata=False)
        if second is not None and _words(second.text or "") > 1.2 * _words(body):
            body = second.text or ""
    if _words(body) < MIN_BODY_WORDS:
        fallback = load_html(page)
        body = _fallback_paragraphs(fallback) if fallback is not None else ""
        if body:
            warnings.append("trafilatura found no body; used the page's paragraphs")
    body = _tidy_lines(body, title, options.tables)
    if standfirst and " ".join(standfirst.casefold().split()) not in \
            " ".join(body.casefold().split()):
        body = f"{standfirst}\n\n{body}" if body else standfirst
    if options.chrome_filter and body:
        body = _chrome_filter(body)
    if _words(body) < MIN_BODY_WORDS:
        raise ExtractionError("no article text found in the page", Extraction(
            text="", title=title, published=find_published(page, url, warnings), site=site,
            url=url,
            canonical_url=canonical, description=description, warnings=warnings))
    # 3. metadata that needs trafilatura's pass
    if document is not None:
        site = site or _clean(document.sitename)
        title = title or _clean(document.title)
    byline = document.author if document is not None else None
    authors = find_authors(evidence, title, site, url, byline)
    from newsgraph.ingest.language import detect_language

    return Extraction(
        text=body,
        title=title,
        published=find_published(page, url, warnings),
        authors=authors,
        site=site,
        url=url or canonical,
        canonical_url=canonical,
        description=description,
        language=detect_language(body),
        warnings=warnings,
    )


# -- readers -------------------------------------------------------------------------

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".html.gz", ".htm.gz")


def is_html(path: Path) -> bool:
    return path.name.lower().endswith(HTML_SUFFIXES)


def source_from_html(page: bytes | str, origin: str, url: str | None = None,
                     id: str | None = None, options: ExtractOptions | None = None,
                     charset: str | None = None) -> Source | Failure:
    """One page as a `Source` with its metadata, or a `Failure` saying why not (`charset`:
    what the HTTP answer declared, if the page came with one)."""
    try:
        result = extract_html(page, url=url, options=options, charset=charset)
    except ExtractionError as error:
        return Failure(origin, str(error), id)
    except _parser_errors() as error:  # a parser crash on one page must not end the batch
        return Failure(origin, f"extraction failed: {type(error).__name__}: {error}", id)
    return Source(
        text=result.text, origin=origin, id=id, published=result.published,
        title=result.title, url=result.url, site=result.site, authors=result.authors,
        warnings=result.warnings, canonical_url=result.canonical_url,
    )


def read_html_file(path: Path) -> Source | Failure:
    """One saved page (`.html`, `.htm`, or gzipped) as one article."""
    import gzip
    import zlib

    try:
        if path.name.lower().endswith(".gz"):
            with gzip.open(path, "rb") as handle:  # read no more than a page may hold
                data = handle.read(MAX_PAGE_BYTES + 1)
        else:
            data = path.read_bytes()
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        return Failure(str(path), f"broken gzip file: {error}")
    except OSError as error:
        return Failure(str(path), f"cannot read file: {error.strerror or error}")
    return source_from_html(data, str(path))
