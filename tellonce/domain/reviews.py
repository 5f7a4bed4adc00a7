"""Annual reviews of EHC plans, the decision after them, amendments and phase transfers.

Sources: CFA 2014 s44(1) (review at least every 12 months); SEND Regulations 2014 reg. 2 and 18
(phase transfers: reviewed and amended before 15 February, or 31 March for secondary to post-16),
reg. 20(2)-(4) and 21 (at least 2 weeks' notice of the meeting; advice circulated at least 2 weeks
before it), reg. 20(7) and 21(7) (the report within 2 weeks of the meeting), reg. 22(2)-(3) (15 days
to comment on proposed amendments; the amended plan within 8 weeks of the notice); SEND Code of
Practice 2015 paras 9.176 (the decision within 4 weeks of the meeting) and 9.178 (under-fives may be
reviewed more often); L, M, P v Devon [2022] EWHC 493 (Admin) (the final amended plan within 12 weeks
of the meeting in any case); IPSEA (a review concludes when the decision is notified, which starts
the next 12 months). shared/domain/send-rules.md section 4. Dates only; "today" is passed in.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tellonce.domain.calendar import add_calendar_days, add_months, add_weeks
from tellonce.domain.education_settings import SettingYears
from tellonce.domain.phase_transfer import Transfer, TransferDeadline, transfer_after, transfer_deadline
from tellonce.domain.school_years import academic_year_start
from tellonce.domain.timescales import is_on_time

REVIEW_MONTHS = 12
NOTICE_WEEKS = 2
REPORT_WEEKS = 2
DECISION_WEEKS = 4
AMENDMENT_RESPONSE_DAYS = 15
AMENDED_FINAL_WEEKS = 8
AMENDED_FINAL_AFTER_MEETING_WEEKS = 12


class Decision(StrEnum):
    MAINTAIN = "maintain"
    AMEND = "amend"
    CEASE = "cease"


DECISION_LABELS = {
    Decision.MAINTAIN: "Keep the plan as it is",
    Decision.AMEND: "Amend the plan",
    Decision.CEASE: "Stop maintaining the plan",
}
SEN2_REVIEW_OUTCOME = {Decision.MAINTAIN: "M", Decision.AMEND: "A", Decision.CEASE: "C"}


@dataclass(frozen=True, slots=True)
class Deadline:
    title: str
    due: date
    basis: str


def review_due(basis: date, *, months: int = REVIEW_MONTHS) -> Deadline:
    """The next review is due within 12 months of the plan being made or of the last review's
    decision (a council may choose fewer months for under-fives, CoP 9.178). 29 February plus a
    year is 28 February."""
    return Deadline("Review the plan", add_months(basis, months), "Children and Families Act 2014, s44(1)")


def invitations_due(meeting: date) -> Deadline:
    """At least 2 weeks' notice of the meeting."""
    return Deadline(
        "Send the invitations", meeting - timedelta(weeks=NOTICE_WEEKS), "SEND Regulations 2014, reg. 20(3)"
    )


def advice_circulated_due(meeting: date) -> Deadline:
    """Advice and information circulated at least 2 weeks before the meeting."""
    return Deadline(
        "Circulate the advice", meeting - timedelta(weeks=NOTICE_WEEKS), "SEND Regulations 2014, reg. 20(4)"
    )


def report_due(meeting: date) -> Deadline:
    """The setting (or the council) sends the review report within 2 weeks of the meeting."""
    return Deadline(
        "Send the review report", add_weeks(meeting, REPORT_WEEKS), "SEND Regulations 2014, reg. 20(7)"
    )


def decision_due(meeting: date) -> Deadline:
    """The council decides to maintain, amend or cease, and tells the family, within 4 weeks."""
    return Deadline(
        "Decide whether to keep, amend or cease the plan",
        add_weeks(meeting, DECISION_WEEKS),
        "SEND Code of Practice 9.176",
    )


