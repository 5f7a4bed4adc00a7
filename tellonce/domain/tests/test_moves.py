"""Moving between councils (SEND Regulations 2014 reg. 15; send-rules.md section 5): working days
exclude weekends and England and Wales bank holidays."""

from datetime import date

from tellonce.domain import moves
from tellonce.domain.calendar import england_and_wales

D = date
CAL = england_and_wales(range(2024, 2032))


def test_with_15_working_days_notice_the_plan_transfers_on_the_day_of_the_move():
    # Known Monday 2 March 2026; the move on Monday 23 March: 15 working days (2-20 March) before it.
    assert moves.transfer_due(moves_on=D(2026, 3, 23), known_on=D(2026, 3, 2), calendar=CAL).due == D(
        2026, 3, 23
    )


def test_with_less_notice_it_transfers_within_15_working_days_beginning_with_the_day_the_council_knew():
    # Known Tuesday 3 March 2026 (14 working days before 23 March): day 1 is 3 March, day 15 is 23 March.
    assert moves.transfer_due(moves_on=D(2026, 3, 23), known_on=D(2026, 3, 3), calendar=CAL).due == D(
        2026, 3, 23
    )
    # Told after the move, on Wednesday 1 April 2026: Good Friday 3 April and Easter Monday 6 April do
    # not count, so day 15 is Thursday 23 April.
    assert moves.transfer_due(moves_on=D(2026, 3, 23), known_on=D(2026, 4, 1), calendar=CAL).due == D(
        2026, 4, 23
    )
    # Told on a Saturday: day 1 is the Monday.
    assert moves.transfer_due(moves_on=D(2026, 6, 1), known_on=D(2026, 6, 6), calendar=CAL).due == D(
        2026, 6, 26
    )


def test_the_new_council_tells_the_family_within_6_weeks():
    assert moves.tell_family_due(D(2026, 3, 23)).due == D(2026, 5, 4)


def test_the_new_council_reviews_by_the_later_of_12_months_from_the_last_review_and_3_months_from_the_transfer():
    assert moves.review_after_transfer_due(
        transferred_on=D(2026, 3, 23), made_or_last_reviewed=D(2025, 6, 1)
    ).due == D(2026, 6, 23)
    assert moves.review_after_transfer_due(
        transferred_on=D(2026, 3, 23), made_or_last_reviewed=D(2025, 12, 1)
    ).due == D(2026, 12, 1)
