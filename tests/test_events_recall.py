"""Missed events on real news (issue 16, news pass four): general constructions of taking
sides, rejecting, suspecting, promising and conceding that the coder did not know, and their
precision limits. Every sentence is our own."""

from __future__ import annotations

from tests.test_events import analyze, happened, shown

__all__ = ["analyze"]


def _only(events, event_type):
    found = [e for e in events if e.type == event_type]
    assert len(found) == 1, shown(events)
    return found[0]


def test_lining_up_behind_a_party_supports_it(analyze):
    support = _only(happened(analyze("Party leaders lined up behind Ms. Achebe after the "
                                     "vote.")), "SUPPORT")
    assert "Achebe" in support.target.text and "leaders" in support.actor.text


def test_lining_up_behind_a_thing_supports_no_one(analyze):
    events = happened(analyze("Hundreds of fans lined up behind the barrier."))
    assert not [e for e in events if e.type == "SUPPORT"], shown(events)


def test_overruling_a_request_rejects_it(analyze):
    reject = _only(happened(analyze("The council overruled the mayor's request.")), "REJECT")
    assert reject.actor.text == "council"


def test_scoffing_at_or_brushing_aside_criticism_rejects_it(analyze):
    for text in ("The minister scoffed at the report from the auditors.",
                 "The prime minister brushed aside criticism from the opposition."):
        assert [e for e in happened(analyze(text)) if e.type == "REJECT"], text


def test_questioning_a_partys_fairness_accuses_it(analyze):
    accuse = _only(happened(analyze("The senator questioned the fairness of the referees.")),
                   "ACCUSE")
    assert "referees" in accuse.target.text


def test_commuting_a_sentence_is_a_concession(analyze):
    concede = _only(happened(analyze("The president commuted the sentence of a jailed "
                                     "journalist.")), "CONCEDE")
    assert concede.actor.text == "president" and "journalist" in concede.target.text


def test_making_a_promise_to_a_party_is_an_agreement(analyze):
    agree = _only(happened(analyze("The minister made a promise to the villagers.")), "AGREE")
    assert "villagers" in agree.target.text


def test_suspecting_a_named_party_accuses_it(analyze):
    accuse = _only(happened(analyze("Ms. Park said she suspected Carl Moreno was hiding the "
                                    "money.")), "ACCUSE")
    assert "Moreno" in accuse.target.text


def test_suspecting_a_thing_or_a_relative_clause_accuses_no_one(analyze):
    for text in ("Farmers suspect the wells were polluted by the tannery.",
                 "Police jailed ten men they suspect were planning a robbery."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type == "ACCUSE"], (text, shown(events))


def test_a_party_said_to_have_overstepped_is_blamed(analyze):
    accuse = _only(happened(analyze("Ms. Park said Governor Lund overstepped his powers when "
                                    "he closed the port.")), "ACCUSE")
    assert "Park" in accuse.actor.text and "Lund" in accuse.target.text


def test_money_given_to_a_party_is_aid(analyze):
    for text in ("The couple gave $3 million to a political committee backing the senator.",
                 "The widow is channelling $2 million into a group supporting the mayor."):
        aid = _only(happened(analyze(text)), "AID")
        assert "committee" in aid.target.text or "group" in aid.target.text, text


def test_an_ad_put_out_by_a_party_speaks_for_it(analyze):
    accuse = _only(happened(analyze("The Green Party has a new advert hitting Governor Park "
                                    "for raising fares.")), "ACCUSE")
    assert "Green Party" in accuse.actor.text and "Park" in accuse.target.text


def test_saying_there_should_be_a_measure_is_a_request(analyze):
    for text in ("Ms. Tan says there needs to be an inquiry into the sale.",
                 "Ms. Tan said there should be an inquiry into the sale."):
        request = _only(happened(analyze(text)), "REQUEST")
        assert "Tan" in request.actor.text and request.target is None, text


def test_there_being_something_or_a_wish_for_weather_is_no_request(analyze):
    for text in ("Ms. Tan said there were two inquiries into the sale.",
                 "Ms. Tan said there needs to be more rain this spring."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type == "REQUEST"], (text, shown(events))


