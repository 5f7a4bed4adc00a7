"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("finance", "0006_alter_bandtable_setting_type"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        AddCouncilKeys(["Band", "TopUp"]),
        migrations.RunPython(backfill_council("finance", "Band", "table"), migrations.RunPython.noop),
        migrations.RunPython(backfill_council("finance", "TopUp", "child"), migrations.RunPython.noop),
    ]
