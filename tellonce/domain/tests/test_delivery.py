"""A plan's provision becomes sessions expected half-term by half-term: frequencies read from words,
the England term pattern, rates, limits in weeks and blocks across half-terms and holidays."""

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.calendar import england_and_wales
from tellonce.domain.delivery import (
    Calendar,
    HalfTerm,
    Outcome,
    Rule,
    calendar_for,
    delivered_sessions,
    easter_sunday,
    england_half_terms,
    expected_sessions,
    half_terms_problems,
    missed_weeks,
    parse_frequency,
    rule_for,
    should_escalate,
)
from tellonce.domain.plan_content import Period

BANK_HOLIDAYS = england_and_wales(range(2020, 2041)).bank_holidays
years = st.integers(2020, 2038)
periods = st.sampled_from(list(Period))


def year_calendar(year: int) -> Calendar:
    return calendar_for(england_half_terms(year), BANK_HOLIDAYS)


def plain_calendar(weeks: list[int]) -> Calendar:
    """Half-terms of whole weeks with a week's holiday between, no bank holidays."""
    half_terms, monday = [], date(2030, 9, 2)
    for number, length in enumerate(weeks, start=1):
        end = monday + timedelta(weeks=length) - timedelta(days=3)
        half_terms.append(HalfTerm(monday, end, 2030, number))
        monday = end + timedelta(days=10)
    return Calendar(tuple(half_terms))


@pytest.mark.parametrize(
    ("words", "rule"),
    [
        ("weekly", Rule(times=1, per=Period.WEEK)),
        ("3 times a week", Rule(times=3, per=Period.WEEK)),
        ("daily", Rule(times=1, per=Period.DAY)),
        ("every day", Rule(times=1, per=Period.DAY)),
        ("fortnightly", Rule(times=1, per=Period.FORTNIGHT)),
        ("monthly", Rule(times=1, per=Period.MONTH)),
        ("termly", Rule(times=1, per=Period.TERM)),
        ("half-termly", Rule(times=1, per=Period.HALF_TERM)),
        ("Half termly review", Rule(times=1, per=Period.HALF_TERM)),
        ("twice a term", Rule(times=2, per=Period.TERM)),
        ("weekly for 6 weeks", Rule(times=1, per=Period.WEEK, weeks=6)),
        ("a block of 6 sessions", Rule(block=6)),
        ("a block of six sessions, weekly", Rule(times=1, per=Period.WEEK, block=6)),
        ("3 times a week, 30 minutes a session", Rule(times=3, per=Period.WEEK, minutes=30)),
        ("1 hour weekly", Rule(times=1, per=Period.WEEK, minutes=60)),
    ],
)
def test_frequencies_in_words_become_rules(words, rule):
    assert parse_frequency(words) == rule


@pytest.mark.parametrize(
    "words", ["as needed", "regular", "ongoing support", "", "for 6 weeks", "30 minutes", "when required"]
)
def test_words_that_give_no_rate_or_block_are_left_for_the_coordinator(words):
    assert parse_frequency(words) is None


def test_an_items_own_how_often_fields_win_and_its_words_add_a_limit_in_weeks():
    assert rule_for(2, Period.WEEK, 30, "Speech therapy for 10 weeks") == Rule(
        times=2, per=Period.WEEK, minutes=30, weeks=10
    )
    assert rule_for(None, None, None, "Sensory circuits daily") == Rule(times=1, per=Period.DAY)
    assert rule_for(None, None, None, "Support as needed") is None


def test_easter_falls_on_the_published_sundays():
    assert [easter_sunday(y) for y in (2024, 2025, 2026, 2027, 2038)] == [
        date(2024, 3, 31),
        date(2025, 4, 20),
        date(2026, 4, 5),
        date(2027, 3, 28),
        date(2038, 4, 25),
    ]


@given(years)
def test_the_england_pattern_has_six_half_terms_in_order_starting_on_weekdays(year):
    half_terms = england_half_terms(year)
    assert len(half_terms) == 6
    assert half_terms_problems(half_terms) == []
    assert half_terms[0].starts_on.month == 9 and half_terms[-1].ends_on.month == 7
    for half_term in half_terms:
        assert half_term.starts_on.weekday() < 5 and half_term.ends_on.weekday() < 5
        assert 3 <= (half_term.ends_on - half_term.starts_on).days // 7 + 1 <= 9
    # Christmas, Good Friday and Easter Monday always fall in a holiday
    easter = easter_sunday(year + 1)
    for holiday in (date(year, 12, 25), easter - timedelta(days=2), easter + timedelta(days=1)):
        assert not any(h.contains(holiday) for h in half_terms)


