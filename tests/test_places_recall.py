"""Places NER tagged as something else, recovered by general cues (issue 18)."""

from __future__ import annotations

from newsgraph.geo.gazetteer import load_gazetteer
from newsgraph.stages.places import add_places


def places(parse, text: str):
    document = parse(text)
    add_places(document, load_gazetteer())
    return {p.text: p for p in document.article.places}


def test_a_large_town_ner_called_an_organisation_is_the_town(parse):
    # the trimmed span lost NER's label, so the organisation rule never fired
    found = places(parse, "Police have arrested a Halifax man over a string of burglaries.")
    assert found["Halifax"].country == "CA"


def test_a_name_after_a_kind_of_place_and_of(parse):
    found = places(parse, "Ferries to the Indonesian island of Sumatra were cancelled on Friday.")
    assert (found["Sumatra"].country, found["Sumatra"].feature) == ("ID", "region")


def test_a_country_or_state_code_ner_called_an_organisation(parse):
    found = places(parse, "Officials in the DRC said on Friday that schools would reopen. The "
                          "NSW government has closed two beaches.")
    assert found["DRC"].country == "CD" and found["NSW"].name == "New South Wales"
    found = places(parse, "MAC cosmetics are sold in Toronto.")
    assert "MAC" not in found and found["Toronto"].country == "CA"


def test_a_county_or_parish_ner_called_a_person(parse):
    found = places(parse, "Voters in Tangipahoa Parish will choose a new sheriff.")
    assert (found["Tangipahoa Parish"].admin1, found["Tangipahoa Parish"].feature) == (
        "Louisiana", "admin2")


def test_a_town_or_county_before_its_own_body(parse):
    found = places(parse, "The Naugatuck Police Department opened the inquiry in May. The "
                          "suspect is in the Grant County Detention Center.")
    assert found["Naugatuck"].country == "US"
    assert found["Grant County"].feature == "admin2"
    # a ministry named like a small town is not that town
    assert "Commerce" not in places(parse, "The Commerce Department said exports rose.")


def test_a_dateline_in_capitals_names_a_town_of_any_size(parse):
    found = places(parse, "Plan to fight drugs\nWINSTED — The mayor will speak on Monday.")
    assert (found["WINSTED"].name, found["WINSTED"].admin1) == ("Winsted", "Connecticut")


def test_a_place_joined_to_a_participle_in_one_token(parse):
    found = places(parse, "Canada backed the U.S.-led mission.")
    assert found["U.S."].country == "US"


def test_a_town_after_town_of_or_before_a_noun_of_a_kind_of_place(parse):
    found = places(parse, "Storks returned to the eastern town of Zamość on Tuesday.")
    assert found["Zamość"].country == "PL"
    found = places(parse, "Children in Kenya's crowded Kakuma camp go without school.")
    assert found["Kakuma"].country == "KE"
    # a group word before such a noun stays a group word (a place of kind "group", if any)
    found = places(parse, "Aid reached the Sudanese camps, and the Canadian city sent help.")
    assert all(found[word].kind == "group" for word in ("Sudanese", "Canadian")
               if word in found)


def test_a_mine_named_like_a_town_is_no_place(parse):
    # mines, like companies, are named after anything ("the Liberty mine")
    assert "Liberty" not in places(parse, "He bought the Liberty mine from the company.")


def test_a_town_before_its_state_even_when_it_is_a_first_name(parse):
    found = places(parse, "He leaves two brothers, Tom and Ray Baker, of Norman, Oklahoma.")
    assert (found["Norman"].admin1, found["Norman"].feature) == ("Oklahoma", "city")
    found = places(parse, "Protesters gathered.\n\nYONKERS, N.Y., March 3 (UPI) — Police "
                          "moved them away.")
    assert found["YONKERS"].admin1 == "New York"


def test_a_dateline_ner_called_a_person_or_organisation(parse):
    found = places(parse, "BRIDGEPORT — The council voted on Monday to raise the mill rate.")
    assert (found["BRIDGEPORT"].name, found["BRIDGEPORT"].admin1) == ("Bridgeport",
                                                                      "Connecticut")
    found = places(parse, "Budget vote set\nSTAMFORD — The council voted on Monday.")
    assert found["STAMFORD"].admin1 == "Connecticut"


