"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("records", "0002_disposal_kind_unsent_request"),
    ]

    operations = [
        AddCouncilKeys(["LegalHold", "AnonymisedChild"]),
        migrations.RunPython(backfill_council("records", "LegalHold", "child"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("records", "AnonymisedChild", "child"), migrations.RunPython.noop
        ),
    ]
