"""The council's key required (ADR 80): any row written by the old release since the key was added is
filled first, then the column is made NOT NULL."""

from django.db import migrations

from tellonce.core.council_key import RequireCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("waiting_lists", "0005_council_key"),
    ]

    operations = [
        migrations.RunPython(
            backfill_council("waiting_lists", "Referral", "child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("waiting_lists", "WaitReview", "referral__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("waiting_lists", "SupportOffer", "referral__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("waiting_lists", "UnmatchedRow", "service"), migrations.RunPython.noop
        ),
        RequireCouncilKeys(["Referral", "WaitReview", "SupportOffer", "UnmatchedRow"]),
    ]
