"""The SEN2 collection calendar: the DfE's published dates and the rule they follow."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.sen2.census import PUBLISHED, collection


@pytest.mark.parametrize(
    ("year", "reference", "deadline"),
    [
        (2024, date(2024, 1, 18), date(2024, 3, 14)),
        (2025, date(2025, 1, 16), date(2025, 3, 14)),
        (2026, date(2026, 1, 15), date(2026, 3, 12)),
        (2027, date(2027, 1, 21), date(2027, 3, 11)),
    ],
)
def test_the_published_collections_have_the_dfe_dates(year, reference, deadline):
    c = collection(year)
    assert (c.reference_date, c.deadline, c.published) == (reference, deadline, True)


def test_every_published_census_day_is_the_third_thursday_of_january():
    for year, (reference, _) in PUBLISHED.items():
        assert reference.weekday() == 3 and 15 <= reference.day <= 21, year


def test_a_year_not_yet_published_follows_the_third_thursday_rule():
    c = collection(2028)
    assert c.reference_date == date(2028, 1, 20) and not c.published
    assert c.deadline == date(2028, 3, 9)


def test_the_flow_period_is_the_calendar_year_before_the_census():
    c = collection(2026)
    assert (c.flow_start, c.flow_end) == (date(2025, 1, 1), date(2025, 12, 31))
    assert c.in_flow(date(2025, 12, 31)) and not c.in_flow(date(2026, 1, 1)) and not c.in_flow(None)


@given(st.integers(min_value=2000, max_value=2100))
def test_the_census_day_is_a_january_thursday_after_the_flow_period_and_before_the_deadline(year):
    c = collection(year)
    assert c.reference_date.weekday() == 3 and c.reference_date.month == 1
    assert c.flow_end < c.reference_date < c.deadline
    assert c.deadline.month == 3
