"""Giving, accepting and returning advice. Each change is checked, versioned, audited and put on
the child's timeline in one transaction; a returned submission keeps its history."""

from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.advice.models import (
    AdviceException,
    AdviceRequest,
    Document,
    RecommendedProvision,
    Status,
    Submission,
)
from tellonce.audit.services import record_change
from tellonce.core.uploads import Checked, checked_kind
from tellonce.people.services import record_event


class AdviceNotOpen(ValueError):
    """The request is not waiting for what was attempted (e.g. advice already accepted)."""


@transaction.atomic
def submit_advice(
    advice: AdviceRequest,
    *,
    by: Actor,
    expected_version: int,
    needs: str,
    outcomes: str,
    assessed_on: date | None,
    provision: list[dict[str, str]],
    files: list[UploadedFile],
    today: date,
) -> Submission:
    if advice.status not in (Status.REQUESTED, Status.RETURNED):
        raise AdviceNotOpen("This request is not waiting for advice")
    checked: list[tuple[UploadedFile, Checked]] = []
    for upload in files:
        if (kind := checked_kind(upload)) is None:
            raise ValueError(f"{upload.name} has not been through core.uploads.check")
        checked.append((upload, kind))
    advice.status = Status.SUBMITTED
    advice.save_versioned(expected_version=expected_version, fields=["status"])
    submission = Submission.objects.create(
        advice=advice,
        number=advice.submissions.count() + 1,
        submitted_by=by.user,
        submitted_on=today,
        assessed_on=assessed_on,
        needs=needs,
        outcomes=outcomes,
    )
    RecommendedProvision.objects.bulk_create(
        RecommendedProvision(submission=submission, **item) for item in provision
    )
    for upload, kind in checked:
        Document.objects.create(
            submission=submission,
            file=upload,
            original_name=upload.name[:200],
            content_type=kind.content_type,
            size=upload.size,
        )
    record_event(
        advice.child,
        by=by,
        what=f"Submitted {advice.service_label} advice (version {submission.number})",
        kind="advice",
        title=f"{advice.service_label} advice submitted",
        occurred_on=today,
        visible_to_family=False,
    )
    return submission


def _latest(advice: AdviceRequest) -> Submission:
    submission = advice.submissions.order_by("-number").first()
    if advice.status != Status.SUBMITTED or submission is None:
        raise AdviceNotOpen("There is no submitted advice waiting for a decision")
    return submission


@transaction.atomic
def accept_advice(advice: AdviceRequest, *, by: Actor, expected_version: int, today: date) -> AdviceRequest:
    submission = _latest(advice)
    advice.status, advice.received_on = Status.ACCEPTED, submission.submitted_on
    advice.save_versioned(expected_version=expected_version, fields=["status", "received_on"])
    Submission.objects.filter(pk=submission.pk).update(
        status=Status.ACCEPTED, decided_by=by.user, decided_on=today
    )
    record_event(
        advice.child,
        by=by,
        what=f"Accepted {advice.service_label} advice",
        kind="advice",
        title=f"{advice.service_label} advice received",
        occurred_on=submission.submitted_on,
    )
    return advice


@transaction.atomic
def return_advice(
    advice: AdviceRequest, *, by: Actor, reasons: str, expected_version: int, today: date
) -> AdviceRequest:
    if not reasons.strip():
        raise AdviceNotOpen("Give the reasons the advice is being returned")
    submission = _latest(advice)
    advice.status = Status.RETURNED
    advice.save_versioned(expected_version=expected_version, fields=["status"])
    Submission.objects.filter(pk=submission.pk).update(
        status=Status.RETURNED, decided_by=by.user, decided_on=today, return_reasons=reasons
    )
    record_event(
        advice.child,
        by=by,
        what=f"Returned {advice.service_label} advice as not fit for purpose",
        kind="advice",
        title=f"{advice.service_label} advice returned to the adviser",
        detail=reasons,
        occurred_on=today,
        visible_to_family=False,
    )
    return advice


@transaction.atomic
def claim_exception(
    advice: AdviceRequest, *, by: Actor, reason: str, starts_on: date, ends_on: date | None
) -> AdviceException:
    """Record a reg. 8(2) reason the adviser could not meet the 6 weeks."""
    if ends_on is not None and ends_on < starts_on:
        raise AdviceNotOpen("The exception must end on or after the day it starts")
    exception = AdviceException.objects.create(
        advice=advice, reason=reason, starts_on=starts_on, ends_on=ends_on
    )
    record_change(
        by,
        advice.child,
        f"Recorded an exception to the advice time limit: {exception.get_reason_display()}",
    )
    return exception
