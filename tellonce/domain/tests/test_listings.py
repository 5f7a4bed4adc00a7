"""Listings are checked at least every 12 months."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from tellonce.domain.listings import check_due, is_stale


def test_a_listing_checked_a_year_ago_today_is_due_but_not_yet_stale():
    checked = date(2025, 3, 14)
    assert check_due(checked, added=date(2020, 1, 1)) == date(2026, 3, 14)
    assert not is_stale(checked, added=date(2020, 1, 1), today=date(2026, 3, 14))
    assert is_stale(checked, added=date(2020, 1, 1), today=date(2026, 3, 15))


def test_a_listing_never_checked_counts_from_the_day_it_was_added():
    assert check_due(None, added=date(2024, 2, 29)) == date(2025, 2, 28)


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)), st.integers(0, 400))
def test_a_listing_is_never_stale_within_eleven_months_of_its_check(checked, days):
    today = checked.fromordinal(checked.toordinal() + min(days, 334))
    assert not is_stale(checked, added=checked, today=today)
