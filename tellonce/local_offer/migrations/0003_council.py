"""Every record of this app that belongs to a council carries it (several councils in one
installation): providers (and so their services), the thesaurus, searches that found nothing, and
the search index's state. Existing rows take the installation's first (until now, only) council."""

import django.db.models.deletion
from django.db import migrations, models


FILL = {"provider": "", "thesaurusentry": "", "unmatchedsearch": ""}


def fill(apps, schema_editor):
    council = apps.get_model("organisations", "LocalAuthority").objects.order_by("pk").first()
    if council is None:
        # A new installation: each council's thesaurus is started from data/thesaurus.json when
        # the council is made (local_offer.signals); the unowned copy from 0002 goes.
        apps.get_model("local_offer", "ThesaurusEntry").objects.all().delete()
    for model_name, path in FILL.items():
        model = apps.get_model("local_offer", model_name)
        rows = model.objects.filter(local_authority__isnull=True)
        if path:
            for row in rows.exclude(**{f"{path}__isnull": True}).values("pk", path):
                model.objects.filter(pk=row["pk"]).update(local_authority_id=row[path])
        if rows.exists():
            if council is None:
                raise RuntimeError(f"{model_name} rows exist but there is no council to give them")
            rows.update(local_authority=council)
    state = apps.get_model("local_offer", "IndexState")
    if council is None:
        state.objects.all().delete()
    else:
        state.objects.filter(local_authority__isnull=True).update(local_authority=council)


class Migration(migrations.Migration):
    dependencies = [("local_offer", "0002_categories_needs_and_thesaurus"), ("organisations", "0002_team_email")]

    operations = [
        migrations.AddField(
            model_name="provider",
            name="local_authority",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AddField(
            model_name="thesaurusentry",
            name="local_authority",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AddField(
            model_name="unmatchedsearch",
            name="local_authority",
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AddField(
            model_name="indexstate",
            name="local_authority",
            field=models.OneToOneField(
                null=True, on_delete=django.db.models.deletion.CASCADE, related_name="+", to="organisations.localauthority"
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="indexstate",
            name="local_authority",
            field=models.OneToOneField(
                on_delete=django.db.models.deletion.CASCADE, related_name="+", to="organisations.localauthority"
            ),
        ),
        migrations.AlterField(
            model_name="provider",
            name="local_authority",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AlterField(
            model_name="thesaurusentry",
            name="local_authority",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
        migrations.AlterField(
            model_name="unmatchedsearch",
            name="local_authority",
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="+", to="organisations.localauthority"),
        ),
    ]
