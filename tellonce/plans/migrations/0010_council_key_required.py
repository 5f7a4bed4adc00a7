"""The council's key required (ADR 80): any row written by the old release since the key was added is
filled first, then the column is made NOT NULL."""

from django.db import migrations, models

from tellonce.core.council_key import RequireCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("plans", "0009_council_key"),
    ]

    operations = [
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
        RequireCouncilKeys(
            ["Plan", "Placement", "PlanVersion", "PlanSection", "PlanComment", "FindingAcknowledgement"]
        ),
        migrations.AddIndex(
            model_name="plansection",
            index=models.Index(fields=["local_authority", "code"], name="plans_plans_local_a_fde9cc_idx"),
        ),
    ]
