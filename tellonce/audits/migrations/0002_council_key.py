"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0001_initial"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        AddCouncilKeys(
            ["Question", "Audit", "AuditFinding", "Assignment", "Grade", "AgreedGrade", "FollowUp"]
        ),
        migrations.RunPython(backfill_council("audits", "Question", "tool"), migrations.RunPython.noop),
        migrations.RunPython(backfill_council("audits", "Audit", "child"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("audits", "AuditFinding", "audit__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("audits", "Assignment", "audit__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("audits", "Grade", "assignment__audit__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("audits", "AgreedGrade", "audit__child"), migrations.RunPython.noop
        ),
        migrations.RunPython(
            backfill_council("audits", "FollowUp", "audit__child"), migrations.RunPython.noop
        ),
    ]
