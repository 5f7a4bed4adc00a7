"""The SEND team's work from the inclusion extracts: each child with a plan who is excluded, on a
part-time timetable or out of school, to act on (docs/inclusion-import.md). A fixed number of
queries however many children."""

from datetime import date

from django.urls import reverse

from tellonce.accounts.policy import Capability, allows
from tellonce.core.work import WorkItem
from tellonce.inclusion.concerns import concerns

KIND = "Children with a plan out of full-time school"


def work_for(user, *, today: date) -> list[WorkItem]:
    if not allows(user, Capability.ACT_ON_INCLUSION):
        return []
    return [
        WorkItem(
            kind=KIND,
            what=f"Act on: {c.reasons_text.lower()}",
            url=reverse("inclusion:child", kwargs={"pk": c.child.pk}),
            child_id=c.child.pk,
            child_name=c.child.full_name,
            due_on=c.look_again_on,
        )
        for c in concerns(user, Capability.ACT_ON_INCLUSION, today=today)
    ]
