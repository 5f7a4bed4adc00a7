"""The council's key required (ADR 80): any row written by the old release since the key was added is
filled first, then the column is made NOT NULL."""

from django.db import migrations

from tellonce.core.council_key import RequireCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("reviews", "0007_council_key"),
    ]

    operations = [
        migrations.RunPython(
            backfill_council("reviews", "AnnualReview", "plan__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("reviews", "ReviewAttendance", "review__plan__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("reviews", "OutcomeProgress", "review__plan__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("reviews", "Ceasing", "plan__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("reviews", "PlanMove", "plan__child"), migrations.RunPython.noop
        ),
        RequireCouncilKeys(["AnnualReview", "ReviewAttendance", "OutcomeProgress", "Ceasing", "PlanMove"]),
    ]
