"""Which place a name means: prominence against the article's cues (issue 18)."""

from __future__ import annotations

from newsgraph.geo.gazetteer import load_gazetteer
from newsgraph.stages.places import add_places


def places(parse, text: str):
    document = parse(text)
    add_places(document, load_gazetteer())
    return {p.text: p for p in document.article.places}


def test_a_small_first_level_area_does_not_outrank_a_large_city(parse):
    # a parish of a few thousand people ranked by a fixed floor beat a city of half a million
    found = places(parse, "A Hamilton woman won the lottery this week.")
    assert (found["Hamilton"].country, found["Hamilton"].feature) == ("CA", "city")
    # the article's own cues still decide
    found = places(parse, "A Hamilton woman was fined by a court in Glasgow on Friday.")
    assert found["Hamilton"].admin1 == "Scotland"


def test_a_village_needs_more_than_a_town_elsewhere_in_a_national_story(parse):
    found = places(parse, "Protesters marched in Tulsa, Okla., on Monday and in Charlotte, "
                          "N.C., on Tuesday. On Wednesday the candidate held a rally in "
                          "Cleveland.")
    assert found["Cleveland"].admin1 == "Ohio"


def test_a_village_in_a_local_story_or_with_its_state_stays(parse):
    found = places(parse, "Firefighters from Tulsa and Sapulpa fought a grass fire in Pawnee "
                          "County, Oklahoma, that spread toward Cleveland.")
    assert found["Cleveland"].admin1 == "Oklahoma"
    found = places(parse, "Crews from Akron and Toledo helped. Later, in Cleveland, Okla., "
                          "the river rose.")
    assert found["Cleveland"].admin1 == "Oklahoma"


def test_a_list_of_states_is_no_town_and_its_state(parse):
    found = places(parse, "Outbreaks were found in Florida, New York and Ohio.")
    assert (found["Florida"].feature, found["Florida"].name) == ("admin1", "Florida")
    found = places(parse, "Flights were cut to China, Japan, and the United States.")
    assert found["China"].feature == "country"
    found = places(parse, "She grew up in Paris, Texas, and moved to Dallas.")
    assert (found["Paris"].country, found["Paris"].admin1) == ("US", "Texas")


def test_the_city_of_or_the_state_of_says_which_twin(parse):
    found = places(parse, "Hospitals in the city of Sao Paulo said they had room for 40 more "
                          "patients this week.")
    assert found["Sao Paulo"].feature == "city"
    found = places(parse, "The mayor flew to the state of New York on Monday.")
    assert found["New York"].feature == "admin1"


def test_a_former_province_by_the_areas_that_replaced_it(parse):
    found = places(parse, "Cholera spread in Kenya's Rift Valley and in Nyanza last year.")
    for name in ("Rift Valley", "Nyanza"):
        assert (found[name].country, found[name].feature) == ("KE", "admin")
    nyanza = found["Nyanza"]
    assert -1.5 < nyanza.lat < 0.5 and 34.0 < nyanza.lon < 35.5  # around Kisumu, not Rwanda


def test_former_area_records_need_every_successor():
    from newsgraph.geo.gazetteer import PRIMARY, GeoPlace, PlaceRecord, former_area_records

    def area(name: str, lat: float, lon: float) -> PlaceRecord:
        return PlaceRecord(GeoPlace(1, name, "admin1", lat, lon, "KE", name, 10), [(name, PRIMARY)])

    present = [area(n, -0.5, 34.5) for n in ("Siaya", "Kisumu", "Homa Bay", "Migori",
                                             "Kisii", "Nyamira")]
    records = former_area_records(100, present, taken=set())
    assert [r.place.name for r in records] == ["Nyanza Province"]  # the others lack parts
    assert records[0].place.id == 100 and abs(records[0].place.lat + 0.5) < 1e-6
    assert former_area_records(100, present, taken={"nyanza province"}) == []


def test_towns_carry_their_area_and_gdelt_code_where_codes_differ(parse):
    # GeoNames numbers the areas of some countries unlike FIPS; joined by the area's name
    found = places(parse, "Talks resumed in Paris and in Guadalajara on Monday.")
    assert (found["Paris"].admin1, found["Paris"].adm1) == ("Île-de-France", "FRA8")
    assert found["Guadalajara"].adm1 == "MX14"


