"""Mediation, appeal and order deadlines (SEND Regulations 2014 regs 32-39, 44 and 45; Tribunal
rules r. 12 and r. 20 via IPSEA; send-rules.md section 7)."""

from datetime import date, timedelta

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tellonce.domain import appeals as a
from tellonce.domain.appeals import appeal_by, rights
from tellonce.domain.calendar import add_months, england_and_wales

D = date
CAL = england_and_wales(range(2024, 2032))


@pytest.mark.parametrize(
    ("decision", "appeal"),
    [
        (D(2026, 3, 12), D(2026, 5, 12)),  # 2 calendar months, a Tuesday
        # 28 February 2027 (the day does not exist: the last day of the month) is a Sunday: Monday.
        (D(2026, 12, 31), D(2027, 3, 1)),
        (D(2026, 3, 10), D(2026, 5, 11)),  # Sunday 10 May 2026 -> Monday 11 May
        (D(2026, 3, 25), D(2026, 5, 26)),  # Monday 25 May 2026 is a bank holiday -> Tuesday 26 May
        (D(2027, 1, 26), D(2027, 3, 30)),  # Good Friday 26 March 2027, then Easter Monday -> Tuesday
        (D(2026, 6, 15), D(2026, 9, 1)),  # would fall on 15 August: first working day of September
        (D(2027, 6, 2), D(2027, 9, 1)),  # 2 August 2027: 1 September 2027 is a Wednesday
        (D(2026, 6, 30), D(2026, 9, 1)),  # 30 August 2026 (a Sunday) -> Tuesday 1 September
        (D(2025, 6, 5), D(2025, 9, 1)),  # 5 August 2025 -> Monday 1 September 2025
        (D(2026, 10, 27), D(2027, 1, 4)),  # 27 December -> first working day after 1 January 2027
        (D(2026, 11, 1), D(2027, 1, 4)),  # 1 January -> Monday 4 January 2027 (2 and 3 are a weekend)
        (D(2026, 10, 24), D(2026, 12, 24)),  # 24 December, a Thursday, stays
    ],
)
def test_the_appeal_deadline_is_two_months_moved_out_of_august_christmas_and_days_off(decision, appeal):
    assert appeal_by(decision, CAL) == appeal


def test_a_later_mediation_certificate_gives_one_month_from_the_certificate():
    assert appeal_by(D(2026, 3, 10), CAL, mediation_certificate_on=D(2026, 4, 20)) == D(2026, 5, 20)
    # An earlier certificate: still 2 months from the decision (Sunday 10 May -> Monday 11 May).
    assert appeal_by(D(2026, 3, 10), CAL, mediation_certificate_on=D(2026, 3, 20)) == D(2026, 5, 11)


def test_a_month_from_the_certificate_that_lands_on_a_saturday_moves_to_the_monday():
    assert appeal_by(D(2026, 3, 10), CAL, mediation_certificate_on=D(2026, 4, 16)) == D(2026, 5, 18)


def test_a_month_from_the_certificate_that_lands_in_august_moves_to_september():
    assert appeal_by(D(2026, 3, 1), CAL, mediation_certificate_on=D(2026, 7, 15)) == D(2026, 9, 1)


def test_the_mediation_adviser_must_be_contacted_within_two_months_reg_33():
    assert rights(D(2026, 6, 15), CAL).mediation_contact_by == D(2026, 8, 15)
    assert rights(D(2026, 6, 15), CAL).appeal_by == D(2026, 9, 1)


@given(st.dates(D(2024, 1, 1), D(2030, 10, 31)), st.one_of(st.none(), st.integers(0, 120)))
def test_an_appeal_deadline_is_a_working_day_never_in_august_nor_at_christmas_nor_early(decision, after):
    certificate = None if after is None else decision + (D(2024, 1, 2) - D(2024, 1, 1)) * after
    due = appeal_by(decision, CAL, mediation_certificate_on=certificate)
    assert CAL.is_working_day(due)
    assert due.month != 8
    assert not ((due.month, due.day) >= (12, 25) or (due.month, due.day) == (1, 1))
    assert (due - decision).days >= 59
    if certificate is not None:
        assert (due - certificate).days >= 28


