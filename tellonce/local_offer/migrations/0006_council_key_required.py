"""The council's key required (ADR 80): any row written by the old release since the key was added is
filled first, then the column is made NOT NULL."""

from django.db import migrations

from tellonce.core.council_key import RequireCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("local_offer", "0005_council_key"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
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
        RequireCouncilKeys(
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
    ]
