"""The sessions a commitment expects in a half-term, over its council's half-term dates and the
England and Wales bank holidays (domain.delivery does the counting)."""

from datetime import date

from tellonce.delivery.models import Commitment, half_terms_for
from tellonce.domain import delivery as rules
from tellonce.domain.calendar import england_and_wales
from tellonce.domain.school_years import academic_year_start

# A commitment older than this many school years is counted from the start of the earliest one:
# its blocks and limits in weeks ended long ago, and its rate is the same each year.
YEARS_BACK = 2


def council_calendar(local_authority_id, first_year: int, last_year: int) -> rules.Calendar:
    years = range(first_year, last_year + 1)
    bank_holidays = england_and_wales(range(first_year, last_year + 2)).bank_holidays
    return rules.calendar_for(half_terms_for(local_authority_id, years), bank_holidays)


def half_terms_around(local_authority_id, today: date, *, back: int = 1) -> tuple[rules.HalfTerm, ...]:
    """This school year's half-terms and the `back` years before it."""
    year = academic_year_start(today)
    return half_terms_for(local_authority_id, range(year - back, year + 1))


def current_half_term(local_authority_id, today: date) -> rules.HalfTerm:
    """The half-term under way, or the last one to have ended (in a holiday)."""
    half_terms = half_terms_around(local_authority_id, today)
    started = [h for h in half_terms if h.starts_on <= today]
    return started[-1] if started else half_terms[0]


def expected_in(commitment: Commitment, half_term: rules.HalfTerm) -> rules.Expected | None:
    """What `commitment` expects in `half_term`, or None when it has no rule yet."""
    rule = commitment.rule
    if rule is None:
        return None
    first = max(academic_year_start(commitment.starts_on), half_term.school_year - YEARS_BACK)
    calendar = council_calendar(commitment.local_authority_id, first, half_term.school_year)
    starts_on = max(commitment.starts_on, calendar.half_terms[0].starts_on)
    ends_on = min(d for d in (commitment.ends_on, commitment.ended_on, date.max) if d is not None)
    for found in rules.expected_sessions(rule, calendar, starts_on=starts_on, ends_on=ends_on):
        if found.half_term.starts_on == half_term.starts_on:
            return found
    return rules.Expected(half_term, 0, None, 0, 0)
