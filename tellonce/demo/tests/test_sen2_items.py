"""The demo's SEN2 items: identifiers, placements, budgets and cease reasons realistic enough for
the return to be mostly clean, with a few gaps for its checks to list."""

from datetime import date, timedelta
from io import StringIO

from django.core.management import call_command
from django.db.models import Q
from django.test import TestCase

from tellonce.assessments.models import AssessmentRequest
from tellonce.core.interchange import FileChecker
from tellonce.domain.identifiers import la_code_problem, uln_problem
from tellonce.domain.school_years import national_curriculum_year
from tellonce.interchange.cases import export_cases
from tellonce.interchange.plans.details import parse_details
from tellonce.people.models import Child
from tellonce.plans.models import Placement, Plan

TODAY = date(2026, 11, 22)


class DemoSen2ItemsTests(TestCase):
    """One demo area for every check below."""

    @classmethod
    def setUpTestData(cls):
        call_command("demo", children=1500, seed=11, today=TODAY, stdout=StringIO())

    def test_every_uln_is_valid_and_is_given_to_young_people_past_year_11(self):
        with_uln = list(Child.objects.exclude(uln="").values_list("uln", "date_of_birth"))
        assert with_uln
        assert all(uln_problem(uln) is None for uln, _ in with_uln)
        assert all(national_curriculum_year(born, TODAY).value >= 12 for _, born in with_uln)

    def test_a_reason_is_given_only_without_a_upn_or_uln_and_a_few_are_left_without_one(self):
        assert not Child.objects.exclude(upn_unknown="").filter(~Q(upn="") | ~Q(uln="")).exists()
        under_six = [
            code
            for code, born in Child.objects.filter(upn="", uln="").values_list("upn_unknown", "date_of_birth")
            if national_curriculum_year(born, TODAY).value < 1
        ]
        assert under_six.count("UN1") > 0.9 * len(under_six)
        unexplained = Child.objects.filter(upn="", uln="", upn_unknown="").count()
        assert 0 < unexplained < 0.03 * Child.objects.count()

    def test_every_plan_in_force_has_a_placement_attended_and_most_a_setting_named(self):
        in_force = Plan.objects.filter(ceased_on__isnull=True, versions__status="issued").distinct()
        attended = set(Placement.objects.attended().values_list("plan_id", flat=True))
        named = set(Placement.objects.named().values_list("plan_id", flat=True))
        assert in_force.exists()
        assert all(plan.pk in attended for plan in in_force)
        assert sum(plan.pk in named for plan in in_force) > 0.8 * in_force.count()
        kinds = set(Placement.objects.values_list("sen_setting", flat=True))
        assert {"", "EYP", "NEET", "OTH"} <= kinds
        assert Placement.objects.filter(sen_unit=True).exists()
        assert Placement.objects.filter(resourced_provision=True).exists()
        assert Placement.objects.filter(leaving_on__isnull=False).exists()

    def test_the_demos_placements_and_plan_details_pass_the_import_checks(self):
        checker = FileChecker(today=TODAY)
        records = export_cases(as_of=TODAY)["plans"]
        for i, record in enumerate(records):
            plan = {
                "issued": date.fromisoformat(record["issued"]),
                "ceased": record["ceased"] and date.fromisoformat(record["ceased"]),
                "transferred_in": record["transferred_in"],
            }
            parse_details(record, f"plans[{i}] (ref {record['ref']})", checker, plan)
        assert checker.errors == []
        assert sum(1 for r in records if r["placements"]) > 0.8 * len(records)

    def test_every_ceased_plan_has_its_reason_and_a_few_plans_have_a_personal_budget(self):
        assert not Plan.objects.filter(ceased_on__isnull=False, cease_reason="").exists()
        recent = Plan.objects.filter(
            Q(ceased_on__isnull=True) | Q(ceased_on__gte=TODAY - timedelta(days=730))
        )
        budgets = recent.filter(personal_budget=True).count()
        assert 0 < budgets < 0.12 * recent.count()
        assert not recent.filter(personal_budget=False).exclude(direct_payments="").exists()

    def test_a_very_few_requests_are_from_youth_accommodation_or_moved_away(self):
        requests = AssessmentRequest.objects.count()
        assert AssessmentRequest.objects.filter(youth_accommodation=True).count() < 0.02 * requests
        exported = AssessmentRequest.objects.exclude(exported_to="")
        assert all(la_code_problem(code) is None for code in exported.values_list("exported_to", flat=True))
        assert not exported.filter(withdrawn_on__isnull=True).exists()
