"""The listing reminders, run by the worker every morning (tellonce/jobs/schedule.py)."""

from datetime import date

from tellonce.jobs.schedule import Counts, every_day
from tellonce.local_offer.reminders import send_due_reminders


@every_day(
    "send-listing-reminders",
    at="07:15",
    description="Reminds providers whose Local Offer listings have not been checked for 12 months "
    "(as `tellonce send-listing-reminders`)",
)
def send_listing_reminders(day: date) -> Counts:
    sent, missing = send_due_reminders(day)
    return {"sent": sent, "without an address": missing}