def test_a_town_ner_called_a_product(parse):
    found = places(parse, "A Temecula man was hurt in the crash.")
    assert (found["Temecula"].country, found["Temecula"].feature) == ("US", "city")
    found = places(parse, "Temecula police said the road reopened.")
    assert found["Temecula"].admin1 == "California"
    # a product named like a town is still the product
    assert not places(parse, "He drove his new Durango to work.")


def test_a_name_ner_cut_before_a_lower_case_word_of_the_name(parse):
    # NER tags "Rio Grande" alone; "do Sul" belongs to the state's name.
    found = places(parse, "Soy farmers in Bahia and in Rio Grande do Sul asked for "
                          "drought relief.")
    assert "Rio Grande" not in found
    state = found["Rio Grande do Sul"]
    assert (state.name, state.feature, state.country) == ("Rio Grande do Sul", "admin1", "BR")
    found = places(parse, "Flights between Paris and London resumed on Monday.")
    assert set(found) == {"Paris", "London"}



def test_a_dateline_with_its_date_before_the_agency():
    from newsgraph.geo.mentions import PlaceMention
    from newsgraph.geo.resolve import _mark_datelines

    for text in ("RIVERTON, March 3 (Reuters) - The council said.",
                 "Riverton, Jan. 14 (AP) — The council said.",
                 "Lead line\nRiverton, Wyo., Sept. 9 -- The council said."):
        start = text.index("R", text.index("\n") + 1 if "\n" in text else 0)
        mention = PlaceMention(start, start + 8, text[start:start + 8], (), "ner")
        _mark_datelines(text, [mention])
        assert mention.dateline, text
    mention = PlaceMention(0, 8, "Riverton", (), "ner")
    _mark_datelines("Riverton, March 3 was a cold day.", [mention])
    assert not mention.dateline


def test_an_acronym_the_gazetteer_cannot_place_is_no_place(parse):
    from spacy.tokens import Span

    document = parse("Many startups moved into VR last year, as banks in Lisbon did.")
    doc = document.doc
    at = [t.text for t in doc].index("VR")
    doc.ents = [e for e in doc.ents if not (e.start <= at < e.end)] + [
        Span(doc, at, at + 1, label="GPE")]  # as NER sometimes tags such acronyms
    add_places(document, load_gazetteer())
    found = {p.text for p in document.article.places}
    assert "VR" not in found and "Lisbon" in found


def test_a_group_word_ner_called_a_place_is_a_group_word(parse):
    from spacy.tokens import Span

    from newsgraph.geo.resolve import find_places

    document = parse("Fog closed two Bhutanese airports on Monday.")
    doc = document.doc
    at = [t.text for t in doc].index("Bhutanese")
    doc.ents = [e for e in doc.ents if not (e.start <= at < e.end)] + [
        Span(doc, at, at + 1, label="GPE")]  # as NER sometimes tags adjectives of countries
    found = find_places(doc, load_gazetteer())
    assert not [p for p in found.places if p.mention.text == "Bhutanese"]
    assert [(d.text, d.country.country) for d in found.demonyms] == [("Bhutanese", "BT")]


def test_a_name_with_a_french_elided_article(parse):
    # the typographic apostrophe splits NER's entity; the run of the name still holds
    found = places(parse, "A teacher of Val d’Or, Quebec, said the school would reopen.")
    assert found["Val d’Or"].country == "CA"
    found = places(parse, "Cocoa farmers in Côte d’Ivoire said prices fell.")
    assert found["Côte d’Ivoire"].country == "CI"


def test_an_adjective_before_a_country_ner_called_a_person(parse):
    from spacy.tokens import Span

    document = parse("Officials spoke on Monday. Landlocked Bhutan has few roads, and Bhutan's "
                     "minister said so. Chad Ochocinco, a visitor, agreed.")
    doc = document.doc
    words = [t.text for t in doc]
    at = words.index("Landlocked")
    chad = words.index("Chad")
    keep = [e for e in doc.ents if e.end <= at or e.start >= at + 2]
    keep = [e for e in keep if e.end <= chad or e.start >= chad + 2]
    doc.ents = sorted([*keep, Span(doc, at, at + 2, label="PERSON"),
                       Span(doc, chad, chad + 2, label="PERSON")],
                      key=lambda e: e.start)  # as NER tags them sometimes
    add_places(document, load_gazetteer())
    found = [(p.text, p.country) for p in document.article.places]
    assert ("Bhutan", "BT") in found
    assert not any(text == "Chad" for text, _ in found)  # a given name stays a person's
