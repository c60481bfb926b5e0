"""Statements are events (issue 16, statements pass): stances the speaker takes in the
first person, denied praise, qualities said to be lacking. Every sentence is our own."""

from __future__ import annotations

from tests.test_events import analyze, happened, shown

__all__ = ["analyze"]


def only(events, kind):
    found = [e for e in events if e.type == kind]
    assert len(found) == 1, shown(events)
    return found[0]


def test_backing_a_party_in_the_first_person_is_support(analyze):
    events = happened(analyze('"We back Lena Marsh all the way," said Victor Osei, the '
                              'county treasurer.'))
    support = only(events, "SUPPORT")
    assert "Osei" in support.actor.text and "Marsh" in support.target.text, shown(events)


def test_a_stance_noun_of_oneself_names_the_party_it_is_about(analyze):
    events = happened(analyze('"I have long been an admirer of Lena Marsh," Victor Osei '
                              'told the crowd.'))
    support = only(events, "SUPPORT")
    assert "Marsh" in support.target.text, shown(events)
    events = happened(analyze('"I am a fierce critic of Lena Marsh," Victor Osei said.'))
    accuse = only(events, "ACCUSE")
    assert "Osei" in accuse.actor.text and "Marsh" in accuse.target.text, shown(events)


def test_a_denied_good_stance_is_blame_and_a_denied_bad_one_is_nothing(analyze):
    events = happened(analyze('"I do not trust Lena Marsh," Victor Osei said on Tuesday.'))
    accuse = only(events, "ACCUSE")
    assert "Marsh" in accuse.target.text, shown(events)
    events = happened(analyze('"I am no fan of Lena Marsh," Victor Osei said.'))
    only(events, "ACCUSE")
    events = happened(analyze('"I am not a critic of Lena Marsh," Victor Osei said.'))
    assert not [e for e in events if e.type in {"ACCUSE", "SUPPORT"}], shown(events)


def test_praise_denied_of_a_named_party_is_blame(analyze):
    events = happened(analyze("Victor Osei said Lena Marsh was not honest with the "
                              "voters about the levy."))
    accuse = only(events, "ACCUSE")
    assert "Osei" in accuse.actor.text and "Marsh" in accuse.target.text, shown(events)


def test_a_good_quality_said_to_be_lacking_is_blame(analyze):
    events = happened(analyze("Victor Osei said Lena Marsh lacks the courage to stand up "
                              "to the developers."))
    accuse = only(events, "ACCUSE")
    assert "Marsh" in accuse.target.text, shown(events)


def test_lacking_what_is_not_a_quality_blames_no_one(analyze):
    events = happened(analyze("Victor Osei said Lena Marsh lacks the votes to pass the "
                              "levy."))
    assert not [e for e in events if e.type in {"ACCUSE", "SUPPORT"}], shown(events)


def test_a_stance_in_a_question_or_a_condition_is_not_taken(analyze):
    for text in ('"Do I support Lena Marsh?" Victor Osei asked.',
                 '"If I back Lena Marsh, the party splits," Victor Osei said.'):
        events = happened(analyze(text))
        assert not [e for e in events if e.type == "SUPPORT"], shown(events)


def test_a_rebuke_received_from_a_party_is_its_accusation(analyze):
    events = happened(analyze("Lena Marsh drew sharp rebukes from Victor Osei over the "
                              "levy."))
    accuse = only(events, "ACCUSE")
    assert "Osei" in accuse.actor.text and "Marsh" in accuse.target.text, shown(events)


def test_an_adjunct_naming_the_act_gives_it_the_clause_doer(analyze):
    events = happened(analyze("In a pointed rebuke of Lena Marsh, Victor Osei voted against "
                              "the levy."))
    accuse = only(events, "ACCUSE")
    assert "Osei" in accuse.actor.text and "Marsh" in accuse.target.text, shown(events)


def test_a_rebuke_no_one_makes_is_not_coded(analyze):
    events = happened(analyze("The rebuke came after a long night of talks about the levy."))
    assert not [e for e in events if e.type == "ACCUSE"], shown(events)


def test_tributes_paid_and_tirades_launched_are_statements(analyze):
    events = happened(analyze("Victor Osei paid tribute to Lena Marsh at the harbour."))
    support = only(events, "SUPPORT")
    assert "Marsh" in support.target.text, shown(events)
    events = happened(analyze("Victor Osei launched a tirade against Lena Marsh on the "
                              "radio."))
    accuse = only(events, "ACCUSE")
    assert "Marsh" in accuse.target.text, shown(events)


def test_a_tweet_that_another_party_should_act_is_a_demand_on_it(analyze):
    events = happened(analyze("Victor Osei tweeted that Lena Marsh should resign before the "
                              "vote."))
    request = only(events, "REQUEST")
    assert "Osei" in request.actor.text and "Marsh" in request.target.text, shown(events)


