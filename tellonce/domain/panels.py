"""The council's decision panel: whether a meeting could decide (education, health and social care
each present), and when a refused case is looked at again.

Source: SEND Code of Practice 2015 paras 9.12 and 9.13 (a council should involve education, health
and social care partners in deciding whether to assess and whether to issue a plan; decisions
must be made with reasons and the family told), local panel terms of reference. A panel that
meets without one of the three may still meet; its decisions are then flagged for the manager.
"""

from collections.abc import Iterable
from datetime import date

from tellonce.domain.calendar import add_months

EDUCATION = "education"
HEALTH = "health"
SOCIAL_CARE = "social_care"
QUORUM = (EDUCATION, HEALTH, SOCIAL_CARE)
AGENCY_LABELS = {EDUCATION: "education", HEALTH: "health", SOCIAL_CARE: "social care"}
# A refusal is looked at again after this many months unless the panel chooses a date.
LOOK_AGAIN_MONTHS = 6


def missing_agencies(present: Iterable[str]) -> tuple[str, ...]:
    """The agencies of the quorum with nobody present, in the quorum's order."""
    there = set(present)
    return tuple(agency for agency in QUORUM if agency not in there)


def is_quorate(present: Iterable[str]) -> bool:
    return not missing_agencies(present)


def quorum_warning(present: Iterable[str]) -> str:
    """A sentence for the meeting's page, or "" when education, health and social care were there."""
    missing = [AGENCY_LABELS[agency] for agency in missing_agencies(present)]
    if not missing:
        return ""
    said = missing[0] if len(missing) == 1 else ", ".join(missing[:-1]) + " and " + missing[-1]
    return f"This meeting is not quorate: nobody from {said} was present."


def look_again_by(decided_on: date, chosen: date | None = None) -> date:
    """The date to look again at a refused case: the panel's choice, or 6 months after the decision."""
    return chosen if chosen is not None else add_months(decided_on, LOOK_AGAIN_MONTHS)
