"""Issue 16, seventh pass on real-news recall: general causes of missed or wrong rows
(codebook classes the lexicon lacked, participants the screens did not recognise). Every
sentence is our own."""

from __future__ import annotations

from tests.test_events import analyze, happened, shown

__all__ = ["analyze"]


def test_removing_tariffs_eases_a_restriction(analyze):
    events = happened(analyze("Chile removed the tariffs on Peruvian grapes."))
    assert [e.type for e in events] == ["CONCEDE"], shown(events)
    assert events[0].actor.text == "Chile"


def test_a_lifted_sanction_is_no_sanction_imposed(analyze):
    events = happened(analyze("The sanctions on Paraguay were lifted in March."))
    assert [e.type for e in events] == ["CONCEDE"], shown(events)


def test_imposed_tariffs_stay_a_sanction(analyze):
    events = happened(analyze("Chile imposed tariffs on Peruvian grapes."))
    assert [e.type for e in events] == ["SANCTION"], shown(events)


def _accusation(events):
    found = [e for e in events if e.type == "ACCUSE"]
    assert len(found) == 1, shown(events)
    return found[0]


def test_criticism_drawn_or_faced_accuses_who_draws_it(analyze):
    for text in ("Governor Ruth Lindqvist drew criticism from nurses in the capital on Tuesday.",
                 "Governor Ruth Lindqvist faced sharp criticism from nurses on Tuesday.",
                 "Governor Ruth Lindqvist received harsh criticism from the nurses' union."):
        accusation = _accusation(happened(analyze(text)))
        assert "Lindqvist" in accusation.target.text, text
        assert "nurses" in accusation.actor.text, text


def test_criticism_received_from_no_one_named_still_names_its_target(analyze):
    accusation = _accusation(happened(analyze(
        "The Harbour Party drew sharp criticism for its plan to close two clinics.")))
    assert accusation.actor is None and "Harbour Party" in accusation.target.text


def test_coming_under_criticism_is_being_criticised(analyze):
    accusation = _accusation(happened(analyze(
        "The Harbour Party has come under criticism from fishermen for its port plan.")))
    assert "fishermen" in accusation.actor.text and "Harbour Party" in accusation.target.text


def test_feared_criticism_or_a_faced_inquiry_is_no_accusation(analyze):
    for text in ("Governor Ruth Lindqvist fears criticism from nurses.",
                 "Governor Ruth Lindqvist faces an inquiry into the hospital contracts."):
        events = happened(analyze(text))
        assert not [e for e in events if e.type == "ACCUSE"], (text, shown(events))


def test_a_reported_she_is_not_the_male_speaker(analyze):
    events = happened(analyze("Governor Helen Ortiz spoke in Denver on Monday. Senator David "
                              "Kline said she had lied about the budget."))
    accusation = _accusation(events)
    assert "Kline" in accusation.actor.text
    assert accusation.target.text == "she" and accusation.target.entity is not None
    assert accusation.target.entity != accusation.actor.entity


def test_a_reported_he_is_still_the_speaker_himself(analyze):
    events = happened(analyze("Senator David Kline said he would block the budget of "
                              "Governor Helen Ortiz."))
    assert all(e.actor is None or "Kline" in e.actor.text or e.actor.text == "he"
               for e in events), shown(events)


def test_criticism_drawn_by_remarks_is_of_their_speaker(analyze):
    accusation = _accusation(happened(analyze(
        "Governor Helen Ortiz spoke on Monday. Her remarks about the strike drew criticism "
        "from the nurses' union.")))
    assert accusation.target.entity is not None and "nurses" in accusation.actor.text


def test_praise_demands_and_threats_received_are_aimed_at_who_receives_them(analyze):
    for text, kind, maker in (
            ("Governor Helen Ortiz won praise from the nurses' union on Monday.", "SUPPORT",
             "nurses"),
            ("Governor Helen Ortiz received the endorsement of the teachers' union on Monday.",
             "SUPPORT", "teachers"),
            ("Governor Helen Ortiz faces growing demands from nurses for higher pay.",
             "REQUEST", "nurses"),
            ("Governor Helen Ortiz has received threats from the militia.", "THREATEN",
             "militia")):
        found = [e for e in happened(analyze(text)) if e.type == kind]
        assert len(found) == 1, (text, shown(happened(analyze(text))))
        assert "Ortiz" in found[0].target.text and maker in found[0].actor.text, text


def test_accusations_of_a_crime_name_the_crime_not_the_accuser(analyze):
    accusation = _accusation(happened(analyze(
        "Governor Helen Ortiz faced accusations of fraud on Monday.")))
    assert accusation.actor is None and "Ortiz" in accusation.target.text


def test_copular_verbs_of_becoming_judge_their_subject(analyze):
    for text in ("Professor Lena Marsh said the Harbour Party has proved dishonest on taxes.",
                 "Professor Lena Marsh said the Harbour Party has grown arrogant in office."):
        accusation = _accusation(happened(analyze(text)))
        assert "Marsh" in accusation.actor.text and "Harbour" in accusation.target.text, text


def test_calling_out_a_party_for_a_fault_criticises_it(analyze):
    events = happened(analyze("Senator David Kline called out Governor Helen Ortiz for the "
                              "delays."))
    assert [e.type for e in events] == ["ACCUSE"], shown(events)
    assert "Ortiz" in events[0].target.text


def test_calling_out_the_guard_is_no_criticism(analyze):
    events = happened(analyze("Governor Helen Ortiz called out the National Guard after the "
                              "floods."))
    assert not [e for e in events if e.type in {"ACCUSE", "REQUEST"}], shown(events)


def test_taking_issue_with_a_party_criticises_it(analyze):
    accusation = _accusation(happened(analyze(
        "Senator David Kline took issue with Governor Helen Ortiz's budget.")))
    assert "Kline" in accusation.actor.text and "Ortiz" in accusation.target.text


def test_a_wave_of_criticism_or_being_its_target_is_received(analyze):
    for text in ("Governor Helen Ortiz faced a wave of criticism from nurses on Monday.",
                 "Governor Helen Ortiz became the target of criticism from nurses on Monday."):
        accusation = _accusation(happened(analyze(text)))
        assert "nurses" in accusation.actor.text and "Ortiz" in accusation.target.text, text


def test_the_prospect_of_criticism_is_not_received(analyze):
    events = happened(analyze("Governor Helen Ortiz faced the prospect of criticism from "
                              "nurses on Monday."))
    assert not [e for e in events if e.type == "ACCUSE" and e.target is not None
                and "Ortiz" in e.target.text], shown(events)


def test_aid_received_is_given_by_who_sends_it(analyze):
    events = happened(analyze("Ruritania received military aid from Freedonia on Monday."))
    assert [(e.type, e.actor.text, e.target.text) for e in events] == [
        ("AID", "Freedonia", "Ruritania")], shown(events)
