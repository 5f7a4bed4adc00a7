"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("improvement", "0002_action_withdrawal_and_later_findings"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        AddCouncilKeys(
            ["Finding", "Priority", "RagRating", "Action", "Update", "PriorityMeasure", "PriorityFinding"]
        ),
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
    ]
