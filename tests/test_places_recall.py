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
    found = places(parse, "Detectives have charged an Edmonton woman with fraud.")
    assert found["Edmonton"].country == "CA"


def test_a_name_after_a_kind_of_place_and_of(parse):
    found = places(parse, "A tsunami hit the Indonesian island of Java on Monday afternoon.")
    assert (found["Java"].country, found["Java"].feature) == ("ID", "region")


def test_a_country_or_state_code_ner_called_an_organisation(parse):
    found = places(parse, "Authorities in the DRC have begun preparing. The NSW government "
                          "has confirmed infections.")
    assert found["DRC"].country == "CD" and found["NSW"].name == "New South Wales"
    found = places(parse, "MAC cosmetics are sold in Toronto.")
    assert "MAC" not in found and found["Toronto"].country == "CA"


def test_a_county_or_parish_ner_called_a_person(parse):
    found = places(parse, "Residents of Jefferson Parish will be allowed to return home.")
    assert (found["Jefferson Parish"].admin1, found["Jefferson Parish"].feature) == (
        "Louisiana", "admin2")
