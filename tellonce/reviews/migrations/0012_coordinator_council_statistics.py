"""The planner is told that a record's coordinator decides its council (ADR 103)."""

from django.db import migrations

from tellonce.core.planner_statistics import dependent_columns


class Migration(migrations.Migration):
    dependencies = [("reviews", "0011_council_steps_index")]

    operations = [dependent_columns("review_coordinator_council", "reviews_annualreview", ("coordinator_id", "local_authority_id"))]
