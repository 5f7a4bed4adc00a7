"""The planner is told that a record's coordinator decides its council (ADR 103)."""

from django.db import migrations

from tellonce.core.planner_statistics import dependent_columns


class Migration(migrations.Migration):
    dependencies = [("assessments", "0007_fill_stored_next_step")]

    operations = [dependent_columns("case_coordinator_council", "assessments_assessmentrequest", ("coordinator_id", "local_authority_id"))]
