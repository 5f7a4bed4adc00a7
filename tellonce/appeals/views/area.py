"""The council's open appeals, each with the next thing the council must do and by when."""

from django.shortcuts import render
from django.urls import reverse

from tellonce.accounts.policy import Capability, requires
from tellonce.appeals import presenters
from tellonce.appeals.models import Appeal
from tellonce.audit.shown import listed
from tellonce.core.time import uk_today


@requires(Capability.SEE_OPEN_APPEALS)
def open_appeals(request):
    """Appeals not yet decided, and decided appeals with an order not yet complied with."""
    today = uk_today()
    appeals = (
        Appeal.objects.within_scope(request.user, Capability.SEE_OPEN_APPEALS)
        .filter_open_or_ordered()
        .select_related("child")
        .prefetch_related("orders")
    )
    rows = []
    for appeal in appeals:
        text, due = presenters.next_deadline_text(appeal, list(appeal.orders.all()), today)
        rows.append((due, appeal, text))
    rows.sort(key=lambda row: (row[0] is None, row[0] or today))
    listed(request, [appeal.child_id for _, appeal, _ in rows], what="Shown in the list of open appeals")
    return render(
        request,
        "appeals/open.jinja",
        {
            "title": "Open appeals",
            "rows": [
                (appeal, presenters.appeal_summary(appeal), text, due is not None and due < today)
                for due, appeal, text in rows
            ],
            "back_link": reverse("workspace:home"),
        },
    )
