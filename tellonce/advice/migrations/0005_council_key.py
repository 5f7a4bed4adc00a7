"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("advice", "0004_advicerequest_review"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        AddCouncilKeys(
            ["AdviceRequest", "AdviceException", "Submission", "RecommendedProvision", "Document", "Reminder"]
        ),
        migrations.RunPython(backfill_council("advice", "AdviceRequest", "child"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("advice", "AdviceException", "advice__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("advice", "Submission", "advice__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("advice", "RecommendedProvision", "submission__advice__child"),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(
            backfill_council("advice", "Document", "submission__advice__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("advice", "Reminder", "advice__child"), migrations.RunPython.noop
        ),
    ]
