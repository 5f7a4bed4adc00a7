"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("local_offer", "0004_one_a_council"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        AddCouncilKeys(
            [
                "Service",
                "ServiceAtLocation",
                "ServiceVersion",
                "OnlineReferral",
                "ReferralRead",
                "ListingReport",
                "ListingReminder",
            ]
        ),
        migrations.RunPython(
            backfill_council("local_offer", "Service", "provider"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("local_offer", "ServiceAtLocation", "service__provider"),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(
            backfill_council("local_offer", "ServiceVersion", "service__provider"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("local_offer", "OnlineReferral", "service__provider"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("local_offer", "ReferralRead", "referral__service__provider"),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(
            backfill_council("local_offer", "ListingReport", "service__provider"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("local_offer", "ListingReminder", "service__provider"), migrations.RunPython.noop
        ),
    ]
