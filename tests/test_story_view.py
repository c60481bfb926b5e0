"""What one story shows (issue 21): outlets, who broke it, the people quoted with their
quotations (first printed, repeated), events, places and days; in the Python API, the REST
API, the web page and `newsgraph stories ID`, on both backends."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.link import rebuild, stored_stories
from newsgraph.link.story_view import story_detail
from newsgraph.model import (
    Article,
    Entity,
    Event,
    EventArgument,
    Mention,
    Place,
    Quote,
    Span,
    SpeakerRef,
)
from newsgraph.store import Store

runner = CliRunner()

SAID = "We will not go back until the contract is signed, and nobody will move us"
#: The same quotation, trimmed and re-punctuated, as a later outlet printed it.
TRIMMED = "we will not go back until the contract is signed"
OTHER = "The ships can wait another week"


def _span(text: str, part: str, after: int = 0) -> tuple[int, int]:
    start = text.index(part, after)
    return start, start + len(part)


def _article(article_id: str, day: str, site: str, body: str, quotes: list[tuple[str, str]],
             event: tuple[str, bool] | None) -> Article:
    """An article with `body` then each (speaker, words) quote as `“words,” said speaker.`,
    the place Lyon, and maybe an event (type, negated) with the union as its actor."""
    text = body + " Lyon." + "".join(f" “{words},” said {who}." for who, words in quotes)
    names = {who for who, _ in quotes} | {"Dock Union"}
    text += " Dock Union met the port."
    entities = [Entity(id=f"e{n}", name=name, type="ORG" if name == "Dock Union" else "PERSON",
                       mentions=[Mention(start=s, end=e, text=name)
                                 for s, e in [_span(text, name)]])
                for n, name in enumerate(sorted(names))]
    ids = {e.name: e.id for e in entities}
    found = []
    for who, words in quotes:
        start, end = _span(text, f"“{words},”")
        s_start, s_end = _span(text, who, end)
        found.append(Quote(start=start, end=end, text=text[start:end], direct=True,
                           speaker=SpeakerRef(start=s_start, end=s_end, text=who,
                                              entity=ids[who])))
    l_start, l_end = _span(text, "Lyon")
    places = [Place(start=l_start, end=l_end, text="Lyon", geonameid=2996944, name="Lyon",
                    lat=45.75, lon=4.85, country="FR")]
    events = []
    if event:
        a_start, a_end = _span(text, "Dock Union", l_end)
        t_start, t_end = _span(text, "met", a_end)
        events.append(Event(type=event[0], actor=EventArgument(text="Dock Union",
                                                               entity=ids["Dock Union"],
                                                               start=a_start, end=a_end),
                            trigger=Span(start=t_start, end=t_end, text="met"),
                            negated=event[1], date=day))
    return Article(id=article_id, published=day, site=site, title=f"Strike day ({article_id})",
                   text=text, entities=entities, quotes=found, places=places, events=events)


def story_articles() -> list[Article]:
    body = " ".join(random.Random(5).choice(["harbour", "crane", "terminal", "union",
                                              "contract", "wage", "cargo", "vessel", "pier",
                                              "picket"]) + str(n) for n in range(80))
    return [
        _article("s1", "2024-05-06", "wire.example", body,
                 [("Mara Vos", SAID)], ("CONSULT", False)),
        _article("s2", "2024-05-07", "daily.example", body,
                 [("Mara Vos", TRIMMED), ("Jan Peeters", OTHER)], ("CONSULT", True)),
        _article("s3", "2024-05-07", "wire.example", body,
                 [("Mara Vos", SAID.upper())], ("CONSULT", False)),
    ]


@pytest.fixture
def story_db(store_url: str) -> str:
    with Store.open(store_url) as store:
        assert all(store.add_many(story_articles()))
        rebuild(store)
    return store_url


def _story_id(url: str) -> str:
    with Store.open(url) as store:
        (row,) = stored_stories(store)
    return row["id"]


def test_one_story_shows_people_quotations_events_places_and_days(story_db: str) -> None:
    with Store.open(story_db) as store:
        assert story_detail(store, "s-missing") is None
        story = story_detail(store, _story_id(story_db))
    assert story is not None
    assert [a["id"] for a in story["articles"]] == ["s1", "s2", "s3"]
    assert story["first"]["id"] == "s1" and [a["id"] for a in story["later"]] == ["s2", "s3"]
    assert story["outlets"] == [{"site": "wire.example", "articles": 2},
                                {"site": "daily.example", "articles": 1}]
    vos, peeters = story["people"]
    assert (vos["name"], vos["articles"], peeters["name"]) == ("Mara Vos", 3, "Jan Peeters")
    (said,) = vos["quotations"]  # the trimmed and the shouted wording are the same quotation
    assert said["first"]["article_id"] == "s1"
    assert [r["article_id"] for r in said["repeats"]] == ["s2", "s3"]
    (event,) = story["events"]  # the negated report is left out
    assert (event["type"], event["actor"], event["articles"]) == ("CONSULT", "Dock Union", 2)
    assert event["first"]["article_id"] == "s1"
    assert story["places"] == [{"name": "Lyon", "country": "FR", "lat": 45.75, "lon": 4.85,
                                "articles": 3, "mentions": 3}]
    first_day, second_day = story["days"]
    assert first_day["day"] == "2024-05-06" and len(first_day["new_quotes"]) == 1
    assert [a["id"] for a in second_day["articles"]] == ["s2", "s3"]
    assert [q["speaker"] for q in second_day["new_quotes"]] == ["Jan Peeters"]
    assert first_day["new_events"] == [event] and second_day["new_events"] == []


@pytest.fixture
def client(story_db: str) -> Iterator[TestClient]:
    from newsgraph.serve import create_app

    with TestClient(create_app(story_db)) as test_client:
        yield test_client


def test_story_page_and_api(client: TestClient, story_db: str) -> None:
    story_id = _story_id(story_db)
    listing = client.get("/stories").text
    assert f'href="/stories/{story_id}"' in listing
    html = client.get(f"/stories/{story_id}").text
    assert "People quoted" in html and 'href="/speakers/Mara%20Vos"' in html
    assert "First printed by" in html and "repeated by" in html
    assert "CONSULT" in html and "Lyon" in html and "2024-05-07" in html
    assert client.get("/stories/s-missing").status_code == 404
    data = client.get(f"/api/stories/{story_id}").json()
    assert [p["name"] for p in data["people"]] == ["Mara Vos", "Jan Peeters"]
    assert data["first"]["id"] == "s1"
    assert client.get("/api/stories/s-missing").status_code == 404


def test_cli_shows_one_story(story_db: str) -> None:
    story_id = _story_id(story_db)
    result = runner.invoke(app, ["stories", story_id, "--db", story_db])
    assert result.exit_code == 0, result.output
    assert "Broke it: Strike day (s1)" in result.output
    assert "Mara Vos: 1 quotation(s) in 3 article(s)" in result.output
    assert "again: s2 (daily.example, 2024-05-07)" in result.output
    assert "CONSULT: Dock Union" in result.output
    shown = json.loads(runner.invoke(app, ["stories", story_id, "--db", story_db,
                                           "--format", "json"]).output)
    assert shown["places"][0]["name"] == "Lyon"
    missing = runner.invoke(app, ["stories", "s-missing", "--db", story_db])
    assert missing.exit_code != 0 and "no story has the id" in missing.output


def test_an_article_page_says_where_its_quotations_appeared_first(client: TestClient) -> None:
    later = client.get("/articles/s2").text
    assert "First printed by" in later and 'href="/articles/s1"' in later
    assert later.count('class="quote-provenance') == 1  # Jan Peeters' quote is s2's alone
    first = client.get("/articles/s1").text
    assert "Printed here first; repeated by" in first and 'href="/articles/s3"' in first
    (item,) = client.get("/api/articles/s2/quotations").json()["items"]
    assert (item["seq"], item["speaker"], item["first"]["article_id"]) == (0, "Mara Vos", "s1")
    assert [r["article_id"] for r in item["repeats"]] == ["s2", "s3"]
    assert client.get("/api/articles/nope/quotations").status_code == 404
