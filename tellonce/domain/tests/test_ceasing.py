"""Ceasing a plan: the age limit (reg. 46), the plan kept in force while an appeal can be made or
is heard (CFA s45(4)), and the queue of plans that probably should be ceased (send-rules.md s6)."""

from datetime import date

import pytest

from tellonce.domain import ceasing as c
from tellonce.domain.calendar import england_and_wales

D = date
CAL = england_and_wales(range(2024, 2032))


@pytest.mark.parametrize(
    ("born", "last_day"),
    [
        (D(2001, 10, 3), D(2027, 7, 31)),  # 25 on 3 October 2026: the academic year 2026/27 ends 31 July 2027
        (D(2001, 3, 3), D(2026, 7, 31)),  # 25 on 3 March 2026: the academic year ends 31 July 2026
        (D(2001, 8, 15), D(2027, 7, 31)),  # 25 on 15 August 2026, after 31 July: the next academic year
    ],
)
def test_the_plan_can_run_to_the_end_of_the_academic_year_in_which_they_turn_25(born, last_day):
    assert c.academic_year_end_after_25th_birthday(born) == last_day


def test_never_past_the_day_before_the_26th_birthday():
    # Born 1 July 2001: 25 on 1 July 2026, academic year ends 31 July 2026 (before the 26th birthday).
    assert c.academic_year_end_after_25th_birthday(D(2001, 7, 1)) == D(2026, 7, 31)
    for born in (D(2000, 1, 1), D(2000, 8, 1), D(2000, 12, 31), D(2000, 2, 29)):
        assert c.academic_year_end_after_25th_birthday(born) < D(
            born.year + 26, born.month, 28 if born.day == 29 else born.day
        )


def test_a_plan_is_kept_until_the_appeal_period_ends_and_while_an_appeal_is_heard():
    notice = D(2026, 3, 10)
    no_appeal = c.CeasingFacts(notice_sent=notice, ceases_on=D(2026, 4, 1))
    assert c.in_force_until(no_appeal, CAL) == D(2026, 5, 11)  # the last day to appeal (10 May is a Sunday)
    later = c.CeasingFacts(notice_sent=notice, ceases_on=D(2026, 7, 31))
    assert c.in_force_until(later, CAL) == D(2026, 7, 31)
    appealing = c.CeasingFacts(notice_sent=notice, ceases_on=D(2026, 4, 1), appeal_lodged=D(2026, 4, 20))
    assert c.in_force_until(appealing, CAL) is None
    dismissed = c.CeasingFacts(
        notice_sent=notice, appeal_lodged=D(2026, 4, 20), appeal_decided=D(2026, 9, 1), appeal_upheld=False
    )
    assert c.in_force_until(dismissed, CAL) == D(2026, 9, 1)
    upheld = c.CeasingFacts(
        notice_sent=notice, appeal_lodged=D(2026, 4, 20), appeal_decided=D(2026, 9, 1), appeal_upheld=True
    )
    assert c.in_force_until(upheld, CAL) is None
    assert c.in_force_until(c.CeasingFacts(), CAL) is None


def test_a_mediation_certificate_keeps_the_plan_in_force_until_a_month_after_it():
    notice = D(2026, 3, 10)
    certified = c.CeasingFacts(
        notice_sent=notice, ceases_on=D(2026, 4, 1), mediation_certificate_on=D(2026, 4, 20)
    )
    assert c.in_force_until(certified, CAL) == D(2026, 5, 20)
    # Certified on 16 April: a month later is Saturday 16 May, so the last day is Monday 18 May.
    weekend = c.CeasingFacts(notice_sent=notice, mediation_certificate_on=D(2026, 4, 16))
    assert c.in_force_until(weekend, CAL) == D(2026, 5, 18)
    early = c.CeasingFacts(notice_sent=notice, mediation_certificate_on=D(2026, 3, 12))
    assert c.in_force_until(early, CAL) == D(2026, 5, 11)
    appealing = c.CeasingFacts(
        notice_sent=notice, mediation_certificate_on=D(2026, 4, 20), appeal_lodged=D(2026, 5, 1)
    )
    assert c.in_force_until(appealing, CAL) is None


TODAY = D(2026, 11, 20)


def _codes(**facts) -> list:
    base = {"date_of_birth": D(2012, 5, 1), "plan_made": D(2025, 6, 1), "last_review_decided": D(2026, 6, 1)}
    return [reason.code for reason in c.needs_attention(c.PlanFacts(**(base | facts)), TODAY)]


def test_a_plan_in_good_order_needs_no_attention():
    assert _codes() == []


@pytest.mark.parametrize(
    ("facts", "code"),
    [
        ({"date_of_birth": D(2000, 9, 1)}, c.Attention.PAST_MAXIMUM_AGE),
        ({"left_education_on": D(2026, 7, 1)}, c.Attention.LEFT_EDUCATION),
        ({"moved_away_on": D(2026, 9, 1)}, c.Attention.MOVED_AWAY),
        ({"has_setting": False}, c.Attention.NO_SETTING),
        ({"last_review_decided": D(2024, 11, 1)}, c.Attention.NO_RECENT_REVIEW),
        ({"last_review_decided": None, "plan_made": D(2023, 9, 1)}, c.Attention.NO_RECENT_REVIEW),
    ],
)
def test_each_reason_to_cease_or_act_is_found(facts, code):
    assert code in _codes(**facts)


def test_leaving_education_with_a_return_planned_is_not_flagged():
    assert _codes(left_education_on=D(2026, 7, 1), return_planned=True) == []


def test_the_queue_puts_plans_with_most_reasons_first():
    plans = [
        ("a", c.PlanFacts(D(2012, 5, 1), D(2025, 6, 1), D(2026, 6, 1))),
        ("b", c.PlanFacts(D(2000, 9, 1), D(2019, 6, 1), None, has_setting=False)),
        ("d", c.PlanFacts(D(2012, 5, 1), D(2025, 6, 1), D(2026, 6, 1), moved_away_on=D(2026, 9, 1))),
    ]
    assert [key for key, _ in c.queue(plans, TODAY)] == ["b", "d"]
