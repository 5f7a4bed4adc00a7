"""A request's answers as summary list rows, for "check your answers", the family's page and the
council's check; and its status in words, with the decision's due date."""

from dataclasses import dataclass
from datetime import date

from django.urls import reverse

from tellonce.core.formatting import govuk_date
from tellonce.domain import timescales
from tellonce.domain.assessment import OPEN_STAGES, STAGE_LABELS
from tellonce.domain.identifiers import format_nhs_number
from tellonce.front_door import flow
from tellonce.front_door.models import FamilyConsent, OnlineRequest, Status


def _text(value) -> str:
    return str(value) if value not in (None, "") else "Not given"


def _answers(r: OnlineRequest) -> list[tuple[str, str, str]]:
    """(page, question, answer) for each answer the request holds."""
    interpreter = {None: "Not given", True: f"Yes: {r.interpreter_language}", False: "No"}
    rows = [
        ("name", "Name", _text(r.child_name)),
        ("date-of-birth", "Date of birth", govuk_date(r.date_of_birth) if r.date_of_birth else "Not given"),
        ("identifiers", "NHS number", format_nhs_number(r.nhs_number) if r.nhs_number else "Not given"),
        ("identifiers", "Unique pupil number (UPN)", _text(r.upn)),
        ("address", "Address", _text(", ".join(p for p in (r.address, r.postcode) if p))),
        ("setting", "School, college or nursery", _text(r.current_setting)),
        ("reason", "Why the request is made", _text(r.reason)),
        ("support", "Support tried", _text(r.support_tried)),
        ("views", "The family's views", _text(r.family_views)),
        ("family", "Parent or carer", _text(" ".join(p for p in (r.parent_name, r.parent_email) if p))),
        (
            "family-consent",
            "The family agreed",
            FamilyConsent(r.family_consent).label + (f" ({r.consent_how})" if r.consent_how else "")
            if r.family_consent
            else "Not given",
        ),
        ("language", "First language at home", _text(r.first_language)),
        ("language", "Interpreter", interpreter[r.interpreter_needed]),
        ("consent", "Agreed to share the request", "Yes" if r.consent_to_share else "No"),
    ]
    if r.child_id:
        rows[0] = ("who", "Name", _text(r.child_name))
    skip = {"family", "family-consent"} if r.from_the_family else set()
    return [row for row in rows if row[0] not in skip]


def answer_rows(r: OnlineRequest, *, editable: bool) -> list[dict]:
    rows = []
    for page, question, answer in _answers(r):
        row = {"key": {"text": question}, "value": {"text": answer}}
        who = page == "who" and r.requested_by != "young_person"
        if editable and (page in {s.slug for s in flow.steps_for(r)} or who):
            href = reverse("front_door:step", kwargs={"pk": r.pk, "step": page}) + "?return=check"
            row["actions"] = {
                "items": [{"href": href, "text": "Change", "visuallyHiddenText": question.lower()}]
            }
        rows.append(row)
    return rows


@dataclass(frozen=True)
class RequestStatus:
    label: str
    tag: str
    decision_due: date | None
    said: str


def status_of(r: OnlineRequest, today: date) -> RequestStatus:
    if r.status == Status.DRAFT:
        return RequestStatus("Not sent yet", "govuk-tag--grey", None, "You have not sent this request yet.")
    due = timescales.decision_due(r.submitted_on).due if r.submitted_on else None
    if r.status == Status.SUBMITTED:
        return RequestStatus(
            "Received",
            "govuk-tag--blue",
            due,
            f"The council received the request on {govuk_date(r.submitted_on)} and is checking it. It "
            f"must tell the family by {govuk_date(due)} whether it will carry out an assessment.",
        )
    if r.assessment_id is None:
        return RequestStatus(
            "Being considered",
            "govuk-tag--green",
            due,
            f"The council has recorded the request ({r.ref}) and must decide by {govuk_date(due)} "
            "whether to carry out an assessment.",
        )
    # Once recorded, the request follows its assessment's stage.
    clock = r.assessment.clock(today)
    said = f"The council recorded the request as {r.assessment.ref}: {STAGE_LABELS[clock.stage].lower()}."
    step = clock.next_deadline
    if clock.stage in OPEN_STAGES and step is not None:
        said += f" Next: {step.title.lower()}, by {govuk_date(step.due)}."
    return RequestStatus(
        STAGE_LABELS[clock.stage],
        "govuk-tag--green" if clock.stage in OPEN_STAGES else "govuk-tag--grey",
        step.due if step is not None and clock.stage in OPEN_STAGES else None,
        said,
    )
