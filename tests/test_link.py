"""The cross-article layer: entity aliases, timelines and story clusters, on both backends."""

from __future__ import annotations

import json
import random
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import delete, select
from typer.testing import CliRunner

from newsgraph.cli import app
from newsgraph.link import (
    StoryDoc,
    build_aliases,
    cluster,
    neighbours,
    rebuild,
    stored_stories,
    timeline,
)
from newsgraph.link import build as build_module
from newsgraph.link import stories as stories_module
from newsgraph.link import terms as terms_module
from newsgraph.link.build import ensure_linked, is_stale, update
from newsgraph.model import Article, Entity, Mention, Quote, SpeakerRef
from newsgraph.store import Store, schema

runner = CliRunner()

REPORT = ("Israeli Prime Minister Benjamin Netanyahu met the mayor of Haifa on Tuesday to "
          "discuss the new harbour tunnel, which will cost 400 million shekels and open in "
          "two thousand and twenty eight, according to the city council and the port company.")


def make_article(article_id: str, published: str, text: str, names: dict[str, str],
                 said_by: str | None = None) -> Article:
    """An article whose entities are `names` ({name: type}), one mention per occurrence."""
    entities = []
    for n, (name, kind) in enumerate(names.items(), 1):
        mentions, start = [], text.find(name)
        while start >= 0:
            mentions.append(Mention(start=start, end=start + len(name), text=name))
            start = text.find(name, start + len(name))
        entities.append(Entity(id=f"e{n}", name=name, type=kind, mentions=mentions))
    quotes = []
    if said_by is not None:
        start = text.index(said_by)
        speaker = next(e.id for e in entities if e.name == said_by)
        quotes.append(Quote(start=0, end=5, text=text[:5], direct=True,
                            speaker=SpeakerRef(start=start, end=start + len(said_by),
                                               text=said_by, entity=speaker)))
    return Article(id=article_id, published=published, title=f"title {article_id}", text=text,
                   entities=entities, quotes=quotes)


@pytest.fixture
def store(store_url: str):
    with Store.open(store_url) as opened:
        yield opened


def test_aliases_are_conservative() -> None:
    aliases = {(a.alias, a.type): a for a in build_aliases([
        ("Benjamin Netanyahu", "PERSON", 3), ("Netanyahu", "PERSON", 2),
        ("Anna Keller", "PERSON", 1), ("Thomas Keller", "PERSON", 1), ("Keller", "PERSON", 1),
        ("U.S.", "GPE", 2), ("United States", "GPE", 1), ("America", "GPE", 1),
        ("UNRWA", "ORG", 1), ("United Nations Relief and Works Agency", "ORG", 1),
        ("Netanyahu", "ORG", 1), ("James", "PERSON", 1), ("James Smith", "PERSON", 1),
        ("Lebron James", "PERSON", 1), ("NBC", "ORG", 1), ("Northern Bus Company", "ORG", 1),
    ], {("UNRWA", "ORG"): {"x1"}, ("United Nations Relief and Works Agency", "ORG"): {"x1"},
        ("NBC", "ORG"): {"x2"}, ("Northern Bus Company", "ORG"): {"x3"}})}
    netanyahu = aliases[("Netanyahu", "PERSON")]
    assert (netanyahu.canonical, netanyahu.rule, netanyahu.confidence) == (
        "Benjamin Netanyahu", "surname", 0.8)
    assert aliases[("Benjamin Netanyahu", "PERSON")].confidence == 1.0
    assert aliases[("Netanyahu", "ORG")].canonical == "Netanyahu"  # same type only
    assert aliases[("Keller", "PERSON")].canonical == "Keller"  # two Kellers: ambiguous
    assert aliases[("Anna Keller", "PERSON")].canonical == "Anna Keller"
    assert aliases[("Thomas Keller", "PERSON")].canonical == "Thomas Keller"
    assert {aliases[(n, "GPE")].canonical for n in ("U.S.", "United States", "America")} == {
        "United States"}
    assert aliases[("America", "GPE")].rule == "lexicon"
    assert aliases[("UNRWA", "ORG")].canonical == "United Nations Relief and Works Agency"
    assert aliases[("NBC", "ORG")].canonical == "NBC"  # never named together with its expansion
    assert aliases[("James", "PERSON")].canonical == "James"  # also a first name


