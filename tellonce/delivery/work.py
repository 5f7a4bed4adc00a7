"""A coordinator's delivery work: provision in their children's plans escalated (missed for the
council's number of weeks since they last acted) or reported not received by the family."""

from datetime import date

from django.urls import reverse

from tellonce.core.work import WorkItem
from tellonce.delivery.overview import needing_follow_up, with_escalation
from tellonce.organisations.councils import council_id

AT_MOST = 500


def work_for(user, *, today: date) -> list[WorkItem]:
    commitments = needing_follow_up(user).filter(child__coordinator=user)[:AT_MOST]
    return [
        WorkItem(
            kind="Provision not delivered",
            what=(
                f"The family reports {c.what[:80]} was not received"
                if c.reported
                else f"{c.what[:80]}: {c.missed_weeks:.0f} weeks missed"
            ),
            url=reverse("delivery:follow-up", args=[c.pk]),
            child_id=c.child_id,
            child_name=c.child.full_name,
        )
        for c in with_escalation(commitments, council_id(user))
        if c.escalated
    ]
