"""Stance adjectives after a copula carry attributions. Fixture sentences of our own."""

from __future__ import annotations

import pytest


def reported(article) -> dict[str, str | None]:
    return {q.text: (q.speaker.text if q.speaker else None) for q in article.quotes
            if not q.direct}


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("The union leaders were confident that the strike would end within a week.",
     "the strike would end within a week", "The union leaders"),
    ("Several council members are critical of the new parking fees.",
     "the new parking fees", "Several council members"),
    ("Mayor Ana Ortiz is determined to reopen the library by spring.",
     "to reopen the library by spring", "Mayor Ana Ortiz"),
])
def test_stance_adjective_attributes_its_complement_to_the_subject(
        attributed, text, content, speaker):
    assert reported(attributed(text)).get(content) == speaker


@pytest.mark.parametrize("text", [
    "I am sure that the bridge will open next year.",
    "The bridge was nice to look at in the evening light.",
    "The rooms are full of old books and maps.",
])
def test_no_attribution_for_the_writer_or_for_other_adjectives(attributed, text):
    assert not reported(attributed(text))


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Most teachers see the new curriculum as a step backwards.",
     "the new curriculum as a step backwards", "Most teachers"),
    ("The union is hoping that the talks resume next week.",
     "the talks resume next week", "The union"),
    ("Councillor Ben Ode opposed the plan to close the depot.",
     "the plan to close the depot", "Councillor Ben Ode"),
    ("The drivers complained about the long delays at the border.",
     "the long delays at the border", "The drivers"),
    ("A survey by the school board found that most parents favour later start times.",
     "most parents favour later start times", "A survey"),
])
def test_views_hopes_and_opposition_are_attributions(attributed, text, content, speaker):
    assert reported(attributed(text)).get(content) == speaker


def test_a_dropped_final_e_of_a_cue_lemma_is_put_back(parse):
    from datetime import date

    from newsgraph.stages.reported import repaired_lemma

    doc = parse("They were hoping for rain and hopping over puddles.", date(2025, 3, 3)).doc
    lemmas = {t.lower_: repaired_lemma(t) for t in doc if t.pos_ == "VERB"}
    assert lemmas["hoping"] == "hope" and lemmas["hopping"] == "hop"