def test_linking_across_articles(store: Store) -> None:
    store.add_many([
        make_article("a1", "2024-05-01", "Benjamin Netanyahu spoke. Anna Keller listened.",
                     {"Benjamin Netanyahu": "PERSON", "Anna Keller": "PERSON"}),
        make_article("a2", "2024-05-02", "Netanyahu spoke again. Thomas Keller wrote.",
                     {"Netanyahu": "PERSON", "Thomas Keller": "PERSON"}),
        make_article("a3", "2024-05-03", "Keller disagreed.", {"Keller": "PERSON"}),
    ])
    summary = rebuild(store)
    assert summary.aliases == 5
    al = schema.entity_aliases
    with store.engine.connect() as connection:
        rows = {r.alias: r for r in connection.execute(select(al))}
    assert rows["Netanyahu"].canonical == "Benjamin Netanyahu"
    assert rows["Netanyahu"].confidence == pytest.approx(0.8)
    assert rows["Keller"].canonical == "Keller"
    assert rows["Thomas Keller"].canonical != rows["Anna Keller"].canonical
    assert ensure_linked(store) is None  # up to date
    store.add(make_article("a4", "2024-05-04", "Sara Netanyahu arrived.",
                           {"Sara Netanyahu": "PERSON"}))
    assert ensure_linked(store) is not None
    with store.engine.connect() as connection:
        now = connection.execute(select(al.c.canonical).where(al.c.alias == "Netanyahu"))
        assert now.scalar_one() == "Netanyahu"  # two Netanyahus now: no longer joined


def test_an_update_writes_the_aliases_a_rebuild_writes_merges_included(store: Store) -> None:
    store.add_many([
        make_article("m1", "2024-05-01", "Benjamin Netanyahu spoke. Anna Keller listened.",
                     {"Benjamin Netanyahu": "PERSON", "Anna Keller": "PERSON"}),
        make_article("m2", "2024-05-02", "Netanyahu spoke again. Keller wrote.",
                     {"Netanyahu": "PERSON", "Keller": "PERSON"}),
    ])
    rebuild(store)
    with store.engine.begin() as connection:
        connection.execute(schema.entity_merges.insert().values(
            alias="Keller", type="PERSON", canonical="Anna Keller",
            created_at=datetime(2024, 5, 3, tzinfo=UTC)))
    store.add(make_article("m3", "2024-05-04", "Sara Netanyahu arrived.",
                           {"Sara Netanyahu": "PERSON"}))
    al = schema.entity_aliases

    def table() -> set[tuple]:
        with store.engine.connect() as connection:
            return {tuple(row) for row in connection.execute(select(al))}

    assert update(store).added == 1
    updated = table()
    assert ("Netanyahu", "PERSON", "Netanyahu") in {row[:3] for row in updated}  # changed
    assert ("Keller", "PERSON", "Anna Keller") in {row[:3] for row in updated}  # the merge
    rebuild(store)
    assert table() == updated


def test_timeline_zero_fill_and_grouping(store: Store) -> None:
    store.add_many([
        make_article("t1", "2024-05-01", "Benjamin Netanyahu said no. Benjamin Netanyahu left.",
                     {"Benjamin Netanyahu": "PERSON"}, said_by="Benjamin Netanyahu"),
        make_article("t2", "2024-05-04T09:00:00Z", "Netanyahu said yes.",
                     {"Netanyahu": "PERSON"}, said_by="Netanyahu"),
        make_article("t3", "2024-07-02", "Netanyahu flew home.", {"Netanyahu": "PERSON"}),
        make_article("t4", "2024-06-01", "Nobody else.", {"Anna Keller": "PERSON"}),
    ])
    rebuild(store)
    days = timeline(store, "netanyahu", "day")
    assert days[0] == {"entity": "Benjamin Netanyahu", "type": "PERSON", "period": "2024-05-01",
                       "articles": 1, "mentions": 2, "quotes": 1}
    assert [d["period"] for d in days[:4]] == ["2024-05-01", "2024-05-02", "2024-05-03",
                                               "2024-05-04"]
    assert [d["mentions"] for d in days[:4]] == [2, 0, 0, 1]
    assert [d["quotes"] for d in days[:4]] == [1, 0, 0, 1]
    assert days[-1]["period"] == "2024-07-02" and len(days) == 31 + 30 + 2
    weeks = timeline(store, "Benjamin Netanyahu", "week")
    assert weeks[0] == {"entity": "Benjamin Netanyahu", "type": "PERSON", "period": "2024-04-29",
                        "articles": 2, "mentions": 3, "quotes": 2}
    assert weeks[1]["period"] == "2024-05-06" and weeks[1]["mentions"] == 0
    months = timeline(store, "Netanyahu", "month")
    assert [(m["period"], m["articles"], m["mentions"]) for m in months] == [
        ("2024-05", 2, 3), ("2024-06", 0, 0), ("2024-07", 1, 1)]


NAMES = {"Benjamin Netanyahu": "PERSON", "Haifa": "GPE"}


