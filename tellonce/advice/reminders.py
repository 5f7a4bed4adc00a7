"""Chasing advice: one reminder of each kind per request, recorded before it is sent, in the same
transaction, so the command can run every few minutes and never sends the same reminder twice."""

from datetime import date

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from tellonce.advice.models import AdviceRequest, Reminder
from tellonce.domain.advice import ReminderKind, reminder_due

SUBJECTS = {
    ReminderKind.DUE_SOON: "Advice due in the next 7 days",
    ReminderKind.OVERDUE: "Advice is overdue",
    ReminderKind.STILL_OVERDUE: "Advice is still overdue: 2 weeks late",
}


def recipient(advice: AdviceRequest) -> str:
    if advice.professional_id and advice.professional.email:
        return advice.professional.email
    if advice.team_id and advice.team.email:
        return advice.team.email
    senco = (
        advice.setting.user_set.filter(role="senco", is_active=True).exclude(email="").first()
        if advice.setting_id
        else None
    )
    return senco.email if senco else ""


def body(advice: AdviceRequest, kind: ReminderKind) -> str:
    due = advice.deadline.due
    purpose = (
        f"for a child or young person being assessed for an EHC plan ({advice.assessment.ref})"
        if advice.assessment_id
        else "for the annual review of a child or young person's EHC plan"
    )
    return (
        f"{SUBJECTS[kind]}.\n\n{advice.service_label} advice was requested on {advice.requested_on:%d %B %Y} "
        f"{purpose}. It is due by {due:%d %B %Y} ({advice.deadline.basis}).\n\n"
        "Sign in to Tellonce and open Advice requests to give your advice. Do not reply to this email."
    )


def send_due_reminders(today: date) -> tuple[int, int]:
    """Sends what is due today; returns (sent, without an address)."""
    sent = missing = 0
    waiting = AdviceRequest.objects.filter(status__in=["requested", "returned"]).select_related(
        "professional", "team", "setting", "assessment", "review"
    )
    for advice in waiting.iterator(chunk_size=500):
        kind = reminder_due(advice.requested_on, today, due=advice.deadline.due)
        if kind is None or advice.reminders.filter(kind=kind).exists():
            continue
        address = recipient(advice)
        if not address:
            missing += 1
            continue
        try:
            with transaction.atomic():
                Reminder.objects.create(advice=advice, kind=kind, sent_to=address)
                send_mail(SUBJECTS[kind], body(advice, kind), None, [address], using="default")
        except IntegrityError:
            continue  # another run sent it first
        sent += 1
    return sent, missing
