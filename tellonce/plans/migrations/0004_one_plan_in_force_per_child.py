"""One plan per child that has not ceased, kept by the database."""

from django.conf import settings
from django.db import migrations, models


def refuse_if_children_have_two_plans(apps, schema_editor):
    Plan = apps.get_model("plans", "Plan")
    doubled = (
        Plan.objects.filter(ceased_on__isnull=True)
        .values("child_id")
        .annotate(plans=models.Count("pk"))
        .filter(plans__gt=1)
    )
    refs = [
        ", ".join(Plan.objects.filter(child_id=row["child_id"], ceased_on__isnull=True).values_list("ref", flat=True))
        for row in doubled[:20]
    ]
    if refs:
        raise RuntimeError(
            "These children have more than one EHC plan that has not ceased. Record the date the "
            "earlier plan ceased, then migrate again: " + "; ".join(refs)
        )


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("people", "0005_child_anonymised_on"),
        ("plans", "0003_version_source"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(refuse_if_children_have_two_plans, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="plan",
            constraint=models.UniqueConstraint(
                condition=models.Q(("ceased_on__isnull", True)),
                fields=("child",),
                name="one_plan_in_force_per_child",
                violation_error_message="This child already has an EHC plan that has not ceased.",
            ),
        ),
    ]
