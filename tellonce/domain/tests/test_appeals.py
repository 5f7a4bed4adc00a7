"""Mediation and appeal dates on a decision notice (regs 32-34; Tribunal rules via IPSEA;
send-rules.md section 7)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.appeals import appeal_by, rights
from tellonce.domain.calendar import england_and_wales

D = date
CAL = england_and_wales(range(2024, 2032))


@pytest.mark.parametrize(
    ("decision", "appeal"),
    [
        (D(2026, 3, 10), D(2026, 5, 10)),  # 2 calendar months
        (D(2026, 12, 31), D(2027, 2, 28)),  # the day does not exist: last day of the month
        (D(2026, 6, 15), D(2026, 9, 1)),  # would fall on 15 August: first working day of September
        (D(2027, 6, 2), D(2027, 9, 1)),  # 2 August 2027: 1 September 2027 is a Wednesday
        (D(2026, 6, 30), D(2026, 9, 1)),  # 30 August 2026 (a Sunday) -> Tuesday 1 September
        (D(2025, 6, 5), D(2025, 9, 1)),  # 5 August 2025 -> Monday 1 September 2025
        (D(2026, 10, 27), D(2027, 1, 4)),  # 27 December -> first working day after 1 January 2027
        (D(2026, 11, 1), D(2027, 1, 4)),  # 1 January -> Monday 4 January 2027 (2 and 3 are a weekend)
        (D(2026, 10, 24), D(2026, 12, 24)),  # 24 December stays
    ],
)
def test_the_appeal_deadline_is_two_months_moved_out_of_august_and_christmas(decision, appeal):
    assert appeal_by(decision, CAL) == appeal


def test_a_later_mediation_certificate_gives_one_month_from_the_certificate():
    assert appeal_by(D(2026, 3, 10), CAL, mediation_certificate_on=D(2026, 4, 20)) == D(2026, 5, 20)
    assert appeal_by(D(2026, 3, 10), CAL, mediation_certificate_on=D(2026, 3, 20)) == D(2026, 5, 10)


def test_the_mediation_adviser_must_be_contacted_within_two_months():
    assert rights(D(2026, 6, 15), CAL).mediation_contact_by == D(2026, 8, 15)


@given(st.dates(D(2024, 1, 1), D(2030, 12, 31)))
def test_an_appeal_deadline_is_never_in_august_nor_from_christmas_to_new_year_nor_early(decision):
    due = appeal_by(decision, CAL)
    assert due.month != 8
    assert not ((due.month, due.day) >= (12, 25) or (due.month, due.day) == (1, 1))
    assert (due - decision).days >= 59
