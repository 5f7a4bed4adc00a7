"""Every provision item of a plan in force becomes a commitment without anyone asking: each early
morning, after the plans' stored schedule (and so their version in force) is worked out again, the
plans whose version in force changed since their commitments were made are brought up to date, and
each commitment's latest outcome and current wait are checked against its records."""

from datetime import date

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.delivery import services
from tellonce.jobs.schedule import Counts, every_day


@every_day(
    "bring-provision-up-to-date",
    at="01:45",
    description="Makes commitments to deliver of the provision in each plan whose version in force "
    "changed (or which ceased) since its commitments were last made, and checks each commitment's "
    "latest outcome and current wait against its records",
)
def bring_provision_up_to_date(day: date) -> Counts:
    by = Actor.command(User.system_account(), "scheduled job bring-provision-up-to-date")
    counts = services.bring_changed_up_to_date(by=by, today=day)
    return {**counts, "latest outcomes put right": services.check_latest()}
