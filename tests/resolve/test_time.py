"""Dates: each row is a sentence, a publication date and the window an analyst would write down."""

import datetime as dt

import pytest

from legation.domain import Report, TimeSpan
from legation.resolve.time import publication_date, resolve_date

WED = dt.date(2023, 10, 25)  # the seed article's publication date, a Wednesday
SUN = dt.date(2023, 10, 29)
JAN = dt.date(2024, 1, 10)
OCT18 = dt.date(2023, 10, 18)

# (sentence, published, start, end, precision, kind)
CASES = [
    # weekdays: the latest such day on or before publication (dateparser says a week earlier for the same weekday)
    ("Militias struck the base on Wednesday.", WED, "2023-10-25", "2023-10-25", "day", "exact"),
    ("On Monday, Sudani condemned the strikes.", WED, "2023-10-23", "2023-10-23", "day", "exact"),
    ("Rockets hit the airport on Monday night.", WED, "2023-10-23", "2023-10-23", "day", "exact"),
    ("A drone was shot down on Thursday morning.", WED, "2023-10-19", "2023-10-19", "day", "exact"),
    ("On Saturday, Austin announced new deployments.", WED, "2023-10-21", "2023-10-21", "day", "exact"),
    ("Protesters gathered last Wednesday.", WED, "2023-10-18", "2023-10-18", "day", "exact"),
    ("Protesters gathered last Tuesday.", WED, "2023-10-24", "2023-10-24", "day", "exact"),
    ("The talks will resume next Monday.", WED, "2023-10-30", "2023-10-30", "day", "exact"),
    ("Gunmen opened fire on Sunday.", SUN, "2023-10-29", "2023-10-29", "day", "exact"),
    # days relative to publication
    ("Two rockets landed near the embassy yesterday.", WED, "2023-10-24", "2023-10-24", "day", "exact"),
    ("Sirens sounded at the base last night.", WED, "2023-10-24", "2023-10-24", "day", "exact"),
    ("The ministry raised its alert today.", WED, "2023-10-25", "2023-10-25", "day", "exact"),
    ("Police arrested three men this morning.", WED, "2023-10-25", "2023-10-25", "day", "exact"),
    ("The convoy was hit the day before yesterday.", WED, "2023-10-23", "2023-10-23", "day", "exact"),
    ("The group said it would strike again tomorrow.", WED, "2023-10-26", "2023-10-26", "day", "exact"),
    ("The attack happened two days ago.", WED, "2023-10-23", "2023-10-23", "day", "exact"),
    ("Clashes continued overnight.", WED, "2023-10-24", "2023-10-25", "day", "range"),
    # ranges ending at publication
    ("Attacks on US forces have soared over the past week.", WED, "2023-10-18", "2023-10-25", "week", "range"),
    ("There were five attacks in the past few days.", WED, "2023-10-22", "2023-10-25", "day", "range"),
    ("Drones targeted the base three times in the last three days.", WED, "2023-10-22", "2023-10-25", "day", "range"),
    ("Seven attacks were recorded in the past two weeks.", WED, "2023-10-11", "2023-10-25", "week", "range"),
    ("Shelling has intensified in the past 48 hours.", WED, "2023-10-23", "2023-10-25", "day", "range"),
    ("The base has been targeted repeatedly in recent days.", WED, "2023-10-18", "2023-10-25", "week", "range"),
    ("Protests spread across the country this week.", WED, "2023-10-23", "2023-10-25", "week", "range"),
    ("Protests spread across the country this week.", SUN, "2023-10-23", "2023-10-29", "week", "range"),
    ("Protesters stormed the compound earlier this month.", WED, "2023-10-01", "2023-10-25", "month", "range"),
    ("Attacks have risen sharply this year.", WED, "2023-01-01", "2023-10-25", "year", "range"),
    # calendar periods before publication
    ("Last week, protesters tried to storm the embassy.", WED, "2023-10-16", "2023-10-22", "week", "range"),
    ("The advisory was raised last month.", WED, "2023-09-01", "2023-09-30", "month", "range"),
    ("The advisory was raised last month.", JAN, "2023-12-01", "2023-12-31", "month", "range"),
    ("Hundreds marched on the embassy last weekend.", WED, "2023-10-21", "2023-10-22", "day", "range"),
    ("Hundreds marched on the embassy over the weekend.", WED, "2023-10-21", "2023-10-22", "day", "range"),
    ("Hundreds marched on the embassy over the weekend.", SUN, "2023-10-28", "2023-10-29", "day", "range"),
    ("Sanctions were imposed last year.", WED, "2022-01-01", "2022-12-31", "year", "range"),
    # months: the latest such month not after publication
    ("The militia attacked the base in October.", WED, "2023-10-01", "2023-10-25", "month", "range"),
    ("The militia attacked the base in November.", WED, "2022-11-01", "2022-11-30", "month", "range"),
    ("Talks began in early September.", WED, "2023-09-01", "2023-09-30", "month", "range"),
    ("The embassy reopened in October 2022.", WED, "2022-10-01", "2022-10-31", "month", "range"),
    ("In October last year, a drone struck the base.", WED, "2022-10-01", "2022-10-31", "month", "range"),
    ("Last year in March the consulate was stoned.", WED, "2022-03-01", "2022-03-31", "month", "range"),
    ("The talks failed in May this year.", WED, "2023-05-01", "2023-05-31", "month", "range"),
    ("The embassy will reopen in December this year.", WED, "2023-12-01", "2023-12-31", "month", "range"),
    ("The embassy closed in 2019.", WED, "2019-01-01", "2019-12-31", "year", "range"),
    # explicit dates
    ("The embassy was attacked on Oct. 18.", WED, "2023-10-18", "2023-10-18", "day", "exact"),
    ("The embassy was attacked on October 18, 2023.", WED, "2023-10-18", "2023-10-18", "day", "exact"),
    ("The embassy was attacked on 18 October 2023.", WED, "2023-10-18", "2023-10-18", "day", "exact"),
    ("The embassy was attacked on 2023-10-18.", WED, "2023-10-18", "2023-10-18", "day", "exact"),
    ("The embassy was attacked on the 18th of October.", WED, "2023-10-18", "2023-10-18", "day", "exact"),
    ("The embassy was attacked on Dec. 3.", WED, "2022-12-03", "2022-12-03", "day", "exact"),
    ("The embassy was attacked on May 3.", WED, "2023-05-03", "2023-05-03", "day", "exact"),
    ("Attacks have not stopped since Oct. 17.", WED, "2023-10-17", "2023-10-25", "day", "range"),
    ("The embassy has been closed since 2019.", WED, "2019-01-01", "2023-10-25", "year", "range"),
    ("Militias have attacked US forces more than 40 times since October.", WED, "2023-10-01", "2023-10-25", "month",
     "range"),
    # a date that is when something was said bounds the deed: on or before it
    ("The ministry said on Tuesday that gunmen attacked the consulate on Sunday.", WED, "2023-10-22", "2023-10-22",
     "day", "exact"),
    ("The ministry said on Tuesday that gunmen attacked the consulate.", WED, "2023-10-17", "2023-10-24", "week",
     "reported"),
    ("Gunmen attacked the consulate, officials said in a statement on Monday.", WED, "2023-10-16", "2023-10-23",
     "week", "reported"),
    ("Gunmen attacked the consulate, officials told reporters on Monday.", WED, "2023-10-16", "2023-10-23", "week",
     "reported"),
    # a dateline's date is when the article was published, not when the event happened
    ("BAGHDAD, Oct. 18, 2023 (Reuters) - Two rockets struck a base on Tuesday.", OCT18, "2023-10-17", "2023-10-17",
     "day", "exact"),
    ("ERBIL, Kurdistan Region, Oct. 18, 2023 - Drones attacked the base.", OCT18, "2023-10-11", "2023-10-18", "week",
     "reported"),
    # no date in the text: reported, the week before publication — never the publication date as exact
    ("The embassy was attacked.", WED, "2023-10-18", "2023-10-25", "week", "reported"),
    ("March organisers said the protest may continue.", WED, "2023-10-18", "2023-10-25", "week", "reported"),
    ("A 21-year-old man was arrested.", WED, "2023-10-18", "2023-10-25", "week", "reported"),
    # without a publication date, relative expressions stay unresolved; absolute ones still resolve
    ("Militias struck the base on Wednesday.", None, None, None, None, "unresolved"),
    ("Attacks have soared over the past week.", None, None, None, None, "unresolved"),
    ("The embassy was attacked.", None, None, None, None, "unresolved"),
    ("The embassy was attacked on October 18, 2023.", None, "2023-10-18", "2023-10-18", "day", "exact"),
]


