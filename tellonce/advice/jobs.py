"""The advice reminders, run by the worker every morning (tellonce/jobs/schedule.py)."""

from datetime import date

from tellonce.advice.reminders import send_due_reminders
from tellonce.jobs.schedule import Counts, every_day


@every_day(
    "send-advice-reminders",
    at="07:00",
    description="E-mails reminders for advice due within 7 days or overdue (as `tellonce send-advice-reminders`)",
)
def send_advice_reminders(day: date) -> Counts:
    sent, missing = send_due_reminders(day)
    return {"sent": sent, "without an address": missing}
