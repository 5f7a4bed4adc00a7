"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("plans", "0008_stored_attention"),
    ]

    operations = [
        AddCouncilKeys(
            ["Plan", "Placement", "PlanVersion", "PlanSection", "PlanComment", "FindingAcknowledgement"]
        ),
        migrations.RunPython(backfill_council("plans", "Plan", "child"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("plans", "Placement", "plan__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("plans", "PlanVersion", "plan__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("plans", "PlanSection", "plan_version__plan__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("plans", "PlanComment", "plan_version__plan__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("plans", "FindingAcknowledgement", "plan_version__plan__child"),
            migrations.RunPython.noop,
        ),
    ]
