"""The stored schedule follows the academic year (a phase transfer and a year group are this
year's) and each child's age (the under-fives' months): worked out again every night (ADR 0076,
105)."""

from datetime import date

from tellonce.jobs.schedule import Counts, every_day
from tellonce.reviews import stored


@every_day(
    "rebuild-plan-schedule",
    at="01:30",
    description="Works out again each plan's next review due, phase transfer and step under way for the list pages",
)
def rebuild_plan_schedule(day: date) -> Counts:
    return {"changed": stored.rebuild(today=day)}
