"""The planner is told that a record's coordinator decides its council (ADR 103)."""

from django.db import migrations

from tellonce.core.planner_statistics import dependent_columns


class Migration(migrations.Migration):
    dependencies = [("plans", "0015_has_setting")]

    operations = [dependent_columns("plan_coordinator_council", "plans_plan", ("coordinator_id", "local_authority_id"))]
