"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("front_door", "0002_support_cycle_recorded"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        AddCouncilKeys(["SupportCycle", "RequestDocument"]),
        migrations.RunPython(
            backfill_council("front_door", "SupportCycle", "request"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("front_door", "RequestDocument", "request"), migrations.RunPython.noop
        ),
    ]
