"""Runs the automatic checks over every plan and keeps what they find for the quality overview.
Plans are checked whenever they change; run this every night (cron or a systemd timer) to pick up
what changes around them: a child becoming looked after, moving school, or advice growing old.

What is found is kept twice, in the same transaction a batch: the version's list
(`finding_codes`) and one `VersionFinding` row a code, which the overview counts (ADR 83). The
versions not checked (earlier issued versions, and those from elsewhere) are then compared with
their rows, and any whose rows differ from their list are put right."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from tellonce.core.time import uk_today
from tellonce.plans.models import PlanVersion, Status, VersionFinding

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
            with transaction.atomic():
                PlanVersion.objects.bulk_update(changed, ["finding_codes", "findings_checked_on"])
                VersionFinding.objects.keep(changed)
            done += len(changed)
            self.stdout.write(f"  checked {done:,} of {total:,} versions ({time.monotonic() - started:.1f}s)")
        self.stdout.write(f"Checked {done:,} plan versions in {time.monotonic() - started:.1f} seconds.")
        put_right = self.put_right(exclude=set(ids))
        if put_right:
            self.stdout.write(f"Put right the findings kept for {put_right:,} versions not checked tonight.")

    def put_right(self, exclude: set) -> int:
        """Rewrite the rows of any version not checked whose rows are not its list."""
        rest = PlanVersion.objects.order_by("pk").only("pk", "local_authority_id", "finding_codes")
        wrong = []
        after = None
        while True:
            batch = list((rest.filter(pk__gt=after) if after is not None else rest)[:BATCH])
            if not batch:
                break
            wrong += VersionFinding.objects.differing(v for v in batch if v.pk not in exclude)
            after = batch[-1].pk
        with transaction.atomic():
            VersionFinding.objects.keep(wrong)
        return len(wrong)
