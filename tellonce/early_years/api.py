"""/api/v1/notifications-from-health: notifications from health (CFA 2014 s23, ADR 74), read-only
and scoped as the pages are: the early-years team its council's, a health professional their own
(`Notification.objects.visible_to(user)`). A notification names a child: the children it may be (the
linked child, or those alike by NHS number or name and date of birth) go into the access log, as
on the team's list."""

import uuid
from datetime import date

from ninja import Router, Schema

from tellonce.accounts.policy import Capability, api_requires
from tellonce.audit.shown import listed
from tellonce.early_years import measures
from tellonce.early_years.matching import mentioned
from tellonce.early_years.models import Notification

router = Router(tags=["notifications from health"])
MAX_RESULTS = 200


class Problem(Schema):
    detail: str


class NotificationOut(Schema):
    id: uuid.UUID
    ref: str
    child_id: uuid.UUID | None
    given_name: str
    family_name: str
    date_of_birth: date
    notified_on: date
    notified_by: str
    stage: str
    acknowledge_by: date
    first_contact_by: date
    acknowledged_on: date | None
    officer: str | None
    allocated_on: date | None
    first_contact_on: date | None
    offered: str
    outcome: str | None
    outcome_on: date | None


def _out(n: Notification) -> dict:
    acknowledge_by, first_contact_by = measures.due_dates(n.notified_on)
    return {
        "id": n.pk,
        "ref": n.ref,
        "child_id": n.child_id,
        "given_name": n.given_name,
        "family_name": n.family_name,
        "date_of_birth": n.date_of_birth,
        "notified_on": n.notified_on,
        "notified_by": str(n.notified_by),
        "stage": n.stage,
        "acknowledge_by": acknowledge_by,
        "first_contact_by": first_contact_by,
        "acknowledged_on": n.acknowledged_on,
        "officer": str(n.officer) if n.officer else None,
        "allocated_on": n.allocated_on,
        "first_contact_on": n.first_contact_on,
        "offered": n.offered,
        "outcome": n.outcome or None,
        "outcome_on": n.outcome_on,
    }


@router.get("", response={200: list[NotificationOut], 401: Problem, 403: Problem})
@api_requires(Capability.NOTIFY_EARLY_YEARS, Capability.ACT_ON_NOTIFICATIONS)
def list_notifications(request, open_only: bool = False, child_id: uuid.UUID | None = None):
    """The notifications the caller may see, oldest open first (at most 200); filter to open ones
    (no outcome yet) or to one child's."""
    found = Notification.objects.visible_to(request.auth).select_related("officer", "notified_by")
    if open_only:
        found = found.open()
    if child_id:
        found = found.filter(child_id=child_id)
    rows = list(found.order_by("outcome", "notified_on", "ref")[:MAX_RESULTS])
    listed(request, mentioned(rows), what="Notifications from health listed by the API")
    return [_out(n) for n in rows]
