"""The early-years team's work from notifications from health: each open notification, due by the
council's standard (acknowledge within 5 working days, contact the family within 20, ADR 74), then
the outcome to record. Two queries however many."""

from datetime import date

from django.urls import reverse

from tellonce.accounts.policy import Capability, allows
from tellonce.core.time import working_days
from tellonce.core.work import WorkItem
from tellonce.domain import early_years as rules
from tellonce.early_years.matching import alike_children
from tellonce.early_years.models import Notification

KIND = "Notifications from health"


def work_for(user, *, today: date) -> list[WorkItem]:
    if not allows(user, Capability.ACT_ON_NOTIFICATIONS):
        return []
    calendar = working_days()
    rows = list(
        Notification.objects.within_scope(user, Capability.ACT_ON_NOTIFICATIONS)
        .open()
        .only(
            "id",
            "ref",
            "given_name",
            "family_name",
            "child_id",
            "notified_on",
            "acknowledged_on",
            "first_contact_on",
            "officer_id",
            "local_authority_id",
            "date_of_birth",
            "nhs_number",
        )
        .order_by("notified_on", "ref")
    )
    alike = alike_children([n for n in rows if not n.child_id])
    items = []
    for n in rows:
        if n.officer_id not in (None, user.pk) and n.acknowledged_on:
            continue  # another officer's
        if not n.acknowledged_on:
            what, due = f"Acknowledge notification {n.ref}", rules.acknowledge_by(n.notified_on, calendar)
        elif not n.first_contact_on:
            what, due = (
                f"Contact the family about notification {n.ref}",
                rules.first_contact_by(n.notified_on, calendar),
            )
        else:
            what, due = f"Record the outcome of notification {n.ref}", None
        items.append(
            WorkItem(
                kind=KIND,
                what=what,
                url=reverse("early_years:notification", kwargs={"pk": n.pk}),
                child_id=n.child_id,
                child_name=n.child_name,
                due_on=due,
                mentions=tuple(alike.get(n.pk, ())),
            )
        )
    return items
