"""The panel's part of "My work": cases whose meeting has been held with no decision recorded,
letters about a decision not yet sent, and refused cases whose date to look again is near. A
coordinator sees their own caseload's, a manager the council's; three queries however many rows."""

from datetime import date, timedelta

from django.db.models import Exists, OuterRef
from django.urls import reverse

from tellonce.accounts.policy import Capability, allows
from tellonce.core.work import WorkItem
from tellonce.panels.models import Outcome, PanelCase, PanelDecision

SOON = timedelta(days=14)


def work_for(user, *, today: date) -> list[WorkItem]:
    if not allows(user, Capability.TAKE_TO_PANEL):
        return []
    items = []
    undecided = (
        PanelCase.objects.within_scope(user, Capability.TAKE_TO_PANEL)
        .filter(meeting__held_on__lte=today, decision__isnull=True)
        .select_related("child", "meeting__panel")
        .only(
            "id",
            "kind",
            "child__id",
            "child__given_name",
            "child__preferred_name",
            "child__family_name",
            "meeting__held_on",
            "meeting__panel__name",
        )
    )
    for case in undecided:
        items.append(
            WorkItem(
                kind="Panel decisions to record",
                what=f"Record the decision of {case.meeting.panel.name}: {case.get_kind_display().lower()}",
                url=reverse("panels:decide", kwargs={"pk": case.pk}),
                child_id=case.child.pk,
                child_name=case.child.full_name,
                due_on=case.meeting.held_on,
            )
        )
    decisions = PanelDecision.objects.within_scope(user, Capability.TAKE_TO_PANEL).select_related(
        "case__child"
    )
    for decision in decisions.filter(letter_sent_on__isnull=True):
        child = decision.case.child
        items.append(
            WorkItem(
                kind="Panel letters to send",
                what="Send the family the letter about the panel's decision",
                url=reverse("panels:letter", kwargs={"pk": decision.case_id}),
                child_id=child.pk,
                child_name=child.full_name,
                due_on=decision.notified_on or decision.decided_on,
            )
        )
    later = PanelCase.objects.filter(
        child=OuterRef("case__child"), meeting__held_on__gt=OuterRef("decided_on")
    )
    looks = decisions.filter(
        outcome=Outcome.REFUSED, look_again_on__isnull=False, look_again_on__lte=today + SOON
    ).filter(~Exists(later))
    for decision in looks:
        child = decision.case.child
        items.append(
            WorkItem(
                kind="Look again after a refusal",
                what="Look again at the child's needs with their school or setting",
                url=reverse("panels:case", kwargs={"pk": decision.case_id}),
                child_id=child.pk,
                child_name=child.full_name,
                due_on=decision.look_again_on,
            )
        )
    return items
