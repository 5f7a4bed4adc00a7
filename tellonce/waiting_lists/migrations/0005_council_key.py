"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("waiting_lists", "0004_kind"),
    ]

    operations = [
        AddCouncilKeys(["Referral", "WaitReview", "SupportOffer", "UnmatchedRow"]),
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
    ]
