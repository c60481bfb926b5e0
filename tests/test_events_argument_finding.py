"""Issue 16, arguments on news nobody tuned for: who does an act named in an adjunct, a
prenominal participle or "in protest", and whom an act is aimed at. Every sentence is our
own."""

from __future__ import annotations

from tests.test_events import analyze, shown

__all__ = ["analyze"]


def test_a_gerund_after_for_is_done_by_whom_the_clause_asks_or_blames(analyze):
    events = analyze("Senator Ruiz on Tuesday called on Governor Hale to apologize to the "
                     "farmers for accusing them of fraud.")
    (accusing,) = [e for e in events if e.trigger.text == "accusing"]
    assert accusing.actor is not None and "Hale" in accusing.actor.text, shown(events)


def test_whom_a_clause_criticises_for_an_act_did_it(analyze):
    events = analyze("On Monday the mayor criticized Captain Ortega of the harbour police "
                     "for shooting a fisherman near the pier.")
    (shooting,) = [e for e in events if e.type == "ASSAULT"]
    assert shooting.actor is not None and "Ortega" in shooting.actor.text, shown(events)


def test_a_bare_in_protest_is_the_protest_of_the_clause_doer(analyze):
    events = analyze("The factory workers walked out in protest on Friday.")
    (protest,) = [e for e in events if e.type == "PROTEST"]
    assert protest.actor is not None and "workers" in protest.actor.text, shown(events)


def test_a_gerund_in_front_of_a_noun_is_done_by_that_noun_not_the_speaker(analyze):
    events = analyze("The judge said the suing landlords had overstated their losses in court.")
    assert not [e for e in events if e.trigger.text == "suing" and e.actor is not None
                and "judge" in e.actor.text], shown(events)


def test_a_thing_refused_inside_what_is_refused_is_its_owners(analyze):
    events = analyze("The rebels refused to accept the governor's offer.")
    (refusal,) = [e for e in events if e.type == "REJECT"]
    assert refusal.target is not None and refusal.target.text == "governor", shown(events)


def test_whoever_underwent_a_death_or_an_arrest_is_not_whom_a_protest_is_against(analyze):
    events = analyze("Hundreds of residents rallied outside the station to protest the "
                     "teacher's death.")
    (rally,) = [e for e in events if e.type == "PROTEST"]
    assert rally.target is None, shown(events)
    events = analyze("Students held a protest over the editor's arrest by the secret police "
                     "on Monday.")
    (protest,) = [e for e in events if e.type == "PROTEST"]
    assert protest.target is not None and "police" in protest.target.text, shown(events)
    events = analyze("The union condemned the governor's plan.")
    assert [e.target.text for e in events if e.type == "ACCUSE" and e.target] == ["governor"]


def test_the_two_sides_of_an_act_between_them_are_actor_and_target(analyze):
    events = analyze("A clash between students and guards broke out on Friday.")
    (clash,) = [e for e in events if e.trigger.text == "clash"]
    assert (clash.actor and clash.actor.text, clash.target and clash.target.text) == (
        "students", "guards"), shown(events)


def test_where_a_protest_is_held_is_not_whom_it_is_against(analyze):
    events = analyze("About two hundred people held a protest of the nurse's death in "
                     "central Leeds.")
    assert not [e for e in events if e.type == "PROTEST" and e.target is not None], \
        shown(events)


def test_a_plural_the_lemmatiser_misreads_still_names_a_sector(analyze):
    events = analyze("In a radio interview the senator blasted the national media for its "
                     "coverage.")
    (blast,) = [e for e in events if e.type == "ACCUSE"]
    assert blast.target is not None and "media" in blast.target.text, shown(events)


def test_a_request_is_made_to_whoever_grants_or_denies_it(analyze):
    events = analyze("After a short hearing the tribunal reached its decision to grant the "
                     "fishermen's request that the auction be delayed.")
    (request,) = [e for e in events if e.type == "REQUEST"]
    assert request.target is not None and request.target.text == "tribunal", shown(events)


