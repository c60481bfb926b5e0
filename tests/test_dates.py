"""Tests of the dates stage: the pure resolver, then the stage on parsed sentences."""

from __future__ import annotations

from datetime import date

import pytest

from newsgraph.model import Article, Document
from newsgraph.stages.dates import Tense, add_dates, normalise, resolve_time_expression

FRIDAY = date(2024, 5, 10)


def day(value: str) -> tuple:
    return (value, None, "day")


def span(first: str, last: str, granularity: str = "range") -> tuple:
    return (None, (first, last), granularity)


UNKNOWN = (None, None, "unknown")

RESOLVED = [
    # weekdays and their modifiers
    ("Thursday", day("2024-05-09")),
    ("later Thursday", day("2024-05-09")),
    ("earlier Thursday", day("2024-05-09")),
    ("on Thursday", day("2024-05-09")),
    ("Thursday night", day("2024-05-09")),
    ("Thursday morning", day("2024-05-09")),
    ("overnight Thursday", day("2024-05-09")),
    ("Friday", day("2024-05-10")),
    ("Saturday", day("2024-05-04")),
    ("Sunday morning", day("2024-05-05")),
    ("next Monday", day("2024-05-13")),
    ("last Friday", day("2024-05-03")),
    ("Monday of last week", day("2024-04-29")),
    ("Thursday at 3 p.m.", day("2024-05-09")),
    ("3 a.m. Thursday", day("2024-05-09")),
    ("Tuesday, May 7", day("2024-05-07")),
    # deictic days
    ("today", day("2024-05-10")),
    ("Tonight", day("2024-05-10")),
    ("yesterday", day("2024-05-09")),
    ("yesterday afternoon", day("2024-05-09")),
    ("last night", day("2024-05-09")),
    ("tomorrow", day("2024-05-11")),
    ("the day before yesterday", day("2024-05-08")),
    # weeks, months, years relative to publication
    ("earlier this week", span("2024-05-06", "2024-05-09")),
    ("this week", span("2024-05-06", "2024-05-12", "week")),
    ("last week", span("2024-04-29", "2024-05-05", "week")),
    ("next week", span("2024-05-13", "2024-05-19", "week")),
    ("this weekend", span("2024-05-11", "2024-05-12")),
    ("last month", span("2024-04-01", "2024-04-30", "month")),
    ("earlier this month", span("2024-05-01", "2024-05-09")),
    ("last year", span("2023-01-01", "2023-12-31", "year")),
    ("this year", span("2024-01-01", "2024-12-31", "year")),
    ("next year", span("2025-01-01", "2025-12-31", "year")),
    ("late last year", span("2023-09-01", "2023-12-31")),
    ("the past two weeks", span("2024-04-26", "2024-05-10")),
    # explicit dates
    ("May 3", day("2024-05-03")),
    ("May 3, 2024", day("2024-05-03")),
    ("3 May 2024", day("2024-05-03")),
    ("the 3rd of May", day("2024-05-03")),
    ("2024-05-03", day("2024-05-03")),
    ("Sept. 11", day("2023-09-11")),
    ("Sept 11th", day("2023-09-11")),
    ("Dec. 25, 2019", day("2019-12-25")),
    ("October 9th of last year", day("2023-10-09")),
    ("May 12", day("2024-05-12")),  # a couple of days ahead is still this year
    ("September 16-19, 2023", span("2023-09-16", "2023-09-19")),
    ("Christmas", day("2023-12-25")),
    # months, years, decades, seasons
    ("May", span("2024-05-01", "2024-05-31", "month")),
    ("July", span("2023-07-01", "2023-07-31", "month")),
    ("May 2024", span("2024-05-01", "2024-05-31", "month")),
    ("early May", span("2024-05-01", "2024-05-10")),
    ("last December", span("2023-12-01", "2023-12-31", "month")),
    ("2016", span("2016-01-01", "2016-12-31", "year")),
    ("the year 2000", span("2000-01-01", "2000-12-31", "year")),
    ("2010-2015", span("2010-01-01", "2015-12-31")),
    ("the 1990s", span("1990-01-01", "1999-12-31")),
    ("the late '80s", span("1987-01-01", "1989-12-31")),
    ("the summer of 2010", span("2010-06-01", "2010-08-31")),
    ("last summer", span("2023-06-01", "2023-08-31")),
    # "N units ago"
    ("two days ago", day("2024-05-08")),
    ("three weeks ago", span("2024-04-15", "2024-04-21", "week")),
    ("three months ago", span("2024-02-01", "2024-02-29", "month")),
    ("Eight years ago", span("2016-01-01", "2016-12-31", "year")),
    # real time expressions that cannot be resolved sensibly
    ("recent months", UNKNOWN),
    ("the past decade", UNKNOWN),
    ("a few years ago", UNKNOWN),
    ("two years later", UNKNOWN),
    ("six weeks", UNKNOWN),
    ("3 a.m.", UNKNOWN),
    # garbage, other languages, empty input
    ("", UNKNOWN),
    ("   ", UNKNOWN),
    ("qwrtz blorp", UNKNOWN),
    ("jeudi dernier", UNKNOWN),
    ("le 3 mai", UNKNOWN),
    ("1234567", UNKNOWN),
    ("May 45", UNKNOWN),
]


