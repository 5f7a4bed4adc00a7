"""A coordinator's review work, for the plans they coordinate: each open review's next step (and
each amendment still to finish) that is overdue or due in the next 2 weeks."""

from datetime import date, timedelta

from django.urls import reverse

from tellonce.core.work import WorkItem
from tellonce.reviews.models import AnnualReview
from tellonce.reviews.schedule import steps_under_way

AHEAD = timedelta(weeks=2)
AT_MOST = 500  # a caseload's reviews; more is a data problem the reviews page shows in full


def work_for(user, *, today: date) -> list[WorkItem]:
    reviews = AnnualReview.objects.editable_by(user).filter(
        plan__child__coordinator=user, plan__ceased_on=None
    )
    steps, _ = steps_under_way(reviews, today=today, shown=AT_MOST)
    return [
        WorkItem(
            kind="Reviews",
            what=step.title,
            url=reverse("reviews:detail", args=[step.review.pk]),
            child_id=step.review.plan.child_id,
            child_name=step.review.plan.child.full_name,
            due_on=step.due,
        )
        for step in steps
        if step.due <= today + AHEAD
    ]
