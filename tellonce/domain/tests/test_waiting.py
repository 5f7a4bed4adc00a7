"""Waits, percentiles (including children still waiting at the end of a period), clearance time,
oversight of long waits and the locality comparison."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.waiting import (
    ClockEvent,
    ReviewState,
    ServiceClock,
    Wait,
    clearance_weeks,
    compare_medians,
    flows,
    is_waiting,
    percentile,
    problems,
    review_state,
    snapshot,
    weeks_waited,
)

RTT = ServiceClock(ClockEvent.TREATMENT, 18, "NHS referral to treatment, 18 weeks")
END = date(2026, 6, 30)


def test_a_completed_wait_runs_to_the_clock_event_and_an_open_one_to_the_end_of_the_period():
    done = Wait(date(2026, 1, 5), accepted=True, treatment=date(2026, 3, 2))
    waiting = Wait(date(2026, 1, 5), accepted=True, first_contact=date(2026, 2, 1))
    assert weeks_waited(done, RTT, END) == 8
    assert weeks_waited(waiting, RTT, END) == pytest.approx((END - date(2026, 1, 5)).days / 7)
    assert not is_waiting(done, RTT, END) and is_waiting(waiting, RTT, END)
    assert is_waiting(done, RTT, date(2026, 3, 1))  # still waiting the day before treatment


def test_rejected_discharged_and_not_yet_referred_children_are_not_waiting():
    assert not is_waiting(Wait(date(2026, 1, 5), accepted=False), RTT, END)
    assert not is_waiting(Wait(date(2026, 1, 5), discharged=date(2026, 4, 1)), RTT, END)
    assert not is_waiting(Wait(date(2026, 7, 1)), RTT, END)


@pytest.mark.parametrize(
    ("values", "p", "expected"),
    [
        ([1, 2, 3, 4, 5], 50, 3),
        ([1, 2, 3, 4], 50, 2),
        (list(range(1, 101)), 92, 92),
        ([7], 92, 7),
        ([], 50, None),
    ],
)
def test_percentiles_use_the_nearest_rank(values, p, expected):
    assert percentile(values, p) == expected


def test_the_snapshot_counts_only_those_still_waiting_at_the_end_of_the_period():
    referred = [END - timedelta(weeks=w) for w in (1, 5, 10, 20, 30, 60)]
    waits = [Wait(r, accepted=True) for r in referred] + [Wait(date(2026, 1, 1), treatment=date(2026, 2, 1))]
    snap = snapshot(waits, RTT, END)
    assert snap.waiting == 6 and snap.over_standard == 3
    assert dict(snap.by_band) == {
        "0 to 4 weeks": 1,
        "4 to 8 weeks": 1,
        "8 to 13 weeks": 1,
        "13 to 18 weeks": 0,
        "18 to 26 weeks": 1,
        "26 to 52 weeks": 1,
        "52 weeks or more": 1,
    }
    assert snap.median_weeks == 10 and snap.p92_weeks == 60


@given(st.lists(st.tuples(st.integers(0, 400), st.booleans()), max_size=50))
def test_bands_always_add_up_to_the_number_waiting(rows):
    waits = [Wait(END - timedelta(days=d), treatment=END if seen else None) for d, seen in rows]
    snap = snapshot(waits, RTT, END)
    assert sum(n for _, n in snap.by_band) == snap.waiting
    if snap.waiting:
        assert snap.median_weeks <= snap.p92_weeks


def test_flows_count_referrals_children_seen_and_discharges_by_month():
    waits = [
        Wait(date(2026, 1, 10), treatment=date(2026, 2, 3), discharged=date(2026, 3, 1)),
        Wait(date(2026, 2, 10)),
    ]
    rows = flows(waits, RTT, date(2026, 1, 1), date(2026, 3, 31))
    assert [(r.month, r.referred, r.seen, r.discharged) for r in rows] == [
        ("2026-01", 1, 0, 0),
        ("2026-02", 1, 1, 0),
        ("2026-03", 0, 0, 1),
    ]


def test_clearance_is_the_list_over_the_net_rate_and_none_when_it_is_growing():
    assert clearance_weeks(waiting=120, seen_recently=60, referred_recently=36, weeks=12) == 60
    assert clearance_weeks(waiting=120, seen_recently=30, referred_recently=36, weeks=12) is None
    assert clearance_weeks(waiting=0, seen_recently=0, referred_recently=5, weeks=12) == 0


def test_a_clear_difference_between_localities_is_material_and_a_small_sample_is_not_judged():
    north = [30 + (i % 7) for i in range(40)]
    south = [12 + (i % 5) for i in range(40)]
    result = compare_medians(north, south, a="North", b="South", seed=1)
    assert result.material and result.difference == 19 and result.interval[0] > 0
    same = compare_medians(north, [w + 1 for w in north], a="North", b="North 2", seed=1)
    assert not same.material
    few = compare_medians(north[:5], south, a="North", b="South")
    assert few.too_few and not few.material and few.interval is None


def test_the_comparison_is_the_same_for_the_same_seed():
    a, b = [float(i % 23) for i in range(30)], [float(i % 17) for i in range(30)]
    assert compare_medians(a, b, a="A", b="B", seed=3) == compare_medians(a, b, a="A", b="B", seed=3)


@pytest.mark.parametrize(
    ("on", "last_review", "state"),
    [
        (date(2026, 3, 1), None, ReviewState.NOT_NEEDED),  # waited 8 weeks; review after 12
        (date(2026, 3, 30), None, ReviewState.DUE),  # 12 weeks: due
        (date(2026, 4, 28), None, ReviewState.OVERDUE),  # more than 4 weeks past due
        (date(2026, 4, 28), date(2026, 4, 1), ReviewState.DONE),  # reviewed after it fell due
        (date(2026, 7, 1), date(2026, 4, 1), ReviewState.DUE),  # due again 12 weeks after the review
    ],
)
def test_a_long_waiter_needs_a_review_until_one_is_recorded(on, last_review, state):
    wait = Wait(date(2026, 1, 5), accepted=True)
    assert (
        review_state(wait, RTT, on, review_after_weeks=12, review_every_weeks=12, last_review=last_review)
        is state
    )


def test_impossible_dates_are_reported():
    assert problems(Wait(date(2026, 3, 1), treatment=date(2026, 2, 1)))
    assert problems(Wait(date(2026, 3, 1), accepted=False, first_contact=date(2026, 3, 5)))
    assert problems(Wait(date(2026, 3, 1), assessment=date(2026, 5, 1), treatment=date(2026, 4, 1)))
    assert problems(Wait(date(2026, 3, 1), treatment=date(2026, 4, 1))) == []
