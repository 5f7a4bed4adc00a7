"""Cases turned into page-ready values: caseload rows, the deadlines table, the family's view."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings

from tellonce.core.formatting import days_phrase, govuk_date, until
from tellonce.core.time import working_days
from tellonce.domain import timescales as t
from tellonce.domain.advice import age_flags
from tellonce.domain.appeals import rights
from tellonce.domain.assessment import STAGE_LABELS, CaseClock, Stage, clock

TAG_CLASSES = {
    t.Status.ON_TRACK: "govuk-tag--green",
    t.Status.DUE_SOON: "govuk-tag--yellow",
    t.Status.OVERDUE: "govuk-tag--red",
}


@dataclass(frozen=True, slots=True)
class CaseRow:
    """One open case on a caseload: its next statutory step, due date, days left and status."""

    case: object
    clock: CaseClock
    today: date

    @classmethod
    def of(cls, case, today: date) -> "CaseRow":
        return cls(case, clock(case.facts(exceptions=()), today), today)

    @property
    def next_step(self) -> str:
        return self.clock.next_deadline.title

    @property
    def due(self) -> date:
        return self.clock.next_deadline.due

    @property
    def days_left(self) -> int:
        return (self.due - self.today).days

    @property
    def status(self) -> t.Status:
        return t.status_on(self.due, self.today)

    @property
    def status_label(self) -> str:
        return t.STATUS_LABELS[self.status]

    @property
    def tag_class(self) -> str:
        return TAG_CLASSES[self.status]

    @property
    def days_left_text(self) -> str:
        if self.days_left < 0:
            return f"{days_phrase(-self.days_left)} overdue"
        return "Due today" if self.days_left == 0 else days_phrase(self.days_left)

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS[self.clock.stage]


def _flag(value: bool | None) -> str:
    return {True: "On time", False: "Late", None: "Not yet due"}[value]


def deadline_rows(case, today: date) -> list[list[dict]]:
    """The statutory clock as a table: step, due, done, and whether it was on time."""
    c = case.clock(today)
    rows = []

    def row(deadline: t.Deadline, done: date | None, on_time: bool | None):
        rows.append(
            [
                {"text": deadline.title},
                {"text": govuk_date(deadline.due)},
                {"text": govuk_date(done, empty="Not done")},
                {"text": _flag(on_time)},
                {"text": deadline.basis},
            ]
        )

    if case.kind != "reassessment":
        row(c.decision, case.decision_notified_on, c.decision_on_time)
    # By week 16 the council decides whether to issue: a draft plan, or notice of no plan (reg. 10; CoP 9.61).
    decided = case.not_to_issue_notified_on or case.draft_issued_on
    stopped = case.decision == "refuse" or (
        case.withdrawn_on is not None and case.withdrawn_on <= c.not_to_issue.due
    )
    row(c.not_to_issue, decided, t.is_on_time(c.not_to_issue.due, decided, today, not_needed=stopped))
    if c.draft_response:
        row(c.draft_response, None, None)
    row(c.final, case.final_issued_on, c.final_on_time)
    return rows


def _appeal_rights(decided_on: date, today: date) -> str:
    r = rights(decided_on, working_days())
    return (
        f"{until(r.mediation_contact_by, today)} to contact a mediation adviser. "
        f"{until(r.appeal_by, today)} to appeal to the SEND Tribunal, or a month from the date on a "
        "mediation certificate if that is later."
    )


def family_sentences(case, today: date) -> list[str]:
    """What a parent or young person sees: the stage and its dates, in plain English."""
    c = case.clock(today)
    said = [f"We received the request for an EHC needs assessment on {govuk_date(case.received_on)}."]
    if c.stage is Stage.AWAITING_DECISION:
        said.append(
            f"We will tell you by {govuk_date(c.decision.due)} whether we will carry out an assessment."
        )
    if case.decision == "assess" and case.decision_notified_on:
        said.append(
            f"On {govuk_date(case.decision_notified_on)} we told you we would carry out an assessment."
        )
    if c.stage is Stage.ASSESSING:
        said.append(
            f"We are gathering advice. We will tell you by {govuk_date(c.not_to_issue.due)} whether we "
            f"will write an EHC plan, and the final plan is due by {govuk_date(c.final.due)}."
        )
    if c.stage is Stage.REFUSED:
        said.append(
            f"On {govuk_date(case.decision_notified_on)} we decided not to carry out an assessment. "
            + _appeal_rights(case.decision_notified_on, today)
        )
    if case.draft_issued_on:
        said.append(
            f"We sent you the draft plan on {govuk_date(case.draft_issued_on)}. "
            f"{until(c.draft_response.due, today)} to comment, ask for a meeting and ask for a school or "
            "college to be named."
        )
    if c.stage is Stage.DRAFT_ISSUED:
        said.append(f"The final plan is due by {govuk_date(c.final.due)}.")
    if c.stage is Stage.NOT_ISSUED:
        said.append(
            f"On {govuk_date(case.not_to_issue_notified_on)} we decided not to issue an EHC plan. "
            + _appeal_rights(case.not_to_issue_notified_on, today)
        )
    if c.stage is Stage.FINAL_ISSUED:
        said.append(f"We issued the final EHC plan on {govuk_date(case.final_issued_on)}.")
    if c.stage is Stage.WITHDRAWN:
        said.append(f"The request was withdrawn on {govuk_date(case.withdrawn_on)}.")
    if c.next_deadline and t.status_on(c.next_deadline.due, today) is t.Status.OVERDUE:
        said.append("We are late with this step. We are sorry. Your EHC coordinator will contact you.")
    return said


def advice_rows(case, today: date) -> list[tuple]:
    """Each advice request with its due date, on-time flag, and age checks on accepted advice
    (as at the draft plan, or today before a draft)."""
    on = case.draft_issued_on or today
    months = getattr(settings, "TELLONCE_ADVICE_MAX_AGE_MONTHS", 24)
    rows = []
    for item in case.advice_requests.prefetch_related("submissions"):
        accepted = [s for s in item.submissions.all() if s.status == "accepted"]
        flags = (
            age_flags(assessed_on=accepted[-1].assessed_on, on=on, max_age_months=months) if accepted else []
        )
        rows.append((item, item.deadline.due, item.on_time(today), flags))
    return rows
