from datetime import UTC, date, datetime

from tellonce.core.formatting import days_phrase, govuk_date, govuk_datetime, until


def test_dates_are_written_the_govuk_way():
    assert govuk_date(date(2026, 6, 4)) == "4 June 2026"
    assert govuk_date(None) == "Not recorded"


def test_times_are_shown_in_uk_time_with_am_and_pm():
    assert govuk_datetime(datetime(2026, 7, 1, 11, 5, tzinfo=UTC)) == "1 July 2026 at 12:05pm"
    assert govuk_datetime(datetime(2026, 12, 1, 0, 30, tzinfo=UTC)) == "1 December 2026 at 12:30am"


def test_day_counts_are_singular_for_one():
    assert days_phrase(1) == "1 day" and days_phrase(-1) == "-1 day" and days_phrase(3) == "3 days"


def test_a_deadline_is_written_you_have_until_up_to_and_on_the_day_and_you_had_until_after_it():
    deadline = date(2027, 3, 1)
    assert until(deadline, date(2027, 2, 28)) == "You have until 1 March 2027"
    assert until(deadline, deadline) == "You have until 1 March 2027"
    assert until(deadline, date(2027, 3, 2)) == "You had until 1 March 2027"
    assert until(deadline, deadline, "you") == "you have until 1 March 2027"
    assert until(deadline, date(2027, 3, 2), "The school") == "The school had until 1 March 2027"
    assert until(deadline, deadline, "The school") == "The school has until 1 March 2027"
