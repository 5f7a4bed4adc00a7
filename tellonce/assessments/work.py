"""A coordinator's assessment work: every new request still to decide, and each other open case's
next statutory step that is overdue or due in the next 2 weeks."""

from datetime import date, timedelta

from django.urls import reverse

from tellonce.assessments.models import AssessmentRequest
from tellonce.assessments.presenters import CaseRow
from tellonce.core.work import WorkItem
from tellonce.domain.assessment import Stage

AHEAD = timedelta(weeks=2)


def mine(user):
    """The open cases of the children the user coordinates (a case follows its child)."""
    return (
        AssessmentRequest.objects.editable_by(user)
        .open()
        .filter(child__coordinator=user)
        .select_related("child")
    )


def work_for(user, *, today: date) -> list[WorkItem]:
    items = []
    for case in mine(user):
        row = CaseRow.of(case, today)
        new = row.clock.stage is Stage.AWAITING_DECISION
        if new or row.due <= today + AHEAD:
            items.append(
                WorkItem(
                    kind="New requests" if new else "Assessments",
                    what=row.next_step,
                    url=reverse("assessments:detail", args=[case.pk]),
                    child_id=case.child_id,
                    child_name=case.child.full_name,
                    due_on=row.due,
                )
            )
    return items
