"""The council's work from online requests: each request waiting to be checked, due by the 6-week
decision deadline that started when it was received (reg. 5(1)). Two queries however many."""

from datetime import date

from django.urls import reverse

from tellonce.accounts.policy import Capability, allows
from tellonce.core.work import WorkItem
from tellonce.domain import timescales
from tellonce.front_door.matching import match_flags
from tellonce.front_door.models import FamilyConsent, OnlineRequest
from tellonce.people.models import Child

NEW = "New requests to check"
CONSENT = "Requests awaiting the family's consent"


def work_for(user, *, today: date) -> list[WorkItem]:
    if not allows(user, Capability.TRIAGE_REQUESTS):
        return []
    waiting = OnlineRequest.objects.triaged_by(user).waiting().order_by("submitted_on", "ref")
    items = []
    rows = list(
        waiting.only(
            "id",
            "ref",
            "given_name",
            "family_name",
            "date_of_birth",
            "nhs_number",
            "upn",
            "local_authority_id",
            "submitted_on",
            "child_id",
            "family_consent",
        )
    )
    alike = match_flags(rows, Child.objects.visible_to(user)) if rows else {}
    for r in rows:
        awaiting = r.family_consent in (FamilyConsent.NO, FamilyConsent.NOT_ASKED)
        what = (
            f"Contact the family about request {r.ref}: they have not agreed to it"
            if awaiting
            else f"Check request {r.ref} and match it to a child"
        )
        items.append(
            WorkItem(
                kind=CONSENT if awaiting else NEW,
                what=what,
                url=reverse("front_door:check", kwargs={"pk": r.pk}),
                child_id=r.child_id,
                child_name=r.child_name,
                due_on=timescales.decision_due(r.submitted_on).due,
                mentions=tuple(alike.get(r.pk, ())),
            )
        )
    return items
