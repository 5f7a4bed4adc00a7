"""The council's key required (ADR 80): any row written by the old release since the key was added is
filled first, then the column is made NOT NULL."""

from django.db import migrations

from tellonce.core.council_key import RequireCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("panels", "0002_council_key"),
    ]

    operations = [
        migrations.RunPython(backfill_council("panels", "PanelMember", "panel"), migrations.RunPython.noop),
        migrations.RunPython(backfill_council("panels", "PanelMeeting", "panel"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("panels", "Attendance", "meeting__panel"), migrations.RunPython.noop
        ),
        migrations.RunPython(backfill_council("panels", "PanelCase", "child"), migrations.RunPython.noop),
        migrations.RunPython(backfill_council("panels", "Paper", "case__child"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("panels", "PanelDecision", "case__child"), migrations.RunPython.noop
        ),
        RequireCouncilKeys(
            ["PanelMember", "PanelMeeting", "Attendance", "PanelCase", "Paper", "PanelDecision"]
        ),
    ]
