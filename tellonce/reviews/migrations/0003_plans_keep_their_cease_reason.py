"""A plan now keeps why it ceased beside the day (SEN2 item 4.6): copy it from each ceased plan's
latest ceasing decision that was not withdrawn."""

from django.db import migrations


def copy_reasons(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    Ceasing = apps.get_model("reviews", "Ceasing")
    for plan in Plan.objects.filter(ceased_on__isnull=False, cease_reason="").iterator():
        ceasing = (
            Ceasing.objects.filter(plan=plan, withdrawn_on__isnull=True).order_by("-considered_on").first()
        )
        if ceasing is not None:
            Plan.objects.filter(pk=plan.pk).update(cease_reason=ceasing.reason)


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0002_ceasing_mediation_certificate_on"),
        ("plans", "0006_sen2_items"),
    ]

    operations = [migrations.RunPython(copy_reasons, migrations.RunPython.noop)]
