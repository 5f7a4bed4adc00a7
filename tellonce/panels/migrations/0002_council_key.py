"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("panels", "0001_initial"),
    ]

    operations = [
        AddCouncilKeys(["PanelMember", "PanelMeeting", "Attendance", "PanelCase", "Paper", "PanelDecision"]),
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
    ]
