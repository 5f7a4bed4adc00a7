"""A coordinator's review work, for the plans they coordinate: each open review's next step (and
each amendment still to finish) that is overdue or due in the next 2 weeks, from each review's
kept next step (tellonce.reviews.stored, ADR 0076)."""

from datetime import date, timedelta

from django.db.models import Count, Q
from django.urls import reverse

from tellonce.core.work import Tally, WorkItem, WorkList
from tellonce.reviews.models import AnnualReview
from tellonce.reviews.schedule import first_steps, steps_under_way

AHEAD = timedelta(weeks=2)
AT_MOST = 500  # a caseload's reviews; more is a data problem the reviews page shows in full
KIND = "Reviews"


def _reviews(user):
    return AnnualReview.objects.editable_by(user).filter(plan__child__coordinator=user, plan__ceased_on=None)


def _item(review, what: str, due: date) -> WorkItem:
    return WorkItem(
        kind=KIND,
        what=what,
        url=reverse("reviews:detail", args=[review.pk]),
        child_id=review.plan.child_id,
        child_name=review.plan.child.full_name,
        due_on=due,
    )


def work_for(user, *, today: date) -> list[WorkItem]:
    steps, _ = steps_under_way(_reviews(user), today=today, shown=AT_MOST)
    return [_item(step.review, step.title, step.due) for step in steps if step.due <= today + AHEAD]


def first_for(user, *, today: date, shown: int) -> WorkList:
    """The `shown` steps due soonest and how many there are (and how many overdue): three queries."""
    due = _reviews(user).filter(next_step_due__isnull=False, next_step_due__lte=today + AHEAD)
    counts = due.order_by().aggregate(total=Count("pk"), late=Count("pk", filter=Q(next_step_due__lt=today)))
    if not counts["total"]:
        return WorkList()
    first = first_steps(due, shown)
    return WorkList(
        [_item(r, r.next_step, r.next_step_due) for r in first],
        {KIND: Tally(counts["total"], counts["late"])},
    )
