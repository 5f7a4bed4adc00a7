"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0001_initial"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        AddCouncilKeys(["Mediation", "Appeal", "TribunalOrder"]),
        migrations.RunPython(backfill_council("appeals", "Mediation", "child"), migrations.RunPython.noop),
        migrations.RunPython(backfill_council("appeals", "Appeal", "child"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("appeals", "TribunalOrder", "appeal__child"), migrations.RunPython.noop
        ),
    ]