def test_proposing_that_a_party_act_asks_it_to(analyze):
    request = _only(happened(analyze("In a letter, the ministry suggested that the council "
                                     "delay the vote.")), "REQUEST")
    assert request.actor.text == "ministry" and request.target.text == "council"


def test_a_separator_line_is_never_an_argument(analyze):
    request = _only(happened(analyze("Ms. Tan says there needs to be an inquiry into the "
                                     "sale.\n\n___.\n\nThe hearing ended at noon.")), "REQUEST")
    assert request.target is None, request.target.text


def test_calling_for_a_party_to_act_is_a_request(analyze):
    request = _only(happened(analyze("Ms. Ruiz called for the files to be released.")),
                    "REQUEST")
    assert "Ruiz" in request.actor.text


def test_a_call_sounded_for_a_party_to_act_asks_that_party(analyze):
    request = _only(happened(analyze("The archbishop sounded a call for the government to open "
                                     "more shelters.")), "REQUEST")
    assert request.actor.text == "archbishop" and request.target.text == "government"


def test_a_phone_call_is_no_request(analyze):
    events = happened(analyze("She made a call to her mother."))
    assert not [e for e in events if e.type == "REQUEST"], shown(events)


def test_shouting_at_someone_to_act_asks_them(analyze):
    request = _only(happened(analyze("Officers shouted at her to drop the knife.")), "REQUEST")
    assert request.actor.text == "Officers" and request.target.text == "her"


def test_shouting_at_someone_alone_asks_nothing(analyze):
    events = happened(analyze("The coach shouted at the players."))
    assert not [e for e in events if e.type == "REQUEST"], shown(events)


def test_who_is_prompted_to_act_does_the_act(analyze):
    mobilize = _only(happened(analyze("The arrests prompted the coalition to deploy troops to "
                                      "the capital.")), "MOBILIZE")
    assert mobilize.actor.text == "coalition"


def test_naming_a_partys_thing_through_which_blames_its_owner(analyze):
    accuse = _only(happened(analyze('The union\'s new rules, which Mayor Olsen called "a '
                                    'shameful cash grab," were dropped.')), "ACCUSE")
    assert "Olsen" in accuse.actor.text and "union" in accuse.target.text


def test_police_removing_people_coerce_them(analyze):
    coerce = _only(happened(analyze("Campus police removed the activists from the hall.")),
                   "COERCE")
    assert "police" in coerce.actor.text and coerce.target.text == "activists"


def test_removing_things_or_by_an_employer_coerces_no_one(analyze):
    for text in ("Police removed the barricades from the road.",
                 "The company removed the manager from his post."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type == "COERCE"], (text, shown(events))


def test_struggling_to_act_is_no_act(analyze):
    events = happened(analyze("Soldiers struggled to arrest the journalists at the border."))
    assert not [e for e in events if e.type == "COERCE"], shown(events)


def test_kind_or_harsh_words_for_a_party_are_support_or_blame(analyze):
    support = _only(happened(analyze("Senator Ames had kind words for Ms. Ruiz.")),
                    "SUPPORT")
    assert "Ruiz" in support.target.text
    accuse = _only(happened(analyze("Senator Ames had harsh words for the governor on "
                                    "Monday.")), "ACCUSE")
    assert accuse.target.text == "governor"


def test_words_that_say_nothing_of_how_are_no_stance(analyze):
    events = happened(analyze("Senator Ames had words for the governor on Monday."))
    assert not [e for e in events if e.type in {"SUPPORT", "ACCUSE"}], shown(events)


def test_making_the_case_for_a_party_supports_it(analyze):
    support = _only(happened(analyze("Senator Ames made the case for Ms. Ruiz at the rally.")),
                    "SUPPORT")
    assert "Ruiz" in support.target.text
    events = happened(analyze("Senator Ames made the case for lower taxes."))
    assert not [e for e in events if e.type == "SUPPORT"], shown(events)


def test_a_court_finding_a_party_at_fault_accuses_it(analyze):
    accuse = _only(happened(analyze("The court found the company liable for the spill.")),
                   "ACCUSE")
    assert accuse.actor.text == "court" and accuse.target.text == "company"
    events = happened(analyze("The court found that the company was growing fast."))
    assert not [e for e in events if e.type == "ACCUSE"], shown(events)


