"""The council's key required (ADR 80): any row written by the old release since the key was added is
filled first, then the column is made NOT NULL."""

from django.conf import settings
from django.db import migrations, models

from tellonce.core.council_key import RequireCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0008_council_key"),
        ("organisations", "0005_versions_and_provider_council"),
        ("people", "0007_council_key"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(backfill_council("audit", "AccessEvent", "child"), migrations.RunPython.noop),
        RequireCouncilKeys(["AccessEvent"]),
        migrations.AddIndex(
            model_name="accessevent",
            index=models.Index(fields=["local_authority", "-at"], name="audit_acces_local_a_140b5e_idx"),
        ),
    ]
