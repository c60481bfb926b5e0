"""What one story shows: its articles and outlets, who broke it, the people quoted and their
quotations (each with its first appearance and its repeats), its events and places, and a
day-by-day timeline. The web page `/stories/{id}`, `/api/stories/{id}` and
`newsgraph stories ID` all read `story_detail`.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from newsgraph.link.provenance import group_quotes
from newsgraph.store import schema
from newsgraph.store.keys import select_in
from newsgraph.store.linked import story_coverage

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from newsgraph.store import Store

#: What a quotation without a named speaker is listed under.
UNATTRIBUTED = "(unattributed)"


def story_detail(store: Store, story_id: str) -> dict[str, Any] | None:
    """Everything a story shows, or None when there is no such story."""
    s, sa, a = schema.stories, schema.story_articles, schema.articles
    with store.engine.connect() as connection:
        found = connection.execute(select(s).where(s.c.id == story_id)).first()
        if found is None:
            return None
        row = dict(found._mapping)
        articles = [dict(r._mapping) for r in connection.execute(
            select(a.c.id, a.c.published, a.c.title, a.c.site, a.c.url)
            .select_from(sa.join(a, a.c.id == sa.c.article_id))
            .where(sa.c.story_id == story_id))]
        articles.sort(key=lambda x: ((x["published"] or "")[:10], x["id"]))
        ids = [x["id"] for x in articles]
        quotes = _quotes(connection, articles)
        events = _events(connection, ids)
        places = _places(connection, ids)
    row["top_entities"] = json.loads(row["top_entities"] or "[]")
    row["articles"] = articles
    row.update(story_coverage(articles))
    row["later"] = articles[1:]
    row["quotes"] = group_quotes(quotes)
    row["people"] = people_quoted(row["quotes"])
    by_id = {x["id"]: x for x in articles}
    row["events"] = group_events(events, by_id)
    row["places"] = count_places(places)
    row["days"] = day_by_day(articles, row["quotes"], row["events"])
    return row


def _quotes(connection: Connection, articles: list[dict[str, Any]]) -> list[dict[str, Any]]:
    q = schema.quotes
    by_id = {x["id"]: x for x in articles}
    found = []
    for quote in select_in(
            connection, select(q.c.article_id, q.c.seq, q.c.start, q.c.end, q.c.text,
                               q.c.speaker_name), q.c.article_id, sorted(by_id)):
        article = by_id[quote.article_id]
        found.append({**quote._mapping, "published": article["published"],
                      "site": article["site"], "title": article["title"]})
    return found


def _events(connection: Connection, ids: list[str]) -> list[Any]:
    e = schema.events
    return list(select_in(
        connection, select(e.c.article_id, e.c.seq, e.c.type, e.c.actor, e.c.target,
                           e.c.place, e.c.date, e.c.trigger_text, e.c.negated,
                           e.c.hypothetical), e.c.article_id, ids))


def _places(connection: Connection, ids: list[str]) -> list[Any]:
    p = schema.places
    return list(select_in(
        connection, select(p.c.article_id, p.c.name, p.c.country, p.c.lat, p.c.lon)
        .where(p.c.name.is_not(None)), p.c.article_id, ids))


def people_quoted(quotations: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The speakers of a story's quotations, most quotations first: each with its
    quotations and the number of articles that carried one of them."""
    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for quotation in quotations:
        by_speaker[quotation["speaker"] or UNATTRIBUTED].append(quotation)
    people = []
    for name, said in by_speaker.items():
        carried = {q["article_id"] for quotation in said
                   for q in [quotation["first"], *quotation["repeats"]]}
        people.append({"name": name, "quotations": said, "articles": len(carried),
                       "named": name != UNATTRIBUTED})
    return sorted(people, key=lambda p: (not p["named"], -len(p["quotations"]),
                                         -p["articles"], p["name"]))


def _argument(value: str | None) -> str | None:
    """The words of a stored event argument (JSON `EventArgument`)."""
    if not value:
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return value
    return (data.get("text") or data.get("name")) if isinstance(data, dict) else str(data)


def group_events(rows: Iterable[Any], articles: Mapping[str, dict[str, Any]]
                 ) -> list[dict[str, Any]]:
    """The story's asserted events (negated and hypothetical ones left out), one per type,
    actor and target: the article that reported it first, how many reported it, its place
    and date. Most-reported first."""
    grouped: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row.negated or row.hypothetical:
            continue
        actor, target = _argument(row.actor), _argument(row.target)
        article = articles[row.article_id]
        grouped[(row.type, (actor or "").lower(), (target or "").lower())].append({
            "type": row.type, "actor": actor, "target": target, "place": row.place,
            "date": row.date, "trigger": row.trigger_text, "article_id": row.article_id,
            "published": article["published"], "site": article["site"], "seq": row.seq})
    events = []
    for reports in grouped.values():
        reports.sort(key=lambda r: ((r["published"] or "")[:10], r["article_id"], r["seq"]))
        first = reports[0]
        events.append({**{k: first[k] for k in ("type", "actor", "target", "trigger")},
                       "place": next((r["place"] for r in reports if r["place"]), None),
                       "date": next((r["date"] for r in reports if r["date"]), None),
                       "first": {k: first[k] for k in ("article_id", "published", "site")},
                       "articles": len({r["article_id"] for r in reports})})
    return sorted(events, key=lambda e: (-e["articles"], (e["date"] or "9999"), e["type"],
                                         e["actor"] or "", e["target"] or ""))


def count_places(rows: Iterable[Any]) -> list[dict[str, Any]]:
    """The resolved places the story's articles name: articles and mentions each, most
    articles first."""
    mentions: Counter[tuple[str, str | None]] = Counter()
    articles: dict[tuple[str, str | None], set[str]] = defaultdict(set)
    points: dict[tuple[str, str | None], tuple[float | None, float | None]] = {}
    for row in rows:
        key = (row.name, row.country)
        mentions[key] += 1
        articles[key].add(row.article_id)
        points.setdefault(key, (row.lat, row.lon))
    places = [{"name": name, "country": country, "lat": points[(name, country)][0],
               "lon": points[(name, country)][1], "articles": len(articles[(name, country)]),
               "mentions": n} for (name, country), n in mentions.items()]
    return sorted(places, key=lambda p: (-p["articles"], -p["mentions"], p["name"]))


def day_by_day(articles: list[dict[str, Any]], quotations: list[dict[str, Any]],
               events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per publish day: the articles of that day, the quotations first printed that day and
    the events first reported that day."""
    days: dict[str, dict[str, Any]] = {}

    def on(day: str | None) -> dict[str, Any]:
        key = (day or "")[:10] or "undated"
        return days.setdefault(key, {"day": key, "articles": [], "new_quotes": [],
                                     "new_events": []})

    for article in articles:
        on(article["published"])["articles"].append(article)
    for quotation in quotations:
        on(quotation["first"].get("published"))["new_quotes"].append(quotation)
    for event in events:
        on(event["first"]["published"])["new_events"].append(event)
    return [days[key] for key in sorted(days)]
