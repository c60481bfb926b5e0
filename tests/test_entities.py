"""The entities stage on small texts of our own."""

from __future__ import annotations

import pytest

from newsgraph.geo.gazetteer import load_gazetteer
from newsgraph.stages.entities import add_entities


def entities_of(parse, text: str) -> dict[str, object]:
    document = parse(text)
    add_entities(document, load_gazetteer())
    for entity in document.article.entities:
        for mention in entity.mentions:
            assert text[mention.start:mention.end] == mention.text
    return {entity.name: entity for entity in document.article.entities}


def test_full_name_and_surname_are_one_person_named_by_the_fullest_form(parse):
    found = entities_of(parse, "German Chancellor Olaf Scholz arrived in Paris on Monday. "
                               "Scholz met the French president there.")
    scholz = found["Olaf Scholz"]
    assert scholz.type == "PERSON"
    assert [m.text for m in scholz.mentions if m.kind == "name"] == ["Olaf Scholz", "Scholz"]
    assert "Scholz" not in found


def test_title_before_a_name_becomes_a_role(parse):
    found = entities_of(parse, "Finance Minister Maria Lopez resigned on Tuesday.")
    assert found["Maria Lopez"].roles == ["Finance Minister"]


def test_apposition_gives_a_role(parse):
    found = entities_of(parse, "Tom Becker, the mayor of the city, opened the bridge.")
    assert any("mayor" in role for role in found["Tom Becker"].roles)


def test_us_abbreviation_and_full_name_are_one_country(parse):
    found = entities_of(parse, "The United States sent aid. U.S. officials said more would come.")
    assert "United States" in found
    assert {m.text for m in found["United States"].mentions} >= {"United States", "U.S."}


def test_demonym_is_kept_apart_from_the_country(parse):
    found = entities_of(parse, "French troops left Mali. France said the mission was over.")
    assert found["France"].type == "GPE"
    french = [e for e in found.values() if e.type == "NORP"]
    assert french and all(e.name != "France" for e in french)


def test_anonymous_source_is_one_entity_with_its_later_references(parse):
    text = ("A senior European diplomat told reporters the talks had failed. "
            "The diplomat said nobody expected a deal. The source added that he was tired.")
    found = entities_of(parse, text)
    anonymous = [e for e in found.values() if e.anonymous]
    assert len(anonymous) == 1
    mentions = [m.text for m in anonymous[0].mentions]
    assert mentions[:3] == ["A senior European diplomat", "The diplomat", "The source"]
    assert anonymous[0].type == "PERSON"


def test_named_spokesman_is_not_anonymous(parse):
    found = entities_of(parse, "A spokesman, John Carter, said the plant was safe.")
    assert not any(e.anonymous for e in found.values())


def test_head_count_is_not_a_source(parse):
    found = entities_of(parse, "More than 2,000 people said they had lost their homes.")
    assert not any(e.anonymous for e in found.values())


@pytest.mark.parametrize(("text", "person", "pronoun_start"), [
    ("Senator Anna Smith said her plan would pass.", "Anna Smith", 24),
    ("Peter Hall lost the vote. Later he conceded.", "Peter Hall", 32),
])
def test_pronoun_joins_the_person_it_refers_to(parse, text, person, pronoun_start):
    found = entities_of(parse, text)
    starts = [m.start for m in found[person].mentions if m.kind == "pronoun"]
    assert pronoun_start in starts


def test_pronoun_inside_a_quote_does_not_refer_to_the_speaker(parse):
    text = 'Asked about Paul Meyer, the official said "he did his best."'
    found = entities_of(parse, text)
    meyer = found["Paul Meyer"]
    assert any(m.kind == "pronoun" and m.text == "he" for m in meyer.mentions)


def test_a_pronoun_skips_a_person_whose_given_name_tells_another_sex(parse):
    text = ("Judge Helen Ortiz heard the case on Monday. Prosecutor David Kline said she "
            "would rule within a week.")
    found = entities_of(parse, text)
    assert any(m.text == "she" for m in found["Helen Ortiz"].mentions)
    assert not any(m.text == "she" for m in found["David Kline"].mentions)


def test_a_misread_pronoun_does_not_give_a_woman_his_sex(parse):
    text = ("Carol Brennan met the union on Friday. Later his deputy, Mark Soto, spoke. "
            "She said her offer stood.")
    found = entities_of(parse, text)
    brennan = [m.text for m in found["Carol Brennan"].mentions if m.kind == "pronoun"]
    assert "his" not in brennan and "She" in brennan


def test_a_given_name_borne_by_both_sexes_tells_nothing():
    from newsgraph.stages.lexicon import gender_of_name

    assert gender_of_name("Helen Ortiz") == "f" and gender_of_name("David Kline") == "m"
    assert gender_of_name("Sen. Helen Ortiz") == "f"
    assert gender_of_name("Jordan Pike") is None and gender_of_name("Ortiz") is None


def test_name_missed_by_ner_is_found_again_by_its_form(parse):
    text = "Kharkiv was shelled overnight. Residents of northern Kharkiv fled."
    found = entities_of(parse, text)
    assert len([m for m in found["Kharkiv"].mentions if m.text == "Kharkiv"]) == 2


def test_empty_and_non_english_text_do_not_crash(parse):
    assert entities_of(parse, "") == {}
    entities_of(parse, "Der Bundeskanzler sprach am Montag in Berlin mit Journalisten.")


def test_markup_in_text_is_not_an_entity(parse):
    found = entities_of(parse, '<script>alert("x")</script> Mayor Ada Brown spoke.')
    assert "Ada Brown" in found
    assert not any("<" in name for name in found)


def test_name_after_town_of_is_a_place(parse):
    found = entities_of(parse, "President William Ruto visited the town of Kitui on Sunday.")
    assert found["Kitui"].type == "GPE"


def test_an_office_without_its_holder_is_one_person(parse):
    found = entities_of(parse, "Spain's prime minister said on Monday that talks would go on. "
                               "The prime minister later flew to Rome.")
    office = found["Spain's prime minister"]
    assert office.type == "PERSON" and not office.anonymous
    assert office.roles == ["Spain's prime minister"]
    assert [m.text for m in office.mentions] == ["Spain's prime minister", "The prime minister"]
    assert "Spain" in found  # the country stays an entity of its own


@pytest.mark.parametrize("text", [
    "A former minister of Spain criticised the plan.",  # no single current holder
    "Ministers from Spain met on Monday.",  # a group
    "Prime Minister Ana Ruiz of Spain arrived.",  # named
    "The foreign minister arrived late.",  # whose?
])
def test_no_office_holder_entity(parse, text):
    found = entities_of(parse, text)
    assert not any(e.roles and e.name in e.roles for e in found.values()), found
