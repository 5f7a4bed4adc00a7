"""Fills what each assessment keeps (ADR 0077) for the cases already held, with the code that keeps
the values, as `tellonce rebuild-plan-schedule` does. It runs after the council's key (ADR 80)
because the live code reads that column. An empty database has nothing to fill."""

from django.db import migrations


def fill(apps, schema_editor):
    if not apps.get_model("assessments", "AssessmentRequest").objects.exists():
        return
    from tellonce.assessments import stored

    stored.rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0006_council_key_required"),
        ("people", "0008_council_key_required"),
    ]

    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
