"""Recording a provision item: what cannot be saved (a negative or absurd frequency, an end before
its start) and how an item reads in plain English (CoP 9.69: type, hours, frequency, expertise)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.plan_content import (
    MAX_TIMES,
    PERIOD_MINUTES,
    Period,
    Provision,
    describe,
    how_long_text,
    how_often_text,
    read_frequency,
    read_minutes,
    with_item,
    without_item,
)

D = date


def fields_with_problems(**values) -> list[str]:
    return [p.field for p in Provision("k", **({"what": "Phonics"} | values)).problems()]


def test_a_complete_item_has_no_problem():
    item = Provision(
        "k",
        "Phonics",
        "Teacher",
        "QTS",
        times=3,
        per=Period.WEEK,
        minutes=30,
        group_size=4,
        starts_on=D(2026, 9, 1),
        ends_on=D(2027, 7, 20),
    )
    assert item.problems() == []


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"what": "  "}, "what"),
        ({"times": -1, "per": Period.WEEK}, "times"),
        ({"times": 0, "per": Period.WEEK}, "times"),
        ({"times": MAX_TIMES + 1, "per": Period.YEAR}, "times"),
        ({"times": 3}, "times"),
        ({"per": Period.WEEK}, "times"),
        ({"minutes": 0}, "minutes"),
        ({"minutes": -30}, "minutes"),
        ({"minutes": 24 * 60 + 1}, "minutes"),
        ({"times": 50, "per": Period.DAY, "minutes": 60}, "times"),
        ({"times": 8, "per": Period.WEEK, "minutes": 24 * 60}, "times"),
        ({"group_size": 0}, "group_size"),
        ({"group_size": 500}, "group_size"),
        ({"starts_on": D(2026, 9, 1), "ends_on": D(2026, 8, 31)}, "ends_on"),
    ],
)
def test_negative_or_absurd_amounts_and_an_end_before_the_start_are_refused(values, field):
    assert field in fields_with_problems(**values)


def test_an_end_on_the_start_day_is_allowed():
    assert fields_with_problems(starts_on=D(2026, 9, 1), ends_on=D(2026, 9, 1)) == []


@given(
    times=st.integers(1, MAX_TIMES),
    per=st.sampled_from(list(Period)),
    minutes=st.integers(1, 24 * 60),
)
def test_an_amount_is_refused_exactly_when_it_needs_more_time_than_the_period_has(times, per, minutes):
    refused = "times" in fields_with_problems(times=times, per=per, minutes=minutes)
    assert refused is (times * minutes > PERIOD_MINUTES[per])


def test_an_item_reads_in_plain_english():
    item = Provision(
        "k",
        "Language group",
        "Teaching assistant",
        "trained by the SLT",
        times=2,
        per=Period.WEEK,
        minutes=90,
        group_size=1,
        starts_on=D(2026, 9, 1),
        ends_on=D(2027, 7, 20),
    )
    assert describe(item) == (
        "Language group. Who: Teaching assistant (trained by the SLT). How often: twice a week. "
        "How long: 1 hour 30 minutes a session. Group: One-to-one. "
        "When: From 1 September 2026 to 20 July 2027."
    )
    assert how_often_text(Provision("k", "x", times=1, per=Period.TERM)) == "once a term"
    assert how_often_text(Provision("k", "x")) == "Not stated"
    assert how_long_text(Provision("k", "x", minutes=120)) == "2 hours a session"


def test_items_are_replaced_by_key_or_added_and_removed_by_key():
    items = [{"key": "a", "what": "1"}, {"key": "b", "what": "2"}]
    assert with_item(items, {"key": "b", "what": "3"}) == [
        {"key": "a", "what": "1"},
        {"key": "b", "what": "3"},
    ]
    assert with_item(items, {"key": "c", "what": "4"})[-1] == {"key": "c", "what": "4"}
    assert without_item(items, "a") == [{"key": "b", "what": "2"}]


@pytest.mark.parametrize(
    ("words", "frequency"),
    [
        ("3 times a week", (3, Period.WEEK)),
        ("Twice a term", (2, Period.TERM)),
        ("once every half term", (1, Period.HALF_TERM)),
        ("Weekly, two terms", (1, Period.WEEK)),
        ("daily in class", (1, Period.DAY)),
        ("5 per week", (5, Period.WEEK)),
        ("as needed", None),
        ("", None),
    ],
)
def test_how_often_is_read_from_an_advisers_words_where_they_say(words, frequency):
    assert read_frequency(words) == frequency


@pytest.mark.parametrize(
    ("words", "minutes"),
    [
        ("30 minutes", 30),
        ("Weekly, 30 minutes a session", 30),
        ("1.5 hours", 90),
        ("an hour", 60),
        ("1 hour 15 mins", 75),
        ("half an hour", 30),
        ("Two terms", None),
    ],
)
def test_how_long_is_read_from_an_advisers_words_where_they_say(words, minutes):
    assert read_minutes(words) == minutes