def test_half_term_dates_that_overlap_or_run_backwards_are_refused():
    a = HalfTerm(date(2030, 9, 2), date(2030, 10, 25), 2030, 1)
    b = HalfTerm(date(2030, 10, 20), date(2030, 12, 20), 2030, 2)
    c = HalfTerm(date(2031, 2, 1), date(2031, 1, 5), 2030, 3)
    assert len(half_terms_problems([a, b, c])) == 2


@given(st.lists(st.integers(1, 9), min_size=1, max_size=6), st.integers(1, 5))
def test_a_weekly_rate_expects_its_times_in_every_school_week(weeks, times):
    calendar = plain_calendar(weeks)
    found = expected_sessions(Rule(times=times, per=Period.WEEK), calendar, starts_on=date(2030, 9, 1))
    assert [e.sessions for e in found] == [times * w for w in weeks]


@given(st.lists(st.integers(1, 9), min_size=1, max_size=6))
def test_a_daily_rate_expects_a_session_each_school_day(weeks):
    found = expected_sessions(
        Rule(times=1, per=Period.DAY), plain_calendar(weeks), starts_on=date(2030, 9, 2)
    )
    assert [e.sessions for e in found] == [5 * w for w in weeks]


@given(years)
def test_bank_holidays_in_term_take_away_daily_sessions_but_not_a_weekly_one(year):
    calendar = year_calendar(year)
    daily = expected_sessions(Rule(times=1, per=Period.DAY), calendar, starts_on=date(year, 9, 1))
    weekly = expected_sessions(Rule(times=1, per=Period.WEEK), calendar, starts_on=date(year, 9, 1))
    summer_1 = calendar.half_terms[4]  # holds the early May bank holiday
    weekdays = sum(
        (summer_1.starts_on + timedelta(days=i)).weekday() < 5
        for i in range((summer_1.ends_on - summer_1.starts_on).days + 1)
    )
    holidays_in = sum(summer_1.contains(d) for d in BANK_HOLIDAYS)
    assert daily[4].sessions == weekdays - holidays_in
    assert weekly[4].sessions == (summer_1.ends_on - summer_1.starts_on).days // 7 + 1


@given(years, st.integers(1, 4))
def test_fortnightly_is_half_the_weekly_amount_over_a_year_rounded_down(year, times):
    calendar = year_calendar(year)
    weekly = sum(
        e.sessions
        for e in expected_sessions(Rule(times=times, per=Period.WEEK), calendar, starts_on=date(year, 9, 1))
    )
    fortnightly = sum(
        e.sessions
        for e in expected_sessions(
            Rule(times=times, per=Period.FORTNIGHT), calendar, starts_on=date(year, 9, 1)
        )
    )
    assert fortnightly == weekly * times // (2 * times)


@given(years, st.integers(1, 6))
def test_termly_provision_is_all_due_by_the_end_of_each_term_in_proportion_to_its_days(year, times):
    found = expected_sessions(
        Rule(times=times, per=Period.TERM), year_calendar(year), starts_on=date(year, 9, 1)
    )
    for term in range(3):
        first, second = found[2 * term], found[2 * term + 1]
        assert first.sessions + second.sessions == times
        assert first.sessions == times * first.school_days // (first.school_days + second.school_days)
    assert sum(e.sessions for e in found) == 3 * times


@given(years, st.integers(1, 4))
def test_half_termly_provision_expects_its_times_in_each_half_term(year, times):
    found = expected_sessions(
        Rule(times=times, per=Period.HALF_TERM), year_calendar(year), starts_on=date(year, 9, 1)
    )
    assert [e.sessions for e in found] == [times] * 6


@given(years, st.integers(1, 12))
def test_a_year_of_monthly_sessions_is_twelve_a_time_less_any_not_yet_due(year, times):
    found = expected_sessions(
        Rule(times=times, per=Period.MONTH), year_calendar(year), starts_on=date(year, 9, 1)
    )
    weeks = sum(e.school_weeks for e in found)
    assert sum(e.sessions for e in found) == times * 12 * weeks // 52


@given(years, st.integers(1, 12), st.integers(0, 200))
def test_for_n_weeks_expects_n_weekly_sessions_however_the_holidays_fall(year, weeks, offset):
    calendar = year_calendar(year)
    start = date(year, 9, 1) + timedelta(days=offset)
    found = expected_sessions(Rule(times=1, per=Period.WEEK, weeks=weeks), calendar, starts_on=start)
    remaining = sum(calendar.school_weeks_in(h, start) for h in calendar.half_terms if h.ends_on >= start)
    assert sum(e.sessions for e in found) == min(weeks, remaining)
    # a course that crosses a holiday carries on in the next half-term
    assert all(e.sessions == 0 for e in found if e.half_term.ends_on < start)


