"""Stories by happening (issue 21): weighted terms, happening keys, the story scores."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from newsgraph.eval.stories import read_gold, score, tfidf_baseline
from newsgraph.link import cluster
from newsgraph.link.stories import StoryDoc
from newsgraph.link.terms import (
    LEAD_BOOST,
    LEAD_WORDS,
    TITLE_BOOST,
    TermWeights,
    happening_keys,
    words,
)

GOLD_DIR = Path(__file__).resolve().parents[2] / "shared" / "eval" / "stories"
OUR_WINDOW = (Path(__file__).resolve().parents[1] / "src" / "newsgraph" / "data"
              / "stories_polnear_aug2016.jsonl")
THIRD_WINDOW = OUR_WINDOW.with_name("stories_polnear_jul2016.jsonl")
FOURTH_WINDOW = OUR_WINDOW.with_name("stories_polnear_jun2016.jsonl")
FIFTH_WINDOW = OUR_WINDOW.with_name("stories_polnear_may2016.jsonl")
SIXTH_WINDOW = OUR_WINDOW.with_name("stories_polnear_apr2016.jsonl")


def test_words_drop_stop_words_and_possessives() -> None:
    assert words("The senator’s plan: Okafor's DEBATE of 2016, and it is on.") == [
        "senator", "plan", "okafor", "debate"]


def _keys(text: str, phrase: str, day: str) -> set[str]:
    start = text.index(phrase)
    return happening_keys(text, [(start, start + len(phrase), day)])


@pytest.mark.parametrize(("text", "phrase", "key"), [
    ("Ndlovu prepared for Monday's debate at Marston.", "Monday", "H:debate@2016-09-26"),
    ("Ratings of Monday night's debate were high.", "Monday", "H:debate@2016-09-26"),
    ("She spoke during the first presidential debate on Monday.", "Monday",
     "H:debate@2016-09-26"),
    ("Polls since the Sept. 26 debate moved little.", "Sept. 26", "H:debate@2016-09-26"),
])
def test_happening_keys_name_what_happened_that_day(text: str, phrase: str, key: str) -> None:
    assert key in _keys(text, phrase, "2016-09-26")


def test_no_happening_key_without_a_noun_tied_to_the_day() -> None:
    assert _keys("He said on Monday that he would win.", "Monday", "2016-09-26") == set()
    assert _keys("It rained Monday and Tuesday.", "Monday", "2016-09-26") == set()


def _filler(count: int) -> str:
    return " ".join(f"word{chr(97 + n % 26)}{chr(97 + n // 26)}" for n in range(count))


def test_the_lead_words_count_once_more() -> None:
    text = f"Flooding closed the harbour road. {_filler(LEAD_WORDS)} Flooding reached the mill."
    doc = StoryDoc("a", DAY, text, "Storm news")
    counts = doc.word_counts()
    assert counts["harbour"] == 1 + LEAD_BOOST  # in the lead
    assert counts["mill"] == 1  # after it
    assert counts["flooding"] == 2 + LEAD_BOOST  # once more, however often the lead has it
    assert counts["storm"] == TITLE_BOOST  # only in the headline


def test_the_main_happening_is_chosen_without_the_lead_boost() -> None:
    # The lead names a tweet twice, the rest of the report a debate three times: the debate
    # is what the report is about, although the lead's extra count ties the two nouns.
    text = (f"A tweet and another tweet came first. {_filler(LEAD_WORDS)} The debate, the "
            "debate and the debate came later.")
    happenings = frozenset({"H:tweet@2016-09-24", "H:debate@2016-09-26"})
    doc = StoryDoc("a", DAY, text, happenings=happenings)
    weights = TermWeights.fit([doc.terms()])
    vector = doc.weighted(weights)
    assert vector["tweet"] == vector["debate"]
    assert doc.salient == {"H:debate@2016-09-26"}


def test_rare_terms_weigh_more_and_weights_round_trip() -> None:
    weights = TermWeights.fit([{"ndlovu", "debate"}, {"ndlovu", "marston"}, {"ndlovu", "debate"},
                               {"ndlovu", "rain"}])
    assert weights.idf("marston") > weights.idf("debate") > weights.idf("ndlovu")
    again = TermWeights.from_json(weights.to_json())
    assert again == weights
    assert again.idf("never-seen") == weights.idf("marston")  # unseen: as rare as df 1


DAY = date(2016, 9, 27)
DEBATE = ("Brook and Ndlovu clashed over taxes, trade and race at Marston College in the "
          "first presidential debate, moderated by Ana Ruiz, as viewers watched.")
RETELLING = ("At Marston, Ana Ruiz asked about race; Ndlovu and Brook traded barbs over "
             "taxes and trade in their first debate, watched by millions.")
STADIUM = ("The city council approved a new football stadium near the river after a long "
           "meeting, and the mayor promised jobs and parking for the neighbourhood.")
RAIN = ("Heavy rain flooded roads in the north, farmers said the harvest would be late, and "
        "schools closed for the week while engineers inspected the bridges.")


def test_other_words_for_one_happening_join_and_other_happenings_stay_apart() -> None:
    docs = [StoryDoc("a", DAY, DEBATE), StoryDoc("b", DAY, RETELLING),
            StoryDoc("c", DAY, STADIUM), StoryDoc("d", DAY, RAIN)]
    assert [[d.id for d in story] for story in cluster(docs)] == [["a", "b"]]


def test_a_shared_happening_key_joins_weakly_similar_reports() -> None:
    one = "Critics said the debate moderator was unfair to the candidate on stage; " + STADIUM
    two = "The candidate on stage drew praise after the debate from supporters; " + RAIN
    key = frozenset({"H:debate@2016-09-26"})
    plain = [StoryDoc("a", DAY, one), StoryDoc("b", DAY, two)]
    assert cluster(plain) == []
    keyed = [StoryDoc("a", DAY, one, happenings=key), StoryDoc("b", DAY, two, happenings=key)]
    assert [[d.id for d in story] for story in cluster(keyed)] == [["a", "b"]]


def test_a_happening_named_in_passing_does_not_join(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsgraph.link import stories as stories_module
    from newsgraph.link.terms import cosine

    monkeypatch.setattr(stories_module, "SALIENT_TERMS", 5)
    one = "Critics said the debate moderator was unfair to the candidate on stage; " + STADIUM
    # Mostly about floods; names the debate once, behind five heavier words.
    two = ("The candidate on stage drew praise after the debate from supporters. Flooded "
           "roads, flooded farms, flooded schools: farmers and engineers say the flooded "
           "bridges and flooded roads will close the schools again; " + RAIN)
    key = frozenset({"H:debate@2016-09-26"})
    docs = [StoryDoc("a", DAY, one, "Debate moderator criticised", happenings=key),
            StoryDoc("b", DAY, two, happenings=key)]
    weights = TermWeights.fit(doc.terms() for doc in docs)
    assert cluster(docs, weights=weights) == []
    assert docs[0].salient == key and docs[1].salient == frozenset()
    assert docs[0].vector is not None and docs[1].vector is not None
    assert .05 <= cosine(docs[0].vector, docs[1].vector) < .15  # the happening rule's range


def test_a_round_up_joins_the_story_of_its_main_happening_only() -> None:
    from newsgraph.link.terms import cosine

    one = "Critics said the debate moderator was unfair to the candidate on stage; " + STADIUM
    # A round-up: mostly the rally, the debate one item among others.
    two = ("The candidate on stage drew praise after the debate from supporters. At the rally "
           "the crowd cheered; the rally ran late, the rally stage was loud and rally goers "
           "waited for the rally to end; " + RAIN)
    debate = "H:debate@2016-09-26"
    docs = [StoryDoc("a", DAY, one, happenings=frozenset({debate})),
            StoryDoc("b", DAY, two, happenings=frozenset({debate, "H:rally@2016-09-27"}))]
    weights = TermWeights.fit(doc.terms() for doc in docs)
    assert cluster(docs, weights=weights) == []
    assert docs[1].salient == {"H:rally@2016-09-27"}
    assert docs[0].vector is not None and docs[1].vector is not None
    assert .05 <= cosine(docs[0].vector, docs[1].vector) < .15  # the happening rule's range
    # The same round-up with the debate as its main happening joins.
    only = [StoryDoc("a", DAY, one, happenings=frozenset({debate})),
            StoryDoc("b", DAY, two, happenings=frozenset({debate}))]
    assert [[d.id for d in story] for story in cluster(only, weights=weights)] == [["a", "b"]]


def test_scores_count_pairs_and_b_cubed() -> None:
    gold = {"a": "x", "b": "x", "c": "x", "d": "_single:d"}
    scores = score(gold, {"a": "s1", "b": "s1", "d": "s1"})
    assert (scores.gold_pairs, scores.pred_pairs) == (3, 3)
    assert (scores.pair_precision, scores.pair_recall) == (1 / 3, 1 / 3)
    nothing = score(gold, {})
    assert (nothing.pair_f1, nothing.pred_pairs) == (0.0, 0)


def test_tfidf_baseline_links_within_its_days_only() -> None:
    texts = {"a": (DAY, DEBATE), "b": (date(2016, 9, 28), RETELLING),
             "c": (date(2016, 10, 9), DEBATE), "d": (DAY, RAIN)}
    labels = tfidf_baseline(texts)
    assert labels["a"] == labels["b"] != labels["c"]
    assert labels["d"] not in {labels["a"], labels["c"]}


def test_our_window_is_ids_and_labels_only() -> None:
    rows = [json.loads(line) for line in OUR_WINDOW.read_text().splitlines()]
    assert len(rows) == 77 and all(set(row) == {"id", "window", "story", "confidence"}
                                   for row in rows)
    gold = read_gold(OUR_WINDOW, "B")
    assert sum(1 for i in gold if not gold[i].startswith("_single:")) == 21


def test_the_third_window_is_ids_and_labels_only() -> None:
    rows = [json.loads(line) for line in THIRD_WINDOW.read_text().splitlines()]
    assert len(rows) == 86 and all(set(row) == {"id", "window", "story", "confidence"}
                                   for row in rows)
    assert {row["window"] for row in rows} == {"C"}
    gold = read_gold(THIRD_WINDOW, "C")
    assert score(gold, {}).gold_pairs == 212  # 229 before the correction in its .md


def test_the_fourth_window_is_ids_and_labels_only() -> None:
    rows = [json.loads(line) for line in FOURTH_WINDOW.read_text().splitlines()]
    assert len(rows) == 90 and all(set(row) == {"id", "window", "story", "confidence"}
                                   for row in rows)
    assert {row["window"] for row in rows} == {"D"}
    assert score(read_gold(FOURTH_WINDOW, "D"), {}).gold_pairs == 69


def test_the_fifth_window_is_ids_and_labels_only() -> None:
    rows = [json.loads(line) for line in FIFTH_WINDOW.read_text().splitlines()]
    assert len(rows) == 81 and all(set(row) == {"id", "window", "story", "confidence"}
                                   for row in rows)
    assert {row["window"] for row in rows} == {"E"}
    assert score(read_gold(FIFTH_WINDOW, "E"), {}).gold_pairs == 20


def test_the_sixth_window_is_ids_and_labels_only() -> None:
    rows = [json.loads(line) for line in SIXTH_WINDOW.read_text().splitlines()]
    assert len(rows) == 85 and all(set(row) == {"id", "window", "story", "confidence"}
                                   for row in rows)
    assert {row["window"] for row in rows} == {"F"}
    assert score(read_gold(SIXTH_WINDOW, "F"), {}).gold_pairs == 33


@pytest.mark.skipif(not (GOLD_DIR / "score_stories.py").is_file(),
                    reason="../shared/eval/stories is absent")
def test_scores_agree_with_the_gold_sets_scorer(tmp_path: Path) -> None:
    gold_file = GOLD_DIR / "polnear_stories_dev.jsonl"
    gold = read_gold(gold_file)
    ids = sorted(gold)
    # A made-up prediction: every run of five articles (in id order) one story.
    stories = [{"id": f"s{n}", "articles": [{"id": i} for i in ids[n:n + 5]]}
               for n in range(0, len(ids), 5)]
    pred_file = tmp_path / "pred.json"
    pred_file.write_text(json.dumps(stories))
    out = subprocess.run([sys.executable, str(GOLD_DIR / "score_stories.py"), str(gold_file),
                          str(pred_file), "--json"], capture_output=True, text=True, check=True)
    theirs = json.loads(out.stdout)
    ours = score(gold, {a["id"]: s["id"] for s in stories for a in s["articles"]}).to_dict()
    assert ours == theirs


def test_the_story_title_is_its_most_central_headline() -> None:
    from newsgraph.link.stories import central_title

    docs = [StoryDoc("x", DAY, "", "Off to the side"), StoryDoc("y", DAY, "", "The middle"),
            StoryDoc("z", DAY, "", "Other side")]
    docs[0].vector, docs[1].vector, docs[2].vector = (
        {"left": 1.0}, {"left": 0.6, "right": 0.8}, {"right": 1.0})
    assert central_title(docs) == "The middle"


def test_one_quotation_trimmed_or_repunctuated_is_one_with_its_first_appearance() -> None:
    from newsgraph.link.provenance import group_quotes

    said = "We will fight with our fingernails if we have to, and we will win."
    quotes = [
        {"article_id": "later", "published": "2024-05-11", "text": said.upper().replace(",", ""),
         "speaker_name": None},
        {"article_id": "first", "published": "2024-05-10", "text": f"“{said}”",
         "speaker_name": "Benjamin Netanyahu"},
        {"article_id": "trim", "published": "2024-05-12",
         "text": "fight with our fingernails if we have to", "speaker_name": "Netanyahu"},
        {"article_id": "short", "published": "2024-05-12", "text": "we will win",
         "speaker_name": None},  # too few words to be the same quotation when trimmed
        {"article_id": "other", "published": "2024-05-10", "text": "Talks have stalled.",
         "speaker_name": "A negotiator"},
    ]
    (carried, *alone) = group_quotes(quotes)
    assert carried["first"]["article_id"] == "first"
    assert [q["article_id"] for q in carried["repeats"]] == ["later", "trim"]
    assert carried["speaker"] == "Benjamin Netanyahu"
    assert sorted(g["first"]["article_id"] for g in alone) == ["other", "short"]


def test_the_window_compares_an_article_with_many_as_the_pairwise_measures_do() -> None:
    from newsgraph.ingest.dedup import minhash
    from newsgraph.link.stories import NUM_PERM, SHINGLE, _Window, prepare
    from newsgraph.link.terms import cosine

    texts = ["The harbour board approved a second ferry pier after a long night of debate.",
             "A second ferry pier won the harbour board's approval after a long debate.",
             "Orchard growers expect a thin apple harvest after the late frost.",
             "",  # no terms at all: cosine 0 with everything
             "The harbour board approved a second ferry pier after a long night of debate."]
    docs = [StoryDoc(f"d{n}", date(2024, 5, 10), text, None) for n, text in enumerate(texts)]
    weights = TermWeights.fit(doc.terms() for doc in docs)
    expected_jaccard = [minhash(doc.text, NUM_PERM, SHINGLE).jaccard(
        minhash(docs[0].text, NUM_PERM, SHINGLE)) for doc in docs[1:]]
    for doc in docs:
        prepare(doc, weights)
    window = _Window(weights)
    others = docs[1:]
    found = window.cosines(docs[0], others, 3).tolist()
    assert found == pytest.approx([cosine(docs[0].vector, o.vector) for o in others[:3]] + [0])
    assert found[0] > found[1] and found[2] == 0.0
    assert window.text_similarities(docs[0], others).tolist() == expected_jaccard
    assert expected_jaccard[-1] == 1.0
