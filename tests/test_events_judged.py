"""Statements told by what they say (issue 16): a neutral "said" whose content praises or
blames a named party is coded from the speaker to that party. Every sentence is our own."""

from __future__ import annotations

from tests.test_events import analyze, happened, shown

__all__ = ["analyze"]


def test_a_reported_clause_that_blames_a_named_person_is_an_accusation(analyze):
    events = happened(analyze("Senator Maria Delgado said Governor Paul Whitcombe was "
                              "dishonest about the budget."))
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert "Delgado" in accuse.actor.text and "Whitcombe" in accuse.target.text, shown(events)


def test_a_direct_quote_that_praises_a_named_person_is_support(analyze):
    events = happened(analyze('"Ana Lindqvist would be a brilliant mayor," Councillor Tomas '
                              'Brandt said on Monday.'))
    (support,) = [e for e in events if e.type == "SUPPORT"]
    assert "Brandt" in support.actor.text and "Lindqvist" in support.target.text, \
        shown(events)


def test_ones_own_feeling_about_a_party_names_it(analyze):
    events = happened(analyze('"We are delighted with the Supreme Court\'s decision," the union '
                              'leader Hana Okafor said.'))
    (support,) = [e for e in events if e.type == "SUPPORT"]
    assert "Court" in support.target.text, shown(events)


def test_a_negated_or_questioned_judgement_is_not_coded(analyze):
    for text in ("Senator Maria Delgado said Governor Paul Whitcombe was not dishonest.",
                 '"Is Paul Whitcombe dishonest?" Senator Maria Delgado asked.'):
        events = happened(analyze(text))
        assert not [e for e in events if e.type in {"ACCUSE", "SUPPORT"}], shown(events)


def test_judging_a_possible_act_is_not_judging_the_party(analyze):
    events = happened(analyze("Maria Delgado said the Green Party would be wrong to leave "
                              "the coalition."))
    assert not [e for e in events if e.type == "ACCUSE"], shown(events)


def test_a_verb_the_word_list_rates_well_is_no_praise(analyze):
    events = happened(analyze("Maria Delgado said Paul Whitcombe treats his staff kindly."))
    assert not [e for e in events if e.type == "SUPPORT"], shown(events)


def test_too_much_of_anything_is_blame(analyze):
    events = happened(analyze("Senator Maria Delgado said Governor Paul Whitcombe had been "
                              "too cautious with the flood defences."))
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert "Whitcombe" in accuse.target.text, shown(events)


def test_quoted_words_inside_a_reported_clause_are_judged_with_it(analyze):
    events = happened(analyze('Maria Delgado said that Paul Whitcombe\'s "only plan" was a '
                              '"dishonest" scheme to raise rents.'))
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert "Whitcombe" in accuse.target.text, shown(events)


def test_a_deed_reported_of_a_group_is_no_judgement(analyze):
    events = happened(analyze("The spokeswoman Maria Delgado said the guards fired on the "
                              "crowd and two men died."))
    assert not [e for e in events if e.type == "ACCUSE"], shown(events)


def test_idioms_of_attack_in_words_are_accusations(analyze):
    for text in ("Mayor Ines Carvalho poked at Governor Paul Whitcombe's record on housing.",
                 "Mayor Ines Carvalho took aim at Governor Paul Whitcombe over the housing "
                 "budget."):
        events = happened(analyze(text))
        (accuse,) = [e for e in events if e.type == "ACCUSE"]
        assert "Carvalho" in accuse.actor.text and "Whitcombe" in accuse.target.text, \
            shown(events)


def test_a_feeling_said_about_a_party_is_a_statement(analyze):
    events = happened(analyze("Mayor Ines Carvalho expressed outrage at Governor Paul "
                              "Whitcombe over the closures."))
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert "Whitcombe" in accuse.target.text, shown(events)
    events = happened(analyze("Mayor Ines Carvalho paid tribute to Governor Paul Whitcombe "
                              "at the opening."))
    (support,) = [e for e in events if e.type == "SUPPORT"]
    assert "Whitcombe" in support.target.text, shown(events)


def test_siding_with_a_party_is_support(analyze):
    events = happened(analyze("Senator Maria Delgado sided with Governor Paul Whitcombe in "
                              "the dispute."))
    (support,) = [e for e in events if e.type == "SUPPORT"]
    assert "Whitcombe" in support.target.text, shown(events)


