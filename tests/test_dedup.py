"""Near-duplicates: wire copies and updates link to the first article; other stories do not."""

from __future__ import annotations

from newsgraph.ingest.dedup import NearDuplicates, mark_duplicates
from newsgraph.ingest.sources import Failure, Source
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
    items = [Source(STORY, "a.html", id="1"), Failure("b.html", "empty page"),
             Source(STORY + " Updated at 10:00.", "c.html"), Source(OTHER, "d.html")]
    marked = list(mark_duplicates(items))
    assert marked == items
    assert [getattr(item, "duplicate_of", None) for item in marked] == [None, None, "1", None]
