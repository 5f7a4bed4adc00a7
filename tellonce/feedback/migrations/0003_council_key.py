"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("feedback", "0002_council"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        AddCouncilKeys(["Question", "Response", "Invitation", "Answer"]),
        migrations.RunPython(backfill_council("feedback", "Question", "survey"), migrations.RunPython.noop),
        migrations.RunPython(backfill_council("feedback", "Response", "survey"), migrations.RunPython.noop),
        migrations.RunPython(backfill_council("feedback", "Invitation", "survey"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("feedback", "Answer", "response__survey"), migrations.RunPython.noop
        ),
    ]
