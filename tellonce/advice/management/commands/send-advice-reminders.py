from django.core.management.base import BaseCommand

from tellonce.advice.reminders import send_due_reminders
from tellonce.core.time import uk_today


class Command(BaseCommand):
    help = "Email reminders for advice due within 7 days or overdue. Safe to run every few minutes."

    def handle(self, *args, **options):
        sent, missing = send_due_reminders(uk_today())
        self.stdout.write(f"Sent {sent} reminder(s).")
        if missing:
            self.stdout.write(
                f"{missing} request(s) have no email address for the service: add one to the team."
            )
