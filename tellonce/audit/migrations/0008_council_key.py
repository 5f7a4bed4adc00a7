"""The council's key on every record of the app's a council holds (ADR 80): added, then filled from
the record's parent a batch at a time."""

from django.db import migrations

from tellonce.core.council_key import AddCouncilKeys, backfill_council


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0007_health_visitor_role"),
        ("organisations", "0005_versions_and_provider_council"),
    ]

    operations = [
        AddCouncilKeys(["AccessEvent"]),
        migrations.RunPython(backfill_council("audit", "AccessEvent", "child"), migrations.RunPython.noop),
    ]
