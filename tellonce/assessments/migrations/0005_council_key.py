"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0004_stored_next_step"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        AddCouncilKeys(["AssessmentRequest", "TimescaleException", "SettingConsultation"]),
        migrations.RunPython(
            backfill_council("assessments", "AssessmentRequest", "child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("assessments", "TimescaleException", "assessment__child"),
            migrations.RunPython.noop,
        ),
        migrations.RunPython(
            backfill_council("assessments", "SettingConsultation", "assessment__child"),
            migrations.RunPython.noop,
        ),
    ]