@pytest.mark.parametrize("sentence,published,start,end,precision,kind", CASES)
def test_resolve_date(sentence, published, start, end, precision, kind):
    span = resolve_date(sentence, published)
    assert (span.start, span.end, span.precision, span.kind) == (start, end, precision, kind), span


def test_table_is_large_enough():
    assert len(CASES) >= 40


def test_expression_text_is_kept():
    assert resolve_date("Attacks have soared over the past week.", WED).text == "over the past week"
    assert resolve_date("Militias struck on Monday night.", None).text == "on Monday night"
    assert resolve_date("Attacks have not stopped since Oct. 17.", WED).text == "since Oct. 17"
    assert resolve_date("The embassy has been closed since 2019.", WED).text == "since 2019"


def test_same_day_takes_the_previous_events_date():
    monday = resolve_date("On Monday, Sudani condemned the strikes.", WED)
    same = resolve_date("Blinken urged Sudani the same day to pursue the attackers.", WED, previous=monday)
    assert (same.start, same.end, same.kind, same.text) == ("2023-10-23", "2023-10-23", "exact", "the same day")
    earlier = resolve_date("The base had been hit hours earlier.", WED, previous=monday)
    assert (earlier.start, earlier.kind) == ("2023-10-23", "exact")
    after = resolve_date("Gunmen struck again the next day.", WED, previous=monday)
    assert (after.start, after.kind) == ("2023-10-24", "exact")


