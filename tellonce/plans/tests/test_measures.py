"""Plan quality counted in SQL (plans.measures, over the `VersionFinding` rows) gives the tally of
the domain's reference (domain.plan_quality.tally, over each version's own list) on hand-built edge
cases, and the overview reads a fixed number of queries however many plans are in force."""

from datetime import date

import pytest
import time_machine
from django.db import connection
from django.db.models import JSONNull
from django.test.utils import CaptureQueriesContext

from tellonce.accounts.policy import Capability
from tellonce.domain import plan_quality
from tellonce.domain.plan_quality import Check
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.people.tests.factories import ChildFactory
from tellonce.plans import measures
from tellonce.plans.models import Plan, PlanVersion, VersionFinding
from tellonce.plans.tests.builders import TODAY, plan_in_force

EDGE_CASES = [
    ([], None),  # never checked, nothing found
    ([], date(2026, 1, 5)),
    ([Check.VIEWS_BLANK.value], date(2026, 2, 1)),  # "views_blank" sits inside "family_views_blank"
    ([Check.FAMILY_VIEWS_BLANK.value], date(2026, 3, 1)),
    ([Check.FAMILY_VIEWS_BLANK.value, Check.VIEWS_BLANK.value, Check.NEEDS_BLANK.value], None),
    (["a_check_since_retired"], date(2025, 12, 31)),  # an old code: a finding, but no check counts it
    ([Check.NO_NAMED_OFFICER.value, Check.NO_NAMED_OFFICER.value], date(2026, 11, 22)),
    (None, date(2026, 11, 23)),  # a list held as JSON null: nothing found
]


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _copies(plan: Plan, rows, prefix: str = "copy") -> None:
    """A plan in force for a new child of the same council for each (codes, checked on) row."""
    version = plan.in_force_version
    for n, (codes, checked) in enumerate(rows):
        child = ChildFactory(local_authority=plan.child.local_authority)
        copy = Plan.objects.create(ref=f"{plan.ref}-{prefix}-{n}", child=child)
        copied = PlanVersion.objects.create(
            plan=copy,
            number=1,
            kind=version.kind,
            status=version.status,
            issued_on=version.issued_on,
            finding_codes=codes or [],
            findings_checked_on=checked,
        )
        VersionFinding.objects.keep([copied], new=True)
        if codes is None:  # held as JSON null, not as an empty list
            PlanVersion.objects.filter(pk=copied.pk).update(finding_codes=JSONNull())
        Plan.objects.filter(pk=copy.pk).update(in_force_version=copy.versions.get())


def test_the_sql_tally_is_the_domain_tally_on_edge_cases(area):
    _copies(plan_in_force(area), EDGE_CASES)
    versions = PlanVersion.objects.in_force(TODAY).filter(source="tellonce")
    expected = plan_quality.tally(versions.values_list("finding_codes", "findings_checked_on"))
    with CaptureQueriesContext(connection) as queries:
        counted = measures.tally(versions)
    assert len(queries) == 2  # the codes grouped, and the totals
    assert counted == expected
    assert counted.by_code[Check.VIEWS_BLANK] == 2 and counted.by_code[Check.FAMILY_VIEWS_BLANK] == 2
    assert counted.clean == 4  # the plan built in force, and the three edge cases with nothing found


def test_the_sql_tally_of_no_plans_is_the_domain_tally_of_none(db):
    assert measures.tally(PlanVersion.objects.none()) == plan_quality.tally([])
    assert measures.tally(PlanVersion.objects.all()) == plan_quality.tally([])


def test_the_overview_reads_as_many_queries_for_many_plans_as_for_one(client, area):
    plan = plan_in_force(area)
    _copies(plan, EDGE_CASES[2:3])  # one plan listed under the finding chosen
    client.force_login(area.users["quality lead"])
    client.get("/plans/quality/")

    def queries_for_the_page() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/plans/quality/", {"check": Check.VIEWS_BLANK}).status_code == 200
        return len(queries)

    few = queries_for_the_page()
    _copies(plan, EDGE_CASES * 4, prefix="more")
    assert queries_for_the_page() == few