def _in_august_or_christmas(day):
    return day.month == 8 or (day.month, day.day) >= (12, 25) or (day.month, day.day) == (1, 1)


@given(st.dates(D(2024, 1, 1), D(2030, 10, 31)))
@example(D(2028, 10, 23))  # Saturday 23 December 2028: its next working day is in Christmas
def test_the_appeal_deadline_moves_no_more_than_needed(decision):
    due = appeal_by(decision, CAL)
    two_months = add_months(decision, 2)
    next_working_day = two_months
    while not CAL.is_working_day(next_working_day):
        next_working_day += timedelta(days=1)
    if _in_august_or_christmas(two_months):
        return  # moved out of August or Christmas: the test above
    if _in_august_or_christmas(next_working_day):
        # r. 12 would land it in Christmas or August, so it moves on out of them.
        assert not _in_august_or_christmas(due) and due > next_working_day
    else:
        assert due == next_working_day
        assert CAL.count_between(two_months, due) == (0 if CAL.is_working_day(two_months) else 1)


@pytest.mark.parametrize(
    ("kind", "told", "due", "regulation"),
    [
        (a.CertificateKind.DECLINED, D(2026, 5, 4), D(2026, 5, 7), "reg. 34"),  # Monday -> Thursday
        (a.CertificateKind.DECLINED, D(2026, 5, 7), D(2026, 5, 12), "reg. 34"),  # over a weekend
        # Over Good Friday and Easter Monday 2026.
        (a.CertificateKind.NOT_HELD_IN_30_DAYS, D(2026, 4, 2), D(2026, 4, 9), "reg. 37"),
        # Over Christmas Day and the Boxing Day substitute (Monday 28 December 2026).
        (a.CertificateKind.HELD, D(2026, 12, 23), D(2026, 12, 30), "reg. 39"),
    ],
)
def test_a_mediation_certificate_is_due_within_three_working_days(kind, told, due, regulation):
    deadline = a.certificate_due(kind, told, CAL)
    assert deadline.due == due
    assert deadline.regulation.endswith(regulation)


@given(st.sampled_from(list(a.CertificateKind)), st.dates(D(2024, 1, 1), D(2030, 12, 1)))
def test_a_certificate_is_never_due_on_a_day_that_is_not_a_working_day(kind, told):
    due = a.certificate_due(kind, told, CAL).due
    assert CAL.is_working_day(due)
    assert CAL.count_between(told, due) == 3


def test_mediation_is_arranged_within_30_days_of_the_council_being_told():
    deadline = a.mediation_due(D(2026, 11, 26))
    assert deadline.due == D(2026, 12, 26)  # calendar days: Boxing Day is not moved
    assert "35" in deadline.regulation


def test_a_mediations_deadlines_each_carry_their_regulation():
    facts = a.MediationFacts(
        decision_on=D(2026, 3, 10),
        contacted_on=D(2026, 4, 1),
        certificate_kind=a.CertificateKind.HELD,
        certificate_on=D(2026, 4, 20),
    )
    found = {d.title: (d.due, d.regulation) for d in a.mediation_deadlines(facts, CAL)}
    assert found == {
        "Contact the mediation adviser": (D(2026, 5, 10), "SEND Regulations 2014 reg. 33"),
        "Mediation held": (D(2026, 5, 1), "SEND Regulations 2014 regs 35-37"),
        "Register an appeal": (D(2026, 5, 20), a.TRIBUNAL_RULES),
    }


def test_a_declined_mediation_has_no_mediation_to_arrange():
    facts = a.MediationFacts(
        decision_on=D(2026, 3, 10),
        contacted_on=D(2026, 4, 1),
        certificate_kind=a.CertificateKind.DECLINED,
        certificate_on=D(2026, 4, 3),
    )
    titles = [d.title for d in a.mediation_deadlines(facts, CAL)]
    assert titles == ["Contact the mediation adviser", "Register an appeal"]


