"""Fills the stored schedule (ADR 0076) of the plans already held. An empty database (a new
installation, the tests) has nothing to fill; a database with plans is filled by the same code
that keeps the values (tellonce.reviews.stored), run once here, as `tellonce rebuild-plan-schedule` does."""

from django.db import migrations


def fill(apps, schema_editor):
    """Now done by 0006, once the columns ADR 0077 added (plans 0008) exist: the live code writes
    them too, so running it here, before they are added, would fail."""


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0004_stored_schedule"),
        ("plans", "0007_stored_schedule"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
