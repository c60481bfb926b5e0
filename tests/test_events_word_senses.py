"""Word senses that name no event, found auditing news nobody tuned for (issue 16, naeb
audit): a class of arms, a duty given, a quality shown, a view shared and a visit to a sight.
Sentences written for these tests."""

from __future__ import annotations

from tests.test_events import analyze, types

__all__ = ["analyze"]


def test_weapons_of_mass_destruction_are_arms_not_an_attack(analyze):
    assert "ASSAULT" not in types(analyze(
        "The treaty bans weapons of mass destruction in orbit."))


def test_the_army_destroying_a_bridge_stays_an_attack(analyze):
    assert "ASSAULT" in types(analyze("The army destroyed the bridge on Monday."))


def test_charged_with_running_an_office_is_a_duty_not_an_accusation(analyze):
    assert "ACCUSE" not in types(analyze(
        "She was charged with overseeing the new budget office."))


def test_charged_with_a_crime_stays_an_accusation(analyze):
    assert "ACCUSE" in types(analyze("He was charged with murdering two guards."))


def test_a_quality_demonstrated_is_no_protest(analyze):
    assert "PROTEST" not in types(analyze("Demonstrated courage is prized in the unit."))
    assert "PROTEST" not in types(analyze(
        "Her courage, demonstrated over many years, made her his closest adviser."))


def test_people_demonstrating_stay_a_protest(analyze):
    assert "PROTEST" in types(analyze(
        "Thousands of students demonstrated in the capital on Friday."))


def test_agreeing_with_a_view_is_no_agreement(analyze):
    assert "AGREE" not in types(analyze(
        "The council members agree with the governor's assessment."))
    assert "AGREE" not in types(analyze(
        "Agreeing with the mayor's views, the senator said the plan was flawed."))


def test_parties_agreeing_stay_an_agreement(analyze):
    assert "AGREE" in types(analyze(
        "The minister agreed with the union on a new wage deal."))
    assert "AGREE" in types(analyze("Both parties agreed last night after long talks."))


def test_a_visit_to_a_landmark_is_no_meeting(analyze):
    events = analyze("The senator met the Ruritanian prime minister and visited the old "
                     "cathedral in the capital.")
    assert [e.trigger.text for e in events if e.type == "CONSULT"] == ["met"]


def test_a_visit_to_a_country_stays_a_meeting(analyze):
    assert "CONSULT" in types(analyze("The envoy visited Kyiv on Tuesday."))


def test_touting_ones_own_record_is_no_support(analyze):
    assert "SUPPORT" not in types(analyze("The senator touted his own record at every stop."))


def test_touting_another_partys_record_stays_support(analyze):
    assert "SUPPORT" in types(analyze("The governor touted the senator's record on jobs."))


def test_an_abstract_thing_under_attack_is_figurative(analyze):
    assert "ASSAULT" not in types(analyze(
        "The law has come under a sustained attack this year."))


def test_a_convoy_under_attack_stays_an_attack(analyze):
    events = analyze("The convoy was under heavy attack near the border.")
    assert any(e.type == "ASSAULT" for e in events)


def test_a_participle_describing_a_thing_is_no_request(analyze):
    assert "REQUEST" not in {e.type for e in analyze(
        "The firm will publish the manuals for the devices requested.")}


def test_a_party_requesting_stays_a_request(analyze):
    assert "REQUEST" in types(analyze("Freedonia requested weapons from its allies."))


def test_a_plea_in_court_is_no_request(analyze):
    assert "REQUEST" not in {e.type for e in analyze(
        "The former guard pleaded guilty on Monday to two counts of fraud.")}
    assert "REQUEST" not in {e.type for e in analyze(
        "The councillor pleaded not guilty at the hearing.")}


def test_pleading_with_captors_stays_a_request(analyze):
    assert "REQUEST" in types(analyze(
        "The mother pleaded with the kidnappers to free her son."))