@given(years, st.integers(1, 20), st.integers(1, 3), st.integers(0, 250))
def test_a_block_at_a_rate_stops_at_its_number_of_sessions(year, block, times, offset):
    calendar = year_calendar(year)
    start = date(year, 9, 1) + timedelta(days=offset)
    rule = Rule(times=times, per=Period.WEEK, block=block)
    found = expected_sessions(rule, calendar, starts_on=start)
    unlimited = expected_sessions(Rule(times=times, per=Period.WEEK), calendar, starts_on=start)
    assert sum(e.sessions for e in found) == min(block, sum(e.sessions for e in unlimited))


@given(years, st.integers(1, 20), st.integers(0, 300))
def test_a_block_without_a_rate_is_due_in_the_half_term_it_starts(year, block, offset):
    calendar = year_calendar(year)
    start = date(year, 9, 1) + timedelta(days=offset)
    found = expected_sessions(Rule(block=block), calendar, starts_on=start)
    due = [e for e in found if e.sessions]
    if any(e.school_days for e in found):
        assert len(due) == 1 and due[0].sessions == block
        assert due[0] == next(e for e in found if e.school_days)
    else:
        assert due == []


@given(years, st.sampled_from([Period.DAY, Period.WEEK, Period.FORTNIGHT, Period.MONTH]), st.integers(1, 5))
def test_nothing_is_expected_before_the_start_or_after_the_end(year, per, times):
    calendar = year_calendar(year)
    start, end = calendar.half_terms[2].starts_on, calendar.half_terms[3].ends_on
    found = expected_sessions(Rule(times=times, per=per), calendar, starts_on=start, ends_on=end)
    assert [e.sessions for e in found[:2] + found[4:]] == [0, 0, 0, 0]
    assert all(e.sessions >= 0 for e in found)


@given(years, periods, st.integers(1, 10), st.integers(0, 300))
def test_sessions_are_never_negative_and_add_up_to_what_accrued(year, per, times, offset):
    calendar = year_calendar(year)
    start = date(year, 9, 1) + timedelta(days=offset)
    found = expected_sessions(Rule(times=times, per=per, minutes=30), calendar, starts_on=start)
    assert all(e.sessions >= 0 for e in found)
    assert all(e.minutes == e.sessions * 30 for e in found)


def test_what_was_delivered_and_the_weeks_missed():
    assert delivered_sessions(Outcome.DELIVERED, 6, None) == 6
    assert delivered_sessions(Outcome.PARTLY, 6, 4) == 4
    assert delivered_sessions(Outcome.PARTLY, 6, 9) == 6
    assert delivered_sessions(Outcome.NOT_DELIVERED, 6, 3) == 0
    assert missed_weeks(6, 3, 6) == Fraction(3)
    assert missed_weeks(0, 0, 6) == 0
    assert should_escalate([Fraction(2), Fraction(1)], 3)
    assert not should_escalate([Fraction(5, 2)], 3)


@given(st.integers(0, 20), st.integers(0, 20), st.integers(1, 9))
def test_missed_weeks_lie_between_none_and_the_whole_half_term(expected, delivered, weeks):
    missed = missed_weeks(expected, delivered, weeks)
    assert 0 <= missed <= weeks
    if delivered >= expected:
        assert missed == 0


@given(years, st.integers(0, 5), st.integers(0, 60), st.integers(0, 60))
def test_school_days_are_the_weekdays_of_the_half_term_that_are_not_bank_holidays(
    year, number, cut_in, cut_out
):
    calendar = year_calendar(year)
    half_term = calendar.half_terms[number]
    first = half_term.starts_on + timedelta(days=cut_in)
    last = half_term.ends_on - timedelta(days=cut_out)
    counted, day = 0, max(first, half_term.starts_on)
    while day <= min(last, half_term.ends_on):
        counted += day.weekday() < 5 and day not in BANK_HOLIDAYS
        day += timedelta(days=1)
    assert calendar.school_days(half_term, first, last) == counted


def test_a_child_waits_from_the_first_of_the_half_terms_not_delivered_at_all_that_end_the_records():
    from tellonce.domain.delivery import latest_and_waiting

    autumn, spring, summer = date(2025, 9, 1), date(2026, 1, 5), date(2026, 4, 20)
    newest_first = [(summer, "not_delivered", "vacancy"), (spring, "not_delivered", "waiting_list")]
    assert latest_and_waiting([*newest_first, (autumn, "delivered", "")]) == (
        "not_delivered",
        "vacancy",
        spring,
    )
    assert latest_and_waiting(newest_first) == ("not_delivered", "vacancy", spring)
    # a half-term delivered even in part ends the wait; no records, no wait
    assert latest_and_waiting(
        [(summer, "partly", "staff_absence"), (spring, "not_delivered", "vacancy")]
    ) == (
        "partly",
        "staff_absence",
        None,
    )
    assert latest_and_waiting([]) == ("", "", None)
