"""A coordinator's assessment work: every new request still to decide, and each other open case's
next statutory step that is overdue or due in the next 2 weeks. `first_for` reads the same from
each case's kept stage and next step (tellonce.assessments.stored, ADR 0077) in SQL."""

from datetime import date, timedelta

from django.db.models import Count, Q
from django.urls import reverse

from tellonce.assessments.models import AssessmentRequest
from tellonce.assessments.presenters import CaseRow
from tellonce.core.work import Tally, WorkItem, WorkList
from tellonce.domain.assessment import Stage

AHEAD = timedelta(weeks=2)
NEW = "New requests"
OTHER = "Assessments"
CHILD_NAME = ("child__id", "child__given_name", "child__preferred_name", "child__family_name")


def mine(user):
    """The open cases of the children the user coordinates (a case follows its child)."""
    return (
        AssessmentRequest.objects.editable_by(user)
        .open()
        .filter(child__coordinator=user)
        .select_related("child")
    )


def _item(case, *, new: bool, what: str, due: date) -> WorkItem:
    return WorkItem(
        kind=NEW if new else OTHER,
        what=what,
        url=reverse("assessments:detail", args=[case.pk]),
        child_id=case.child_id,
        child_name=case.child.full_name,
        due_on=due,
    )


def work_for(user, *, today: date) -> list[WorkItem]:
    items = []
    for case in mine(user):
        row = CaseRow.of(case, today)
        new = row.clock.stage is Stage.AWAITING_DECISION
        if new or row.due <= today + AHEAD:
            items.append(_item(case, new=new, what=row.next_step, due=row.due))
    return items


def first_for(user, *, today: date, shown: int) -> WorkList:
    """The `shown` of each kind due soonest and how many there are: three queries however many."""
    new = Q(stage=Stage.AWAITING_DECISION)
    other = ~new & Q(next_step_due__lte=today + AHEAD)
    cases = mine(user).order_by()
    late = Q(next_step_due__lt=today)
    counts = cases.aggregate(
        new=Count("pk", filter=new),
        new_late=Count("pk", filter=new & late),
        other=Count("pk", filter=other),
        other_late=Count("pk", filter=other & late),
    )
    tallies = {
        kind: Tally(counts[key], counts[f"{key}_late"])
        for kind, key in ((NEW, "new"), (OTHER, "other"))
        if counts[key]
    }
    columns = ("id", "child_id", "stage", "next_step", "next_step_due", *CHILD_NAME)
    items = [
        _item(case, new=case.stage == Stage.AWAITING_DECISION, what=case.next_step, due=case.next_step_due)
        for wanted, key in ((new, "new"), (other, "other"))
        if counts[key]
        for case in cases.filter(wanted).only(*columns).order_by("next_step_due", "pk")[:shown]
    ]
    return WorkList(items, tallies)
