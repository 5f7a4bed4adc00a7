"""The council's key required (ADR 80): any row written by the old release since the key was added is
filled first, then the column is made NOT NULL."""

from django.db import migrations

from tellonce.core.council_key import RequireCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("appeals", "0002_council_key"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        migrations.RunPython(backfill_council("appeals", "Mediation", "child"), migrations.RunPython.noop),
        migrations.RunPython(backfill_council("appeals", "Appeal", "child"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("appeals", "TribunalOrder", "appeal__child"), migrations.RunPython.noop
        ),
        RequireCouncilKeys(["Mediation", "Appeal", "TribunalOrder"]),
    ]
