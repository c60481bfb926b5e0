"""Near-duplicates: wire copies and updates link to the canonical article (the earliest,
then the smallest content hash), whatever the input order; other stories do not."""

from __future__ import annotations

import itertools
import json
import random
from pathlib import Path

from typer.testing import CliRunner

from newsgraph.ingest.dedup import NearDuplicates, mark_duplicates
from newsgraph.ingest.sources import Failure, Source
from newsgraph.model import content_id
from tests.test_html import PARAGRAPHS

STORY = "\n\n".join(PARAGRAPHS)
OTHER = ("Heavy rain flooded parts of the old town on Sunday night, and firefighters pumped "
         "water out of more than sixty cellars. The weather service expects more storms on "
         "Wednesday and has asked residents near the river to move cars to higher ground. "
         "Schools in two districts will stay closed on Monday while crews clear the roads.")


def test_wire_copy_and_update_link_to_the_first() -> None:
    index = NearDuplicates()
    assert index.check("original", STORY) is None
    syndicated = "By Staff Writer, Reuters\n\n" + STORY + "\n\nEditing by John Smith."
    assert index.check("copy", syndicated) == "original"
    update = STORY.replace("next spring", "in March next year") + \
        " The vote was 31 to 12, with two abstentions."
    assert index.check("update", update) == "original"
    assert index.check("other", OTHER) is None
    assert len(index) == 2


def test_same_topic_different_story_is_not_a_duplicate() -> None:
    index = NearDuplicates()
    index.check("a", STORY)
    rewrite = ("Councillors backed a plan for four more tram stops in the north on Tuesday. "
               "Keller, the mayor, expects building work to begin in spring and says tens of "
               "thousands of bus riders will benefit. Critics wanted the money for schools.")
    assert index.check("b", rewrite) is None


def test_mark_duplicates_passes_everything_through() -> None:
    items = [Source(STORY, "a.html", id="1", published="2024-05-01"),
             Failure("b.html", "empty page"),
             Source(STORY + " Updated at 10:00.", "c.html", published="2024-05-02"),
             Source(OTHER, "d.html")]
    marked = list(mark_duplicates(items))
    assert [(type(item), item.origin) for item in marked] == \
        [(type(item), item.origin) for item in items]
    assert [getattr(item, "duplicate_of", None) for item in marked] == [None, None, "1", None]


#: Copies of one story: a wire copy (longer), an update, a re-crawl; the update and the
#: wire copy are each near the original but not near each other in every order.
COPIES = {
    "original": STORY,
    "wire": "By Staff Writer, Reuters\n\n" + STORY + "\n\nEditing by John Smith.",
    "update": STORY.replace("next spring", "in March next year") +
    " The vote was 31 to 12, with two abstentions.",
    "recrawl": STORY + "\n\nShare this article.",
}


def marks(sources: list[Source]) -> dict[str, str | None]:
    return {item.origin: item.duplicate_of for item in mark_duplicates(sources)}


def test_the_canonical_copy_does_not_depend_on_the_input_order() -> None:
    sources = [Source(text, name) for name, text in COPIES.items()]
    sources.append(Source(OTHER, "other"))
    expected = marks([Source(s.text, s.origin) for s in sources])
    # Undated: the smallest content hash is canonical; the update is near the original
    # but not near that copy, so it stands alone (in every order, not only in some).
    canonical = min(COPIES, key=lambda name: content_id(COPIES[name]))
    assert canonical == "recrawl"
    assert expected == {"original": content_id(COPIES["recrawl"]),
                        "wire": content_id(COPIES["recrawl"]), "recrawl": None,
                        "update": None, "other": None}
    for order in itertools.permutations(range(len(sources))):
        shuffled = [Source(sources[i].text, sources[i].origin) for i in order]
        assert marks(shuffled) == expected, order


def test_the_earliest_copy_is_canonical_and_undated_copies_come_last() -> None:
    dated = [Source(COPIES["wire"], "wire", published="2024-05-03"),
             Source(COPIES["recrawl"], "recrawl"),
             Source(COPIES["original"], "original", id="orig-1", published="2024-05-01"),
             Source(COPIES["update"], "update", published="2024-05-02")]
    for order in (dated, dated[::-1]):
        result = marks([Source(s.text, s.origin, id=s.id, published=s.published)
                        for s in order])
        assert result == {"original": None, "wire": "orig-1", "recrawl": "orig-1",
                          "update": "orig-1"}


def test_ingest_stores_the_same_articles_in_any_order(tmp_path: Path, store_databases) -> None:
    from newsgraph.cli import app
    from newsgraph.store import Store

    rows = [{"text": text, "published": "2024-05-0" + str(1 + n % 2)}
            for n, text in enumerate([*COPIES.values(), OTHER])]
    stored = []
    for number, order in enumerate([rows, rows[::-1], random.Random(7).sample(rows, len(rows))]):
        path = tmp_path / f"input{number}.jsonl"
        path.write_text("".join(json.dumps(row) + "\n" for row in order), encoding="utf-8")
        url = store_databases.new()
        result = CliRunner().invoke(app, ["ingest", str(path), "--db", url])
        assert result.exit_code == 0, result.stderr
        with Store.open(url, create=False) as store:
            stored.append(sorted((store.get(i).id, store.get(i).duplicate_of,
                                  bool(store.get(i).entities)) for i in store.iter_ids()))
    assert stored[0] == stored[1] == stored[2]
    assert sum(1 for _, duplicate_of, _ in stored[0] if duplicate_of) >= 2