def amendment_response_ends(notice: date) -> Deadline:
    """15 days to comment on proposed amendments, the day the notice is sent being day 1."""
    return Deadline(
        "Family responds to the proposed amendments",
        add_calendar_days(notice, AMENDMENT_RESPONSE_DAYS - 1),
        "SEND Regulations 2014, reg. 22(2)(c)",
    )


def amended_final_due(*, notice: date | None, meeting: date | None) -> Deadline | None:
    """Within 8 weeks of the amendment notice, and in any case within 12 weeks of the meeting."""
    candidates = []
    if notice is not None:
        candidates.append((add_weeks(notice, AMENDED_FINAL_WEEKS), "SEND Regulations 2014, reg. 22(3)"))
    if meeting is not None:
        candidates.append(
            (add_weeks(meeting, AMENDED_FINAL_AFTER_MEETING_WEEKS), "L, M, P v Devon [2022] EWHC 493 (Admin)")
        )
    if not candidates:
        return None
    due, basis = min(candidates)
    return Deadline("Issue the amended plan", due, basis)


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    meeting: date | None = None
    decision: Decision | None = None
    decision_notified: date | None = None
    amendment_notice: date | None = None
    amended_final_issued: date | None = None


class ReviewProblem(ValueError):
    """Dates or a decision that cannot all be true of one review."""


def problems(review: ReviewFacts, *, plan_issued: date | None = None) -> list[str]:
    """What cannot be true of a review: each as a sentence, empty when the review makes sense."""
    found = []
    if review.decision_notified and review.meeting and review.decision_notified < review.meeting:
        found.append(
            f"the decision ({review.decision_notified}) is dated before the meeting ({review.meeting})"
        )
    if review.decision_notified and review.decision is None:
        found.append("a decision date is given without the decision")
    if review.amendment_notice and review.decision not in (None, Decision.AMEND):
        found.append(f"an amendment notice was sent but the decision was to {review.decision}")
    if review.amendment_notice and review.meeting and review.amendment_notice < review.meeting:
        found.append(
            f"the amendment notice ({review.amendment_notice}) is before the meeting ({review.meeting})"
        )
    if review.amended_final_issued and review.amendment_notice is None:
        found.append("an amended plan was issued without an amendment notice")
    if (
        review.amended_final_issued
        and review.amendment_notice
        and review.amended_final_issued < review.amendment_notice
    ):
        found.append(
            f"the amended plan ({review.amended_final_issued}) is before the amendment notice ({review.amendment_notice})"
        )
    if plan_issued and review.meeting and review.meeting < plan_issued:
        found.append(f"the meeting ({review.meeting}) is before the plan was issued ({plan_issued})")
    return found


@dataclass(frozen=True, slots=True)
class ReviewClock:
    decision_due: Deadline | None
    decision_on_time: bool | None
    amended_final_due: Deadline | None
    amended_final_on_time: bool | None
    report_due: Deadline | None
    amendment_response_ends: Deadline | None


def clock(review: ReviewFacts, today: date) -> ReviewClock:
    """The deadlines of one review and whether each was met (None while not yet due or not owed)."""
    decided = decision_due(review.meeting) if review.meeting else None
    owes_amendment = review.decision == Decision.AMEND or review.amendment_notice is not None
    amended = (
        amended_final_due(notice=review.amendment_notice, meeting=review.meeting) if owes_amendment else None
    )
    return ReviewClock(
        decision_due=decided,
        decision_on_time=is_on_time(decided.due, review.decision_notified, today) if decided else None,
        amended_final_due=amended,
        amended_final_on_time=is_on_time(amended.due, review.amended_final_issued, today)
        if amended
        else None,
        report_due=report_due(review.meeting) if review.meeting else None,
        amendment_response_ends=amendment_response_ends(review.amendment_notice)
        if review.amendment_notice
        else None,
    )


def last_concluded(plan_issued: date, reviews: Iterable[ReviewFacts]) -> date:
    """The date the 12 months run from: the plan's making, or the latest review decision notified."""
    notified = [r.decision_notified for r in reviews if r.decision_notified is not None]
    return max([plan_issued, *notified])


