"""Precision on real news (issue 16): background named as a setting, arguments resolved.
Every sentence is our own."""

from __future__ import annotations

from tests.test_events import analyze, happened, shown

__all__ = ["analyze"]


def test_a_meeting_named_as_the_time_of_a_clause_is_background(analyze):
    for text in ("The mayor of Eastbrook announced her candidacy during the party's annual "
                 "meeting.",
                 "The treasurer resigned in the wake of the council's talks with the unions."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type == "CONSULT"], shown(events)


def test_fighting_named_as_a_setting_still_happened(analyze):
    events = happened(analyze("Two soldiers were wounded during clashes between the army and "
                              "rebels near the border."))
    assert [e for e in events if e.type == "ASSAULT"], shown(events)


def test_a_meeting_that_is_told_is_still_coded(analyze):
    events = happened(analyze("The mayor of Eastbrook met union leaders on Tuesday."))
    assert [e for e in events if e.type == "CONSULT"], shown(events)



def _document(text: str):
    """The document as the events stage receives it: parsed, with the stages before it."""
    from newsgraph.eval.events import event_settings
    from newsgraph.model import Document, Source
    from newsgraph.pipeline import Analyzer, parse_published

    analyzer = Analyzer(event_settings())
    article = analyzer.prepare(Source(text=text, origin="test", published="2024-05-10"))
    document = Document(article, analyzer.nlp(article.text), parse_published(article.published))
    for stage, run in analyzer.stages:
        if stage.name == "events":
            break
        run(document)
        document.assigned.update(stage.assigns)
    return document


def test_it_never_stands_for_a_plural_people():
    from newsgraph.stages.events.arguments import ArgumentCoder, EntityIndex

    document = _document("The coalition, which speaks for four million Canadians, keeps out "
                         "of elections. It condemned the new toll last week.")
    coder = ArgumentCoder(EntityIndex.of(document))
    (it,) = [t for t in document.doc if t.text == "It"]
    assert "Canadians" not in {e.name for e in document.article.entities
                               if e.id == coder.antecedent(it)}


def test_they_may_stand_for_a_plural_people():
    from newsgraph.stages.events.arguments import ArgumentCoder, EntityIndex

    document = _document("The petition was signed by many Canadians. They condemned the new "
                         "toll last week.")
    coder = ArgumentCoder(EntityIndex.of(document))
    (they,) = [t for t in document.doc if t.text == "They"]
    assert "Canadians" in {e.name for e in document.article.entities
                           if e.id == coder.antecedent(they)}


def test_one_person_agreeing_that_something_is_so_shares_a_view(analyze):
    events = happened(analyze("Former mayor Rosa Albers agreed that the town's budget rules "
                              "should be rewritten, but she said it could wait."))
    assert not [e for e in events if e.type == "AGREE"], shown(events)


def test_parties_agreeing_that_something_will_happen_agree(analyze):
    events = happened(analyze("The ministry and the nurses' union agreed on Monday that the "
                              "strike would end on Friday."))
    assert [e for e in events if e.type == "AGREE"], shown(events)


def test_a_protest_is_against_a_party_not_a_thing(analyze):
    for text in ('Hundreds of students marched on Friday against the new tuition fees.',
                 'Farmers rallied outside the parliament, chanting "No more tolls!"'):
        events = happened(analyze(text))
        protests = [e for e in events if e.type == "PROTEST"]
        assert protests and all(e.target is None for e in protests), shown(events)


def test_a_protest_keeps_the_party_it_is_against(analyze):
    events = happened(analyze("Hundreds of students marched in Eastbrook on Friday against "
                              "the Ministry of Education."))
    (protest,) = [e for e in events if e.type == "PROTEST"]
    assert protest.target is not None and "Ministry" in protest.target.text, shown(events)


def test_an_armed_sector_before_a_gerund_did_it(analyze):
    events = happened(analyze("The vigil was held two days after a police shooting near "
                              "the harbour."))
    (shooting,) = [e for e in events if e.type == "ASSAULT"]
    assert shooting.actor is not None and shooting.actor.text == "police", shown(events)
    assert shooting.target is None, shown(events)


def test_a_subjectless_passive_is_done_to_the_subject_of_its_clause(analyze):
    events = happened(analyze("After being detained for a week at the border crossing, the "
                              "reporter flew home."))
    (held,) = [e for e in events if e.type == "COERCE"]
    assert held.target is not None and held.target.text == "reporter", shown(events)


def test_a_description_in_apposition_stands_for_the_name(analyze):
    events = happened(analyze("The report remembers Ana Kovac, a retired nurse who fell ill "
                              "in 2021 after being detained for six months in a provincial "
                              "prison."))
    (held,) = [e for e in events if e.type == "COERCE"]
    assert held.target is not None and "Kovac" in held.target.text, shown(events)


def test_opposing_a_step_refuses_it(analyze):
    events = happened(analyze("The port authority's attorneys filed papers on Tuesday opposing "
                              "the sale."))
    assert [e for e in events if e.type == "REJECT"], shown(events)
    assert not [e for e in events if e.type == "ACCUSE"], shown(events)


