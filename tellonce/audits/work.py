"""Plan audits in "My work": grades to give, moderated grades to agree and feedback to send, and
for a coordinator, feedback to acknowledge and actions to follow up. Four queries at most."""

from datetime import date

from django.urls import reverse

from tellonce.accounts.policy import Capability, allows
from tellonce.audits.models import Assignment, Audit, FollowUp, Status
from tellonce.core.work import WorkItem


def _item(kind: str, what: str, url: str, child, due_on: date | None = None) -> WorkItem:
    return WorkItem(
        kind=kind, what=what, url=url, child_id=child.pk, child_name=child.full_name, due_on=due_on
    )


def work_for(user, *, today: date) -> list[WorkItem]:
    items = []
    if allows(user, Capability.AUDIT_PLANS):
        for a in (
            Assignment.objects.within_scope(user, Capability.AUDIT_PLANS)
            .filter(auditor=user, submitted_on__isnull=True)
            .select_related("audit__child")
        ):
            what = (
                "Moderate the audit of this plan, blind" if a.moderation else "Grade this plan for the audit"
            )
            items.append(
                _item("Plan audits to grade", what, reverse("audits:grade", args=[a.pk]), a.audit.child)
            )
    if allows(user, Capability.RUN_AUDITS):
        for audit in (
            Audit.objects.within_scope(user, Capability.RUN_AUDITS)
            .filter(status__in=(Status.RESOLVING, Status.READY))
            .select_related("child")
        ):
            what = (
                "Agree the moderated grades"
                if audit.status == Status.RESOLVING
                else "Send the audit feedback"
            )
            items.append(
                _item("Plan audits to finish", what, reverse("audits:audit", args=[audit.pk]), audit.child)
            )
    if allows(user, Capability.RECEIVE_AUDIT_FEEDBACK):
        for audit in (
            Audit.objects.within_scope(user, Capability.RECEIVE_AUDIT_FEEDBACK)
            .filter(status=Status.SENT)
            .select_related("child")
        ):
            url = reverse("audits:received", args=[audit.pk])
            items.append(_item("Audit feedback", "Read and acknowledge the audit feedback", url, audit.child))
        for f in (
            FollowUp.objects.within_scope(user, Capability.RECEIVE_AUDIT_FEEDBACK)
            .filter(done_on__isnull=True)
            .select_related("audit__child")
        ):
            url = reverse("audits:received", args=[f.audit_id])
            items.append(_item("Audit actions", f.action, url, f.audit.child, f.due_on))
    return items
