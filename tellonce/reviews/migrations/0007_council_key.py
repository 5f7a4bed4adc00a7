"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("reviews", "0006_fill_stored_attention"),
    ]

    operations = [
        AddCouncilKeys(["AnnualReview", "ReviewAttendance", "OutcomeProgress", "Ceasing", "PlanMove"]),
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
    ]