def test_opposing_a_party_is_disapproval(analyze):
    events = happened(analyze("Senator Maria Delgado opposed Governor Paul Whitcombe at every "
                              "turn last year."))
    assert [e for e in events if e.type == "ACCUSE"], shown(events)


def test_joined_passives_share_their_agent(analyze):
    events = happened(analyze("Ana Ruiz, a nurse from the suburbs, was shot and wounded by a "
                              "police officer on Monday."))
    shootings = [e for e in events if e.type == "ASSAULT"]
    assert shootings and all(e.actor is not None and "officer" in e.actor.text
                             and "Ruiz" in e.target.text for e in shootings), shown(events)


def test_a_second_participle_keeps_its_own_subject(analyze):
    events = happened(analyze("Two guards were killed and nine others wounded when rebels "
                              "shelled the depot."))
    targets = {e.target.text for e in events if e.type == "ASSAULT" and e.target is not None}
    assert "nine others" in targets, shown(events)


def test_rejecting_that_request_answers_whoever_made_it(analyze):
    events = happened(analyze('"The audit must be published," the union leader Hana Okafor '
                              'said. The mayor rejected that demand on Friday.'))
    (reject,) = [e for e in events if e.type == "REJECT"]
    assert reject.target is not None and "Okafor" in reject.target.text, shown(events)


def test_a_meeting_or_praise_aimed_at_no_one_is_no_row(analyze):
    events = happened(analyze("Governor Paul Whitcombe met behind closed doors on Tuesday to "
                              "discuss the budget."))
    assert not [e for e in events if e.type == "CONSULT"], shown(events)


def test_parties_meeting_each_other_need_no_target(analyze):
    events = happened(analyze("The two foreign ministers met in Geneva on Tuesday."))
    assert [e for e in events if e.type == "CONSULT"], shown(events)


def test_a_complaint_is_about_whom_its_content_blames(analyze):
    events = happened(analyze("The Green Party's complaint to the ethics board says Mayor Tom "
                              "Reyes broke the conduct rules."))
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert accuse.target is not None and "Reyes" in accuse.target.text, shown(events)


def test_funding_cut_for_a_scheme_is_no_sanction(analyze):
    events = happened(analyze("The legislature cut funding for the road safety programme "
                              "last year."))
    assert not [e for e in events if e.type == "SANCTION"], shown(events)


def test_aid_cut_to_a_country_is_a_sanction(analyze):
    events = happened(analyze("Ruritania cut aid to Freedonia on Monday."))
    assert [e for e in events if e.type == "SANCTION"], shown(events)


def test_whoever_is_arrested_in_an_attack_is_its_suspected_doer(analyze):
    for text in ("The sheriff's office confirmed the arrest of a woman in last week's shooting "
                 "of a bus driver.",
                 "Police arrested a teenager on Sunday in the shooting of a shopkeeper."):
        events = happened(analyze(text))
        attacks = [e for e in events if e.type == "ASSAULT"]
        assert attacks and all(e.actor is not None and e.actor.text in {"woman", "teenager"}
                               for e in attacks), shown(events)


def test_a_pledge_is_one_row_not_its_content_again(analyze):
    events = happened(analyze("In 2019 the province pledged that it would lift the ban on "
                              "street markets."))
    assert len([e for e in events if e.type == "AGREE"]) == 1, shown(events)


def test_an_attitude_told_as_a_state_is_no_statement(analyze):
    for text in ("The dockers' union is opposed to the harbour merger.",
                 '"We are still committed to funding the clinics," the mayor said.'):
        events = happened(analyze(text))
        assert not [e for e in events if e.type in {"ACCUSE", "REJECT", "SUPPORT"}], \
            shown(events)


def test_opposing_something_on_a_day_is_still_coded(analyze):
    events = happened(analyze("The dockers' union opposed the harbour merger on Monday."))
    assert [e for e in events if e.type == "REJECT"], shown(events)


def test_a_trend_of_a_kind_is_no_statement(analyze):
    events = happened(analyze("Farmers are beginning to demand cheaper diesel, the "
                              "minister said."))
    assert not [e for e in events if e.type == "REQUEST"], shown(events)


def test_a_named_party_starting_to_demand_is_coded(analyze):
    events = happened(analyze("The union began to demand a pay rise in May."))
    assert [e for e in events if e.type == "REQUEST"], shown(events)


def test_an_armed_sector_in_a_headline_s_capitals_did_it(analyze):
    events = happened(analyze("Mayor Visits Families After Army Shooting."))
    (shooting,) = [e for e in events if e.type == "ASSAULT"]
    assert shooting.actor is not None and shooting.actor.text == "Army", shown(events)
    assert shooting.target is None, shown(events)


def test_an_object_pronoun_is_never_its_own_subject(analyze):
    events = happened(analyze("Maria Delgado spoke first. Later Delgado criticised her for "
                              "missing the vote."))
    (accuse,) = [e for e in events if e.type == "ACCUSE"]
    assert accuse.target is not None and accuse.target.entity != accuse.actor.entity, \
        shown(events)
