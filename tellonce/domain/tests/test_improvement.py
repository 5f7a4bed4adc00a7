"""Improvement plan rules: the rating that stood on a day, overdue actions, the board's trend."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.improvement import (
    ActionStatus,
    Direction,
    Rag,
    RagCount,
    Rating,
    days_overdue,
    direction,
    is_overdue,
    month_ends,
    rag_on,
    rag_trend,
)

HISTORY = [
    Rating(date(2026, 1, 10), Rag.RED),
    Rating(date(2026, 4, 2), Rag.AMBER),
    Rating(date(2026, 9, 1), Rag.GREEN),
]


def test_the_rating_that_stood_on_a_day_is_the_latest_given_by_then():
    assert rag_on(HISTORY, date(2026, 1, 9)) is None
    assert rag_on(HISTORY, date(2026, 1, 10)) == Rag.RED
    assert rag_on(HISTORY, date(2026, 8, 31)) == Rag.AMBER
    assert rag_on(reversed(HISTORY), date(2026, 12, 1)) == Rag.GREEN


def test_an_action_is_overdue_from_the_day_after_it_was_due_until_it_is_complete():
    due = date(2026, 5, 1)
    assert not is_overdue(due, ActionStatus.ON_TRACK, due)
    assert is_overdue(due, ActionStatus.ON_TRACK, due + timedelta(days=1))
    assert days_overdue(due, ActionStatus.NOT_STARTED, date(2026, 5, 11)) == 10
    assert not is_overdue(due, ActionStatus.COMPLETE, date(2027, 1, 1))


@given(st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31)), st.integers(1, 24))
def test_month_ends_are_the_last_days_of_the_months_before_then_today(today, months):
    ends = month_ends(today, months=months)
    assert len(ends) == months + 1 and ends[-1] == today
    for day in ends[:-1]:
        assert (day + timedelta(days=1)).day == 1 and day < today
    assert ends == sorted(ends)


def test_the_board_sees_how_many_priorities_stood_at_each_rating_each_month():
    other = [Rating(date(2026, 3, 1), Rag.RED)]
    trend = rag_trend([HISTORY, other, []], [date(2026, 2, 28), date(2026, 9, 30)])
    assert trend == [RagCount(date(2026, 2, 28), 1, 0, 0, 2), RagCount(date(2026, 9, 30), 1, 0, 1, 1)]


def test_a_measure_moves_the_right_way_when_higher_is_better_or_worse():
    assert direction([40.0, None, 55.0], higher_is_better=True) == Direction.IMPROVING
    assert direction([40.0, 55.0], higher_is_better=False) == Direction.WORSENING
    assert direction([40.0, 40.5], higher_is_better=True) == Direction.STEADY
    assert direction([None, 40.0], higher_is_better=True) == Direction.UNKNOWN
