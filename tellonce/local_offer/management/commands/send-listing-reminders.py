"""`tellonce send-listing-reminders`: email the owners of listings not checked for 12 months.
One reminder per listing per check, recorded in the same transaction as the send, so the command
can run daily and never sends the same reminder twice."""

from django.core.management.base import BaseCommand

from tellonce.core.time import uk_today
from tellonce.local_offer.reminders import send_due_reminders


class Command(BaseCommand):
    help = "Remind providers whose listings have not been checked for 12 months"

    def handle(self, *args, **options):
        sent, missing = send_due_reminders(uk_today())
        self.stdout.write(f"{sent} reminders sent; {missing} listings have no address to send to")