def test_a_party_said_to_act_in_a_blamed_manner_is_blamed(analyze):
    accuse = _only(happened(analyze("Ms. Park said Governor Lund treats the workers "
                                    "unfairly.")), "ACCUSE")
    assert "Park" in accuse.actor.text and "Lund" in accuse.target.text


def test_a_neutral_or_praised_manner_blames_no_one(analyze):
    for text in ("Ms. Park said Governor Lund spoke quietly.",
                 "Ms. Park said Governor Lund answered the letters kindly."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type in {"ACCUSE", "SUPPORT"}], (text, shown(events))


def test_summoning_another_states_envoy_is_a_formal_protest_to_it(analyze):
    accuse = _only(happened(analyze("Ruritania summoned Freedonia's envoy over the border "
                                    "incident.")), "ACCUSE")
    assert accuse.actor.text == "Ruritania" and accuse.target.text == "Freedonia"


def test_concern_voiced_about_a_party_or_its_conduct_is_disapproval(analyze):
    for text, target in (("The senator expressed concern about the governor's plan.",
                          "governor"),
                         ("The senator voiced concern over raids by the army.", "army")):
        accuse = _only(happened(analyze(text)), "ACCUSE")
        assert accuse.target.text == target, text


def test_concern_about_a_thing_accuses_no_one(analyze):
    events = happened(analyze("The doctors expressed concern about the virus."))
    assert not [e for e in events if e.type == "ACCUSE"], shown(events)


def test_a_trip_made_to_talk_is_a_meeting_held(analyze):
    consult = _only(happened(analyze("Ms. Lynch has travelled across the country to talk "
                                     "with police chiefs about reform.")), "CONSULT")
    assert consult.target.text == "police chiefs"


def test_a_trip_made_to_fight_is_no_fight_yet(analyze):
    events = happened(analyze("The rebels travelled to the valley to attack the garrison."))
    assert not [e for e in events if e.type == "ASSAULT"], shown(events)


def test_a_simulated_attack_beside_fighting_is_still_a_show_of_force(analyze):
    events = happened(analyze("Ruritanian gunners shelled two frontier villages, then "
                              "simulated an attack on Vell island."))
    assert [e for e in events if e.type == "MOBILIZE"], shown(events)


def test_incursions_into_airspace_or_waters_are_a_show_of_force(analyze):
    for text in ("Ruritanian patrol boats made several incursions into Freedonian waters.",
                 "Ruritanian jets made repeated incursions into Freedonian airspace."):
        events = happened(analyze(text))
        assert [e.type for e in events] == ["MOBILIZE"], (text, shown(events))


def test_an_incursion_into_a_town_is_an_attack(analyze):
    assert _only(happened(analyze("Rebels made an incursion into the town.")), "ASSAULT")


def test_flares_fired_are_no_attack(analyze):
    events = happened(analyze("The jets fired flares over the harbour."))
    assert not [e for e in events if e.type == "ASSAULT"], shown(events)


def test_kind_words_for_a_named_person_whatever_the_parser_hangs_for_on(analyze):
    support = _only(happened(analyze("Ms. Okoye has had kinder words for Piet de Wit of the "
                                     "harbour board, who retires in June.")),
                    "SUPPORT")
    assert "de Wit" in support.target.text


def test_fighting_that_causes_a_mobilisation_does_not_hide_it(analyze):
    for text in ("Months of shelling prompted the coalition to deploy troops to the frontier.",
                 "The bombings forced the government to deploy troops along the border."):
        events = happened(analyze(text))
        assert [e for e in events if e.type == "MOBILIZE"], (text, shown(events))


def test_troops_deployed_in_the_fighting_are_still_part_of_it(analyze):
    events = happened(analyze("Troops were deployed and returned fire when rebels attacked "
                              "the base."))
    assert not [e for e in events if e.type == "MOBILIZE"], shown(events)


def test_reservists_called_up_are_a_mobilisation(analyze):
    events = happened(analyze("The government mobilized thousands of reservists on Friday."))
    assert [e for e in events if e.type == "MOBILIZE"], shown(events)
