"""The council's key required (ADR 80): any row written by the old release since the key was added is
filled first, then the column is made NOT NULL."""

from django.db import migrations

from tellonce.core.council_key import RequireCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0002_council_key"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
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
        RequireCouncilKeys(
            ["Question", "Audit", "AuditFinding", "Assignment", "Grade", "AgreedGrade", "FollowUp"]
        ),
    ]