def test_stories_group_near_identical_reports_within_the_window(store: Store) -> None:
    store.add_many([
        make_article("r1", "2024-05-01", REPORT, NAMES),
        make_article("r2", "2024-05-02", REPORT.replace("Tuesday", "Tuesday evening"), NAMES),
        make_article("r3", "2024-05-20", REPORT, NAMES),  # same words, weeks later
        make_article("x1", "2024-05-01", "Heavy rain closed schools across the north of the "
                     "country, and farmers said the harvest would be late this year.", {}),
    ])
    summary = rebuild(store)
    assert (summary.stories, summary.clustered) == (1, 2)
    (story,) = stored_stories(store)
    assert story["id"] == "sr1"
    assert [a["id"] for a in story["articles"]] == ["r1", "r2"]
    assert (story["first_day"], story["last_day"], story["size"]) == (
        "2024-05-01", "2024-05-02", 2)
    assert "Benjamin Netanyahu" in story["top_entities"]
    assert stored_stories(store, since="2024-05-03") == []


def test_cluster_shared_entities_and_order() -> None:
    day = date(2024, 5, 1)
    # word 3-gram Jaccard with REPORT 0.40: "some" text overlap, below "same" (0.5)
    other = ("Benjamin Netanyahu met the mayor of Haifa on Tuesday to discuss the new harbour "
             "tunnel, which will cost 400 million shekels, officials said, adding that work "
             "could begin next spring.")
    shared = frozenset({"PERSON:Benjamin Netanyahu", "GPE:Haifa", "place:294801"})
    docs = [StoryDoc("b", day, other, entities=shared),
            StoryDoc("a", day, REPORT, entities=shared)]
    assert [[d.id for d in story] for story in cluster(docs)] == [["a", "b"]]
    assert [[d.id for d in s] for s in cluster(list(reversed(docs)))] == [["a", "b"]]
    # Without entities the weighted words still say it is the same happening (the words
    # they share are rare among the others) ...
    rain = StoryDoc("c", day, "Heavy rain closed schools across the north of the country, and "
               "farmers near Haifa said the harvest would be late this year.",
               entities=frozenset({"GPE:Haifa"}))
    bare = [StoryDoc("b", day, other), StoryDoc("a", day, REPORT), StoryDoc("c", day, rain.text)]
    assert [[d.id for d in story] for story in cluster(bare)] == [["a", "b"]]
    # ... and one shared name does not make another happening the same story.
    assert [[d.id for d in story] for story in cluster([*docs, rain])] == [["a", "b"]]