@pytest.mark.parametrize(("text", "expected"), RESOLVED)
def test_resolve_against_friday(text: str, expected: tuple) -> None:
    assert resolve_time_expression(text, FRIDAY) == expected


def test_month_day_prefers_the_recent_past() -> None:
    assert resolve_time_expression("Sept. 11", date(2016, 9, 12)) == day("2016-09-11")
    assert resolve_time_expression("Dec. 30", date(2024, 1, 2)) == day("2023-12-30")


def test_future_hint_moves_weekdays_and_months_forward() -> None:
    assert resolve_time_expression("Tuesday", FRIDAY, Tense.FUTURE) == day("2024-05-14")
    assert resolve_time_expression("July", FRIDAY, Tense.FUTURE) == \
        span("2024-07-01", "2024-07-31", "month")


@pytest.mark.parametrize(("text", "tense", "expected"), [
    # A month-day without a year: the year that puts it nearest to publication, unless the
    # clause's tense points the other way (a Friday in July 2024).
    ("November 5", Tense.UNMARKED, "2024-11-05"),
    ("November 5", Tense.FUTURE, "2024-11-05"),
    ("November 5", Tense.PAST, "2023-11-05"),
    ("March 2", Tense.UNMARKED, "2024-03-02"),
    ("March 2", Tense.FUTURE, "2025-03-02"),
    ("Jan. 5", Tense.UNMARKED, "2025-01-05"),  # 177 days ahead beats 189 back
    ("Jan. 20", Tense.UNMARKED, "2024-01-20"),  # 174 days back beats 192 ahead
    ("July 14", Tense.PAST, "2024-07-14"),  # two days ahead is still this year
    ("the 30th", Tense.UNMARKED, "2024-06-30"),
    ("the 30th", Tense.FUTURE, "2024-07-30"),
    ("Christmas", Tense.UNMARKED, "2024-12-25"),
    ("last Christmas", Tense.UNMARKED, "2023-12-25"),
    # A weekday: the one before in the past, the one after in the future, else the nearer.
    ("Monday", Tense.PAST, "2024-07-08"),
    ("Monday", Tense.FUTURE, "2024-07-15"),
    ("Monday", Tense.UNMARKED, "2024-07-15"),  # three days ahead, four back
    ("Tuesday", Tense.UNMARKED, "2024-07-09"),  # three days back, four ahead
    ("Friday", Tense.FUTURE, "2024-07-12"),  # the day itself
    ("Saturday", Tense.PAST, "2024-07-06"),
])
def test_the_tense_picks_the_year_or_week(text: str, tense: Tense, expected: str) -> None:
    assert resolve_time_expression(text, date(2024, 7, 12), tense) == day(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("Thursday", UNKNOWN),
    ("last week", UNKNOWN),
    ("two days ago", UNKNOWN),
    ("May 3", UNKNOWN),
    ("May 3, 2024", day("2024-05-03")),
    ("2016", span("2016-01-01", "2016-12-31", "year")),
    ("March 2015", span("2015-03-01", "2015-03-31", "month")),
])
def test_without_publish_date_only_absolute_dates_resolve(text: str, expected: tuple) -> None:
    assert resolve_time_expression(text, None) == expected


