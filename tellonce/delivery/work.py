"""A coordinator's delivery work: provision in their children's plans escalated (missed for the
council's number of weeks since they last acted) or reported not received by the family.
`first_for` keeps to the escalated ones in SQL, on the values each commitment keeps (ADR 96), and
reads only the rows shown."""

from datetime import date

from django.db.models import Count, Q, Window
from django.urls import reverse

from tellonce.core.work import Tally, WorkItem, WorkList
from tellonce.delivery.models import DeliveryRules
from tellonce.delivery.overview import needing_follow_up, with_escalation
from tellonce.organisations.councils import council_id
from tellonce.people.models import Child

AT_MOST = 500
KIND = "Provision not delivered"


def _item(c) -> WorkItem:
    return WorkItem(
        kind=KIND,
        what=(
            f"The family reports {c.what[:80]} was not received"
            if c.reported
            else f"{c.what[:80]}: {c.missed_weeks:.0f} weeks missed"
        ),
        url=reverse("delivery:follow-up", args=[c.pk]),
        child_id=c.child_id,
        child_name=c.child.full_name,
    )


def work_for(user, *, today: date) -> list[WorkItem]:
    commitments = needing_follow_up(user).filter(child__coordinator=user)[:AT_MOST]
    return [_item(c) for c in with_escalation(commitments, council_id(user)) if c.escalated]


def first_for(user, *, today: date, shown: int) -> WorkList:
    """The escalated commitments, counted, and the `shown` first by the child's name as the page
    orders work with no deadline: one query (and the council's threshold)."""
    threshold = DeliveryRules.weeks_for(council_id(user))
    escalated = (
        needing_follow_up(user)
        .filter(child__coordinator=user)
        .filter(Q(reported_since_action=True) | Q(missed_weeks_since_action__gte=threshold - 1e-9))
    )
    if not shown:
        total = escalated.count()
        return WorkList([], {KIND: Tally(total)} if total else {})
    first = (
        escalated.select_related(None)
        .select_related("child")
        .only("id", "what", "child__id", "child__given_name", "child__preferred_name", "child__family_name")
    )
    # By name, then as the whole list orders one child's commitments (`needing_follow_up`), which
    # the page's sort by name keeps: most weeks missed first.
    by_name = (Child.full_name_of("child"), *escalated.query.order_by)
    rows = list(first.annotate(total=Window(Count("pk"))).order_by(*by_name)[:shown])
    return WorkList([_item(c) for c in rows], {KIND: Tally(rows[0].total)} if rows else {})
