"""A coordinator's advice work: advice received waiting for them to accept or return it, and advice
asked for that is overdue or due in the next 2 weeks, for the children they coordinate."""

from datetime import date, timedelta

from django.urls import reverse

from tellonce.advice.models import AdviceRequest, Status
from tellonce.core.work import WorkItem

AHEAD = timedelta(weeks=2)


def work_for(user, *, today: date) -> list[WorkItem]:
    items = []
    advice = (
        AdviceRequest.objects.editable_by(user)
        .filter(child__coordinator=user, status__in=[Status.REQUESTED, Status.RETURNED, Status.SUBMITTED])
        .select_related("child", "review", "team", "professional", "setting")
    )
    for request in advice:
        due = request.deadline.due
        url = reverse("advice:detail", args=[request.pk])
        common = {"url": url, "child_id": request.child_id, "child_name": request.child.full_name}
        if request.status == Status.SUBMITTED:
            items.append(
                WorkItem(
                    kind="Advice received",
                    what=f"Accept or return advice from {request.service_label}",
                    due_on=due,
                    **common,
                )
            )
        elif due <= today + AHEAD:
            verb = "overdue" if due < today else "due"
            items.append(
                WorkItem(
                    kind="Advice overdue" if due < today else "Advice due",
                    what=f"Advice from {request.service_label} {verb}",
                    due_on=due,
                    **common,
                )
            )
    return items
