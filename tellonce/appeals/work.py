"""The appeal deadlines a coordinator or manager must meet: the council's response to the Tribunal,
and each order to comply with (reg. 44), for the appeals their casework reaches. Two queries
however many appeals."""

from datetime import date

from django.urls import reverse

from tellonce.accounts.policy import Capability
from tellonce.appeals.models import Appeal, TribunalOrder
from tellonce.core.work import WorkItem

RESPONSE = "Appeal responses"
ORDERS = "Tribunal orders"


def work_for(user, *, today: date) -> list[WorkItem]:
    """Every response not yet sent for an undecided appeal, and every order not yet complied with."""
    appeals = Appeal.objects.within_scope(user, Capability.RECORD_APPEALS)
    responses = appeals.filter(
        decided_on__isnull=True, response_sent_on__isnull=True, response_due_on__isnull=False
    ).select_related("child")
    orders = TribunalOrder.objects.filter(appeal__in=appeals, complied_on__isnull=True).select_related(
        "appeal__child"
    )
    items = [
        WorkItem(
            kind=RESPONSE,
            what="Send the council's response to the SEND Tribunal",
            url=reverse("appeals:appeal", kwargs={"pk": appeal.pk}),
            child_id=appeal.child_id,
            child_name=appeal.child.full_name,
            due_on=appeal.response_due_on,
        )
        for appeal in responses
    ]
    items += [
        WorkItem(
            kind=ORDERS,
            what=f"Comply with the Tribunal's order: {order.get_kind_display().lower()}",
            url=reverse("appeals:appeal", kwargs={"pk": order.appeal_id}),
            child_id=order.appeal.child_id,
            child_name=order.appeal.child.full_name,
            due_on=order.due_on,
        )
        for order in orders
    ]
    return sorted(items, key=lambda item: item.sort_key)
