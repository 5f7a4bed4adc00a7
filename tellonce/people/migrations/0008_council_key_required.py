"""The council's key required (ADR 80): any row written by the old release since the key was added is
filled first, then the column is made NOT NULL."""

from django.conf import settings
from django.db import migrations, models

from tellonce.core.council_key import RequireCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_versions_and_provider_council"),
        ("people", "0007_council_key"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
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
        RequireCouncilKeys(
            [
                "FamilyMember",
                "ConsentRecord",
                "AllAboutMe",
                "ProfessionalInvolvement",
                "TimelineEvent",
                "AccountInvitation",
            ]
        ),
        migrations.AddIndex(
            model_name="timelineevent",
            index=models.Index(
                fields=["local_authority", "-occurred_on"], name="people_time_local_a_2604e9_idx"
            ),
        ),
    ]
