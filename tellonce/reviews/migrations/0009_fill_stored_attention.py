"""Fills what each plan keeps for the attention and adulthood pages (ADR 0077) for the plans
already held, with the same code that keeps the values (tellonce.reviews.stored), as
`tellonce rebuild-plan-schedule` does. An empty database has nothing to fill."""

from django.db import migrations


def fill(apps, schema_editor):
    if not apps.get_model("plans", "Plan").objects.exists():
        return
    from tellonce.core.time import uk_today
    from tellonce.reviews import stored

    stored.rebuild(today=uk_today())


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0008_council_key_required"),
        ("people", "0008_council_key_required"),
        ("assessments", "0007_fill_stored_next_step"),
        ("plans", "0010_council_key_required"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