def test_cli_json(store_url: str) -> None:
    with Store.open(store_url) as store:
        store.add_many([
            make_article("r1", "2024-05-01", REPORT, NAMES, said_by="Benjamin Netanyahu"),
            make_article("r2", "2024-05-03", REPORT, {"Netanyahu": "PERSON", "Haifa": "GPE"}),
        ])
    result = runner.invoke(app, ["link", "--db", store_url])
    assert result.exit_code == 0, result.output
    assert "1 story" in result.output
    result = runner.invoke(app, ["timeline", "Netanyahu", "--db", store_url, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert [(r["period"], r["mentions"], r["quotes"]) for r in rows] == [
        ("2024-05-01", 1, 1), ("2024-05-02", 0, 0), ("2024-05-03", 1, 0)]
    result = runner.invoke(app, ["stories", "--db", store_url, "--format", "json",
                                 "--since", "2024-05-01"])
    assert result.exit_code == 0, result.output
    (story,) = json.loads(result.output)
    assert [a["id"] for a in story["articles"]] == ["r1", "r2"]
    result = runner.invoke(app, ["stories", "--db", store_url, "--format", "csv"])
    assert result.exit_code == 0 and result.output.startswith("id,first_day")
    result = runner.invoke(app, ["timeline", "Nobody", "--db", store_url])
    assert result.exit_code == 1


def _quoting(article_id: str, text: str, speaker: str, names: dict[str, str]) -> Article:
    """An article in which `speaker` says the first sentence (a quote spanning it)."""
    article = make_article(article_id, "2024-06-01", text, names)
    end = text.index(".") + 1
    start = text.rindex(speaker)
    article.quotes.append(Quote(
        start=0, end=end, text=text[:end], direct=True,
        speaker=SpeakerRef(start=start, end=start + len(speaker), text=speaker,
                           entity=next(e.id for e in article.entities if e.name == speaker))))
    return article


def test_network_of_one_entity(store: Store) -> None:
    store.add_many([
        _quoting("n1", "Olaf Scholz and Berlin will not wait. He said so, Anna Keller said.",
                 "Anna Keller", {"Olaf Scholz": "PERSON", "Berlin": "GPE",
                                 "Anna Keller": "PERSON"}),
        _quoting("n2", "Scholz is wrong. Keller told reporters in Berlin.", "Keller",
                 {"Scholz": "PERSON", "Keller": "PERSON", "Berlin": "GPE"}),
        _quoting("n3", "Keller is right. Olaf Scholz said.", "Olaf Scholz",
                 {"Keller": "PERSON", "Olaf Scholz": "PERSON"}),
    ])
    rebuild(store)
    talks = {(r["name"], r["type"]): (r["quotes"], r["articles"])
             for r in neighbours(store, "Anna Keller", "talks-about")}
    # Berlin in n2 is outside the quote; "Keller" is Anna Keller herself
    assert talks == {("Olaf Scholz", "PERSON"): (2, 2), ("Berlin", "GPE"): (1, 1)}
    by = neighbours(store, "keller", "talked-about-by")
    assert [(r["name"], r["quotes"]) for r in by] == [("Olaf Scholz", 1)]
    named_with = {r["name"]: r["articles"] for r in neighbours(store, "Anna Keller", "named-with")}
    assert named_with == {"Berlin": 2, "Olaf Scholz": 3}
    result = runner.invoke(app, ["network", "Keller", "--db", store.engine.url.render_as_string(
        hide_password=False), "--relation", "named-with", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert {row["name"] for row in json.loads(result.output)} == set(named_with)


def _subjects(store: Store) -> list[tuple]:
    qs = schema.quote_subjects
    with store.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(
            select(qs.c.speaker, qs.c.name, qs.c.type, qs.c.quotes, qs.c.articles)
            .order_by(qs.c.speaker, qs.c.name))]


def test_quote_subjects_kept_at_ingest_and_filled_for_older_stores(store: Store,
                                                                  store_url: str) -> None:
    """Who talks about whom is counted when articles are stored (a second quote in one
    article counts one more quote, not one more article), and migration 0009 fills it."""
    from sqlalchemy import text

    first = _quoting("s1", "Olaf Scholz and Berlin will not wait. Anna Keller said.",
                     "Anna Keller", {"Olaf Scholz": "PERSON", "Berlin": "GPE",
                                     "Anna Keller": "PERSON"})
    again = first.quotes[0].model_copy(update={"start": 0, "end": 11, "text": "Olaf Scholz"})
    first.quotes.append(again)
    store.add_many([first], batch_size=1)
    store.add_many([_quoting("s2", "Scholz is wrong. Keller said.", "Keller",
                             {"Scholz": "PERSON", "Keller": "PERSON"}), first], batch_size=1)
    expected = [("Anna Keller", "Berlin", "GPE", 1, 1),
                ("Anna Keller", "Olaf Scholz", "PERSON", 2, 1),
                ("Keller", "Scholz", "PERSON", 1, 1)]
    assert _subjects(store) == expected
    with store.engine.begin() as connection:
        connection.execute(text("DROP TABLE quote_subjects"))
        connection.execute(text("UPDATE alembic_version SET version_num = '0008'"))
    with Store.open(store_url) as reopened:
        assert _subjects(reopened) == expected


@pytest.mark.parametrize(("text", "key"), [
    ("Israeli Prime Minister", ("ISR", "prime minister")),
    ("Israel's prime minister", ("ISR", "prime minister")),
    ("the prime minister of Israel", ("ISR", "prime minister")),
    ("U.S. Secretary of State", ("USA", "secretary of state")),
    ("the CIA director", ("cia", "director")),
    ("the mayor of Lyon", ("lyon", "mayor")),
    ("Prime Minister", None),  # whose?
    ("Secretary of State", None),
    ("foreign minister", None),
    ("senior Arab negotiator", None),  # not an office
])
def test_office_keys(text: str, key: tuple[str, str] | None) -> None:
    from newsgraph.link.offices import office_key

    assert office_key(text) == key


def test_an_office_joins_its_one_holder() -> None:
    names = [("Jane Doe", "PERSON", 3), ("Spain's prime minister", "PERSON", 1),
             ("the French president", "PERSON", 1), ("Marc Roy", "PERSON", 1),
             ("Luc Brun", "PERSON", 1), ("Lyon's mayor", "PERSON", 1)]
    roles = {("Jane Doe", "PERSON"): ["Spanish Prime Minister"],
             ("Spain's prime minister", "PERSON"): ["Spain's prime minister"],
             ("the French president", "PERSON"): ["the French president"],
             ("Marc Roy", "PERSON"): ["French President"],
             ("Luc Brun", "PERSON"): ["President of France"],
             ("Lyon's mayor", "PERSON"): ["Lyon's mayor"]}
    aliases = {a.alias: a for a in build_aliases(names, roles=roles)}
    office = aliases["Spain's prime minister"]
    assert (office.canonical, office.rule, office.confidence) == ("Jane Doe", "role", 0.6)
    assert aliases["the French president"].canonical == "the French president"  # two holders
    assert aliases["Lyon's mayor"].canonical == "Lyon's mayor"  # no holder named
    assert aliases["Jane Doe"].canonical == "Jane Doe"


def test_office_in_one_article_links_to_the_holder_named_in_another(store: Store) -> None:
    """End to end: analysed articles, stored, linked; the quote's speaker finds its holder."""
    from newsgraph.ingest.sources import Source
    from newsgraph.pipeline import Analyzer

    sources = [
        Source(text="Spanish Prime Minister Ana Ruiz visited Lisbon on Monday. Ruiz said the "
                    "trade talks had gone well.", origin="a", id="ruiz1", published="2024-05-01"),
        Source(text="Spain's prime minister said on Tuesday that the border would stay open.",
               origin="b", id="ruiz2", published="2024-05-02"),
    ]
    store.add_many(Analyzer().analyze_batch(sources))
    rebuild(store)
    with store.engine.connect() as connection:
        office = connection.execute(select(schema.entity_aliases).where(
            schema.entity_aliases.c.alias == "Spain's prime minister")).one()
    assert (office.canonical, office.rule) == ("Ana Ruiz", "role")
    assert [row["quotes"] for row in timeline(store, "Ana Ruiz")] == [1, 1]


# -- incremental linking -------------------------------------------------------------------

def _words(rng: random.Random, n: int) -> list[str]:
    return ["".join(rng.choice("bcdfglmnprstvz") + rng.choice("aeiou") for _ in range(3))
            for _ in range(n)]


def _linked_state(store: Store) -> list[tuple[object, ...]]:
    """Every stored story with its articles, for comparing two ways of linking."""
    s, sa = schema.stories, schema.story_articles
    with store.engine.connect() as connection:
        members: dict[str, list[str]] = {}
        for row in connection.execute(select(sa.c.story_id, sa.c.article_id)):
            members.setdefault(row.story_id, []).append(row.article_id)
        stories = sorted((*row, sorted(members.pop(row.id))) for row in connection.execute(
            select(s.c.id, s.c.first_day, s.c.last_day, s.c.size, s.c.title, s.c.top_entities)))
    return [*stories, ("orphans", members)]


def _link_tables(store: Store) -> tuple[list[tuple[object, ...]], ...]:
    """The links and each article's nearest as stored."""
    e, n = schema.link_edges, schema.link_nearest
    with store.engine.connect() as connection:
        return (sorted(tuple(row) for row in connection.execute(select(e.c.a, e.c.b, e.c.rule))),
                sorted(tuple(row) for row in connection.execute(
                    select(n.c.article_id, n.c.nearest, n.c.similarity))))


def _same_as_a_full_rebuild(store: Store) -> list[tuple[object, ...]]:
    """The stories as linked now (with their links and each article's nearest), checked
    against those of a fresh full rebuild."""
    linked, tables = _linked_state(store), _link_tables(store)
    assert rebuild(store).full == "asked for"
    assert _linked_state(store) == linked
    assert _link_tables(store) == tables
    return linked


def _happenings(seed: int) -> list[Article]:
    """Reports of a few happenings over three weeks: near-copies, partial rewrites sharing
    entities, and unrelated texts naming the same people."""
    rng = random.Random(seed)
    people = [f"{first} {last}" for first, last in zip(
        ("Anna", "Marc", "Luc", "Jane", "Tom"), ("Keller", "Roy", "Brun", "Doe", "Vidal"),
        strict=True)]
    articles = []
    for h in range(6):
        base = _words(rng, 80)
        names = dict.fromkeys(rng.sample(people, 2), "PERSON") | {f"Town{h % 3}": "GPE"}
        start = date(2024, 5, 1 + 3 * h)
        for n in range(rng.randint(2, 5)):
            words = list(base)
            if rng.random() < 0.5:  # a partial rewrite: found through the shared entities
                words[40:] = _words(rng, 40)
            else:  # a near copy
                for i in rng.sample(range(80), 4):
                    words[i] = _words(rng, 1)[0]
            text = " ".join(words) + ". " + " ".join(names) + "."
            day = start + timedelta(days=rng.randint(0, 4))
            articles.append(make_article(f"h{h}n{n}", day.isoformat(), text, names))
        articles.append(make_article(f"u{h}", start.isoformat(), " ".join(_words(rng, 60))
                                     + ". " + " ".join(names) + ".", names))
    return articles


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_incremental_link_equals_a_full_rebuild(store: Store, seed: int) -> None:
    articles = _happenings(seed)
    random.Random(seed).shuffle(articles)
    third = len(articles) // 3
    first = update(store)
    assert first.full == "no previous link" and first.stories == 0
    for batch in (articles[:third], articles[third:2 * third], articles[2 * third:]):
        store.add_many(batch)
        summary = update(store)
        assert (summary.full, summary.added) == (None, len(batch))
        assert not is_stale(store)
    stories = _same_as_a_full_rebuild(store)
    assert len(stories) > 3


def test_a_new_article_merges_two_stories(store: Store) -> None:
    rng = random.Random(7)
    one, two = " ".join(_words(rng, 60)), " ".join(_words(rng, 60))
    names = {"Anna Keller": "PERSON", "Lyon": "GPE"}
    store.add_many([make_article("a1", "2024-05-01", one, names),
                    make_article("a2", "2024-05-02", one + " again", names),
                    make_article("b1", "2024-05-02", two, names),
                    make_article("b2", "2024-05-03", "so " + two, names)])
    update(store)
    assert [story[0] for story in _linked_state(store)[:-1]] == ["sa1", "sb1"]
    half = one.split()[:30] + two.split()[:30]  # some text of each, the same two entities
    store.add(make_article("c1", "2024-05-03", " ".join(half), names))
    summary = update(store)
    assert (summary.full, summary.stories, summary.clustered) == (None, 1, 5)
    (story, _) = _same_as_a_full_rebuild(store)
    assert story[0] == "sa1" and story[-1] == ["a1", "a2", "b1", "b2", "c1"]


def test_changed_aliases_and_crowded_entities_split_stored_stories(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # The entity rule alone: the weighted-term rule would propose and join these rewrites by
    # their words.
    monkeypatch.setattr(stories_module, "SIMILAR", 2.0)
    monkeypatch.setattr(stories_module, "HAPPENING_SIMILAR", 2.0)
    monkeypatch.setattr(stories_module, "NEAREST_SIMILAR", 2.0)
    monkeypatch.setattr(terms_module, "PROPOSE_TERMS", 0)
    rng = random.Random(11)
    words = _words(rng, 60)
    rewrite = words[:25] + _words(rng, 35)  # some text overlap: needs the shared entities
    store.add_many([
        make_article("k1", "2024-05-10", " ".join(words) + " Benjamin Netanyahu in Haifa.",
                     {"Benjamin Netanyahu": "PERSON", "Haifa": "GPE"}),
        make_article("k2", "2024-05-11", " ".join(rewrite) + " Netanyahu in Haifa.",
                     {"Netanyahu": "PERSON", "Haifa": "GPE"}),
        make_article("m1", "2024-06-10", " ".join(words) + " Anna Keller in Lyon.",
                     {"Anna Keller": "PERSON", "Lyon": "GPE"}),
        make_article("m2", "2024-06-11", " ".join(rewrite) + " Anna Keller in Lyon.",
                     {"Anna Keller": "PERSON", "Lyon": "GPE"}),
    ])
    update(store)
    assert [story[0] for story in _linked_state(store)[:-1]] == ["sk1", "sm1"]
    # Two Netanyahus now: "Netanyahu" no longer stands for Benjamin, k1 and k2 share one key.
    store.add(make_article("k3", "2024-08-01", "Sara Netanyahu arrived.",
                           {"Sara Netanyahu": "PERSON"}))
    assert update(store).full is None
    assert [story[0] for story in _linked_state(store)[:-1]] == ["sm1"]
    # Many more articles naming Anna Keller in Lyon the day before: too common a pair of
    # entities to propose m1 and m2, whose texts alone are too far apart.
    store.add_many([make_article(f"c{n:02}", "2024-06-09", " ".join(_words(rng, 30))
                                 + " Anna Keller in Lyon.", {"Anna Keller": "PERSON",
                                                             "Lyon": "GPE"})
                    for n in range(60)])
    assert update(store).full is None
    assert _same_as_a_full_rebuild(store) == [("orphans", {})]


def _delete(store: Store, article_id: str) -> None:
    """Delete one article and its rows, as an editor might in SQL."""
    with store.engine.begin() as connection:
        for table in (*schema.CHILD_TABLES, schema.story_articles, schema.articles):
            column = table.c.id if table is schema.articles else table.c.article_id
            connection.execute(delete(table).where(column == article_id))


def test_deleted_articles_and_link_full(store_url: str) -> None:
    rng = random.Random(5)
    text = " ".join(_words(rng, 60))
    with Store.open(store_url) as store:
        store.add_many([make_article(f"d{n}", f"2024-05-0{n}", text + f" {n}", NAMES)
                        for n in range(1, 5)])
    result = runner.invoke(app, ["link", "--db", store_url])
    assert result.exit_code == 0 and "full rebuild: no previous link" in result.output
    result = runner.invoke(app, ["link", "--db", store_url])
    assert "1 story(ies) over 4 article(s) (0 new article(s) added)" in result.output
    result = runner.invoke(app, ["link", "--db", store_url, "--full"])
    assert "full rebuild: asked for" in result.output
    result = runner.invoke(app, ["link", "--db", store_url, "--window", "1"])
    assert "full rebuild: the window changed from 3 to 1 days" in result.output
    result = runner.invoke(app, ["link", "--db", store_url])
    assert "full rebuild: the window changed from 1 to 3 days" in result.output
    with Store.open(store_url) as store:
        _delete(store, "d2")
        assert is_stale(store)
        summary = update(store)
        assert summary.full == "articles were deleted since the last link"
        assert _same_as_a_full_rebuild(store)[0][-1] == ["d1", "d3", "d4"]
        again = store.get("d4")
        _delete(store, "d4")  # and stored again under its id
        assert again is not None and store.add(again)
        assert update(store).full == "articles were stored again since the last link"
        assert _same_as_a_full_rebuild(store)[0][-1] == ["d1", "d3", "d4"]


def test_a_story_shows_its_outlets_who_broke_it_and_its_days(store: Store) -> None:
    rng = random.Random(3)
    story = " ".join(_words(rng, 80))
    sites = {"p1": ("2024-05-01", "wire.example"), "p2": ("2024-05-02", "daily.example"),
             "p3": ("2024-05-02", "wire.example")}
    store.add_many([
        make_article(i, day, story + f" {i} Anna Keller in Lyon.", {"Anna Keller": "PERSON"},
                     said_by="Anna Keller")
        .model_copy(update={"site": site, "title": f"headline {i}"})
        for i, (day, site) in sites.items()])
    rebuild(store)
    (row,) = stored_stories(store)
    assert row["outlets"] == [{"site": "wire.example", "articles": 2},
                              {"site": "daily.example", "articles": 1}]
    assert row["first"]["id"] == "p1"
    assert row["timeline"] == [{"day": "2024-05-01", "articles": 1},
                               {"day": "2024-05-02", "articles": 2}]
    assert row["title"] in {"headline p1", "headline p2", "headline p3"}
    (quotation,) = row["quotes"]  # the same words in all three: printed first by p1
    assert (quotation["speaker"], quotation["first"]["article_id"]) == ("Anna Keller", "p1")
    assert [q["article_id"] for q in quotation["repeats"]] == ["p2", "p3"]


def _nearest_rule_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Switch off the cosine, happening and named-event rules: only near-copies and the
    pairs of mutual nearest articles join."""
    for name in ("SIMILAR", "HAPPENING_SIMILAR", "EVENT_SIMILAR"):
        monkeypatch.setattr(stories_module, name, 2.0)


def test_mutual_nearest_articles_a_day_apart_are_one_story(
        monkeypatch: pytest.MonkeyPatch) -> None:
    _nearest_rule_only(monkeypatch)
    rng = random.Random(3)
    common = _words(rng, 30)

    def doc(article_id: str, day: int, shared: list[str]) -> StoryDoc:
        return StoryDoc(article_id, date(2024, 5, day), " ".join(shared + _words(rng, 60)))

    # b is a's nearest and a is b's: one story. c's nearest is b, but b's is a: c stays out.
    # d and e are each other's nearest, but two days apart.
    docs = [doc("a", 1, common[:20]), doc("b", 2, common), doc("c", 2, common[20:]),
            doc("d", 10, common), doc("e", 12, common)]
    assert [[d.id for d in story] for story in cluster(docs)] == [["a", "b"]]


def test_an_update_parts_mutual_nearest_articles_when_a_nearer_one_comes(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _nearest_rule_only(monkeypatch)
    rng = random.Random(4)
    common = _words(rng, 40)
    store.add_many([
        make_article("a", "2024-05-01", " ".join(common[:20] + _words(rng, 60)), {}),
        make_article("b", "2024-05-02", " ".join(common + _words(rng, 40)), {}),
        make_article("z", "2024-06-20", " ".join(_words(rng, 80)), {})])
    update(store)
    assert [story[-1] for story in _linked_state(store)[:-1]] == [["a", "b"]]
    # c is nearer to b than a is: b and c are each other's nearest now, a is left alone.
    store.add(make_article("c", "2024-05-02", " ".join(common + _words(rng, 40)), {}))
    assert update(store).full is None
    assert [story[-1] for story in _same_as_a_full_rebuild(store)[:-1]] == [["b", "c"]]


def test_an_update_looks_for_the_nearest_of_a_stored_partner_among_all_its_candidates(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    _nearest_rule_only(monkeypatch)
    rng = random.Random(5)
    common = _words(rng, 40)
    store.add_many([
        make_article("a", "2024-05-01", " ".join(common + _words(rng, 40)), {}),
        make_article("b", "2024-05-02", " ".join(common + _words(rng, 40)), {}),
        make_article("z", "2024-06-20", " ".join(_words(rng, 80)), {})])
    update(store)
    # c's nearest is b, but b's is still a (which the update does not compare with c).
    store.add(make_article("c", "2024-05-02", " ".join(common[:20] + _words(rng, 60)), {}))
    assert update(store).full is None
    assert [story[-1] for story in _same_as_a_full_rebuild(store)[:-1]] == [["a", "b"]]


def _rewrites(seed: int) -> list[Article]:
    """Reports of a few happenings that keep more or less of one text (a third to three
    quarters of it), some naming nobody: many are joined by the nearest rule alone."""
    rng = random.Random(seed)
    articles = []
    for h in range(5):
        base = _words(rng, 80)
        for n in range(rng.randint(2, 5)):
            kept = rng.randint(25, 60)
            text = " ".join(base[:kept] + _words(rng, 80 - kept))
            names = {f"Port{h}": "GPE", "Ines Marek": "PERSON"} if rng.random() < 0.5 else {}
            day = date(2024, 5, 2 + 3 * h) + timedelta(days=rng.randint(0, 3))
            articles.append(make_article(f"r{h}n{n}", day.isoformat(),
                                         f"{text}. {' '.join(names)}.", names))
    return articles


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_incremental_link_with_many_nearest_pairs_equals_a_full_rebuild(
        store: Store, monkeypatch: pytest.MonkeyPatch, seed: int) -> None:
    # A low cosine for the nearest rule, so that most articles have a nearest and new ones
    # part many pairs; every other batch, only the near-copies and the nearest rule join.
    if seed % 2:
        _nearest_rule_only(monkeypatch)
    monkeypatch.setattr(stories_module, "NEAREST_SIMILAR", 0.03)
    monkeypatch.setattr(stories_module, "MAX_POSTINGS", 2 if seed > 2 else 50)
    articles = _happenings(seed) + _rewrites(seed)
    random.Random(seed).shuffle(articles)
    quarter = len(articles) // 4
    store.add_many(articles[:quarter])
    assert update(store).full == "no previous link"  # the term weights fitted on these
    for start in range(quarter, len(articles), quarter):
        store.add_many(articles[start:start + quarter])
        assert update(store).full is None
    edges, nearest = _link_tables(store)
    assert nearest and (any(not rule for *_, rule in edges) or not seed % 2)
    _same_as_a_full_rebuild(store)


def test_an_update_that_parts_a_pair_reads_only_the_days_around_the_new_article(
        store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(6)
    base = _words(rng, 80)

    def variant(changes: int) -> list[str]:
        words = list(base)
        for i in rng.sample(range(80), changes):
            words[i] = _words(rng, 1)[0]
        return words

    # A story of near-copies two days apart from May 1 to 9; x and y (May 10 and 11) are
    # near-copies of it too and each other's nearest (one word apart). An unrelated piece
    # comes out on May 2.
    chain = [make_article(f"c{n}", f"2024-05-{2 * n - 1:02d}", " ".join(variant(4)), {})
             for n in range(1, 6)]
    x_words = variant(4)
    y_words = list(x_words)
    y_words[0] = _words(rng, 1)[0]
    store.add_many([*chain, make_article("x", "2024-05-10", " ".join(x_words), {}),
                    make_article("y", "2024-05-11", " ".join(y_words), {}),
                    make_article("u", "2024-05-02", " ".join(_words(rng, 80)), {})])
    update(store)
    edges, nearest = _link_tables(store)
    assert ("x", "y", True) in edges
    assert {row[:2] for row in nearest} >= {("x", "y"), ("y", "x")}
    # z, a copy of x, is x's nearest now: x and y are no longer a pair, but stay linked as
    # near-copies; the story is not clustered again, so the days of its first articles are
    # not read.
    read: list[str] = []
    prepare = build_module.prepare

    def spy(doc: StoryDoc, weights: object) -> StoryDoc:
        read.append(doc.id)
        return prepare(doc, weights)

    monkeypatch.setattr(build_module, "prepare", spy)
    store.add(make_article("z", "2024-05-11", " ".join(x_words), {}))
    assert update(store).full is None
    assert "u" not in read
    stories = _same_as_a_full_rebuild(store)
    assert [story[-1] for story in stories[:-1]] == [["c1", "c2", "c3", "c4", "c5", "x", "y",
                                                     "z"]]
    assert {row[:2] for row in _link_tables(store)[1]} >= {("x", "z"), ("z", "x"), ("y", "x")}
