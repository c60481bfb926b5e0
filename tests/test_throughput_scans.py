"""Speed-ups of the whole-document scans (speed pass four) that must not change any output:
each shortcut against the plain reading it replaces, on sentences written for these tests."""

from __future__ import annotations

from newsgraph.stages.entities import Cluster, EntityBuilder, join_short_names
from newsgraph.stages.quote_marks import find_marked
from newsgraph.stages.reported import report_candidates
from newsgraph.stages.speech_nouns import ALL_NOUNS
from newsgraph.stages.stance import STANCE_ADJECTIVES

MARKS_TEXT = (
    "The harbour master's view was plain: “We close at dusk,” she said. It's the rule.\n\n"
    "Her deputy added, \"Boats that stay out pay twice.\" Nobody's sure it's enforced.\n\n"
    "The sign said ''keep left'' in red.\n\n"
    "“The first paragraph of a long statement.\n\n“And its last paragraph.”"
)


def test_mark_scan_finds_every_kind_of_mark_among_apostrophes() -> None:
    found = [(MARKS_TEXT[m.start:m.end], m.left, m.right, len(m.pieces))
             for m in find_marked(MARKS_TEXT)]
    assert found == [
        ("We close at dusk,", 1, 1, 1),
        ("Boats that stay out pay twice.", 1, 1, 1),
        ("keep left", 2, 2, 1),
        ("The first paragraph of a long statement.\n\n“And its last paragraph.", 1, 1, 2),
    ]


def test_mark_scan_without_any_mark_or_with_only_apostrophes() -> None:
    assert find_marked("") == []
    assert find_marked("The ferry's engine, the crew's pay and the port's fees.") == []
    assert find_marked("An opening mark “ with no end\n\nand a new paragraph.") == []


REPORT_TEXT = (
    "According to the ferry company, the crossing will reopen. The mayor said the fares were "
    "fair, and critics were sceptical that the timetable would hold. Her claim that the port "
    "was safe, as officials argued, drew a reply. The tall blue boat is a pleasant sight."
)


def test_report_candidates_are_the_tokens_the_attribution_tests_can_use(nlp) -> None:
    from newsgraph.stages import cues
    from newsgraph.stages.reported import VERB_USES, repaired_lemma

    doc = nlp(REPORT_TEXT)
    plain = [t.i for t in doc if t.lower_ in {"according", "as"}
             or (t.pos_ in {"VERB", "AUX"} and (repaired_lemma(t) in VERB_USES
                                                or t.lemma_.lower() in cues.PREP_CUE_VERBS))
             or (t.pos_ == "ADJ" and t.lemma_.lower() in STANCE_ADJECTIVES)
             or (t.pos_ == "NOUN" and t.lemma_.lower() in ALL_NOUNS)]
    assert report_candidates(doc) == plain
    kept = {doc[i].lower_ for i in plain}
    assert {"according", "as", "said", "claim", "argued"} <= kept
    assert not {"boat", "tall", "sight", "company", "reopen", "drew"} & kept


def test_reported_speech_from_candidates_is_reported_speech_from_every_token(
        parse, monkeypatch) -> None:
    from datetime import date

    from newsgraph.geo.gazetteer import load_gazetteer
    from newsgraph.stages import reported
    from newsgraph.stages.dates import add_dates
    from newsgraph.stages.entities import add_entities
    from newsgraph.stages.quotes import QuoteFinder

    document = parse(REPORT_TEXT + " Analysts hoped the deal would last, the minister "
                     "warned against delays and the union called for talks.", date(2024, 5, 10))
    add_entities(document, load_gazetteer())
    add_dates(document)

    def readable(found):
        return [(content, a.cue.i if a.cue is not None else None,
                 a.speaker.i if a.speaker is not None else None, a.by_object)
                for content, a in found]

    fast = readable(QuoteFinder(document).reported())
    monkeypatch.setattr(reported, "report_candidates", lambda doc: range(len(doc)))
    assert readable(QuoteFinder(document).reported()) == fast
    assert len(fast) >= 4


def test_clusters_compare_by_identity() -> None:
    first, second = Cluster("doe"), Cluster("doe")
    assert first != second and first == first
    assert len({first, second}) == 2


