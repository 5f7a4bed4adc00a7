"""The council's key required (ADR 80): any row written by the old release since the key was added is
filled first, then the column is made NOT NULL."""

from django.db import migrations

from tellonce.core.council_key import RequireCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("improvement", "0003_council_key"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        migrations.RunPython(
            backfill_council("improvement", "Finding", "inspection"), migrations.RunPython.noop
        ),
        migrations.RunPython(backfill_council("improvement", "Priority", "plan"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("improvement", "RagRating", "priority__plan"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("improvement", "Action", "priority__plan"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("improvement", "Update", "priority__plan"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("improvement", "PriorityMeasure", "priority__plan"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("improvement", "PriorityFinding", "priority__plan"), migrations.RunPython.noop
        ),
        RequireCouncilKeys(
            ["Finding", "Priority", "RagRating", "Action", "Update", "PriorityMeasure", "PriorityFinding"]
        ),
    ]
