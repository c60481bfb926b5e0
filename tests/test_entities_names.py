"""Short and variant forms of one name join its entity: middle initials, surnames of
several words met first, typographic apostrophes, an organisation's last word, a first
name NER took for a place. Fixture texts of our own; NER spans are set by `retag`."""

from __future__ import annotations

from newsgraph.stages.entities import name_words, shortens
from tests.test_entities_issue17 import entities_after, retag


def names(entities) -> dict[str, str]:
    return {e.name: e.type for e in entities}


def test_name_words_fold_case_apostrophes_and_middle_initials():
    assert name_words("Jane Q. Doe") == ("jane", "doe")
    assert name_words("Sean O’Brien") == name_words("Sean O'Brien")
    assert shortens(("de", "vries"), ("anna", "de", "vries"))
    assert not shortens(("anna", "de", "vries"), ("anna", "de", "vries"))


def test_full_name_with_a_middle_initial_joins_the_plain_name(parse):
    document = parse("Jane Doe won on Sunday. Jane Q. Doe thanked her staff.")
    retag(document, {"Jane Doe": "PERSON", "Jane Q. Doe": "PERSON"})
    people = [e for e in entities_after(document) if e.type == "PERSON"]
    assert len(people) == 1
    assert len([m for m in people[0].mentions if m.kind == "name"]) == 2


def test_surname_of_two_words_before_the_full_name_joins_it(parse):
    document = parse("De Vries Wins Vote\n\nAnna de Vries won the vote on Sunday.")
    retag(document, {"De Vries": "PERSON", "Anna de Vries": "PERSON"})
    people = [e for e in entities_after(document) if e.type == "PERSON"]
    assert len(people) == 1 and people[0].name == "Anna de Vries"


def test_curly_and_straight_apostrophes_are_one_name(parse):
    document = parse("O'Brien Resigns\n\nSean O’Brien resigned on Monday.")
    retag(document, {"O'Brien": "PERSON", "Sean O’Brien": "PERSON"})
    people = [e for e in entities_after(document) if e.type == "PERSON"]
    assert len(people) == 1


def test_last_word_of_an_organisation_is_that_organisation(parse):
    document = parse("The Daily Ledger reported the deal. The Ledger later corrected it.")
    retag(document, {"Daily Ledger": "ORG", "Ledger": "ORG"})
    orgs = [e for e in entities_after(document) if e.type == "ORG"]
    assert len(orgs) == 1 and len(orgs[0].mentions) == 2


def test_a_chamber_is_not_short_for_a_longer_name(parse):
    document = parse("The White House sent the bill. The House passed it on Monday.")
    retag(document, {"White House": "ORG", "House": "ORG"})
    assert len([e for e in entities_after(document) if e.type == "ORG"]) == 2


def test_first_name_typed_a_place_joins_the_person_once_used_as_one(parse):
    text = ("Austin Reed, the moderator, opened the debate. The pressure on Austin grew. "
            "Austin said nothing.")
    document = parse(text)
    retag(document, {"Austin Reed": "PERSON", "Austin": "GPE"})
    found = entities_after(document)
    assert names(found).get("Austin Reed") == "PERSON"
    assert "Austin" not in names(found)


def test_state_of_a_party_tag_is_a_place(parse):
    document = parse("Representative Ann Dale, D-Ore., voted for the bill.")
    found = entities_after(document)
    assert names(found).get("Ore.") == "GPE"


def test_town_and_state_abbreviation_are_two_places(parse):
    document = parse("A letter came from Millbrook Va. on Monday.")
    retag(document, {"Millbrook Va.": "GPE"})
    found = names(entities_after(document))
    assert found.get("Millbrook") == "GPE" and found.get("Va.") == "GPE"


def test_initials_broken_words_and_laws_are_no_organisations(parse):
    document = parse("I. Smith wrote that W]e will back the Clean Rivers Act soon.")
    retag(document, {"I.": "ORG", "W]e": "PERSON", "Clean Rivers Act": "ORG"})
    assert not [e for e in entities_after(document) if e.type in {"ORG", "PERSON"}
                and e.name in {"I.", "W]e", "Clean Rivers Act"}]


def test_a_faith_is_not_an_organisation(parse):
    document = parse("He spoke about Islam and its history.")
    retag(document, {"Islam": "ORG"})
    assert all(e.type != "ORG" for e in entities_after(document))


def test_headline_words_around_a_name_are_no_organisation(parse):
    text = ("Mayor Jane Dorsett Blasts Budget Plan\n\n"
            "Jane Dorsett criticized the budget on Monday. Dorsett said it was unfair.")
    document = parse(text)
    retag(document, {"Mayor Jane Dorsett Blasts Budget Plan": "ORG", "Jane Dorsett": "PERSON",
                     "Dorsett": "PERSON"})
    found = names(entities_after(document))
    assert "Mayor Jane Dorsett Blasts Budget Plan" not in found
    assert found.get("Jane Dorsett") == "PERSON"


def test_party_nickname_and_short_outlet_names_join(parse):
    text = ("The GOP met on Monday. The Republican Party chose a leader. "
            "Acme News reported it; Acme later corrected the story.")
    document = parse(text)
    retag(document, {"GOP": "ORG", "Republican Party": "ORG", "Acme News": "ORG",
                     "Acme": "ORG"})
    orgs = [e for e in entities_after(document) if e.type == "ORG"]
    assert len(orgs) == 2


def test_an_honorific_joins_a_surname_to_the_person_of_that_sex(parse):
    document = parse("Governor Paul Kessler and his wife, Anna Kessler, toured the harbour. "
                     "Ms. Kessler spoke to families. Later Mr. Kessler announced new funds.")
    retag(document, {"Paul Kessler": "PERSON", "Anna Kessler": "PERSON",
                     "Kessler": "PERSON"})
    people = {e.name: [m.text for m in e.mentions if m.kind == "name"]
              for e in entities_after(document) if e.type == "PERSON"}
    assert people == {"Paul Kessler": ["Paul Kessler", "Kessler"],
                      "Anna Kessler": ["Anna Kessler", "Kessler"]}, people
    ms_offset = document.doc.text.index("Ms. Kessler") + 4
    anna = next(e for e in entities_after(document) if e.name == "Anna Kessler")
    assert ms_offset in {m.start for m in anna.mentions}


def test_mr_with_a_woman_s_surname_is_another_person(parse):
    document = parse("Anna Kessler opened the clinic with her husband. "
                     "Mr. Kessler thanked the nurses.")
    retag(document, {"Anna Kessler": "PERSON", "Kessler": "PERSON"})
    people = [e for e in entities_after(document) if e.type == "PERSON"]
    assert len(people) == 2, [(e.name, [m.text for m in e.mentions]) for e in people]
