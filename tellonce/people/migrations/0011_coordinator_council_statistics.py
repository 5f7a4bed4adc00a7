"""The planner is told that a record's coordinator decides its council (ADR 103)."""

from django.db import migrations

from tellonce.core.planner_statistics import dependent_columns


class Migration(migrations.Migration):
    dependencies = [("people", "0010_child_council_id")]

    operations = [dependent_columns("child_coordinator_council", "people_child", ("coordinator_id", "local_authority_id"))]
