"""Time expressions resolved against the published date (nlp/times.py)."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.model import TimePrecision
from frontlines.nlp.times import find_times, resolve_time

FRIDAY = date(2017, 7, 21)


@pytest.mark.parametrize(
    ("text", "start", "end", "precision"),
    [
        ("on Thursday", date(2017, 7, 20), date(2017, 7, 20), TimePrecision.DAY),
        ("on Wednesday", date(2017, 7, 19), date(2017, 7, 19), TimePrecision.DAY),
        ("on Friday", date(2017, 7, 21), date(2017, 7, 21), TimePrecision.DAY),
        ("late on Tuesday", date(2017, 7, 18), date(2017, 7, 18), TimePrecision.DAY),
        ("yesterday", date(2017, 7, 20), date(2017, 7, 20), TimePrecision.DAY),
        ("in the last 3 days", date(2017, 7, 18), date(2017, 7, 21), TimePrecision.WEEK),
        ("over the past 36 hours", date(2017, 7, 19), date(2017, 7, 21), TimePrecision.WEEK),
        ("in recent days", date(2017, 7, 14), date(2017, 7, 21), TimePrecision.WEEK),
        ("three days ago", date(2017, 7, 18), date(2017, 7, 18), TimePrecision.DAY),
        ("a few days ago", date(2017, 7, 14), date(2017, 7, 20), TimePrecision.WEEK),
        ("two months ago", date(2017, 5, 1), date(2017, 5, 31), TimePrecision.MONTH),
        ("a year ago", date(2016, 1, 1), date(2016, 12, 31), TimePrecision.YEAR),
        ("three years ago", date(2014, 1, 1), date(2014, 12, 31), TimePrecision.YEAR),
        ("several months ago", date(2017, 1, 1), date(2017, 5, 31), TimePrecision.YEAR),
        ("over the past two weeks", date(2017, 7, 7), date(2017, 7, 21), TimePrecision.MONTH),
        ("in the past month", date(2017, 6, 21), date(2017, 7, 21), TimePrecision.MONTH),
        ("over the course of the past week", date(2017, 7, 14), date(2017, 7, 21),
         TimePrecision.WEEK),
        ("early June", date(2017, 6, 1), date(2017, 6, 10), TimePrecision.MONTH),
        ("mid-June", date(2017, 6, 11), date(2017, 6, 20), TimePrecision.MONTH),
        ("late March 2016", date(2016, 3, 21), date(2016, 3, 31), TimePrecision.MONTH),
        ("earlier this month", date(2017, 7, 1), date(2017, 7, 20), TimePrecision.MONTH),
        ("early 2017", date(2017, 1, 1), date(2017, 4, 30), TimePrecision.YEAR),
        ("in 2016", date(2016, 1, 1), date(2016, 12, 31), TimePrecision.YEAR),
        ("On 2 November, 2019", date(2019, 11, 2), date(2019, 11, 2), TimePrecision.DAY),
        ("on March 3, 2018", date(2018, 3, 3), date(2018, 3, 3), TimePrecision.DAY),
        ("last week", date(2017, 7, 10), date(2017, 7, 16), TimePrecision.WEEK),
    ],
)
def test_times_resolve_against_published(text: str, start: date, end: date,
                                         precision: TimePrecision) -> None:
    found = resolve_time(text, FRIDAY)
    assert found is not None
    assert (found.start, found.end, found.precision) == (start, end, precision)


def test_times_a_month_not_yet_reached_is_last_year() -> None:
    found = resolve_time("in early December", date(2017, 7, 21))
    assert found is not None and found.start == date(2016, 12, 1)


def test_times_day_before_follows_the_last_day_mentioned() -> None:
    text = "Reports said on Thursday that the army entered the town it had shelled the day before."
    times = find_times(text, FRIDAY)
    assert [t.time.start for t in times] == [date(2017, 7, 20), date(2017, 7, 19)]


def test_times_without_published_keep_the_text_and_no_date() -> None:
    found = resolve_time("on Thursday", None)
    assert found is not None
    assert found.text == "on Thursday" and found.start is None
    assert found.precision == TimePrecision.UNKNOWN


def test_times_absolute_dates_need_no_published_date() -> None:
    found = resolve_time("on 14 February 2020", None)
    assert found is not None and found.start == date(2020, 2, 14)


def test_times_words_that_only_look_like_months_are_not_times() -> None:
    assert find_times("the militants may attack and march on the town", FRIDAY) == []


def test_times_a_weekday_owning_an_event_is_that_day() -> None:
    """"Sunday's raid", and "Sundays raid" where scraping lost the apostrophe; a habit ("on
    Sundays and holidays") is no date."""
    for text in ("Rescuers searched the ruins after Sunday's raid on the camp.",
                 "Rescuers searched the ruins after Sundays raid on the camp."):
        assert [t.time.start for t in find_times(text, FRIDAY)] == [date(2017, 7, 16)], text
    assert find_times("The market closes on Sundays and holidays.", FRIDAY) == []


def test_times_that_year_is_the_year_last_told() -> None:
    found = find_times("Rebels seized the dam in May 2014. Later that year the army retook it, "
                       "and the following year the rebels came back.", FRIDAY)
    later = next(f.time for f in found if f.time.text == "Later that year")
    following = next(f.time for f in found if f.time.text == "the following year")
    assert (later.start, later.end, later.precision) == (
        date(2014, 1, 1), date(2014, 12, 31), TimePrecision.YEAR)
    assert following.start == date(2015, 1, 1)
    assert not find_times("The army retook it later that year.", FRIDAY)  # no year told



def test_times_a_capitalised_may_or_march_after_in_is_the_month() -> None:
    (found,) = find_times("The hamlet was overrun by tribal fighters in May.", date(2017, 7, 21))
    assert found.time.start == date(2017, 5, 1)
    (found,) = find_times("Looting has gone on since March, they said.", date(2017, 7, 21))
    assert found.time.start == date(2017, 3, 1)
    assert find_times("Families may flee in large numbers.", date(2017, 7, 21)) == []


def test_times_a_month_of_last_year_is_a_year_back() -> None:
    (found,) = find_times("In October last year a lorry bomb hit the square.", date(2017, 7, 21))
    assert (found.time.start, found.time.end) == (date(2016, 10, 1), date(2016, 10, 31))


@pytest.mark.parametrize(("text", "day"), [
    ("Reuters Monday 3 Sep 2012 Gunmen raided a checkpoint", date(2012, 9, 3)),
    ("the convoy was hit on Sunday, March 4 near the crossing", date(2017, 3, 4)),
])
def test_a_weekday_before_a_date_is_that_date(text: str, day: date) -> None:
    """A weekday followed by its calendar date names that date, not the weekday before the
    report's own date."""
    found = find_times(text, FRIDAY)
    assert [(f.time.start, f.time.precision) for f in found] == [(day, TimePrecision.DAY)]


def test_days_earlier_or_later_count_from_the_last_day_told() -> None:
    """"four days later" counts from the day the text told last, not from the report's."""
    found = find_times("Rebels took the hill on 3 July. Four days later the army retook it. "
                       "Several days earlier a convoy was hit.", FRIDAY)
    assert [(f.time.start, f.time.end) for f in found] == [
        (date(2017, 7, 3), date(2017, 7, 3)), (date(2017, 7, 7), date(2017, 7, 7)),
        (date(2017, 6, 30), date(2017, 7, 6))]


def test_a_bare_few_days_is_no_count() -> None:
    """"few days" without "a" says not many days, no day to count back to."""
    assert find_times("rebels who held it few days ago", FRIDAY) == []


@pytest.mark.parametrize("text", ["since the uprising began more than six years ago",
                                  "a feud that started over two years ago"])
def test_more_than_n_years_ago_is_a_bound_not_a_date(text: str) -> None:
    """"more than six years ago" bounds a period; it dates nothing the next sentence tells."""
    assert not [t for t in find_times(text, FRIDAY) if "ago" in t.time.text]
