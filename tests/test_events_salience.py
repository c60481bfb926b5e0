"""The main event of a text and the salience order of its events (issue 16): the act of the
lead's main clause, not its background, its parts or the reactions to it. GDELT's
IsRootEvent and `eval events --main-events` read it. Every sentence is our own."""

from __future__ import annotations

from newsgraph.model import Event
from tests.test_events import analyze, happened

__all__ = ["analyze"]


def _main(events: list[Event]) -> list[tuple[str, str]]:
    return [(e.type, e.trigger.text) for e in events if e.main]


def _show(events: list[Event]) -> list[tuple]:
    return [(e.salience, e.main, e.type, e.trigger.text) for e in events]


def test_an_act_named_as_the_setting_of_another_is_not_the_main_event(analyze):
    events = analyze("Police arrested forty dockworkers during a protest at the harbour gates "
                     "on Sunday.")
    assert {"COERCE", "PROTEST"} <= {e.type for e in happened(events)}, _show(events)
    assert _main(events) == [("COERCE", "arrested")], _show(events)


def test_a_clause_of_time_is_background(analyze):
    events = analyze("Police detained twelve farmers as hundreds of growers rallied against "
                     "fuel prices outside the assembly.")
    assert _main(events) == [("COERCE", "detained")], _show(events)
    assert [e.salience for e in events if e.type == "PROTEST"] == [2], _show(events)


def test_a_clause_about_a_participant_is_background(analyze):
    events = analyze("The mayor, who had criticised the governor, signed a water-sharing pact "
                     "with the neighbouring county.")
    (main,) = [e for e in events if e.main]
    assert main.type != "ACCUSE", _show(events)


def test_a_cause_named_in_response_to_is_background(analyze):
    events = analyze("In response to shelling near its depot, the ministry expelled two "
                     "envoys.")
    assert _main(events) == [("SANCTION", "expelled two envoys")], _show(events)


def test_a_statement_answering_an_act_ranks_after_it(analyze):
    events = analyze("A farmers' union condemned the detention of its treasurer by border "
                     "guards.")
    assert {"ACCUSE", "COERCE"} <= {e.type for e in happened(events)}, _show(events)
    assert _main(events) == [("COERCE", "detention")], _show(events)


def test_the_first_of_two_coordinated_acts_heads_them(analyze):
    events = analyze("Guards beat and detained the hunger strikers.")
    assert len(happened(events)) == 2, _show(events)
    assert _main(events) == [("ASSAULT", "beat")], _show(events)


def test_an_act_of_a_later_paragraph_is_not_the_main_event(analyze):
    events = analyze("Customs officers seized a shipment of rifles at the northern port.\n\n"
                     "Later that week, dockworkers staged a strike over unpaid wages, and "
                     "police arrested their leader.")
    assert len(happened(events)) == 3, _show(events)
    assert _main(events) == [("COERCE", "seized")], _show(events)
    assert sorted(e.salience for e in events) == [1, 2, 3], _show(events)


def test_a_flagged_act_is_never_the_main_event(analyze):
    events = analyze("The militia threatened to storm the radio station.")
    (storm,) = [e for e in events if e.trigger.text.startswith("storm")]
    assert storm.intended and not storm.main, _show(events)


def test_the_main_event_only_scoring_counts_main_predictions() -> None:
    from newsgraph.eval.events import score_events

    gold = [{"id": "1", "events": [{"type": "COERCE"}]}]
    predicted = [{"id": "1", "events": [{"type": "COERCE", "main": True},
                                        {"type": "PROTEST", "main": False}]}]
    every = score_events(gold, predicted)
    main = score_events(gold, predicted, main_only=True)
    assert (every.tp, every.fp) == (1, 1)
    assert (main.tp, main.fp) == (1, 0)


def test_prediction_lines_mark_the_main_event(analyze) -> None:
    import newsgraph
    from newsgraph.eval.events import prediction_record

    article = newsgraph.analyze("Guards beat and detained the hunger strikers.",
                                published="2024-05-10")
    line = prediction_record(article, "x")
    assert [(e["type"], e["main"]) for e in line["events"]] == [
        ("ASSAULT", True), ("COERCE", False)], line