def test_normalise() -> None:
    assert normalise("On Sept. 11’s") == "sept 11"
    assert normalise("the mid-1990s") == "mid 1990s"


# -- the stage on real parses ----------------------------------------------


@pytest.fixture(scope="module")
def nlp():
    from newsgraph.nlp import load_model

    return load_model()


def run(nlp, text: str, published: date | None = FRIDAY) -> list:
    document = Document(Article(id="t", text=text), nlp(text), published=published)
    add_dates(document)
    for ref in document.article.dates:
        assert text[ref.start:ref.end] == ref.text
    return document.article.dates


def test_stage_merges_day_and_part_of_day(nlp) -> None:
    refs = run(nlp, "Strikes hit the city on Thursday night, officials said.")
    assert [(r.text, r.value, r.granularity) for r in refs] == \
        [("Thursday night", "2024-05-09", "day")]


def test_stage_resolves_several_expressions(nlp) -> None:
    text = ("Earlier this week, the ministry said prices had risen in recent months. "
            "The talks began on May 3 and ended last year's dispute.")
    refs = {r.text: r for r in run(nlp, text)}
    assert refs["Earlier this week"].range == ("2024-05-06", "2024-05-09")
    assert refs["recent months"].value is None and refs["recent months"].range is None
    assert refs["May 3"].value == "2024-05-03"
    assert refs["last year"].range == ("2023-01-01", "2023-12-31")


def test_stage_drops_what_is_not_a_time(nlp) -> None:
    text = ("It was a bad day for the team. The 40-year-old man served a four-year term "
            "and was arrested in 2016.")
    assert [r.text for r in run(nlp, text)] == ["2016"]


def test_stage_reads_future_tense_forward(nlp) -> None:
    refs = run(nlp, "The talks will resume on Tuesday, the minister said.")
    assert [(r.text, r.value) for r in refs] == [("Tuesday", "2024-05-14")]


def test_stage_without_publish_date(nlp) -> None:
    refs = run(nlp, "The vote took place on Monday and on March 3, 2021.", published=None)
    assert [(r.text, r.value) for r in refs] == [("Monday", None), ("March 3, 2021",
                                                                      "2021-03-03")]


def test_stage_on_text_without_dates(nlp) -> None:
    assert run(nlp, "The committee met and agreed on nothing.") == []


def test_dateparser_fallback_is_checked_against_the_words() -> None:
    assert resolve_time_expression("May the 7th", FRIDAY) == day("2024-05-07")
    assert resolve_time_expression("10 May, Friday", FRIDAY) == day("2024-05-10")


