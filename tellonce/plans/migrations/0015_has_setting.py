"""Each plan keeps whether its child has a setting recorded (ADR 100), so the attention list reads
its plans alone. The column starts true for every plan (a default in the database, so no table is
rewritten); one UPDATE then marks the plans whose child has none, a few of them. `tellonce.reviews.stored`
keeps it from then on."""

from django.db import migrations, models


def fill(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    Plan.objects.filter(child__setting__isnull=True).update(has_setting=False)


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0009_council_indexes_for_lists"),
        ("plans", "0014_fifth_birthday"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="has_setting",
            field=models.BooleanField(
                db_default=True,
                default=True,
                help_text="The child has a school, college or other setting recorded (the attention list "
                "reads it from the plan's own row, ADR 100)",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