def test_when_a_stretch_ends_is_not_when_it_began():
    suspended = resolve_date("The embassy suspended visa appointments until Monday.", WED)
    assert suspended.kind == "reported"  # the week up to publication, not Monday
    closed = resolve_date("The embassy closed on Tuesday and will stay shut till Friday.", WED)
    assert (closed.start, closed.kind) == ("2023-10-24", "exact")
    fighting = resolve_date("Fighting went on from Monday until Tuesday.", WED)
    assert (fighting.start, fighting.kind) == ("2023-10-23", "exact")  # a start is given: the stretch began then


def test_the_same_day_as_a_month_told_before_is_no_day():
    april = resolve_date("The war began in April 2023.", WED)
    same = resolve_date("Its air defences shot down three drones the same day.", WED, previous=april)
    assert same.kind == "reported"


def test_the_next_day_after_a_month_told_before_is_in_that_month():
    july = resolve_date("In July, a drone killed a man in Tel Aviv.", WED)
    after = resolve_date("The air force struck the port the next day.", WED, previous=july)
    assert (after.start, after.end, after.precision) == ("2023-07-02", "2023-08-01", "month")


def test_so_long_earlier_is_before_the_event_told_before_else_before_publication():
    strike = resolve_date("CONAIE began an open-ended strike on Oct. 2.", WED)
    declared = resolve_date("The government had declared a state of emergency a week earlier.", WED, previous=strike)
    assert (declared.start, declared.end, declared.precision) == ("2023-09-25", "2023-09-25", "day")
    months = resolve_date("Talks had collapsed two months earlier.", WED, previous=strike)
    assert (months.start, months.end) == ("2023-08-01", "2023-08-31")
    alone = resolve_date("Talks had collapsed two days earlier.", WED)
    assert (alone.start, alone.kind) == ("2023-10-23", "exact")  # nothing dated before: two days before publication


def test_the_same_month_or_that_year_is_the_previous_events():
    january = resolve_date("In January 2022, a drone attack killed three soldiers.", WED)
    jets = resolve_date("Jets struck hideouts across the border the same month.", WED, previous=january)
    assert (jets.start, jets.end, jets.precision) == ("2022-01-01", "2022-01-31", "month")
    march = resolve_date("Protesters stormed the embassy on March 3, 2021.", WED)
    closed = resolve_date("Later that year, the embassy closed.", WED, previous=march)
    assert (closed.start, closed.end, closed.precision) == ("2021-01-01", "2021-12-31", "year")
    assert resolve_date("Jets struck hideouts the same month.", WED).kind == "reported"  # none told before


@pytest.mark.parametrize("sentence, start", [
    ("Security forces opened fire on worshippers after Friday prayers on Sept. 30, 2022.", "2022-09-30"),
    ("Protesters marched on the embassy after Friday prayers.", "2023-10-20"),
    ("Gunmen attacked the base on Friday, Oct. 3.", "2023-10-20"),  # (Oct. 3 was no Friday: the weekday stands)
], ids=["weekday-of-the-date-given", "weekday-alone", "weekday-another-day"])
def test_a_weekday_that_a_date_in_the_sentence_falls_on_names_that_date(sentence, start):
    assert resolve_date(sentence, WED).start == start


