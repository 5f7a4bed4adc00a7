"""Works out again, with the domain rules, what each plan keeps for the list pages: the version in
force, the next review due, the phase transfer and the step under way (tellonce.reviews.stored,
ADR 0076), and each assessment's stage and next step (tellonce.assessments.stored, ADR 0077), and
writes what differs. The worker runs it every night; run it by hand after changing
TELLONCE_UNDER_FIVE_REVIEW_MONTHS or writing plans outside Tellonce's services."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from tellonce.assessments import stored as assessment_stored
from tellonce.core.time import uk_today
from tellonce.reviews import stored


class Command(BaseCommand):
    help = (
        "Recompute every plan's stored in-force version, next review due, phase transfer and step under way."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        today = uk_today()

        def say(done: int, total: int) -> None:
            self.stdout.write(f"  [{time.monotonic() - started:6.1f}s] plans: {done:,} of {total:,}")

        with transaction.atomic():
            changed = stored.rebuild(today=today, say=say)
            changed += assessment_stored.rebuild(
                say=lambda done, total: self.stdout.write(
                    f"  [{time.monotonic() - started:6.1f}s] assessments: {done:,} of {total:,}"
                )
            )
        self.stdout.write(f"Done: {changed:,} rows changed in {time.monotonic() - started:.1f}s")
