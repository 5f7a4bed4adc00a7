"""Reminders to check listings (issue #7: listings not checked for 12 months are flagged and their
owners reminded). The reminder row is written before the mail, in one transaction."""

from datetime import date

from django.core.mail import send_mail
from django.db import IntegrityError, transaction

from tellonce.domain.listings import is_stale
from tellonce.local_offer.models import ListingReminder, Service


def send_due_reminders(today: date) -> tuple[int, int]:
    """Sends what is due; returns (sent, without an address)."""
    sent = missing = 0
    for service in Service.objects.published().select_related("provider").iterator(chunk_size=500):
        added = service.created_at.date()
        if not is_stale(service.last_checked, added=added, today=today):
            continue
        checked = service.last_checked or added
        if ListingReminder.objects.filter(service=service, for_last_checked=checked).exists():
            continue
        address = service.provider.email or service.email
        if not address:
            missing += 1
            continue
        try:
            with transaction.atomic():
                ListingReminder.objects.create(
                    service=service, for_last_checked=checked, sent_on=today, sent_to=address
                )
                send_mail(
                    f"Please check your Local Offer listing: {service.name}",
                    f"The Local Offer listing for {service.name} was last checked on {checked:%d %B %Y}. "
                    "Families rely on it being right.\n\nSign in to Tellonce, open Your listings and either "
                    "change the listing or confirm it is still right.\n\nDo not reply to this email.",
                    None,
                    [address],
                    using="default",
                )
        except IntegrityError:
            continue
        sent += 1
    return sent, missing
