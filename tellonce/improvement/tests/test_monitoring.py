"""A monitoring inspection's findings update the plan's existing priorities instead of making a
new plan: each finding is suggested against the priority it shares most words with, the person
confirms or chooses a new priority, and only then is anything saved."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from tellonce.accounts.tests.factories import UserFactory
from tellonce.conftest import acting
from tellonce.improvement import services
from tellonce.improvement.importing import rows_from_json
from tellonce.improvement.models import (
    Finding,
    ImprovementPlan,
    Inspection,
    Priority,
    PriorityFinding,
    Update,
)
from tellonce.improvement.tests.conftest import FIXTURES, TODAY
from tellonce.organisations.tests.factories import LocalAuthorityFactory

WAITING = "Waiting times for CAMHS and speech and language therapy remain too long in some health services"
PARENTS = "Parents and carers now help to design and review services through a new forum"
ADULTS = "Transition to adult social care is poorly planned"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _monitoring(user, *, kind: str = "monitoring") -> Inspection:
    rows = [
        {
            "kind": "significant_weakness",
            "heading": "",
            "text": text,
            "responsible": "",
            "sufficient_progress": done,
        }
        for text, done in [(WAITING, False), (PARENTS, True), (ADULTS, None)]
    ]
    rows.append(
        {
            "kind": "strength",
            "heading": "",
            "text": "Leaders know the area well",
            "responsible": "",
            "sufficient_progress": None,
        }
    )
    return services.save_inspection(
        by=acting(user),
        local_authority=user.local_authority,
        details={
            "area": "Kent",
            "framework": "2016",
            "kind": kind,
            "outcome": "insufficient_progress",
            "written_statement_required": None,
            "letter_date": date(2026, 10, 1),
            "inspection_start": None,
            "inspection_end": None,
        },
        findings=rows,
        extracted={},
        source_name="kent-monitoring.txt",
    )


def _number(plan, pk: str) -> int | str:
    return "new" if pk == "new" else plan.priorities.get(pk=pk).number


def test_each_finding_is_suggested_against_the_priority_it_shares_most_words_with(area, plan):
    inspection = _monitoring(area.users["manager"])
    assert services.plan_to_update(inspection) == plan
    suggested = services.suggested_matches(inspection, plan)
    by_text = {f.text: _number(plan, suggested[str(f.pk)]) for f in services.findings_to_match(inspection)}
    assert by_text == {WAITING: 8, PARENTS: 3, ADULTS: "new"}


def test_a_first_inspection_or_a_council_without_a_plan_makes_a_new_plan_as_before(area, plan):
    assert services.plan_to_update(_monitoring(area.users["manager"], kind="initial")) is None
    elsewhere = LocalAuthorityFactory(code="888", name="Southmoor Council")
    other = UserFactory(role="send_manager", local_authority=elsewhere)
    assert services.plan_to_update(_monitoring(other)) is None


def test_the_manager_confirms_one_changes_one_and_the_findings_update_the_plan(client, area, plan):
    manager = area.users["manager"]
    inspection = _monitoring(manager)
    client.force_login(manager)
    page = client.get(f"/improvement/inspections/{inspection.pk}/").content.decode()
    assert f"/improvement/inspections/{inspection.pk}/update-plan/" in page
    assert "Make the improvement plan" not in page
    url = f"/improvement/inspections/{inspection.pk}/update-plan/"
    page = client.get(url).content.decode()
    assert (
        "Suggested: area 8" in page and "A new priority" in page and "Leaders know the area well" not in page
    )
    assert PriorityFinding.objects.count() == 0 and plan.priorities.count() == 9
    f = {x.text: str(x.pk) for x in Finding.objects.filter(inspection=inspection)}
    area_1, area_8 = plan.priorities.get(number=1), plan.priorities.get(number=8)
    response = client.post(
        url,
        {
            f"finding_{f[WAITING]}": area_8.pk,
            f"finding_{f[PARENTS]}": area_1.pk,
            f"finding_{f[ADULTS]}": "new",
        },
    )
    assert response.status_code == 302 and response["Location"] == f"/improvement/plans/{plan.pk}/"
    matched = {
        (m.priority.number, m.finding.text)
        for m in PriorityFinding.objects.select_related("priority", "finding")
    }
    assert matched == {(8, WAITING), (1, PARENTS)}
    new = plan.priorities.get(number=10)
    assert (new.title, new.finding_id) == (ADULTS, inspection.findings.get(text=ADULTS).pk)
    assert ImprovementPlan.objects.count() == 1
    (progress,) = Update.objects.filter(priority=area_8).values_list("text", flat=True)
    assert progress == f"Monitoring inspection (1 October 2026): {WAITING} Not enough progress."
    shown = client.get(f"/improvement/priorities/{area_8.pk}/").content.decode()
    assert "What later inspections found" in shown and WAITING in shown
    again = client.get(f"/improvement/inspections/{inspection.pk}/").content.decode()
    assert "Match the findings to the plan" not in again and "Its findings update" in again
    assert client.get(url).status_code == 302


def test_a_finding_left_unmatched_is_refused_with_the_other_choices_kept_and_nothing_saved(
    client, area, plan
):
    manager = area.users["manager"]
    inspection = _monitoring(manager)
    client.force_login(manager)
    f = {x.text: str(x.pk) for x in Finding.objects.filter(inspection=inspection)}
    area_3 = plan.priorities.get(number=3)
    response = client.post(
        f"/improvement/inspections/{inspection.pk}/update-plan/",
        {
            f"finding_{f[WAITING]}": "new",
            f"finding_{f[PARENTS]}": area_3.pk,
            f"finding_{f[ADULTS]}": "somewhere",
        },
    )
    page = response.content.decode()
    assert (
        response.status_code == 200 and "Choose the priority this finding is about, or a new priority" in page
    )
    assert f'<option value="{area_3.pk}" selected>' in page
    assert PriorityFinding.objects.count() == 0 and Priority.objects.filter(plan=plan).count() == 9


def test_the_service_refuses_a_priority_of_another_plan_and_placing_the_findings_twice(area, plan):
    manager = acting(area.users["manager"])
    inspection = _monitoring(area.users["manager"])
    other = services.create_plan(plan.inspection, by=manager)
    ids = [str(x.pk) for x in services.findings_to_match(inspection)]
    stranger = str(other.priorities.first().pk)
    with pytest.raises(services.InvalidStep):
        services.update_plan_from_inspection(
            inspection, plan, by=manager, today=TODAY, matches=dict.fromkeys(ids, stranger)
        )
    assert services.update_plan_from_inspection(
        inspection, plan, by=manager, today=TODAY, matches=dict.fromkeys(ids, "new")
    ) == (0, 3)
    with pytest.raises(services.InvalidStep):
        services.update_plan_from_inspection(
            inspection, plan, by=manager, today=TODAY, matches=dict.fromkeys(ids, "new")
        )


def test_only_a_plan_manager_of_the_council_may_match_the_findings(client, area, plan):
    inspection = _monitoring(area.users["manager"])
    url = f"/improvement/inspections/{inspection.pk}/update-plan/"
    client.force_login(area.users["coordinator"])
    assert client.get(url).status_code == 403
    elsewhere = LocalAuthorityFactory(code="888", name="Southmoor Council")
    client.force_login(UserFactory(role="send_manager", local_authority=elsewhere))
    assert client.get(url).status_code == 404


def test_when_the_council_says_an_import_is_a_monitoring_visit_the_next_step_is_matching(client, area, plan):
    manager = area.users["manager"]
    client.force_login(manager)
    upload = SimpleUploadedFile("kent.txt", (FIXTURES / "kent-2019.txt").read_bytes(), "text/plain")
    assert client.post("/improvement/import/", {"report": upload}).status_code == 302
    rows = rows_from_json(client.session["improvement_import_draft"]["found"])[:3]
    data = {
        "area": "Kent",
        "framework": "2016",
        "kind": "monitoring",  # the council corrects the kind
        "outcome": "insufficient_progress",
        "written_statement_required": "",
        "finding-TOTAL_FORMS": str(len(rows)),
        "finding-INITIAL_FORMS": str(len(rows)),
    }
    for n, row in enumerate(rows):
        for name in ("kind", "heading", "text", "responsible"):
            data[f"finding-{n}-{name}"] = row[name] or ""
    response = client.post("/improvement/import/check/", data)
    inspection = Inspection.objects.get(kind="monitoring")
    assert response["Location"] == f"/improvement/inspections/{inspection.pk}/update-plan/"
    assert PriorityFinding.objects.count() == 0 and plan.priorities.count() == 9