@pytest.mark.parametrize(
    ("kind", "ordered", "expected"),
    [
        (
            a.OrderKind.ASSESS,
            D(2026, 6, 1),
            [D(2026, 6, 15), D(2026, 8, 10), D(2026, 9, 7)],  # 2, 10 and 14 weeks
        ),
        (a.OrderKind.MAKE_PLAN, D(2026, 6, 1), [D(2026, 7, 6), D(2026, 8, 17)]),  # 5 and 11 weeks
        (a.OrderKind.AMEND, D(2026, 6, 1), [D(2026, 7, 6)]),  # 5 weeks
        (a.OrderKind.AMEND_SECTION_I, D(2026, 6, 1), [D(2026, 6, 15)]),  # 2 weeks
        (a.OrderKind.CONTINUE, D(2026, 6, 1), [D(2026, 6, 1)]),  # immediately
        (a.OrderKind.CEASE, D(2026, 6, 1), [D(2026, 6, 1)]),  # immediately
    ],
)
def test_each_tribunal_order_has_its_reg_44_compliance_deadlines(kind, ordered, expected):
    deadlines = a.compliance_deadlines(kind, ordered)
    assert [d.due for d in deadlines] == expected
    assert {d.regulation for d in deadlines} == {"SEND Regulations 2014 reg. 44"}
    assert a.compliance_due(kind, ordered) == deadlines[-1]


def test_an_unopposed_appeal_counts_the_same_weeks_from_the_day_the_council_told_the_tribunal():
    told = D(2026, 9, 14)
    deadlines = a.compliance_deadlines(a.OrderKind.MAKE_PLAN, told, unopposed=True)
    assert [d.due for d in deadlines] == [D(2026, 10, 19), D(2026, 11, 30)]
    assert all("reg. 45" in d.regulation for d in deadlines)


def test_an_order_deadline_on_a_bank_holiday_or_weekend_is_not_moved_reg_44_counts_calendar_weeks():
    # 5 weeks from Friday 19 February 2027 is Good Friday, 26 March 2027.
    assert a.compliance_due(a.OrderKind.AMEND, D(2027, 2, 19)).due == D(2027, 3, 26)
    # 2 weeks from an order made on a Saturday is a Saturday.
    assert a.compliance_due(a.OrderKind.AMEND_SECTION_I, D(2026, 6, 6)).due == D(2026, 6, 20)


@given(st.sampled_from(list(a.OrderKind)), st.dates(D(2024, 1, 1), D(2030, 12, 31)), st.booleans())
def test_no_compliance_deadline_is_before_the_order_and_they_come_in_order(kind, ordered, unopposed):
    dues = [d.due for d in a.compliance_deadlines(kind, ordered, unopposed=unopposed)]
    assert dues[0] >= ordered
    assert dues == sorted(dues)


@pytest.mark.parametrize(
    ("ground", "stage", "certificate"),
    [
        (a.Ground.REFUSAL_TO_ASSESS, a.Sen2Stage.REQUEST, True),
        (a.Ground.REFUSAL_TO_ISSUE, a.Sen2Stage.ASSESSMENT, True),
        (a.Ground.PLAN_CONTENT, a.Sen2Stage.OTHER, True),
        (a.Ground.PLACEMENT, a.Sen2Stage.OTHER, False),
        (a.Ground.REFUSAL_TO_AMEND, a.Sen2Stage.OTHER, True),
        (a.Ground.CEASING, a.Sen2Stage.OTHER, True),
    ],
)
def test_each_ground_counts_in_its_sen2_items_and_says_whether_a_certificate_is_needed(
    ground, stage, certificate
):
    assert a.sen2_stage(ground) == stage
    assert a.needs_mediation_certificate(ground) is certificate
    assert a.GROUND_LABELS[ground]


def test_a_deadline_moved_off_a_weekend_into_christmas_or_august_moves_on_again():
    calendar = england_and_wales(range(2020, 2032))
    # Saturday 24 December 2022 -> past Christmas, and 2 January 2023 is a bank holiday (r. 12).
    assert appeal_by(date(2022, 10, 24), calendar) == date(2023, 1, 3)
    # Saturday 31 July 2027 -> Monday 2 August, which is August -> Wednesday 1 September.
    assert appeal_by(date(2027, 5, 31), calendar) == date(2027, 9, 1)
