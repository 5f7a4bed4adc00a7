"""One `VersionFinding` row for each code in each version's `finding_codes` (ADR 83), read and
written in batches by key, so a large table is neither held in memory nor in one statement. Rows
a version already has (written by the new release while this ran) are left as they are."""

import os

from django.db import migrations


def fill(apps, schema_editor):
    PlanVersion = apps.get_model("plans", "PlanVersion")
    VersionFinding = apps.get_model("plans", "VersionFinding")
    size = int(os.environ.get("TELLONCE_BACKFILL_BATCH", "5000"))
    after = None
    while True:
        versions = PlanVersion.objects.order_by("pk")
        if after is not None:
            versions = versions.filter(pk__gt=after)
        batch = list(versions.values_list("pk", "local_authority_id", "finding_codes")[:size])
        if not batch:
            return
        rows = [
            VersionFinding(plan_version_id=pk, local_authority_id=council, code=code)
            for pk, council, codes in batch
            for code in sorted(set(codes or ()))
        ]
        VersionFinding.objects.bulk_create(rows, batch_size=900, ignore_conflicts=True)
        after = batch[-1][0]


class Migration(migrations.Migration):
    dependencies = [("plans", "0011_version_findings")]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
