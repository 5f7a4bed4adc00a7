"""When a Local Offer listing is due to be checked again.

Source: SEND Code of Practice 4.7 (the Local Offer must be kept up to date) and issue #7: listings
not checked for 12 months are flagged and their owners reminded. ORUK recommends an assured_date
under 3 months old for a "pass"; a council can shorten REVIEW_MONTHS to that."""

from datetime import date

from tellonce.domain.calendar import add_months

REVIEW_MONTHS = 12


def check_due(last_checked: date | None, *, added: date, months: int = REVIEW_MONTHS) -> date:
    """The date the listing should next be checked: months after its last check (or being added)."""
    return add_months(last_checked or added, months)


def is_stale(last_checked: date | None, *, added: date, today: date, months: int = REVIEW_MONTHS) -> bool:
    """A listing is stale once its check is overdue."""
    return today > check_due(last_checked, added=added, months=months)