@pytest.mark.parametrize("text, expected", [
    # Past or plain context: the Monday before the Friday of publication.
    ("Monday's debate drew a large crowd, the organisers said.", "2024-05-06"),
    ("The team met on Monday.", "2024-05-06"),
    ("The team was expected to announce a new coach on Monday.", "2024-05-06"),
    ("She said Monday's debate showed that the party could win.", "2024-05-06"),
    # Future context: the Monday after.
    ("The team will travel next Monday.", "2024-05-13"),
    ("On Monday the team will announce its new coach.", "2024-05-13"),
    ("Monday's debate will decide the nominee.", "2024-05-13"),
    ("The candidates will clash in Monday's debate.", "2024-05-13"),
    ("The team is expected to announce a new coach on Monday.", "2024-05-13"),
    ("The team plans to meet on Monday.", "2024-05-13"),
    ("The council is due to vote on Monday.", "2024-05-13"),
])
def test_a_weekday_follows_the_tense_of_its_clause(nlp, text: str, expected: str) -> None:
    """In an article of Friday 10 May 2024, "Monday" is the 6th in a past or plain clause
    and the 13th where the clause speaks of later (through the noun it modifies, too)."""
    (monday,) = [r for r in run(nlp, text) if "Monday" in r.text]
    assert monday.value == expected


def test_a_weekday_in_a_clause_without_a_verb_is_the_nearer_one(nlp) -> None:
    """A headline fragment has no verb to climb to (this once looped for ever): nothing says
    before or after, so the nearer Monday is taken (three days after a Friday, not four
    before)."""
    (monday,) = [r for r in run(nlp, "Monday's debate: the main points") if "Monday" in r.text]
    assert monday.value == "2024-05-13"


@pytest.mark.parametrize("text, expected", [
    # The day lies down a noun phrase: the saying's tense says nothing of it.
    ("The host of Monday's debate praised both candidates.", "2024-07-15"),
    ("Aides said the leak was meant to sway the November 5 election.", "2024-11-05"),
    ("The nominee for the November 5 race said he was confident.", "2024-11-05"),
    # A plain present or a conditional does not mark it either: the nearer day.
    ("The two rivals meet on Monday in the capital.", "2024-07-15"),
    ("The rivals are campaigning hard before November 5.", "2024-11-05"),
    ("She said the result would come on Tuesday.", "2024-07-09"),
    # A past clause: the day before publication, in the year before if need be.
    ("The museum reopened on November 5 after repairs.", "2023-11-05"),
    ("The bill, passed on Tuesday, goes to the governor.", "2024-07-09"),
    ("The team has played in the final on Monday.", "2024-07-08"),
    # A future or planned one: the day after, in the year after if need be.
    ("The museum will reopen on March 2.", "2025-03-02"),
    ("The hearing is scheduled for Tuesday.", "2024-07-16"),
    ("The council will meet and vote on Tuesday.", "2024-07-16"),
    ("The club was due to sign the striker on Monday.", "2024-07-08"),
    # A participle used as a preposition is passed over to the verb that places the day.
    ("The club has won four of its last five games, including the derby on Monday.",
     "2024-07-08"),
    # A day after a past verb, or before a future one, is not placed by the verb's tense.
    ("The mayor spoke to reporters ahead of the November 5 vote.", "2024-11-05"),
    ("The council will meet again after Tuesday's vote.", "2024-07-09"),
])
def test_the_clause_decides_between_the_last_and_the_next_day(nlp, text: str,
                                                                expected: str) -> None:
    """In an article of Friday 12 July 2024 a day or month-day without a year goes to the
    side its clause's tense points to, and to the nearer side when nothing points."""
    (ref,) = [r for r in run(nlp, text, published=date(2024, 7, 12)) if r.value]
    assert ref.value == expected


def test_a_day_name_keeps_its_day_through_the_article(nlp) -> None:
    """An unmarked mention ("still talking about Monday's debate") takes the day a marked
    mention of the same name in the article has: one Monday per report."""
    text = ("The rivals clashed in Monday's debate. Both camps are still talking about "
            "Monday's debate.")
    refs = run(nlp, text, published=date(2024, 7, 12))
    assert [r.value for r in refs] == ["2024-07-08", "2024-07-08"]
    alone = run(nlp, "Both camps are still talking about Monday's debate.",
                published=date(2024, 7, 12))
    assert [r.value for r in alone] == ["2024-07-15"]