def next_review_due(
    plan_issued: date,
    reviews: Iterable[ReviewFacts],
    *,
    months: int = REVIEW_MONTHS,
    transferred_in: date | None = None,
) -> Deadline:
    """The next review's due date; for a plan transferred in from another council, the later of
    that and 3 months from the transfer (reg. 15(5))."""
    due = review_due(last_concluded(plan_issued, reviews), months=months)
    if transferred_in is not None and add_months(transferred_in, 3) > due.due:
        return Deadline(
            "Review the transferred plan", add_months(transferred_in, 3), "SEND Regulations 2014, reg. 15(5)"
        )
    return due


def phase_transfer_due(
    nc_year: int,
    today: date,
    *,
    setting: SettingYears | None = None,
    next_setting: SettingYears | None = None,
) -> TransferDeadline | None:
    """For a child in the year before a transfer between phases, the date the plan must be
    reviewed and amended before (reg. 18(1)); None in any other year. `setting` is what the child's
    setting teaches, `next_setting` where they are known to be going (phase_transfer)."""
    transfer = transfer_after(nc_year, setting, next_setting)
    return transfer_deadline(transfer, academic_year_start(today)) if transfer else None


class ScheduleStatus(StrEnum):
    OVERDUE = "overdue"
    THIS_TERM = "this_term"
    NEXT_TERM = "next_term"
    LATER = "later"


SCHEDULE_LABELS = {
    ScheduleStatus.OVERDUE: "Overdue",
    ScheduleStatus.THIS_TERM: "Due this term",
    ScheduleStatus.NEXT_TERM: "Due next term",
    ScheduleStatus.LATER: "Due later",
}


def term_of(day: date) -> tuple[date, date]:
    """The school term a day falls in, as used for planning reviews: autumn 1 September to
    31 December, spring 1 January to 31 March, summer 1 April to 31 August (the summer holiday is
    counted with the summer term, as reviews are rarely held in it)."""
    if day.month >= 9:
        return date(day.year, 9, 1), date(day.year, 12, 31)
    if day.month <= 3:
        return date(day.year, 1, 1), date(day.year, 3, 31)
    return date(day.year, 4, 1), date(day.year, 8, 31)


def schedule_status(due: date, today: date) -> ScheduleStatus:
    if due < today:
        return ScheduleStatus.OVERDUE
    _, term_ends = term_of(today)
    if due <= term_ends:
        return ScheduleStatus.THIS_TERM
    _, next_ends = term_of(term_ends + timedelta(days=1))
    return ScheduleStatus.NEXT_TERM if due <= next_ends else ScheduleStatus.LATER


@dataclass(frozen=True, slots=True)
class PlanSchedule:
    """One plan's place in the review schedule."""

    review_due: Deadline
    status: ScheduleStatus
    transfer: Transfer | None
    transfer_before: date | None
    review_in_progress: bool

    @property
    def priority(self) -> tuple[bool, date, date]:
        """Phase transfers first by their fixed dates, then overdue, then by due date."""
        first = self.transfer_before or date.max
        return (self.transfer_before is None, first, self.review_due.due)


def schedule(
    *,
    plan_issued: date,
    reviews: Iterable[ReviewFacts],
    nc_year: int,
    today: date,
    setting: SettingYears | None = None,
    next_setting: SettingYears | None = None,
    months: int = REVIEW_MONTHS,
    transferred_in: date | None = None,
) -> PlanSchedule:
    reviews = list(reviews)
    due = next_review_due(plan_issued, reviews, months=months, transferred_in=transferred_in)
    transfer = phase_transfer_due(nc_year, today, setting=setting, next_setting=next_setting)
    in_progress = any(r.meeting is not None and r.decision_notified is None for r in reviews)
    return PlanSchedule(
        review_due=due,
        status=schedule_status(due.due, today),
        transfer=transfer.transfer if transfer else None,
        transfer_before=transfer.before if transfer else None,
        review_in_progress=in_progress,
    )