def test_asking_another_party_to_act_is_a_request(analyze):
    events = happened(analyze("The miners' union asked Governor Paul Whitcombe to publish "
                              "the safety report."))
    (request,) = [e for e in events if e.type == "REQUEST"]
    assert "Whitcombe" in request.target.text, shown(events)
    for text in ("Governor Paul Whitcombe told reporters that he would run again.",
                 "Governor Paul Whitcombe asked about the budget on Monday."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type == "REQUEST"], shown(events)


def test_a_complaint_filed_names_whom_it_is_against_not_the_board(analyze):
    events = happened(analyze("The tenants' association filed a complaint with the housing "
                              "board against Mayor Jo Reyes on Monday."))
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert "association" in accuse.actor.text and "Reyes" in accuse.target.text, \
        shown(events)


def test_contesting_a_rule_is_disapproval_but_a_debate_challenge_is_not(analyze):
    events = happened(analyze("Nine states are challenging the ministry's new water rules "
                              "in court."))
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert "ministry" in accuse.target.text, shown(events)
    events = happened(analyze("Mayor Jo Reyes challenged Governor Tim Rask to a debate."))
    assert not [e for e in events if e.type == "ACCUSE"], shown(events)


def test_standing_for_a_rated_thing_judges_the_subject(analyze):
    events = happened(analyze("Mayor Jo Reyes says Governor Paul Whitcombe represents a dishonest "
                              "and wasteful government."))
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert "Whitcombe" in accuse.target.text, shown(events)


def test_a_headline_and_the_report_below_it_are_two_rows_sharing_arguments(analyze):
    text = ("Councillor urges mayor to resign over budget.\n\n"
            "Councillor Hana Okafor on Tuesday urged Mayor Jo Reyes to resign over the "
            "budget shortfall.\n\nThe council meets again next week.")
    events = happened(analyze(text))
    requests = [e for e in events if e.type == "REQUEST"]
    assert len(requests) == 2, shown(events)
    assert {e.trigger.start < 50 for e in requests} == {True, False}, shown(events)
    assert all(e.target is not None for e in requests), shown(events)


def test_a_lead_sentence_in_the_past_is_no_headline(analyze):
    text = ("Councillor Hana Okafor urged Mayor Jo Reyes to resign on Tuesday.\n\n"
            "Okafor on Tuesday urged Mayor Jo Reyes to resign over the shortfall, aides said."
            "\n\nThe council meets again next week.")
    events = happened(analyze(text))
    assert len([e for e in events if e.type == "REQUEST"]) == 1, shown(events)


def test_an_armed_sector_named_before_an_act_of_force_did_it(analyze):
    events = happened(analyze("The report examines the police shootings of two teenagers "
                              "in Dayton."))
    (assault,) = [e for e in events if e.type == "ASSAULT"]
    assert assault.actor is not None and assault.actor.text == "police", shown(events)


def test_a_simulated_attack_is_a_show_of_force_not_an_attack(analyze):
    events = analyze("The navy rehearsed an assault on a coastal town in the north last spring.")
    assert not [e for e in events if e.type == "ASSAULT"], shown(events)
    (show,) = [e for e in events if e.type == "MOBILIZE"]
    assert show.actor is not None and show.actor.text == "navy", shown(events)


def test_a_group_named_by_its_nation_can_be_blamed(analyze):
    events = happened(analyze("In an interview Senator Maria Delgado blasted the Canadian "
                              "media for its coverage of the election."))
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert "Canadian" in accuse.target.text, shown(events)


def test_a_newspaper_speaks_through_its_article(analyze):
    events = happened(analyze("Ten years ago, a Herald editorial praised Governor Paul "
                              "Whitcombe for his reforms."))
    (support,) = [e for e in events if e.type == "SUPPORT"]
    assert support.actor.text == "Herald" and "Whitcombe" in support.target.text, \
        shown(events)


def test_telling_the_press_or_what_to_expect_informs_and_asks_nothing(analyze):
    for text in ("The governor told reporters to wait for the audit.",
                 "The mayor told voters to expect higher fees next year."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type == "REQUEST"], shown(events)
    events = happened(analyze("The minister told the rebels to lay down their weapons."))
    (request,) = [e for e in events if e.type == "REQUEST"]
    assert request.target is not None and request.target.text == "rebels", shown(events)
