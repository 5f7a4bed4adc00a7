"""The council's key required (ADR 80): any row written by the old release since the key was added is
filled first, then the column is made NOT NULL."""

from django.db import migrations

from tellonce.core.council_key import RequireCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0005_council_key"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        migrations.RunPython(backfill_council("advice", "AdviceRequest", "child"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("advice", "AdviceException", "advice__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("advice", "Submission", "advice__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("advice", "RecommendedProvision", "submission__advice__child"),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(
            backfill_council("advice", "Document", "submission__advice__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("advice", "Reminder", "advice__child"), migrations.RunPython.noop
        ),
        RequireCouncilKeys(
            ["AdviceRequest", "AdviceException", "Submission", "RecommendedProvision", "Document", "Reminder"]
        ),
    ]
