"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("delivery", "0004_kept_from_records"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        AddCouncilKeys(["DeliveryRecord", "FamilyReport", "FollowUp"]),
        migrations.RunPython(
            backfill_council("delivery", "DeliveryRecord", "commitment"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("delivery", "FamilyReport", "commitment"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("delivery", "FollowUp", "commitment"), migrations.RunPython.noop
        ),
    ]
