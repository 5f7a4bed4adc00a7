"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("people", "0006_sen2_items"),
    ]

    operations = [
        AddCouncilKeys(
            [
                "FamilyMember",
                "ConsentRecord",
                "AllAboutMe",
                "ProfessionalInvolvement",
                "TimelineEvent",
                "AccountInvitation",
            ]
        ),
        migrations.RunPython(backfill_council("people", "FamilyMember", "child"), migrations.RunPython.noop),
        migrations.RunPython(backfill_council("people", "ConsentRecord", "child"), migrations.RunPython.noop),
        migrations.RunPython(backfill_council("people", "AllAboutMe", "child"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("people", "ProfessionalInvolvement", "child"), migrations.RunPython.noop
        ),
        migrations.RunPython(backfill_council("people", "TimelineEvent", "child"), migrations.RunPython.noop),
        migrations.RunPython(
            backfill_council("people", "AccountInvitation", "child"), migrations.RunPython.noop
        ),
    ]
