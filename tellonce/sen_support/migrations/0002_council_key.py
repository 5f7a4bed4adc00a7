"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("sen_support", "0001_initial"),
    ]

    operations = [
        AddCouncilKeys(["CensusRecord", "UnmatchedCensusRow", "Cycle"]),
        migrations.RunPython(
            backfill_council("sen_support", "CensusRecord", "census"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("sen_support", "UnmatchedCensusRow", "census"), migrations.RunPython.noop
        ),
        migrations.RunPython(backfill_council("sen_support", "Cycle", "child"), migrations.RunPython.noop),
    ]