def test_gdelt_is_root_event_is_the_main_event(analyze) -> None:
    import newsgraph
    from newsgraph.export.gdelt_events import COLUMNS, row

    article = newsgraph.analyze("Customs officers seized a shipment of rifles at the northern "
                                "port.\n\nLater that week, dockworkers staged a strike over "
                                "unpaid wages, and police arrested their leader.",
                                published="2024-05-10")
    roots = {event.trigger.text: dict(zip(COLUMNS, row(article, n, event), strict=True))[
        "IsRootEvent"] for n, event in enumerate(article.events)}
    assert roots["seized"] == "1" and roots["arrested"] == "0", roots
    # an article stored before events had a salience order: GDELT's lead-paragraph proxy
    for event in article.events:
        event.salience, event.main = None, False
    roots = {event.trigger.text: dict(zip(COLUMNS, row(article, n, event), strict=True))[
        "IsRootEvent"] for n, event in enumerate(article.events)}
    assert roots["seized"] == "1" and roots["arrested"] == "0", roots


def test_eval_events_reports_all_and_main_events(tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from newsgraph.cli import app

    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text(json.dumps({"id": "a", "text": "Guards beat and detained the strikers.",
                                "events": [{"type": "ASSAULT"}]}) + "\n", encoding="utf-8")
    pred.write_text(json.dumps({"id": "a", "events": [{"type": "ASSAULT", "main": True},
                                                      {"type": "COERCE", "main": False}]})
                    + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["eval", "events", str(gold), "--pred", str(pred),
                                      "--main-events", "--no-baseline", "--json"])
    assert result.exit_code == 0, result.output
    coders = json.loads(result.stdout)["coders"]
    assert coders["newsgraph"]["micro"]["precision"] == 0.5
    assert coders["main events"]["micro"]["precision"] == 1.0


def test_an_act_named_in_a_description_of_a_place_is_background(analyze):
    events = analyze("Ruritania lifted the curfew in the northern district on Friday, the site "
                     "of deadly riots in June, as police in Freedonia arrested ten activists.")
    assert _main(events) == [("CONCEDE", "lifted the curfew")], _show(events)


def test_acts_an_accusation_names_are_told_before_it(analyze):
    events = analyze("Village women have accused the border guards of harassment and "
                     "beatings.")
    assert {"ACCUSE", "ASSAULT"} <= {e.type for e in happened(events)}, _show(events)
    assert _main(events) == [("ASSAULT", "beatings")], _show(events)


def test_a_line_wrapped_inside_the_lead_paragraph_stays_in_the_lead(analyze):
    events = analyze("During a protest at the harbour gates, police\narrested forty dockworkers "
                     "on Sunday.\n\nLater that week, customs officers seized a shipment of "
                     "rifles.")
    assert _main(events) == [("COERCE", "arrested")], _show(events)


def test_stored_events_say_which_is_the_main_event(tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from newsgraph.cli import app

    runner = CliRunner()
    (tmp_path / "news.txt").write_text(
        "Customs officers seized a shipment of rifles at the northern port.\n\nLater that "
        "week, dockworkers staged a strike over unpaid wages, and police arrested their "
        "leader.\n", encoding="utf-8")
    db = str(tmp_path / "events.db")
    result = runner.invoke(app, ["ingest", str(tmp_path / "news.txt"), "--db", db,
                                 "--published", "2024-05-10"])
    assert result.exit_code == 0, result.output
    result = runner.invoke(app, ["events", "--db", db, "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = {row["trigger"]: row for row in json.loads(result.stdout)}
    assert rows["seized"]["main"] is True and rows["seized"]["salience"] == 1, rows
    assert rows["arrested"]["main"] is False, rows
    result = runner.invoke(app, ["events", "--db", db, "--format", "json", "--main"])
    assert result.exit_code == 0, result.output
    assert [row["trigger"] for row in json.loads(result.stdout)] == ["seized"]