def test_palestinian_towns_carry_the_fips_territory(parse):
    from newsgraph.export.gdelt import location_fields

    found = places(parse, "Shelling hit the town of Khan Yunis in the Gaza Strip, and troops "
                          "entered Hebron in the West Bank.")
    gaza_town, west_bank_town = found["Khan Yunis"], found["Hebron"]
    assert (gaza_town.admin1, gaza_town.adm1) == ("Gaza Strip", "GZ")
    assert location_fields(gaza_town)[1:4] == ["Khan Yunis, Gaza Strip", "GZ", "GZ"]
    assert location_fields(west_bank_town)[2:4] == ["WE", "WE"]


def test_a_longer_name_ending_in_an_edge_word_is_read_by_its_place():
    from newsgraph.geo.resolve import _head_candidates
    from newsgraph.nlp import load_model

    doc = load_model(None)("Villages on the Pacific Ocean coast were flooded.")
    span = doc[3:6]
    assert span.text == "Pacific Ocean coast"
    assert any(c.place.name == "Pacific Ocean" for c in _head_candidates(span, load_gazetteer()))


def test_a_town_over_the_district_named_after_it(parse):
    found = places(parse, "Soldiers raided Jenin and Nablus overnight.")
    assert (found["Jenin"].feature, found["Jenin"].adm1) == ("city", "WE")


def test_a_name_among_many_countries_is_the_country(parse):
    found = places(parse, "US officials said Chile, Peru and Ecuador are members, while "
                          "Armenia, Moldova and Georgia have asked to join. The US backs the "
                          "plan, US envoys said.")
    assert found["Georgia"].country == "GE"


def _mention(text: str, start: int, *places, council: bool = False):
    from newsgraph.geo.gazetteer import PRIMARY, Candidate
    from newsgraph.geo.mentions import PlaceMention

    return PlaceMention(start, start + len(text), text,
                        tuple(Candidate(p, PRIMARY) for p in places), council=council)


def _town(pid, name, country, admin1, people, lat, lon, feature="city"):
    from newsgraph.geo.gazetteer import GeoPlace

    return GeoPlace(pid, name, feature, lat, lon, country, admin1, people)


def test_a_name_before_council_is_the_councils_area():
    from newsgraph.geo.resolve import resolve

    borough = _town(1, "Ashdale", "GB", "England", 0, 51.6, -0.1, feature="admin")
    town = _town(2, "Ashdale", "US", "Ohio", 400_000, 40.0, -83.0)
    plain = resolve([_mention("Ashdale", 0, borough, town)])
    assert plain[0].place.country == "US"  # the bigger town, without a cue
    local = resolve([_mention("Ashdale", 0, borough, town, council=True)])
    assert local[0].place.country == "GB"


def test_two_uncertain_first_guesses_do_not_confirm_each_other():
    from newsgraph.geo.resolve import resolve

    # "Kelby" and "Marwick" each have a larger namesake in one US state; the article
    # names Canada, so both are the Canadian towns.
    kelby_us = _town(11, "Kelby", "US", "Iowa", 15_000, 42.0, -93.0)
    kelby_ca = _town(12, "Kelby", "CA", "Alberta", 4_000, 52.9, -118.1)
    marwick_us = _town(13, "Marwick", "US", "Iowa", 20_000, 42.1, -93.2)
    marwick_gb = _town(14, "Marwick", "GB", "England", 16_000, 51.7, -1.2)
    marwick_ca = _town(15, "Marwick", "CA", "Alberta", 3_500, 53.6, -113.5)
    canada = _town(16, "Canada", "CA", None, 38_000_000, 60.1, -113.6, feature="country")
    readings = resolve([_mention("Kelby", 0, kelby_us, kelby_ca),
                        _mention("Canada", 10, canada), _mention("Canada", 20, canada),
                        _mention("Kelby", 30, kelby_us, kelby_ca),
                        _mention("Marwick", 40, marwick_gb, marwick_us, marwick_ca)])
    assert {r.mention.text: r.place.country for r in readings}["Kelby"] == "CA"


def test_recognition_marks_a_name_before_council(parse):
    from newsgraph.geo.resolve import recognise

    document = parse("Sutton Council voted on Tuesday to close the library.")
    mentions, _ = recognise(document.doc, load_gazetteer())
    assert [(m.text, m.council) for m in mentions] == [("Sutton", True)]
