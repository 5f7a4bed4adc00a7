"""Statutory clocks of the EHC needs assessment.

Sources: SEND Regulations 2014 (SI 2014/1530) regs 5, 8, 10, 13 and 27; SEND Code of Practice
2015 paras 9.42-9.43 and the chapter 9 flow chart; shared/domain/send-rules.md sections 0-2.
Weeks are calendar weeks (due = start + 7 x N days) and holidays stop no clock except through a
listed exception. "15 days beginning with the day the draft is served" counts the service day as
day 1, so the window ends on the service date + 14. A step done on or before its due date is on
time. Dates only; "today" is always passed in.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tellonce.domain.calendar import add_calendar_days, add_weeks


class Step(StrEnum):
    DECIDE_WHETHER_TO_ASSESS = "decide_whether_to_assess"
    GIVE_ADVICE = "give_advice"
    DECIDE_NOT_TO_ISSUE = "decide_not_to_issue"
    RESPOND_TO_DRAFT = "respond_to_draft"
    ISSUE_FINAL_PLAN = "issue_final_plan"
    FINISH_REASSESSMENT = "finish_reassessment"


@dataclass(frozen=True, slots=True)
class Deadline:
    step: Step
    title: str
    due: date
    basis: str


def decision_due(start: date) -> Deadline:
    """Decide whether to assess, and notify the family, within 6 weeks of the request."""
    return Deadline(
        Step.DECIDE_WHETHER_TO_ASSESS,
        "Decide whether to assess and tell the family",
        add_weeks(start, 6),
        "SEND Regulations 2014, reg. 5(1) (and reg. 4(1))",
    )


def advice_due(request_received_by_adviser: date) -> Deadline:
    """Advice is due within 6 weeks of the day the adviser received the council's request."""
    return Deadline(
        Step.GIVE_ADVICE,
        "Give advice",
        add_weeks(request_received_by_adviser, 6),
        "SEND Regulations 2014, reg. 8(1)",
    )


def not_to_issue_due(start: date) -> Deadline:
    """A decision not to issue a plan, after assessment, is due within 16 weeks of the request."""
    return Deadline(
        Step.DECIDE_NOT_TO_ISSUE,
        "Decide whether to issue a plan",
        add_weeks(start, 16),
        "SEND Regulations 2014, reg. 10(1)",
    )


def draft_response_ends(served: date) -> Deadline:
    """The family has at least 15 days, the day of service being day 1, to respond to a draft."""
    return Deadline(
        Step.RESPOND_TO_DRAFT,
        "Family responds to the draft plan",
        add_calendar_days(served, 14),
        "SEND Regulations 2014, reg. 13(1)(a)",
    )


def final_plan_due(start: date) -> Deadline:
    """The final EHC plan is due within 20 weeks of the request."""
    return Deadline(
        Step.ISSUE_FINAL_PLAN,
        "Issue the final EHC plan",
        add_weeks(start, 20),
        "SEND Regulations 2014, reg. 13(2)",
    )


def reassessment_due(start: date) -> Deadline:
    """After a re-assessment, the amended plan (or the decision not to amend) within 14 weeks."""
    return Deadline(
        Step.FINISH_REASSESSMENT,
        "Issue the plan after re-assessment",
        add_weeks(start, 14),
        "SEND Regulations 2014, reg. 27(3)",
    )


class ExceptionReason(StrEnum):
    """The closed list of lawful exceptions (send-rules.md section 2), with the codes it suggests."""

    SCHOOL_CLOSURE = "SCHOOL_CLOSURE"
    EY_CLOSURE = "EY_CLOSURE"
    PERSONAL_CIRCS = "PERSONAL_CIRCS"
    ABSENT_4WK = "ABSENT_4WK"
    MISSED_APPT = "MISSED_APPT"
    COVID = "COVID"


EXCEPTION_LABELS = {
    ExceptionReason.SCHOOL_CLOSURE: "The school or college was closed for 4 weeks or more when advice was asked of it",
    ExceptionReason.EY_CLOSURE: "The early years setting was closed for 4 weeks or more when advice was asked of it",
    ExceptionReason.PERSONAL_CIRCS: "Exceptional personal circumstances of the child, young person or parent",
    ExceptionReason.ABSENT_4WK: "The child, young person or parent was away from the area for 4 weeks or more",
    ExceptionReason.MISSED_APPT: "The child or young person missed an appointment for an examination or test",
    ExceptionReason.COVID: "A reason relating to coronavirus (1 May to 25 September 2020 only)",
}

