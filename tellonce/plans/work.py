"""A coordinator's plan work, for the plans they coordinate: the family's comments and requests
still to answer, and drafts or proposed amendments whose 15 days for comments end in the next 2
weeks, or have ended with the version still to issue."""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from tellonce.accounts.policy import Capability
from tellonce.core.work import WorkItem
from tellonce.plans.models import PlanComment, PlanVersion, Status

AHEAD = timedelta(weeks=2)


def work_for(user, *, today: date) -> list[WorkItem]:
    mine = Q(plan__child__coordinator=user)
    issued_since = PlanVersion.objects.filter(
        plan=OuterRef("plan"), number__gt=OuterRef("number"), status=Status.ISSUED
    )
    # A version sent to the family is work until a later version of the plan is issued.
    versions = (
        PlanVersion.objects.within_scope(user, Capability.EDIT_PLAN)
        .filter(mine, plan__ceased_on=None)
        .exclude(Exists(issued_since))
    )
    items = []
    comments = (
        PlanComment.objects.filter(
            plan_version__in=versions.filter(status=Status.SERVED), answered_on__isnull=True
        )
        .select_related("plan_version__plan__child")
        .order_by("made_on")
    )
    for comment in comments:
        version = comment.plan_version
        items.append(
            WorkItem(
                kind="Family comments",
                what=f"Answer the family's {comment.get_kind_display().lower()} on {version.label.lower()}",
                url=reverse("plans:version", args=[version.plan_id, version.number]),
                child_id=version.plan.child_id,
                child_name=version.plan.child.full_name,
                due_on=None,
            )
        )
    served = versions.filter(status=Status.SERVED).select_related("plan__child")
    for version in served:
        ends = version.comments_until()
        if ends is not None and ends <= today + AHEAD:
            items.append(
                WorkItem(
                    kind="Family comments",
                    what=(
                        f"Issue {version.label.lower()}: the family's 15 days to comment have ended"
                        if ends < today
                        else f"The family's 15 days to comment on {version.label.lower()} end"
                    ),
                    url=reverse("plans:version", args=[version.plan_id, version.number]),
                    child_id=version.plan.child_id,
                    child_name=version.plan.child.full_name,
                    due_on=ends,
                )
            )
    return items
