"""GDELT Global Knowledge Graph 2.1: one tab-separated row of 27 columns per article.

The layout follows the GKG 2.1 codebook; fields we have no data for (images,
translation) are left empty. Filled fields:

- V2.1DATE: YYYYMMDDHHMMSS of the publication, as the 15-minute update its publish time falls
  in (UTC; GDELT's own rows carry their file's update stamp), midnight for a bare publish day
  (`gdelt.publish_stamp`)
- V1COUNTS: `TYPE#number#object` and the 7 location fields (left empty) per count, `;`
  between counts; V2.1COUNTS the same with `#offset` (`newsgraph.stages.counts`)
- V1THEMES: the distinct GKG theme names; V2ENHANCEDTHEMES: `THEME,offset;…`
  (`newsgraph.stages.themes`)
- V2ENHANCEDPERSONS / ORGANIZATIONS, V2.1ALLNAMES: `name,offset;…` (each named mention, as
  written there); V1PERSONS / ORGANIZATIONS: the distinct full names
- V1LOCATIONS: `type#name#country#adm1#lat#lon#featureid;…` (distinct)
- V2ENHANCEDLOCATIONS: `type#name#country#adm1#adm2#lat#lon#featureid#offset;…`
  (country codes are FIPS 10-4, as in GDELT; the feature id is the GeoNames id)
- V2.1ENHANCEDDATES: `resolution#month#day#year#offset;…` (3 day, 2 month, 1 year)
- V2.1QUOTATIONS: `offset|length|verb|quote#…` (the verb as written: "said")
- V2SOURCECOMMONNAME: the bare domain ("bbc.co.uk"); GKGRECORDID: stable per article
- V2.1AMOUNTS: `amount,object,offset;…`
- V1.5TONE: the seven V2Tone numbers `tone,positive,negative,polarity,activity,
  self/group,words` (`newsgraph.stages.tone`); V2GCAM: `wc:words,c0.1:positive,c0.2:negative`
  (the word count and the tone word list's positive and negative words, `gdelt.gcam`;
  comma-separated blocks as in the codebook and GDELT's files: the client gdelt-py 0.1.11
  splits on ";" and so reads no GCAM from either)
- V2EXTRASXML: `<PAGE_TITLE>`, `<PAGE_AUTHORS>` and `<NEWSGRAPH_ID>` (the article id)

Offsets are character offsets into the article text. Like GDELT's files,
the output has no header row (`COLUMNS` names the columns).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit
from xml.sax.saxutils import escape

from newsgraph.export import text_output
from newsgraph.export.gdelt import (
    article_day,
    clean,
    document_identifier,
    gcam,
    location_fields,
    number,
    parse_day,
    publish_stamp,
    stamp,
    update_stamp,
)
from newsgraph.model import Article

COLUMNS = (
    "GKGRECORDID", "V2.1DATE", "V2SOURCECOLLECTIONIDENTIFIER", "V2SOURCECOMMONNAME",
    "V2DOCUMENTIDENTIFIER", "V1COUNTS", "V2.1COUNTS", "V1THEMES", "V2ENHANCEDTHEMES",
    "V1LOCATIONS", "V2ENHANCEDLOCATIONS", "V1PERSONS", "V2ENHANCEDPERSONS", "V1ORGANIZATIONS",
    "V2ENHANCEDORGANIZATIONS", "V1.5TONE", "V2.1ENHANCEDDATES", "V2GCAM", "V2.1SHARINGIMAGE",
    "V2.1RELATEDIMAGES", "V2.1SOCIALIMAGEEMBEDS", "V2.1SOCIALVIDEOEMBEDS", "V2.1QUOTATIONS",
    "V2.1ALLNAMES", "V2.1AMOUNTS", "V2.1TRANSLATIONINFO", "V2EXTRASXML",
)
#: V2SOURCECOLLECTIONIDENTIFIER: 1 web (has a URL), 2 citation only (no URL).
WEB, CITATION_ONLY = 1, 2
#: Entity types that go into the persons and the organisations columns.
PERSON_TYPES = frozenset({"PERSON"})
ORG_TYPES = frozenset({"ORG"})
#: V2.1ENHANCEDDATES resolutions by our granularity.
DATE_RESOLUTION = {"day": 3, "month": 2, "year": 1}


def _names(article: Article, types: frozenset[str] | None,
           as_written: bool = True) -> list[tuple[str, int]]:
    """(name, offset) of each named mention of entities of these types (all if None): the
    name as written at that offset ("Keller"), or the entity's full name (`as_written=False`,
    for the V1 lists of distinct names)."""
    found = []
    for entity in article.entities:
        if entity.anonymous or (types is not None and entity.type not in types):
            continue
        for mention in entity.mentions:
            name = clean(mention.text if as_written else entity.name, ",;#")
            if mention.kind == "name" and name:
                found.append((name, mention.start))
    return sorted(found, key=lambda item: (item[1], item[0]))


#: Second-level labels under which a country code domain registers names ("bbc.co.uk").
_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"})


def common_name(host: str | None) -> str:
    """The bare domain GDELT names a source by: "news.bbc.co.uk" -> "bbc.co.uk",
    "www.nytimes.com" -> "nytimes.com"; a value that is no host name is kept as it is."""
    host = (host or "").strip().lower().rstrip(".")
    labels = host.split(".")
    if len(labels) < 2 or " " in host or not all(labels):
        return clean(host)
    keep = 3 if len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL and len(labels) >= 3 else 2
    return ".".join(labels[-keep:])


def source_of(article: Article) -> tuple[int, str]:
    """GDELT's source collection (web, or citation only without a URL) and the source's
    common name, shared by the GKG and the Mentions table."""
    url = article.url or article.canonical_url
    if url:
        return WEB, common_name(urlsplit(url).hostname)
    return CITATION_ONLY, common_name(article.site)


def stable_record_id(article: Article) -> str:
    """A GKGRECORDID that stays the same for an article across exports: its publish stamp
    (else 1970) and a number derived from its id, in GDELT's `DATE-N` form."""
    import hashlib

    day = stamp(article_day(article), "19700101000000")
    return f"{day}-{int(hashlib.sha256(article.id.encode()).hexdigest()[:12], 16)}"


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _locations(article: Article) -> tuple[str, str]:
    v1: list[str] = []
    v2: list[str] = []
    for place in sorted(article.places, key=lambda p: p.start):
        fields = location_fields(place)
        if fields is None:
            continue
        fields = [clean(field, "#;") for field in fields]
        v1.append("#".join(fields[:4] + fields[5:]))  # V1 has no ADM2
        v2.append("#".join([*fields, str(place.start)]))
    return ";".join(_unique(v1)), ";".join(v2)