@pytest.mark.parametrize("sentence, previous, start, end", [
    ("Pakistan hit targets inside Iran two days later.", "on Oct. 16", "2023-10-18", "2023-10-18"),
    ("Seven months later, Azerbaijan retook the region.", "in February 2023", "2023-09-01", "2023-09-30"),
    ("Three days later the embassy closed.", None, "2023-10-18", "2023-10-25"),  # nothing told before: the week
    ("Two months later the embassy reopened.", "in October", "2023-10-18", "2023-10-25"),  # (after publication)
], ids=["days-after-a-day", "months-after-a-month", "nothing-before", "after-publication"])
def test_so_long_later_is_after_the_event_told_before(sentence, previous, start, end):
    told = resolve_date(previous, WED) if previous else None
    span = resolve_date(sentence, WED, previous=told)
    assert (span.start, span.end) == (start, end)


def test_same_day_without_a_previous_event_is_reported():
    span = resolve_date("Blinken urged Sudani the same day.", WED)
    assert span.kind == "reported"


def test_parser_entities_add_what_the_rules_miss():
    span = resolve_date("The embassy was attacked on 10/18/2023.", WED, expressions=["10/18/2023"])
    assert (span.start, span.kind) == ("2023-10-18", "exact")


@pytest.mark.parametrize("entity", ["21-year-old", "decades", "2014", "the 1980s"])
def test_entities_that_are_not_event_dates_are_ignored(entity):
    span = resolve_date(f"The man, {entity}, was arrested.", WED, expressions=[entity])
    assert span.kind == "reported"


def test_results_are_timespans_with_valid_order():
    for sentence, published, *_ in CASES:
        span = resolve_date(sentence, published)
        assert isinstance(span, TimeSpan)
        assert span.start is None or span.start <= span.end


@pytest.mark.parametrize("text,want", [
    ("Headline\n\nERBIL, Oct. 18, 2023 (Reuters) - Rockets hit the base.", "2023-10-18"),
    ("October 25, 2023\n\nBAGHDAD - Protesters gathered.", "2023-10-25"),
    ("By staff | 25 Oct 2023\n\nKUWAIT CITY - The embassy said.", "2023-10-25"),
    ("Posted 2023-10-20 09:00\n\nDAMASCUS - Shelling.", "2023-10-20"),
    ("BAGHDAD - Protesters gathered on Monday.", None),
])
def test_publication_date_from_the_date_line(text, want):
    got = publication_date(Report(text=text, source="test"))
    assert (got.isoformat() if got else None) == want


def test_publication_date_prefers_the_published_field():
    report = Report(text="ERBIL, Oct. 18, 2023 - Rockets.", source="test", published="2023-10-19")
    assert publication_date(report) == dt.date(2023, 10, 19)


def test_earlier_in_the_day_is_the_day_of_the_event_told_before_else_publication():
    sunday = resolve_date("Protesters stormed the embassy on Sunday.", WED)
    marched = resolve_date("The crowd had marched through the capital earlier in the day.", WED, previous=sunday)
    assert (marched.start, marched.end, marched.text) == ("2023-10-22", "2023-10-22", "earlier in the day")
    alone = resolve_date("The crowd had marched through the capital earlier in the day.", WED)
    assert (alone.start, alone.end) == ("2023-10-25", "2023-10-25")


def test_in_the_afternoon_is_the_day_of_the_event_told_before():
    tuesday = resolve_date("Protesters hurled bricks at an embassy car on Tuesday.", WED)
    gathered = resolve_date("Several hundred students gathered outside the embassy in the afternoon.", WED,
                            previous=tuesday)
    assert (gathered.start, gathered.end, gathered.text) == ("2023-10-24", "2023-10-24", "in the afternoon")


@pytest.mark.parametrize("text", [
    "Police killed four militants in a shootout at an apartment in Giza's 6th of October City.",
    "Protesters marched down 26th of July Street.",
], ids=["6th-of-october-city", "26th-of-july-street"])
def test_a_date_that_names_a_place_is_no_date(text):
    assert resolve_date(text, dt.date(2025, 3, 13)).kind == "reported"
