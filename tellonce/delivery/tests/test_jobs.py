"""The nightly job makes commitments of the provision in every plan in force without anyone pressing
a button, touching only the plans whose version in force changed, in a fixed number of queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tellonce.conftest import acting
from tellonce.delivery.jobs import bring_provision_up_to_date
from tellonce.delivery.models import Commitment, MadeFrom
from tellonce.delivery.services import bring_changed_up_to_date, plans_changed
from tellonce.delivery.tests.builders import TODAY, plan_with_provision
from tellonce.people.tests.factories import ChildFactory
from tellonce.plans.models import Plan, PlanSection


def _copies(plan, how_many):
    """Plans like `plan` (its issued version and sections) for other children of the council."""
    version = plan.in_force_version
    sections = list(version.sections.all())
    for n in range(how_many):
        child = ChildFactory(local_authority=plan.child.local_authority, setting=plan.child.setting)
        copy = Plan.objects.get(pk=plan.pk)
        copy.pk, copy.ref, copy.child, copy.in_force_version = None, f"{plan.ref}-{n}", child, None
        copy.save()
        new_version = type(version).objects.get(pk=version.pk)
        new_version.pk, new_version.plan = None, copy
        new_version.save()
        PlanSection.objects.bulk_create(
            PlanSection(plan_version=new_version, code=s.code, data=s.data) for s in sections
        )
        Plan.objects.filter(pk=copy.pk).update(in_force_version=new_version)


def test_the_nightly_job_makes_commitments_of_a_plan_in_force_nobody_brought_up_to_date(area):
    plan = plan_with_provision(area)
    assert not Commitment.objects.filter(plan=plan).exists()
    counts = bring_provision_up_to_date(TODAY)
    assert counts["plans"] == Plan.objects.filter(in_force_version__isnull=False).count() >= 1
    assert set(Commitment.objects.filter(plan=plan).values_list("section", flat=True)) == {"F", "G", "H2"}
    assert MadeFrom.objects.get(plan=plan).version == plan.in_force_version
    # the next night nothing has changed, so no plan is touched
    assert bring_provision_up_to_date(TODAY)["plans"] == 0


def test_a_plan_whose_version_in_force_changed_or_which_ceased_is_brought_up_to_date_again(area):
    plan = plan_with_provision(area)
    bring_provision_up_to_date(TODAY)
    # a later issued version takes the G items out
    version = plan.in_force_version
    newer = type(version).objects.get(pk=version.pk)
    newer.pk, newer.number = None, version.number + 1
    newer.save()
    for section in version.sections.all():
        data = {**section.data, "items": []} if section.code == "G" else section.data
        PlanSection.objects.create(plan_version=newer, code=section.code, data=data)
    Plan.objects.filter(pk=plan.pk).update(in_force_version=newer)
    assert list(plans_changed()) == [plan]
    counts = bring_provision_up_to_date(TODAY)
    assert counts["plans"] == 1 and counts["ended"] == 2
    assert not Commitment.objects.filter(plan=plan, section="G", ended_on__isnull=True).exists()
    # the plan ceases: the job ends what is left on the day it ceased
    Plan.objects.filter(pk=plan.pk).update(ceased_on=TODAY)
    assert bring_provision_up_to_date(TODAY)["plans"] == 1
    assert set(Commitment.objects.filter(plan=plan).values_list("ended_on", flat=True)) == {TODAY}
    assert bring_provision_up_to_date(TODAY)["plans"] == 0


def test_the_job_uses_the_same_number_of_queries_for_one_plan_as_for_many(area):
    plan = plan_with_provision(area)
    by = acting(area.users["coordinator"])
    Plan.objects.exclude(pk=plan.pk).update(in_force_version=None)
    with CaptureQueriesContext(connection) as one:
        bring_changed_up_to_date(by=by, today=TODAY)
    _copies(plan, 5)
    with CaptureQueriesContext(connection) as six:
        counts = bring_changed_up_to_date(by=by, today=TODAY)
    assert counts["plans"] == 5 and counts["added"] == 5 * 4
    assert len(six) == len(one)
    # and in chunks, a fixed number for each chunk
    Commitment.objects.all().delete()
    MadeFrom.objects.all().delete()
    with CaptureQueriesContext(connection) as chunked:
        assert bring_changed_up_to_date(by=by, today=TODAY, chunk=2)["plans"] == 6
    per_chunk = len(one) - 1  # the first query finds the changed plans
    assert len(chunked) == 1 + 3 * per_chunk
