"""Parse shapes the object lookup missed: amounts of a thing, an agreement named by its
kind, and norms violated (sentences written for these tests)."""

from __future__ import annotations

import pytest

from newsgraph import analyze

pytestmark = pytest.mark.filterwarnings("ignore::UserWarning")


def _coded(text: str) -> list[tuple[str, str]]:
    return [(e.type, e.cameo) for e in analyze(text).events
            if not (e.negated or e.hypothetical or e.intended)]


@pytest.mark.parametrize(("text", "expected"), [
    ("The junta released hundreds of prisoners on Friday.", "RETREAT"),
    ("The rebels freed dozens of hostages near the river.", "RETREAT"),
    ("Ruritania sent 400 tonnes of food aid to the refugees.", "AID"),
    ("Donors delivered two shipments of medicine to the province.", "AID"),
])
def test_an_amount_of_a_thing_is_looked_up_as_the_thing(text: str, expected: str) -> None:
    assert [t for t, _ in _coded(text)] == [expected]


def test_an_amount_of_something_else_is_still_no_event() -> None:
    assert _coded("The band played dozens of songs at the festival.") == []


def test_a_ceasefire_agreement_violated_is_the_ceasefire_violated() -> None:
    assert _coded("The rebels violated the ceasefire agreement on Sunday.") == [
        ("ASSAULT", "196")]


@pytest.mark.parametrize("text", [
    "The militia violated the arms embargo.",
    "Freedonia violated the treaty by testing missiles.",
])
def test_violating_an_agreement_or_a_ban_defies_it(text: str) -> None:
    assert _coded(text) == [("REJECT", "128")]


def test_breaking_the_law_is_no_political_defiance() -> None:
    assert _coded("The company violated the law, the court found.") == []


@pytest.mark.parametrize("text", [
    "The army hopes to invade the island.",
    "The junta is hoping to arrest the editor.",
])
def test_what_someone_hopes_to_do_is_intended(text: str) -> None:
    events = analyze(text).events  # the lemmatiser reads "hopes" as "hop"
    assert events and all(e.intended for e in events)


def test_the_suspension_of_aid_is_coded_as_suspending_it() -> None:
    assert _coded("The government announced the suspension of military aid to Freedonia.") == [
        ("SANCTION", "162")]
    assert _coded("The suspension of the match angered the fans.") == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The government lifted the curfew after the riots.", ["CONCEDE"]),
    ("Ruritania has sent food aid to the region since the invasion.", ["AID"]),
    ("The army declared a truce after three days of fighting.", ["RETREAT"]),
])
def test_an_act_that_only_dates_another_is_its_time(text: str, expected: list[str]) -> None:
    assert sorted({t for t, _ in _coded(text)}) == expected


def test_words_said_after_an_act_keep_the_act() -> None:
    types = {t for t, _ in _coded("The minister condemned the rebels after the bombing of "
                                  "the market.")}
    assert types == {"ACCUSE", "ASSAULT"}


@pytest.mark.parametrize("text", [
    "Shops in the capital closed in protest at the arrest of the opposition leader.",
    "Thousands took to the streets in outrage at the jailing of the editor.",
])
def test_what_a_protest_is_at_is_its_grievance(text: str) -> None:
    assert "COERCE" not in {t for t, _ in _coded(text)}


def test_an_arrest_at_a_place_is_still_an_arrest() -> None:
    assert _coded("Police arrested the opposition leader at his home.")[0][0] == "COERCE"


def _rows(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(e.type, e.actor.text if e.actor else None, e.target.text if e.target else None)
            for e in analyze(text).events]


def test_an_investigation_opened_is_its_openers() -> None:
    assert _rows("Prosecutors opened an investigation into the mayor.") == [
        ("ACCUSE", "Prosecutors", "mayor")]


@pytest.mark.parametrize(("text", "probed"), [
    ("The mayor was placed under investigation for fraud.", "mayor"),
    ("The shipping company is under investigation.", "shipping company"),
])
def test_who_is_under_investigation_is_its_target(text: str, probed: str) -> None:
    assert _rows(text) == [("ACCUSE", None, probed)]


def test_an_investigation_only_named_is_no_row() -> None:
    assert _rows("The results of the investigation were published on Monday.") == []


def test_going_back_on_a_commitment_refuses_it() -> None:
    assert _coded("Freedonia reneged on its pledge to cut tariffs.") == [("REJECT", "120")]


def test_sharing_expertise_or_technology_is_cooperation() -> None:
    assert _coded("Ruritania shared its nuclear expertise with Freedonia.") == [
        ("COOPERATE", "064")]
    assert _coded("The children shared their memories of the storm.") == []
