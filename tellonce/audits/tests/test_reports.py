from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tellonce.audits import measures, reports, services, work
from tellonce.audits.tests.builders import TODAY, audit_round, grade_all, name
from tellonce.conftest import acting


def test_the_findings_table_compares_plans_with_and_without_each_finding(area):
    _, audit = audit_round(area)
    audit.findings.create(code="provision_vague", section="F")
    grade_all(name(audit, area.users["quality lead"]), overrides={"overall": "inadequate"})
    table = reports.predictions(area.child.local_authority_id)
    row = next(r for r in table.rows if r[0] == "Provision uses vague words instead of amounts")
    assert row[1:] == [1, "100%", 0, "No data"]


def test_agreement_is_measured_over_the_questions_both_auditors_graded(area):
    _, audit = audit_round(area)
    first, second = (
        name(audit, area.users["quality lead"]),
        name(audit, area.users["manager"], moderation=True),
    )
    grade_all(first, overrides={"A": "outstanding", "B": "requires_improvement"})
    grade_all(second, overrides={"A": "outstanding", "F": "inadequate"})
    found = reports.agreement(area.child.local_authority_id)
    assert found["pairs"] == 8  # the eight education questions
    assert found["kappa"] is not None and -1 <= found["kappa"].value < 1
    assert found["kappa"].observed == 6 / 8  # they differ on B and F only
    # B one grade apart and F two, of four: weighted, they count as 2/3 and 1/3 of an agreement.
    assert found["weighted"].observed == pytest.approx((6 + 2 / 3 + 1 / 3) / 8)


def test_the_live_measures_give_the_share_good_or_better_and_feedback_acknowledged(area):
    _, audit = audit_round(area)
    la = area.child.local_authority_id
    assert measures.good_or_better(la, TODAY) is None
    grade_all(name(audit, area.users["quality lead"]))
    assert measures.good_or_better(la, TODAY) == 100.0
    audit.refresh_from_db()
    services.send_feedback(
        audit,
        feedback="Well done",
        actions=[],
        by=acting(area.users["quality lead"]),
        today=TODAY,
        expected_version=audit.version,
    )
    assert measures.acknowledged(la, TODAY) == 0.0
    assert measures.good_or_better(la, TODAY + timedelta(days=400)) is None


def test_audit_work_reaches_each_person_in_a_fixed_number_of_queries(area):
    _, audit = audit_round(area)
    first = name(audit, area.users["quality lead"])
    items = work.work_for(area.users["quality lead"], today=TODAY)
    assert [i.url for i in items] == [f"/audits/grading/{first.pk}/"]
    grade_all(first)
    audit.refresh_from_db()
    services.send_feedback(
        audit,
        feedback="Well done",
        actions=[("Add dates to outcomes", TODAY + timedelta(days=7))],
        by=acting(area.users["quality lead"]),
        today=TODAY,
        expected_version=audit.version,
    )
    coordinator = area.users["coordinator"]
    with CaptureQueriesContext(connection) as queries:
        items = work.work_for(coordinator, today=TODAY)
    assert {i.kind for i in items} == {
        "Audit feedback",
        "Audit actions",
    } | set()
    assert len(queries) <= 4
    assert work.work_for(area.users["other coordinator"], today=TODAY) == []
    assert work.work_for(area.users["parent"], today=TODAY) == []
