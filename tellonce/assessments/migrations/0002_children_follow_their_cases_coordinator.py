"""A child with no coordinator whose open case names one is given that coordinator, so the case is
on their caseload (before, 21 such cases were on no one's list)."""

from django.db import migrations


def give_children_their_cases_coordinator(apps, schema_editor):
    AssessmentRequest = apps.get_model("assessments", "AssessmentRequest")
    Child = apps.get_model("people", "Child")
    cases = (
        AssessmentRequest.objects.filter(
            child__coordinator__isnull=True,
            coordinator__isnull=False,
            final_issued_on__isnull=True,
            not_to_issue_notified_on__isnull=True,
            withdrawn_on__isnull=True,
        )
        .exclude(decision="refuse")
        .order_by("child_id", "-received_on")
        .values_list("child_id", "coordinator_id")
    )
    chosen = {}
    for child_id, coordinator_id in cases:
        chosen.setdefault(child_id, coordinator_id)
    for child_id, coordinator_id in chosen.items():
        Child.objects.filter(pk=child_id, coordinator__isnull=True).update(coordinator_id=coordinator_id)


class Migration(migrations.Migration):
    dependencies = [
        ("assessments", "0001_initial"),
        ("people", "0005_child_anonymised_on"),
    ]

    operations = [migrations.RunPython(give_children_their_cases_coordinator, migrations.RunPython.noop)]
