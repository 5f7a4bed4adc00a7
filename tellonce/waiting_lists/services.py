"""Oversight of long waits and support while waiting, audited on the child's record."""

from datetime import date

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.audit.services import record_change
from tellonce.people.services import record_event
from tellonce.waiting_lists.models import Referral, SupportOffer, WaitReview


@transaction.atomic
def record_review(
    referral: Referral, *, by: Actor, need_rechecked: bool, risk: str, notes: str, on: date
) -> WaitReview:
    review = WaitReview.objects.create(
        referral=referral,
        reviewed_on=on,
        reviewed_by=by.user,
        need_rechecked=need_rechecked,
        risk=risk,
        notes=notes,
    )
    record_change(
        by,
        referral.child,
        f"Reviewed the wait for {referral.service}: risk {review.get_risk_display()}",
    )
    return review


@transaction.atomic
def offer_support(
    referral: Referral, *, by: Actor, kind: str, details: str, taken_up: bool | None, on: date
) -> SupportOffer:
    offer = SupportOffer.objects.create(
        referral=referral, kind=kind, details=details, taken_up=taken_up, offered_on=on
    )
    record_event(
        referral.child,
        by=by,
        what=f"Offered support while waiting for {referral.service}: {offer.get_kind_display()}",
        kind="waiting",
        title=f"Support offered while waiting for {referral.service}",
        detail=offer.get_kind_display(),
        occurred_on=on,
    )
    return offer