_FINAL = (Step.DECIDE_NOT_TO_ISSUE, Step.ISSUE_FINAL_PLAN, Step.FINISH_REASSESSMENT)
EXCEPTION_BASIS: dict[ExceptionReason, dict[Step, str]] = {
    ExceptionReason.SCHOOL_CLOSURE: {
        Step.DECIDE_WHETHER_TO_ASSESS: "reg. 5(4)(a)",
        Step.DECIDE_NOT_TO_ISSUE: "reg. 10(4)(a)",
        Step.ISSUE_FINAL_PLAN: "reg. 13(3)",
        Step.FINISH_REASSESSMENT: "reg. 27(3)(a)",
    },
    ExceptionReason.EY_CLOSURE: {
        Step.DECIDE_NOT_TO_ISSUE: "reg. 10(4)(b)",
        Step.ISSUE_FINAL_PLAN: "reg. 13(3)",
        Step.FINISH_REASSESSMENT: "reg. 27(3)(b)",
    },
    ExceptionReason.PERSONAL_CIRCS: {
        Step.DECIDE_WHETHER_TO_ASSESS: "reg. 5(4)(b)",
        Step.GIVE_ADVICE: "reg. 8(2)(a)",
        Step.DECIDE_NOT_TO_ISSUE: "reg. 10(4)(c)",
        Step.ISSUE_FINAL_PLAN: "reg. 13(3)",
        Step.FINISH_REASSESSMENT: "reg. 27(3)(c)",
    },
    ExceptionReason.ABSENT_4WK: {
        Step.DECIDE_WHETHER_TO_ASSESS: "reg. 5(4)(c)",
        Step.GIVE_ADVICE: "reg. 8(2)(b)",
        Step.DECIDE_NOT_TO_ISSUE: "reg. 10(4)(d)",
        Step.ISSUE_FINAL_PLAN: "reg. 13(3)",
        Step.FINISH_REASSESSMENT: "reg. 27(3)(d)",
    },
    ExceptionReason.MISSED_APPT: {Step.GIVE_ADVICE: "reg. 8(2)(c)"},
    ExceptionReason.COVID: {
        step: "SI 2020/471 (1 May to 25 September 2020)"
        for step in (Step.DECIDE_WHETHER_TO_ASSESS, Step.GIVE_ADVICE, *_FINAL)
    },
}
COVID_PERIOD = (date(2020, 5, 1), date(2020, 9, 25))
_ALIASES = {
    "EARLY_YEARS_CLOSURE": ExceptionReason.EY_CLOSURE,
    "PERSONAL_CIRCUMSTANCES": ExceptionReason.PERSONAL_CIRCS,
    "ABSENT_FROM_AREA": ExceptionReason.ABSENT_4WK,
    "ABSENCE": ExceptionReason.ABSENT_4WK,
    "MISSED_APPOINTMENT": ExceptionReason.MISSED_APPT,
    "CORONAVIRUS": ExceptionReason.COVID,
}


class UnknownExceptionReason(ValueError):
    pass


def parse_exception_reason(text: str) -> ExceptionReason:
    key = (text or "").strip().upper().replace("-", "_").replace(" ", "_")
    if key in ExceptionReason.__members__:
        return ExceptionReason(key)
    if key in _ALIASES:
        return _ALIASES[key]
    known = ", ".join(reason.value for reason in ExceptionReason)
    raise UnknownExceptionReason(f"{text!r} is not a lawful exception; use one of {known}")


@dataclass(frozen=True, slots=True)
class ClaimedException:
    reason: ExceptionReason
    starts: date
    ends: date | None = None  # still going on

    def excuses(self, deadline: Deadline, clock_start: date) -> bool:
        """True when the reason lawfully applies to this step and its period fell within the clock."""
        if deadline.step not in EXCEPTION_BASIS[self.reason]:
            return False
        first, last = self.starts, self.ends or deadline.due
        if self.reason is ExceptionReason.COVID:
            first, last = max(first, COVID_PERIOD[0]), min(last, COVID_PERIOD[1])
        return first <= last and first <= deadline.due and last >= clock_start


def is_on_time(due: date, done: date | None, today: date, *, not_needed: bool = False) -> bool | None:
    """True if done by the due date, False if done late or the due date has passed without it,
    None while it is still to do and not yet due, or when the step is no longer needed."""
    if done is not None:
        return done <= due
    if not_needed:
        return None
    return False if today > due else None


class Status(StrEnum):
    ON_TRACK = "on_track"
    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


STATUS_LABELS = {
    Status.ON_TRACK: "On track",
    Status.DUE_SOON: "Due within 2 weeks",
    Status.OVERDUE: "Overdue",
}
DUE_SOON_DAYS = 14


def status_on(due: date, today: date) -> Status:
    days_left = (due - today).days
    if days_left < 0:
        return Status.OVERDUE
    return Status.DUE_SOON if days_left <= DUE_SOON_DAYS else Status.ON_TRACK


def weeks_taken(start: date, done: date) -> float:
    return (done - start) / timedelta(weeks=1)