def test_the_overview_is_the_domain_tally_of_the_plans_written_here_and_counts_those_from_elsewhere(area):
    plan = plan_in_force(area)
    _copies(plan, EDGE_CASES)
    council = plan.child.local_authority_id
    elsewhere = Plan.objects.create(ref="from-elsewhere", child=ChildFactory(local_authority_id=council))
    kind = plan.in_force_version.kind
    came = PlanVersion.objects.create(plan=elsewhere, number=1, kind=kind, status="issued", source="imported")
    Plan.objects.filter(pk=elsewhere.pk).update(in_force_version=came)
    theirs_council = LocalAuthorityFactory(code="998", name="Another council")  # its plan not counted
    theirs = Plan.objects.create(ref="theirs", child=ChildFactory(local_authority=theirs_council))
    version = PlanVersion.objects.create(
        plan=theirs, number=1, kind=kind, status="issued", finding_codes=["needs_blank"]
    )
    VersionFinding.objects.keep([version], new=True)
    Plan.objects.filter(pk=theirs.pk).update(in_force_version=version)
    in_force = PlanVersion.objects.in_force_within_scope(
        area.users["quality lead"], Capability.SEE_PLAN_QUALITY, TODAY
    )
    assert set(in_force) == set(PlanVersion.objects.in_force(TODAY).filter(local_authority_id=council))
    written = in_force.filter(source="tellonce")
    expected = plan_quality.tally(written.values_list("finding_codes", "findings_checked_on"))
    with CaptureQueriesContext(connection) as queries:
        counted, from_elsewhere = measures.overview(in_force)
    assert len(queries) == 1  # the versions in force read once: the totals and the codes grouped
    assert counted == expected == measures.tally(written)
    assert from_elsewhere == 1 and came in in_force and version not in in_force
    for code in (Check.VIEWS_BLANK.value, Check.NEEDS_BLANK.value):
        listed = {v for v in written if code in (v.finding_codes or ())}
        assert set(written.filter(measures.found(code, council))) == listed
        assert set(written.filter(measures.found(code))) == listed


def test_the_versions_in_force_within_a_scope_are_the_scopes_versions_in_force_for_everyone(area):
    """`in_force_within_scope` (one subquery over the plans, for the quality overview) gives the
    versions `within_scope(...).in_force(today)` gives, for each kind of user: a ceased plan's and
    another council's are left out, a plan's working draft is never one."""
    plan = plan_in_force(area)
    _copies(plan, EDGE_CASES[:3])
    ceased = Plan.objects.filter(ref__startswith=f"{plan.ref}-copy-").first()
    Plan.objects.filter(pk=ceased.pk).update(ceased_on=date(2026, 1, 1))
    theirs = Plan.objects.create(
        ref="theirs",
        child=ChildFactory(local_authority=LocalAuthorityFactory(code="998", name="Another council")),
    )
    version = PlanVersion.objects.create(
        plan=theirs, number=1, kind=plan.in_force_version.kind, status="issued"
    )
    Plan.objects.filter(pk=theirs.pk).update(in_force_version=version)
    PlanVersion.objects.create(plan=plan, number=99, kind="draft", status="working")
    for capability in (Capability.SEE_PLAN_QUALITY, Capability.VIEW_PLAN):
        for user in area.users.values():
            one_subquery = PlanVersion.objects.in_force_within_scope(user, capability, TODAY)
            expected = PlanVersion.objects.within_scope(user, capability).in_force(TODAY)
            assert set(one_subquery) == set(expected), (user.role, capability)
    manager = area.users["manager"]
    found = set(PlanVersion.objects.in_force_within_scope(manager, Capability.SEE_PLAN_QUALITY, TODAY))
    assert plan.in_force_version in found and version not in found
    assert not any(v.plan_id == ceased.pk for v in found) and len(found) == 3