def _dates(article: Article) -> str:
    blocks = []
    for ref in article.dates:
        resolution = DATE_RESOLUTION.get(ref.granularity)
        day = parse_day(ref.value or (ref.range[0] if ref.range else None))
        if resolution is None or day is None:
            continue
        month = day.month if resolution >= 2 else 0
        blocks.append(f"{resolution}#{month}#{day.day if resolution == 3 else 0}#{day.year}"
                      f"#{ref.start}")
    return ";".join(blocks)


def _quotations(article: Article) -> str:
    return "#".join(
        f"{quote.start}|{quote.end - quote.start}|{clean(quote.cue and quote.cue.text, '|#')}"
        f"|{clean(quote.text, '|#')}"
        for quote in article.quotes)


def _amounts(article: Article) -> str:
    return ";".join(
        f"{number(amount.value)},{clean(amount.unit, ',;')},{amount.start}"
        for amount in article.amounts if amount.value is not None)


def _counts(article: Article) -> tuple[str, str]:
    """V1COUNTS and V2.1COUNTS: type, number, object, then 7 location fields (left empty)."""
    blocks = [f"{c.type}#{c.number}#{clean(c.object, '#;')}#" + "#" * 6 for c in article.counts]
    v2 = [f"{block}#{count.start}" for block, count in zip(blocks, article.counts, strict=True)]
    return ";".join(blocks), ";".join(v2)


def _tone(article: Article) -> str:
    return ",".join(number(value) for value in article.tone.v2tone()) if article.tone else ""


def _extras(article: Article) -> str:
    parts = []
    if article.title:
        parts.append(f"<PAGE_TITLE>{escape(clean(article.title))}</PAGE_TITLE>")
    if article.authors:
        authors = ",".join(clean(author, ",") for author in article.authors)
        parts.append(f"<PAGE_AUTHORS>{escape(authors)}</PAGE_AUTHORS>")
    parts.append(f"<NEWSGRAPH_ID>{escape(article.id)}</NEWSGRAPH_ID>")
    return "".join(parts)


def row(article: Article, record_id: str, now: str) -> list[str]:
    """The 27 fields of one article's GKG record."""
    collection, site = source_of(article)
    persons = _names(article, PERSON_TYPES)
    orgs = _names(article, ORG_TYPES)
    v1_locations, v2_locations = _locations(article)
    v1_counts, v2_counts = _counts(article)
    fields = dict.fromkeys(COLUMNS, "")
    fields.update({
        "GKGRECORDID": record_id,
        "V2.1DATE": publish_stamp(article, now),
        "V2SOURCECOLLECTIONIDENTIFIER": str(collection),
        "V2SOURCECOMMONNAME": site,
        "V2DOCUMENTIDENTIFIER": document_identifier(article),
        "V1LOCATIONS": v1_locations,
        "V2ENHANCEDLOCATIONS": v2_locations,
        "V1PERSONS": ";".join(_unique(
            name for name, _ in _names(article, PERSON_TYPES, as_written=False))),
        "V2ENHANCEDPERSONS": ";".join(f"{name},{offset}" for name, offset in persons),
        "V1ORGANIZATIONS": ";".join(_unique(
            name for name, _ in _names(article, ORG_TYPES, as_written=False))),
        "V2ENHANCEDORGANIZATIONS": ";".join(f"{name},{offset}" for name, offset in orgs),
        "V1COUNTS": v1_counts,
        "V2.1COUNTS": v2_counts,
        "V1THEMES": ";".join(_unique(ref.theme for ref in article.themes)),
        "V2ENHANCEDTHEMES": ";".join(f"{ref.theme},{ref.start}" for ref in article.themes),
        "V1.5TONE": _tone(article),
        "V2GCAM": gcam(article.tone),
        "V2.1ENHANCEDDATES": _dates(article),
        "V2.1QUOTATIONS": _quotations(article),
        "V2.1ALLNAMES": ";".join(f"{name},{offset}" for name, offset in _names(article, None)),
        "V2.1AMOUNTS": _amounts(article),
        "V2EXTRASXML": _extras(article),
    })
    return [fields[column] for column in COLUMNS]


def write(articles: Iterable[Article], output: Path | TextIO) -> int:
    """Write one GKG record per article (record ids from `stable_record_id`); the number of
    rows."""
    now = update_stamp(datetime.now(UTC))
    count = 0
    with text_output(output) as handle:
        for article in articles:
            handle.write("\t".join(row(article, stable_record_id(article), now)))
            handle.write("\n")
            count += 1
    return count
