"""Every record of this app that belongs to a council carries it (several councils in one
installation). Existing rows take their council from the row they belong to, else the
installation's first (until now, only) council."""

import django.db.models.deletion
from django.db import migrations, models


FILL = {"survey": "", "feedbackitem": "child__local_authority", "publication": "", "coproduction": "", "forummember": ""}


def fill(apps, schema_editor):
    council = apps.get_model("organisations", "LocalAuthority").objects.order_by("pk").first()
    for model_name, path in FILL.items():
        model = apps.get_model("feedback", model_name)
        rows = model.objects.filter(local_authority__isnull=True)
        if path:
            for row in rows.exclude(**{f"{path}__isnull": True}).values("pk", path):
                model.objects.filter(pk=row["pk"]).update(local_authority_id=row[path])
        if rows.exists():
            if council is None:
                raise RuntimeError(f"{model_name} rows exist but there is no council to give them")
            rows.update(local_authority=council)


class Migration(migrations.Migration):
    dependencies = [("feedback", "0001_initial"), ("organisations", "0002_team_email")]

    operations = [
        migrations.AddField(
            model_name="survey",
            name="local_authority",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AddField(
            model_name="feedbackitem",
            name="local_authority",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AddField(
            model_name="publication",
            name="local_authority",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AddField(
            model_name="coproduction",
            name="local_authority",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AddField(
            model_name="forummember",
            name="local_authority",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="survey",
            name="local_authority",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AlterField(
            model_name="feedbackitem",
            name="local_authority",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AlterField(
            model_name="publication",
            name="local_authority",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AlterField(
            model_name="coproduction",
            name="local_authority",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AlterField(
            model_name="forummember",
            name="local_authority",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
    ]
