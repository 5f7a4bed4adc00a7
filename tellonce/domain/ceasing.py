"""Ceasing an EHC plan: when a plan stops, and which plans probably should be ceased or need
attention.

Sources: CFA 2014 s45 (the two grounds: no longer responsible, or no longer necessary) and s45(4)
(the plan is maintained while an appeal can be made or is being decided); SEND Regulations 2014
reg. 29-31 (under 18 and 18+ who stop attending; consult first, then notify with appeal rights)
and reg. 46 (the plan may run to the end of the academic year in which the young person turns 25,
the academic year ending on 31 July); CoP 9.199-9.201; SEN2 CeaseReason codes.
send-rules.md section 6. Dates only; "today" and the calendar are passed in.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tellonce.domain.appeals import appeal_by
from tellonce.domain.calendar import WorkingDays, add_months

NO_REVIEW_MONTHS = 24


class CeaseReason(StrEnum):
    """SEN2 item 4.6 (CeaseReason)."""

    MAXIMUM_AGE = "1"
    NEEDS_MET = "2"
    HIGHER_EDUCATION = "3"
    EMPLOYMENT = "4"
    MOVED_IN_ENGLAND = "5"
    NO_LONGER_ENGAGING = "6"
    MOVED_OUTSIDE_ENGLAND = "7"
    DECEASED = "8"
    OTHER = "9"


CEASE_REASON_LABELS = {
    CeaseReason.MAXIMUM_AGE: "Reached the maximum age (the end of the academic year in which they turned 25)",
    CeaseReason.NEEDS_MET: "Needs met without a plan, with education or training going on",
    CeaseReason.HIGHER_EDUCATION: "Moved on to higher education",
    CeaseReason.EMPLOYMENT: "In paid employment (not an apprenticeship)",
    CeaseReason.MOVED_IN_ENGLAND: "Moved to another council in England",
    CeaseReason.NO_LONGER_ENGAGING: "The young person no longer wishes to engage in education or training",
    CeaseReason.MOVED_OUTSIDE_ENGLAND: "Moved outside England",
    CeaseReason.DECEASED: "Died",
    CeaseReason.OTHER: "Other",
}


def academic_year_end_after_25th_birthday(date_of_birth: date) -> date:
    """The last day a plan may run for age: 31 July ending the academic year in which the young
    person turns 25 (reg. 46), and never past the day before their 26th birthday."""
    birthday_25 = add_months(date_of_birth, 25 * 12)
    end = date(birthday_25.year + (1 if birthday_25.month >= 8 else 0), 7, 31)
    return min(end, add_months(date_of_birth, 26 * 12) - timedelta(days=1))


@dataclass(frozen=True, slots=True)
class CeasingFacts:
    notice_sent: date | None = None
    ceases_on: date | None = None
    appeal_lodged: date | None = None
    appeal_decided: date | None = None
    appeal_upheld: bool | None = None  # True: the Tribunal ordered the plan to continue
    mediation_certificate_on: date | None = None  # a later certificate gives 1 month from it


def in_force_until(facts: CeasingFacts, calendar: WorkingDays) -> date | None:
    """The last day the plan is maintained after a decision to cease, or None while it must go on
    being maintained (no notice yet, an appeal still open, or the appeal ordered it to continue).
    The plan stays in force until the appeal period ends (counting a mediation certificate) or the
    appeal is decided (s45(4))."""
    if facts.notice_sent is None:
        return None
    if facts.appeal_lodged is not None:
        if facts.appeal_decided is None or facts.appeal_upheld:
            return None
        return max(facts.appeal_decided, facts.ceases_on or facts.appeal_decided)
    last_day_to_appeal = appeal_by(
        facts.notice_sent, calendar, mediation_certificate_on=facts.mediation_certificate_on
    )
    return max(last_day_to_appeal, facts.ceases_on or last_day_to_appeal)


class Attention(StrEnum):
    PAST_MAXIMUM_AGE = "past_maximum_age"
    LEFT_EDUCATION = "left_education"
    MOVED_AWAY = "moved_away"
    NO_SETTING = "no_setting"
    NO_RECENT_REVIEW = "no_recent_review"


ATTENTION_LABELS = {
    Attention.PAST_MAXIMUM_AGE: "Past the end of the academic year in which they turned 25",
    Attention.LEFT_EDUCATION: "Left education or training with no return planned",
    Attention.MOVED_AWAY: "Moved away",
    Attention.NO_SETTING: "No school, college or other setting",
    Attention.NO_RECENT_REVIEW: f"No review for more than {NO_REVIEW_MONTHS // 12} years",
}


@dataclass(frozen=True, slots=True)
class PlanFacts:
    date_of_birth: date
    plan_made: date
    last_review_decided: date | None = None
    has_setting: bool = True
    left_education_on: date | None = None
    return_planned: bool = False
    moved_away_on: date | None = None


@dataclass(frozen=True, slots=True)
class AttentionReason:
    code: Attention
    detail: str


def _day(value: date) -> str:
    return f"{value.day} {value:%B %Y}"


def needs_attention(facts: PlanFacts, today: date) -> list[AttentionReason]:
    """Why a plan probably should be ceased, or needs attention now; empty when neither."""
    found = []
    age_limit = academic_year_end_after_25th_birthday(facts.date_of_birth)
    if today > age_limit:
        found.append(
            AttentionReason(Attention.PAST_MAXIMUM_AGE, f"The plan could run only until {_day(age_limit)}")
        )
    if facts.left_education_on and not facts.return_planned:
        found.append(
            AttentionReason(
                Attention.LEFT_EDUCATION,
                f"Left on {_day(facts.left_education_on)}: review the plan (reg. 29, 30)",
            )
        )
    if facts.moved_away_on:
        found.append(
            AttentionReason(
                Attention.MOVED_AWAY, f"Moved on {_day(facts.moved_away_on)}: transfer or cease the plan"
            )
        )
    if not facts.has_setting and not facts.left_education_on:
        found.append(
            AttentionReason(Attention.NO_SETTING, "No setting is recorded: name one or review the plan")
        )
    last = facts.last_review_decided or facts.plan_made
    if add_months(last, NO_REVIEW_MONTHS) < today:
        found.append(
            AttentionReason(
                Attention.NO_RECENT_REVIEW,
                f"Last reviewed {_day(last)}"
                if facts.last_review_decided
                else f"Made {_day(last)} and never reviewed",
            )
        )
    return found


def queue(
    plans: Iterable[tuple[object, PlanFacts]], today: date
) -> list[tuple[object, list[AttentionReason]]]:
    """The plans that need attention, most reasons first."""
    flagged = [(key, reasons) for key, facts in plans if (reasons := needs_attention(facts, today))]
    return sorted(flagged, key=lambda row: -len(row[1]))
