"""Fills what each plan keeps for the attention and adulthood pages (ADR 0077) for the plans
already held, with the same code that keeps the values (tellonce.reviews.stored), as
`tellonce rebuild-plan-schedule` does. An empty database has nothing to fill."""

from django.db import migrations


def fill(apps, schema_editor):
    """Now done by 0009, once the council's key (ADR 80) exists: the live code reads that column
    too, so running it here would fail on a database with plans."""


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0005_fill_stored_schedule"),
        ("plans", "0008_stored_attention"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
