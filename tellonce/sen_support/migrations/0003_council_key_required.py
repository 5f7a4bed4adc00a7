"""The council's key required (ADR 80): any row written by the old release since the key was added is
filled first, then the column is made NOT NULL."""

from django.db import migrations

from tellonce.core.council_key import RequireCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("sen_support", "0002_council_key"),
    ]

    operations = [
        migrations.RunPython(
            backfill_council("sen_support", "CensusRecord", "census"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("sen_support", "UnmatchedCensusRow", "census"), migrations.RunPython.noop
        ),
        migrations.RunPython(backfill_council("sen_support", "Cycle", "child"), migrations.RunPython.noop),
        RequireCouncilKeys(["CensusRecord", "UnmatchedCensusRow", "Cycle"]),
    ]