def test_an_accusation_is_about_the_subject_of_what_its_claiming_participle_says(analyze):
    events = analyze("The union filed a complaint with the city's labour board, claiming "
                     "that the mayor had broken the contract.")
    (complaint,) = [e for e in events if e.type == "ACCUSE"]
    assert complaint.target is not None and complaint.target.text == "mayor", shown(events)


def test_the_word_before_a_statement_noun_made_it_and_is_not_its_target():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsgraph.stages.events.arguments import complement_target
    from newsgraph.stages.events.lexicon import Code

    words = ["a", "union", "request", "to", "open", "the", "file"]
    doc = Doc(Vocab(), words=words, pos=["DET", "NOUN", "NOUN", "PART", "VERB", "DET", "NOUN"],
              lemmas=words, deps=["det", "compound", "ROOT", "aux", "acl", "det", "dobj"],
              heads=[2, 2, 2, 4, 2, 6, 4])
    assert complement_target(doc[2], None, 2, 2, Code("REQUEST", "100")) is None


def test_a_description_naming_another_party_is_not_that_partys_nominee(analyze):
    import newsgraph

    article = newsgraph.analyze("The Green nominee Dana Holt met voters on Monday. The Labour "
                                "candidate Tom Reyes spoke on Tuesday. The Labour nominee "
                                "also vowed to punish those who leak.", published="2024-05-10")
    (holt,) = [e for e in article.entities if e.name == "Dana Holt"]
    assert not [m for m in holt.mentions if "Labour" in m.text], holt.mentions


def test_they_stands_for_the_people_named_before_it_not_a_place(analyze):
    events = analyze("We have been in touch with several officials including the governor's "
                     "office in Ohio to learn what they are finding as they conduct this "
                     "inquiry.")
    (inquiry,) = [e for e in events if e.type == "ACCUSE"]
    assert inquiry.actor is not None and "officials" in inquiry.actor.text, shown(events)


def test_a_list_of_subjects_split_by_the_parser_demands_as_one(analyze):
    events = analyze("His family, students and local clergy had been demanding that "
                     "prosecutors drop the charges.")
    (demand,) = [e for e in events if e.type == "REQUEST"]
    assert demand.actor is not None and "clergy" in demand.actor.text, shown(events)
    assert demand.target is not None and demand.target.text == "prosecutors", shown(events)


def test_a_noun_with_a_subject_of_its_own_is_a_clause_not_the_target():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from newsgraph.stages.events.arguments import complement_target
    from newsgraph.stages.events.lexicon import Code

    words = ["nurses", "demanded", "that", "police", "release", "the", "tapes"]
    doc = Doc(Vocab(), words=words, lemmas=["nurse", "demand", "that", "police", "release",
                                            "the", "tape"],
              tags=["NNS", "VBD", "IN", "NNS", "NN", "DT", "NNS"],
              pos=["NOUN", "VERB", "SCONJ", "NOUN", "NOUN", "DET", "NOUN"],
              deps=["nsubj", "ROOT", "mark", "nsubj", "ccomp", "det", "dobj"],
              heads=[1, 1, 4, 4, 1, 6, 4])
    found = complement_target(doc[1], doc[0], 1, 1, Code("REQUEST", "100"))
    assert found is not None and found.text == "police"


def test_a_protest_after_an_act_of_force_is_against_whoever_did_it(analyze):
    events = analyze("Large protests in the port city broke out on Monday after a young cook "
                     "was shot dead by soldiers.")
    (protests,) = [e for e in events if e.type == "PROTEST"]
    assert protests.target is not None and protests.target.text == "soldiers", shown(events)


def test_two_joined_gerunds_of_one_act_are_one_event_with_its_doer(analyze):
    events = analyze("On Monday the mayor criticized Captain Ortega of the harbour police "
                     "for shooting and killing a fisherman near the pier.")
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert len(attacks) == 1 and attacks[0].actor is not None, shown(events)
    assert "Ortega" in attacks[0].actor.text, shown(events)
