"""A review as page-ready values: its deadlines, and what the family reads."""

from dataclasses import dataclass
from datetime import date

from tellonce.core.formatting import govuk_date, until
from tellonce.domain import reviews as rules
from tellonce.domain.appeals import rights
from tellonce.domain.calendar import WorkingDays
from tellonce.reviews.models import AnnualReview

ON_TIME_TEXT = {True: "On time", False: "Late", None: "Not yet due"}


def _row(deadline, done: date | None, today: date) -> list[dict]:
    on_time = done <= deadline.due if done is not None else (False if today > deadline.due else None)
    return [
        {"text": deadline.title},
        {"text": govuk_date(deadline.due)},
        {"text": govuk_date(done, "Not yet")},
        {"text": ON_TIME_TEXT[on_time]},
        {"text": deadline.basis},
    ]


def deadline_rows(review: AnnualReview, *, today: date) -> list[list[dict]]:
    """Each step of the review: when it was due, when it was done, and whether on time."""
    facts = review.facts()
    meeting = facts.meeting
    rows = []
    if meeting:
        rows.append(_row(rules.invitations_due(meeting), review.invitations_sent_on, today))
        rows.append(_row(rules.advice_circulated_due(meeting), review.advice_circulated_on, today))
        rows.append(_row(rules.report_due(meeting), review.report_sent_on, today))
        rows.append(_row(rules.decision_due(meeting), review.decision_notified_on, today))
    if facts.amendment_notice:
        ends = rules.amendment_response_ends(facts.amendment_notice)
        rows.append(
            [
                {"text": ends.title},
                {"text": govuk_date(ends.due)},
                {"text": "Open" if today <= ends.due else "Ended"},
                {"text": ""},
                {"text": ends.basis},
            ]
        )
    if facts.decision == rules.Decision.AMEND:
        due = rules.amended_final_due(notice=facts.amendment_notice, meeting=meeting)
        if due:
            rows.append(_row(due, facts.amended_final_issued, today))
    return rows


def family_sentences(review: AnnualReview, *, today: date, calendar: WorkingDays) -> list[str]:
    """What the family reads about a review, in plain English."""
    facts = review.facts()
    said = []
    meeting = facts.meeting
    if review.held_on:
        said.append(f"The review meeting was held on {govuk_date(review.held_on)}.")
    elif review.meeting_on:
        said.append(f"The review meeting is on {govuk_date(review.meeting_on)}.")
    if review.decision_notified_on:
        decision = rules.Decision(review.decision)
        said.append(
            f"On {govuk_date(review.decision_notified_on)} we decided to {rules.DECISION_LABELS[decision].lower()}."
        )
        if decision in (rules.Decision.MAINTAIN, rules.Decision.CEASE):
            r = rights(review.decision_notified_on, calendar)
            said.append(
                f"If you disagree, {until(r.mediation_contact_by, today, 'you')} to contact a mediation "
                f"adviser, and {until(r.appeal_by, today, 'you')} to appeal to the First-tier Tribunal "
                "(SEND), or a month from the date on a mediation certificate if that is later."
            )
    elif meeting and today <= rules.decision_due(meeting).due:
        said.append(f"We will tell you our decision by {govuk_date(rules.decision_due(meeting).due)}.")
    elif meeting and meeting <= today:
        said.append(
            f"We should have told you our decision by {govuk_date(rules.decision_due(meeting).due)}. We are sorry "
            "it is late. Your EHC coordinator will contact you."
        )
    if facts.amendment_notice:
        ends = rules.amendment_response_ends(facts.amendment_notice).due
        said.append(
            f"We sent you the proposed amendments on {govuk_date(facts.amendment_notice)}. "
            f"{until(ends, today)} to comment."
        )
    if facts.amended_final_issued:
        said.append(f"We issued the amended plan on {govuk_date(facts.amended_final_issued)}.")
    elif facts.decision == rules.Decision.AMEND:
        due = rules.amended_final_due(notice=facts.amendment_notice, meeting=meeting)
        if due:
            said.append(f"The amended plan is due by {govuk_date(due.due)}.")
    return said


@dataclass(frozen=True)
class StepDue:
    review: AnnualReview
    title: str
    due: date
    overdue: bool


def next_step(review: AnnualReview, *, today: date) -> StepDue | None:
    """The first step of an open review (or of an amendment still to finish) not yet done."""
    step = pending_step(
        review.facts(),
        held_on=review.held_on,
        invitations_sent_on=review.invitations_sent_on,
        advice_circulated_on=review.advice_circulated_on,
        report_sent_on=review.report_sent_on,
        today=today,
    )
    return StepDue(review, *step) if step else None


def pending_step(
    facts: rules.ReviewFacts,
    *,
    held_on: date | None,
    invitations_sent_on: date | None,
    advice_circulated_on: date | None,
    report_sent_on: date | None,
    today: date,
) -> tuple[str, date, bool] | None:
    """next_step() from a review's facts and step dates: the title, the due date and whether it
    is overdue, or None when every step is done (for reading many reviews as plain values)."""
    meeting = facts.meeting
    steps = []
    if meeting and facts.decision_notified is None:
        if held_on is None:  # once the meeting is held, the steps before it are past
            steps += [
                (rules.invitations_due(meeting), invitations_sent_on),
                (rules.advice_circulated_due(meeting), advice_circulated_on),
            ]
        steps += [
            (rules.report_due(meeting), report_sent_on),
            (rules.decision_due(meeting), facts.decision_notified),
        ]
    if facts.decision == rules.Decision.AMEND:
        amended = rules.amended_final_due(notice=facts.amendment_notice, meeting=meeting)
        if amended:
            steps.append((amended, facts.amended_final_issued))
    for deadline, done in steps:
        if done is None:
            return deadline.title, deadline.due, today > deadline.due
    return None
