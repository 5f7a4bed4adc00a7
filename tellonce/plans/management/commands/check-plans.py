"""Runs the automatic checks over every plan and keeps what they find for the quality overview.
Plans are checked whenever they change; run this every night (cron or a systemd timer) to pick up
what changes around them: a child becoming looked after, moving school, or advice growing old."""

import time

from django.core.management.base import BaseCommand

from tellonce.core.time import uk_today
from tellonce.plans.models import PlanVersion, Status

BATCH = 500


class Command(BaseCommand):
    help = "Check every plan in force and every version being written or sent, and record the findings."

    def handle(self, *args, **options):
        today = uk_today()
        started = time.monotonic()
        versions = (
            (PlanVersion.objects.in_force(today) | PlanVersion.objects.exclude(status=Status.ISSUED))
            .filter(source="tellonce")
            .order_by("pk")
        )
        total = versions.count()
        done = 0
        ids = list(versions.values_list("pk", flat=True))
        for first in range(0, total, BATCH):
            batch = (
                PlanVersion.objects.filter(pk__in=ids[first : first + BATCH])
                .select_related("plan__child__setting", "plan__child__next_setting")
                .prefetch_related("sections")
            )
            changed = []
            for version in batch:
                version.note_findings(today)
                changed.append(version)
            PlanVersion.objects.bulk_update(changed, ["finding_codes", "findings_checked_on"])
            done += len(changed)
            self.stdout.write(f"  checked {done:,} of {total:,} versions ({time.monotonic() - started:.1f}s)")
        self.stdout.write(f"Checked {done:,} plan versions in {time.monotonic() - started:.1f} seconds.")
