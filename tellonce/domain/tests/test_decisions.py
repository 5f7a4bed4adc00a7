"""Who decides: the parent until the school leaving date, then the young person (or the parent as
their representative when they lack capacity)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.decisions import (
    DecisionMaker,
    decisions_by,
    last_friday_in_june,
    over_compulsory_school_age,
    parent_sees_record,
    school_leaving_date,
    youngest_over_compulsory_school_age,
)

DAYS = st.dates(min_value=date(1990, 1, 1), max_value=date(2060, 12, 31))


@pytest.mark.parametrize(
    ("year", "friday"),
    [
        (2026, date(2026, 6, 26)),
        (2027, date(2027, 6, 25)),
        (2028, date(2028, 6, 30)),
        (2029, date(2029, 6, 29)),
    ],
)
def test_the_last_friday_in_june(year, friday):
    assert last_friday_in_june(year) == friday


@pytest.mark.parametrize(
    ("born", "leaves"),
    [
        (date(2010, 9, 1), date(2027, 6, 25)),  # oldest in the year: turns 16 on 1 September 2026
        (date(2011, 6, 20), date(2027, 6, 25)),  # turns 16 in June, before the last Friday
        (date(2011, 7, 15), date(2027, 6, 25)),  # turns 16 in the summer holiday: still leaves in June
        (date(2011, 8, 31), date(2027, 6, 25)),  # youngest in the year
        (date(2011, 9, 1), date(2028, 6, 30)),
        (date(2012, 2, 29), date(2028, 6, 30)),
    ],
)
def test_compulsory_school_age_ends_on_the_last_friday_in_june_of_the_year_they_turn_16(born, leaves):
    assert school_leaving_date(born) == leaves
    assert not over_compulsory_school_age(born, leaves)
    assert over_compulsory_school_age(born, leaves + timedelta(days=1))


@given(DAYS, DAYS)
def test_the_date_of_birth_threshold_agrees_with_each_leaving_date(born, today):
    assert over_compulsory_school_age(born, today) == (born < youngest_over_compulsory_school_age(today))


@given(DAYS, DAYS)
def test_the_leaving_date_is_a_friday_in_late_june_when_they_are_15_or_16(born, later):
    leaves = school_leaving_date(born)
    assert leaves.weekday() == 4 and leaves.month == 6 and leaves.day >= 24
    age = leaves.year - born.year - ((leaves.month, leaves.day) < (born.month, born.day))
    assert age in (15, 16)
    if later >= born:
        assert school_leaving_date(max(born, later)) >= leaves


def test_the_parent_decides_for_a_child_and_the_young_person_decides_after_leaving_age():
    born = date(2010, 10, 3)
    assert decisions_by(born, date(2027, 6, 25)) == DecisionMaker.PARENT
    assert decisions_by(born, date(2027, 6, 26)) == DecisionMaker.YOUNG_PERSON
    assert decisions_by(born, date(2027, 6, 26), lacks_capacity=True) == DecisionMaker.REPRESENTATIVE
    assert decisions_by(born, date(2027, 6, 1), lacks_capacity=True) == DecisionMaker.PARENT


def test_a_parent_sees_a_young_persons_record_only_if_the_young_person_agrees():
    assert parent_sees_record(DecisionMaker.PARENT, young_person_agrees=False)
    assert parent_sees_record(DecisionMaker.REPRESENTATIVE, young_person_agrees=False)
    assert not parent_sees_record(DecisionMaker.YOUNG_PERSON, young_person_agrees=False)
    assert parent_sees_record(DecisionMaker.YOUNG_PERSON, young_person_agrees=True)
    assert all(maker.label for maker in DecisionMaker)