def test_a_surname_joins_the_one_full_name() -> None:
    builder = EntityBuilder()
    for key, form, start in (("doe", "Doe", 0), ("jane doe", "Jane Doe", 10),
                             ("smith", "Smith", 30)):
        cluster = Cluster(key)
        cluster.labels["PERSON"] += 1
        cluster.forms.append(form)
        cluster.add(start, start + len(form), form, "name", ())
        builder.clusters.append(cluster)
    _short, full, other = builder.clusters
    join_short_names(builder)
    assert builder.clusters == [full, other]
    assert [m[2] for m in full.mentions] == ["Jane Doe", "Doe"]


TRIGGER_TEXT = (
    "Rebels shelled the northern town on Monday, and the army cordoned off the valley. "
    "The ministers met in Geneva and signed a truce; protesters marched and the police "
    "arrested twelve of them. Officials condemned the attacks and urged calm."
)


def test_trigger_positions_are_the_tokens_that_may_trigger(nlp) -> None:
    from newsgraph.stages.doc_tables import token_table
    from newsgraph.stages.events.triggers import may_trigger, trigger_positions

    doc = nlp(TRIGGER_TEXT)
    assert token_table(doc).fine_tags == [t.tag_ for t in doc]
    positions = trigger_positions(doc)
    assert positions == [t.i for t in doc if may_trigger(t)]
    assert {"shelled", "arrested", "condemned"} <= {doc[i].lower_ for i in positions}


def test_folded_lemmas_are_the_lowercase_lemmas(nlp) -> None:
    from newsgraph.stages.doc_tables import token_table

    doc = nlp("The Senators' SPEECHES moved Geneva; Officials said it was Done.")
    assert token_table(doc).folded_lemmas == [t.lemma_.lower() for t in doc]


def test_cue_words_read_from_the_table_are_the_cue_verbs(nlp) -> None:
    from newsgraph.stages.doc_tables import token_table
    from newsgraph.stages.quote_syntax import is_cue_verb, is_cue_word

    doc = nlp("“We will wait,” the minister said, and her aide added: “Nothing is decided.”")
    table = token_table(doc)
    assert [is_cue_word(table.tags[t.i], table.folded_lemmas[t.i]) for t in doc] == \
        [is_cue_verb(t) for t in doc]
    assert {t.lower_ for t in doc if is_cue_verb(t)} >= {"said", "added"}


def test_known_strings_stay_bounded_and_right(nlp, monkeypatch) -> None:
    from newsgraph.stages import doc_tables

    monkeypatch.setattr(doc_tables, "_known_strings", {})
    monkeypatch.setattr(doc_tables, "KNOWN_STRINGS_LIMIT", 12)
    first = nlp("Ferries left the harbour at dawn and returned at dusk.")
    second = nlp("A different sentence with other words entirely, about trains.")
    for doc in (first, second, first):
        table = doc_tables.TokenTable(doc)  # a fresh table: columns read again
        assert table.texts == [t.text for t in doc]
        assert table.lemmas == [t.lemma_ for t in doc]
        assert len(doc_tables._known_strings) <= max(12, 2 * len(doc))


def test_the_last_table_is_found_again_and_never_for_another_parse(nlp) -> None:
    import gc

    from newsgraph.stages.doc_tables import token_table

    first, second = nlp("One short line."), nlp("Another short line.")
    assert token_table(first) is token_table(first)
    assert token_table(second) is not token_table(first)
    assert token_table(second).texts == [t.text for t in second]
    kept = token_table(second)
    del second
    gc.collect()
    third = nlp("A third line, parsed after the second one is gone.")
    assert token_table(third) is not kept
    assert token_table(third).texts == [t.text for t in third]


def test_analyzers_of_one_process_share_the_loaded_models() -> None:
    from datetime import date

    from newsgraph.resources import Resources

    first, second = Resources(date(2024, 5, 10)), Resources(date(2024, 5, 11))
    assert first.tone_lexicon is second.tone_lexicon
    assert first.portrayal_model is second.portrayal_model
    assert first.tone_lexicon.compound("A fine, happy day.") > 0


def test_number_starts_skip_only_words_no_pattern_can_match(nlp) -> None:
    from newsgraph.stages import amounts

    doc = nlp("Some 2.5bn, .75 and 1,200 boats; ٣ or ² or ½ of 12k crews, twelve more, x9 and 9x.")
    plain = [bool(amounts._DIGITS.match(t.text) or amounts._DIGITS_SCALE.match(t.text))
             or t.lower_ in amounts._OPENERS or t.lower_ in amounts._NUMBER_WORDS for t in doc]
    assert amounts._possible_starts(doc) == plain
    assert sum(plain) >= 5
