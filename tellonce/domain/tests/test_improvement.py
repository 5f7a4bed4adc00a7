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
    best_match,
    days_overdue,
    direction,
    is_overdue,
    month_ends,
    overlap,
    rag_on,
    rag_trend,
    words_of,
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


def test_a_finding_is_matched_to_the_priority_sharing_most_of_its_words():
    priorities = [
        (1, "The timeliness of EHC plans is poor and too many plans are late"),
        (2, "Health advice for EHC needs assessments is not returned on time"),
        (3, "Preparation for adulthood is weak and young people lack work experience"),
    ]
    finding = "Leaders have improved the timeliness of new EHC plans, but some plans are still late"
    assert best_match(finding, priorities) == 1
    assert best_match("Too few young people have supported internships or work experience", priorities) == 3


def test_a_finding_sharing_too_little_with_every_priority_is_matched_to_none():
    priorities = [(1, "The timeliness of EHC plans is poor"), (2, "Health advice is late")]
    assert best_match("Parents do not trust the local offer website", priorities) is None
    assert best_match("", priorities) is None
    assert best_match("Anything at all", []) is None


def test_common_words_punctuation_and_plurals_do_not_make_a_match():
    assert words_of("The children's plans, and the PLAN.") == frozenset({"plan"})
    assert overlap("The needs of the area", "Needs across the partnership") == 0.0


@given(st.text(max_size=80), st.lists(st.text(max_size=80), max_size=5))
def test_the_match_is_one_of_the_candidates_and_close_enough(text, others):
    candidates = list(enumerate(others))
    found = best_match(text, candidates)
    assert found is None or (found in dict(candidates) and overlap(text, others[found]) >= 0.3)
    assert all(0.0 <= overlap(text, o) <= 1.0 for o in others)