def test_what_a_party_needs_to_do_is_a_demand_but_not_what_it_needs_to_know(analyze):
    events = happened(analyze("Victor Osei said Lena Marsh needs to apologise to the "
                              "families."))
    request = only(events, "REQUEST")
    assert "Marsh" in request.target.text, shown(events)
    for text in ("Victor Osei said Lena Marsh needs to know that the levy is unpopular.",
                 "Victor Osei said Lena Marsh needs more time."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type == "REQUEST"], shown(events)


def test_vouching_for_a_person_or_their_record_supports_them(analyze):
    events = happened(analyze("Victor Osei vouched for Lena Marsh at the hearing."))
    support = only(events, "SUPPORT")
    assert "Osei" in support.actor.text and "Marsh" in support.target.text, shown(events)
    events = happened(analyze("Victor Osei vouched for Lena Marsh's record at the hearing."))
    support = only(events, "SUPPORT")
    assert "Marsh" in support.target.text, shown(events)


def test_vouching_for_a_thing_no_one_owns_supports_no_one(analyze):
    events = happened(analyze("The inspectors vouched for the accuracy of the harbour "
                              "survey."))
    assert not [e for e in events if e.type == "SUPPORT"], shown(events)


def test_stumping_for_a_candidate_is_support(analyze):
    events = happened(analyze("Victor Osei stumped for Lena Marsh in three counties."))
    support = only(events, "SUPPORT")
    assert "Marsh" in support.target.text, shown(events)


def test_backing_won_from_or_of_parties_is_their_support(analyze):
    events = happened(analyze("Lena Marsh won backing from the dockworkers' union."))
    support = only(events, "SUPPORT")
    assert "union" in support.actor.text and "Marsh" in support.target.text, shown(events)
    events = happened(analyze("Lena Marsh drew the backing of three of the party's "
                              "mayors."))
    support = only(events, "SUPPORT")
    assert "mayors" in support.actor.text, shown(events)


def test_backing_no_party_receives_is_not_coded(analyze):
    events = happened(analyze("The harbour project has financial backing worth two million "
                              "dollars."))
    assert not [e for e in events if e.type == "SUPPORT"], shown(events)


def test_swiping_at_a_party_is_criticism(analyze):
    events = happened(analyze("Victor Osei swiped at Lena Marsh during the debate."))
    accuse = only(events, "ACCUSE")
    assert "Marsh" in accuse.target.text, shown(events)


def test_a_gerund_after_a_predicate_adjective_is_its_subjects_act(analyze):
    events = happened(analyze("Victor Osei was outspoken in condemning Lena Marsh."))
    accuse = only(events, "ACCUSE")
    assert "Osei" in accuse.actor.text and "Marsh" in accuse.target.text, shown(events)


def test_joining_another_in_a_statement_makes_it_ones_own(analyze):
    events = happened(analyze("Victor Osei joined the harbour workers in condemning Lena "
                              "Marsh."))
    accuse = only(events, "ACCUSE")
    assert "Osei" in accuse.actor.text, shown(events)


def test_a_gerund_after_a_noun_is_not_the_clause_subjects_act(analyze):
    events = happened(analyze("Victor Osei praised her role in condemning the blockade."))
    assert not [e for e in events if e.type == "ACCUSE" and e.actor is not None
                and "Osei" in e.actor.text], shown(events)


def test_people_named_by_their_calling_can_make_statements(analyze):
    events = happened(analyze("Tenant advocates are slamming Lena Marsh over the "
                              "evictions."))
    accuse = only(events, "ACCUSE")
    assert "advocates" in accuse.actor.text and "Marsh" in accuse.target.text, shown(events)
    events = happened(analyze("Two legal scholars criticised Lena Marsh on Friday."))
    accuse = only(events, "ACCUSE")
    assert "scholars" in accuse.actor.text, shown(events)


def test_backing_in_money_or_arms_is_no_statement(analyze):
    events = happened(analyze("Lena Marsh won financial backing from Victor Osei."))
    assert not [e for e in events if e.type == "SUPPORT"], shown(events)


def test_backing_no_one_receives_does_not_take_a_statement_with_it(analyze):
    events = analyze("Victor Osei kept the extent of his backing for Lena Marsh vague, but "
                     "he said that Lena Marsh was a brilliant mayor.")
    assert not [e for e in events if e.trigger.text == "backing"], shown(events)
    support = only(happened(events), "SUPPORT")
    assert "Marsh" in support.target.text, shown(events)


def test_a_part_taken_of_a_group_names_the_group(analyze):
    events = happened(analyze("Lena Marsh criticised some of the harbour commissioners on "
                              "Monday."))
    accuse = only(events, "ACCUSE")
    assert "commissioners" in accuse.target.text, shown(events)
