"""Plans and their annual reviews in import-cases and export-cases (docs/import-format.md): all or
nothing, every problem with its position, and each plan's and review's computed dates with their
sources (CFA 2014 s44(1); SEND Regulations 2014 reg. 15(5), 18 and 22(3); CoP 9.176; L, M, P v Devon
[2022] EWHC 493 (Admin))."""

import copy
import csv
import io
import json
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command, execute_from_command_line
from django.db import connections
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.models import AccessEvent
from tellonce.interchange.cases import ImportFailed, import_cases
from tellonce.interchange.plans import writing
from tellonce.people.models import Child, TimelineEvent
from tellonce.plans.models import Kind, Plan, PlanSection, PlanVersion, Status
from tellonce.reviews.models import AnnualReview, Direction, PlanMove

TODAY = date(2026, 11, 22)

FILE = {
    "children": [
        # Year 6 in 2026/27: moves to secondary school in September 2027.
        {"ref": "C1", "given_name": "Ava", "family_name": "Stone", "date_of_birth": "2016-03-10"},
        # Year 11 in 2026/27: moves to a college in September 2027.
        {"ref": "C2", "given_name": "Ben", "family_name": "Okoye", "date_of_birth": "2011-01-20"},
        # Year 9: no transfer.
        {"ref": "C3", "given_name": "Cal", "family_name": "Reyes", "date_of_birth": "2013-06-01"},
        # Year 3, moved in from another council.
        {"ref": "C4", "given_name": "Dee", "family_name": "Marsh", "date_of_birth": "2019-05-05"},
    ],
    "assessments": [
        {
            "ref": "A1",
            "child_ref": "C1",
            "request_received": "2023-10-02",
            "requested_by": "parent",
            "decision": "assess",
            "decision_notified": "2023-11-13",
            "draft_issued": "2024-01-22",
            "final_issued": "2024-02-19",
        }
    ],
    "plans": [
        {
            "ref": "P1",
            "child_ref": "C1",
            "assessment_ref": "A1",
            "issued": "2024-02-19",
            "reviews": [
                {
                    "ref": "R1",
                    "meeting": "2025-02-03",
                    "decision": "maintain",
                    "decision_notified": "2025-03-03",  # 4 weeks after the meeting: on time
                },
                {
                    "ref": "R2",
                    "meeting": "2026-02-02",
                    "decision": "amend",
                    "decision_notified": "2026-02-20",
                    "amendment_notice": "2026-02-23",
                    "amended_final_issued": "2026-05-01",  # due 20 April (8 weeks from the notice)
                },
            ],
        },
        {
            "ref": "P2",
            "child_ref": "C2",
            "issued": "2022-06-10",
            "reviews": [
                {
                    "ref": "R1",
                    "kind": "phase_transfer",
                    "meeting": "2026-09-07",
                    "decision": "A",  # SEN2's code for amend
                    "decision_notified": "2026-10-12",  # due 5 October: late
                    "amendment_notice": "2026-11-02",  # 8 weeks is 28 December; 12 from the meeting 30 November
                }
            ],
        },
        {"ref": "P3", "child_ref": "C3", "issued": "2024-02-29"},  # a leap day, no review yet
        {
            "ref": "P4",
            "child_ref": "C3",
            "issued": "2020-09-01",
            "ceased": "2023-08-31",
            "reviews": [
                {"meeting": "2021-07-05", "decision": "maintain", "decision_notified": "2021-07-20"},
                {"meeting": "2022-07-04", "decision": "C", "decision_notified": "2022-07-25"},
            ],
        },
        {
            "ref": "P5",
            "child_ref": "C4",
            "issued": "2026-01-10",
            "transferred_in": "2026-11-02",
            "transferred_from": "Northshire",
        },
    ],
}


def _file(**overrides) -> dict:
    data = copy.deepcopy(FILE)
    data.update(overrides)
    return data


def _export(as_of=TODAY) -> dict:
    out = io.StringIO()
    call_command("export-cases", "--format", "json", "--as-of", as_of.isoformat(), stdout=out)
    return json.loads(out.getvalue())


def _plans(as_of=TODAY) -> dict:
    return {plan["ref"]: plan for plan in _export(as_of)["plans"]}


def _nothing_written() -> bool:
    return not (
        Child.objects.exists()
        or AssessmentRequest.objects.exists()
        or Plan.objects.exists()
        or AnnualReview.objects.exists()
        or AccessEvent.objects.exists()
        or TimelineEvent.objects.exists()
    )


# Importing -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_file_with_plans_writes_each_plan_as_one_issued_version_with_its_reviews():
    result = import_cases(_file(), today=TODAY)
    assert (result.children, result.assessments, result.plans, result.reviews) == (4, 1, 5, 5)
    p1 = Plan.objects.get(ref="P1")
    assert p1.child.external_ref == "C1" and p1.assessment.ref == "A1" and p1.ceased_on is None
    [version] = p1.versions.all()
    assert (version.number, version.kind, version.status, version.source, version.issued_on) == (
        1,
        Kind.FINAL,
        Status.ISSUED,
        "imported",
        date(2024, 2, 19),
    )
    sections = PlanSection.objects.filter(plan_version=version)
    assert sorted(s.code for s in sections) == ["A", "B", "C", "D", "E", "F", "G", "H1", "H2", "I", "J", "K"]
    assert all(s.data == {} for s in sections)
    r2 = p1.reviews.get(external_ref="R2")
    assert (r2.meeting_on, r2.held_on, r2.decision, r2.decision_notified_on) == (
        date(2026, 2, 2),
        date(2026, 2, 2),
        "amend",
        date(2026, 2, 20),
    )
    assert (r2.imported_amendment_notice_on, r2.imported_amended_final_on) == (
        date(2026, 2, 23),
        date(2026, 5, 1),
    )
    assert r2.amendment_notice_on == date(2026, 2, 23) and r2.amended_final_on == date(2026, 5, 1)
    assert Plan.objects.get(ref="P2").reviews.get().kind == "phase_transfer"
    assert [r.decision for r in Plan.objects.get(ref="P4").reviews.order_by("meeting_on")] == [
        "maintain",
        "cease",
    ]
    assert Plan.objects.get(ref="P4").reviews.first().external_ref == ""
    move = PlanMove.objects.get(plan__ref="P5")
    assert (move.direction, move.other_council, move.transferred_on) == (
        Direction.IN,
        "Northshire",
        date(2026, 11, 2),
    )


@pytest.mark.django_db
def test_an_imported_plan_in_force_marks_the_child_as_having_a_plan():
    data = _file()
    data["children"].append(
        {"ref": "C5", "given_name": "Eli", "family_name": "Ward", "date_of_birth": "2012-02-02"}
    )
    data["plans"].append({"ref": "P6", "child_ref": "C5", "issued": "2019-05-01", "ceased": "2021-05-01"})
    import_cases(data, today=TODAY)
    statuses = dict(Child.objects.values_list("external_ref", "sen_status"))
    assert statuses == {"C1": "EHC_PLAN", "C2": "EHC_PLAN", "C3": "EHC_PLAN", "C4": "EHC_PLAN", "C5": "NONE"}


@pytest.mark.django_db
def test_each_imported_plan_is_in_the_access_log_and_on_the_timeline():
    import_cases(_file(), today=TODAY)
    c1 = Child.objects.get(external_ref="C1")
    logged = set(AccessEvent.objects.filter(child_id=c1.pk).values_list("what", flat=True))
    assert {
        "Imported EHC plan P1 and 2 review(s)",
        "Imported assessment A1",
        "Imported the child's record",
    } <= logged
    assert AccessEvent.objects.filter(what__startswith="Imported EHC plan").count() == 5
    timeline = list(c1.timeline.order_by("occurred_on").values_list("occurred_on", "title"))
    assert (date(2024, 2, 19), "EHC plan issued (imported)") in timeline
    assert (date(2026, 2, 2), "Annual review meeting held (imported)") in timeline
    assert (date(2026, 2, 20), "The council decided to amend the EHC plan (imported)") in timeline
    assert (date(2026, 5, 1), "Amended EHC plan issued (imported)") in timeline
    c3 = Child.objects.get(external_ref="C3")
    assert c3.timeline.filter(title="EHC plan ceased (imported)", occurred_on=date(2023, 8, 31)).exists()


@pytest.mark.django_db
def test_a_file_with_only_children_and_assessments_imports_no_plans():
    data = _file()
    del data["plans"]
    result = import_cases(data, today=TODAY)
    assert (result.assessments, result.plans, result.reviews) == (1, 0, 0)
    assert not Plan.objects.exists() and not Child.objects.filter(sen_status="EHC_PLAN").exists()


@pytest.mark.parametrize("code", ["M", "m", "Maintain", "maintain"])
@pytest.mark.django_db
def test_a_review_decision_may_be_given_as_a_word_or_as_its_sen2_code(code):
    data = _file()
    data["plans"][0]["reviews"][0]["decision"] = code
    import_cases(data, today=TODAY)
    assert AnnualReview.objects.get(external_ref="R1", plan__ref="P1").decision == "maintain"


def _review(data, plan=0, review=0) -> dict:
    return data["plans"][plan]["reviews"][review]


REFUSALS = [
    (
        lambda d: _review(d).update(decision_notified="2025-02-01"),
        "plans[0].reviews[0] (ref P1): the decision (2025-02-01) is dated before the meeting (2025-02-03)",
    ),
    (
        lambda d: _review(d).update(decision=None),
        "plans[0].reviews[0] (ref P1): a decision date is given without the decision",
    ),
    (
        lambda d: _review(d).update(decision="keep"),
        "plans[0].reviews[0] (ref P1): decision 'keep' must be maintain, amend or cease (or SEN2's M, A or C)",
    ),
    (
        lambda d: _review(d).update(amendment_notice="2025-03-10"),
        "plans[0].reviews[0] (ref P1): an amendment notice was sent but the decision was to maintain",
    ),
    (
        lambda d: _review(d, 0, 1).update(amendment_notice="2026-01-30", amended_final_issued="2026-03-01"),
        "plans[0].reviews[1] (ref P1): the amendment notice (2026-01-30) is before the meeting (2026-02-02)",
    ),
    (
        lambda d: _review(d, 0, 1).update(amendment_notice=None),
        "plans[0].reviews[1] (ref P1): an amended plan was issued without an amendment notice",
    ),
    (
        lambda d: _review(d, 0, 1).update(amended_final_issued="2026-02-22"),
        "plans[0].reviews[1] (ref P1): the amended plan (2026-02-22) is before the amendment notice (2026-02-23)",
    ),
    (
        lambda d: _review(d).update(meeting="2024-02-12"),
        "plans[0].reviews[0] (ref P1): the meeting (2024-02-12) is before the plan was issued (2024-02-19)",
    ),
    (
        lambda d: _review(d, 3, 1).update(meeting="2023-09-04", decision_notified="2023-09-25"),
        "plans[3].reviews[1] (ref P4): the meeting (2023-09-04) is after the plan ceased (2023-08-31)",
    ),
    (
        lambda d: _review(d).update(meeting="2026-12-01", decision_notified=None),
        "plans[0].reviews[0] (ref P1): meeting (2026-12-01) is in the future",
    ),
    (
        lambda d: _review(d).update(decision_notified="2026-11-23"),
        "plans[0].reviews[0] (ref P1): decision_notified (2026-11-23) is in the future",
    ),
    (
        lambda d: _review(d).update(meeting="2025-02-30"),
        "plans[0].reviews[0] (ref P1): meeting '2025-02-30' is not a real date in the form YYYY-MM-DD",
    ),
    (lambda d: _review(d).update(meeting=None), "plans[0].reviews[0] (ref P1): meeting is missing"),
    (
        lambda d: _review(d).update(kind="termly"),
        'plans[0].reviews[0] (ref P1): kind \'termly\' must be "annual", "phase_transfer" or "early"',
    ),
    (
        lambda d: _review(d, 0, 1).update(ref="R1"),
        "plans[0].reviews[1] (ref P1): the review reference 'R1' is used more than once in this plan",
    ),
    (
        lambda d: d["plans"][0].update(reviews={"meeting": "2025-02-03"}),
        "plans[0] (ref P1): reviews must be a list",
    ),
    (lambda d: d["plans"][0]["reviews"].append("R3"), "plans[0].reviews[2] (ref P1): must be an object"),
    (
        lambda d: d["plans"][0].update(issued="19/02/2024"),
        "plans[0] (ref P1): issued '19/02/2024' is not a real date in the form YYYY-MM-DD",
    ),
    (
        lambda d: d["plans"][2].update(issued="2026-11-23"),
        "plans[2] (ref P3): issued (2026-11-23) is in the future",
    ),
    (lambda d: d["plans"][2].update(issued=None), "plans[2] (ref P3): issued is missing"),
    (
        lambda d: d["plans"][2].update(issued="2013-05-31"),
        "plans[2] (ref P3): issued (2013-05-31) is before the child was born (2013-06-01)",
    ),
    (
        lambda d: d["plans"][3].update(ceased="2020-08-31"),
        "plans[3] (ref P4): ceased (2020-08-31) is before the plan was issued (2020-09-01)",
    ),
    (
        lambda d: d["plans"][4].update(transferred_in="2025-12-01"),
        "plans[4] (ref P5): transferred_in (2025-12-01) is before the plan was issued (2026-01-10)",
    ),
    (
        lambda d: d["plans"][4].update(transferred_in=None),
        "plans[4] (ref P5): transferred_from is given without the date transferred_in",
    ),
    (
        lambda d: d["plans"][1].update(ref="P1"),
        "plans[1] (ref P1): the reference 'P1' is used by more than one plan (first at plans[0] (ref P1))",
    ),
    (lambda d: d["plans"][1].update(ref=None), "plans[1]: ref is missing"),
    (
        lambda d: d["plans"][1].update(child_ref="NOPE"),
        "plans[1] (ref P2): child_ref 'NOPE' is not a child in this file or in Tellonce",
    ),
    (
        lambda d: d["plans"][1].update(assessment_ref="A9"),
        "plans[1] (ref P2): assessment_ref 'A9' is not an assessment in this file or in Tellonce",
    ),
    (
        lambda d: d["plans"][1].update(assessment_ref="A1"),
        "plans[1] (ref P2): assessment_ref 'A1' is an assessment of another child",
    ),
    (
        lambda d: d["plans"][1].update(assessment_ref="A1", child_ref="C1", ceased="2025-01-01"),
        "plans[1] (ref P2): assessment_ref 'A1' is used by more than one plan (first at plans[0] (ref P1))",
    ),
    (
        lambda d: d["plans"][0].update(issued="2023-09-29", reviews=[]),
        "plans[0] (ref P1): issued (2023-09-29) is before the request for assessment A1 was received (2023-10-02)",
    ),
    (
        lambda d: d["plans"][3].update(ceased=None),
        "plans[3] (ref P4): the child 'C3' has another plan in force in this file (plans[2] (ref P3)): "
        "give the earlier plan the date it ceased",
    ),
    (lambda d: d["plans"].append(["P9"]), "plans[5]: must be an object"),
    (lambda d: d.update(plans={"ref": "P1"}), "plans: must be a list"),
]


@pytest.mark.parametrize(("change", "expected"), REFUSALS)
@pytest.mark.django_db
def test_a_bad_plan_or_review_is_reported_with_its_position_and_nothing_is_written(change, expected):
    data = _file()
    change(data)
    with pytest.raises(ImportFailed) as failed:
        import_cases(data, today=TODAY)
    assert expected in failed.value.errors, failed.value.errors
    assert _nothing_written()


@pytest.mark.django_db
def test_a_plan_may_cease_on_a_day_already_decided_and_stays_in_force_until_then():
    data = _file()
    data["plans"][2]["ceased"] = "2027-07-31"
    import_cases(data, today=TODAY)
    assert Plan.objects.get(ref="P3").ceased_on == date(2027, 7, 31)
    assert Child.objects.get(external_ref="C3").sen_status == "EHC_PLAN"
    assert _plans()["P3"]["next_review_due"] == "2025-02-28"
    assert not TimelineEvent.objects.filter(
        title="EHC plan ceased (imported)", occurred_on__gt=TODAY
    ).exists()


@pytest.mark.django_db
def test_every_problem_in_the_file_is_reported_at_once_in_file_order():
    data = _file()
    data["assessments"][0]["final_issued"] = "2023-01-01"
    _review(data, 0, 1)["amendment_notice"] = None
    data["plans"][2]["child_ref"] = "NOPE"
    _review(data, 3, 0)["decision_notified"] = "2021-07-01"
    with pytest.raises(ImportFailed) as failed:
        import_cases(data, today=TODAY)
    assert list(dict.fromkeys(e.split(":")[0] for e in failed.value.errors)) == [
        "assessments[0] (ref A1)",
        "plans[0].reviews[1] (ref P1)",
        "plans[2] (ref P3)",
        "plans[3].reviews[0] (ref P4)",
    ]
    assert _nothing_written()


@pytest.mark.django_db
def test_a_later_file_may_add_a_plan_for_a_child_and_an_assessment_already_in_tellonce():
    data = _file()
    data["plans"] = [p for p in data["plans"] if p["ref"] != "P1"]
    import_cases(data, today=TODAY)
    later = {"plans": [{"ref": "P1", "child_ref": "C1", "assessment_ref": "A1", "issued": "2024-02-19"}]}
    assert import_cases(later, today=TODAY).plans == 1
    plan = Plan.objects.get(ref="P1")
    assert plan.assessment.ref == "A1" and plan.child.sen_status == "EHC_PLAN"


@pytest.mark.parametrize(
    ("plan", "expected"),
    [
        (
            {"ref": "P1", "child_ref": "C3", "issued": "2020-01-06", "ceased": "2020-06-01"},
            "plans[0] (ref P1): a plan with the reference 'P1' is already in Tellonce",
        ),
        (
            {"ref": "P7", "child_ref": "C1", "issued": "2024-03-01"},
            "plans[0] (ref P7): the child 'C1' already has a plan in force in Tellonce (P1): "
            "give this plan the date it ceased",
        ),
        (
            {
                "ref": "P7",
                "child_ref": "C1",
                "assessment_ref": "A1",
                "issued": "2024-03-01",
                "ceased": "2024-04-01",
            },
            "plans[0] (ref P7): the assessment 'A1' already has a plan in Tellonce",
        ),
        (
            {
                "ref": "P7",
                "child_ref": "C2",
                "assessment_ref": "A1",
                "issued": "2024-03-01",
                "ceased": "2024-04-01",
            },
            "plans[0] (ref P7): assessment_ref 'A1' is an assessment of another child",
        ),
    ],
)
@pytest.mark.django_db
def test_a_later_file_is_checked_against_what_tellonce_already_holds(plan, expected):
    import_cases(_file(), today=TODAY)
    with pytest.raises(ImportFailed) as failed:
        import_cases({"plans": [plan]}, today=TODAY)
    assert expected in failed.value.errors, failed.value.errors
    assert Plan.objects.count() == 5 and AnnualReview.objects.count() == 5


VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-3, 3)
    | st.text(max_size=6)
    | st.sampled_from(["C1", "A1", "P1", "2025-02-03", "2024-02-19", "2026-02-30", "M", "amend"]),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["ref", "meeting", "decision", "decision_notified", "amendment_notice"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=10,
)
PLAN_FIELDS = st.sampled_from(
    [
        "ref",
        "child_ref",
        "assessment_ref",
        "issued",
        "ceased",
        "transferred_in",
        "transferred_from",
        "reviews",
    ]
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(plan=st.dictionaries(PLAN_FIELDS, VALUES, max_size=8))
@pytest.mark.django_db
def test_a_plan_of_any_shape_is_either_refused_with_reasons_or_imported_never_half_written(plan):
    data = {"children": FILE["children"][:1], "assessments": FILE["assessments"], "plans": [plan]}
    try:
        result = import_cases(copy.deepcopy(data), today=TODAY)
    except ImportFailed as failed:
        assert failed.errors and all(e.startswith("plans") for e in failed.errors), failed.errors
        assert _nothing_written()
    else:
        assert result.plans == 1 and Plan.objects.count() == 1
        Child.objects.all().delete()
        AccessEvent.objects.dispose_older_than(timezone.now() + timedelta(days=1), rule="between examples")


# Exporting -----------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_review_exports_its_decision_and_amendment_clocks():
    import_cases(_file(), today=TODAY)
    p1 = _plans()["P1"]
    r1, r2 = p1["reviews"]
    # CoP 9.176: the decision within 4 weeks of the meeting; notified on the due date is on time.
    assert (r1["decision_due"], r1["decision_on_time"]) == ("2025-03-03", True)
    assert (r1["amended_final_due"], r1["amended_final_on_time"]) == (None, None)  # kept as it is: none owed
    # reg. 22(3): within 8 weeks of the notice (20 April), earlier than 12 weeks from the meeting (27 April).
    assert (r2["decision_due"], r2["decision_on_time"]) == ("2026-03-02", True)
    assert (r2["amended_final_due"], r2["amended_final_on_time"]) == ("2026-04-20", False)
    assert {
        k: r2[k] for k in ("ref", "kind", "meeting", "decision", "amendment_notice", "amended_final_issued")
    } == {
        "ref": "R2",
        "kind": "annual",
        "meeting": "2026-02-02",
        "decision": "amend",
        "amendment_notice": "2026-02-23",
        "amended_final_issued": "2026-05-01",
    }


@pytest.mark.django_db
def test_an_amended_plan_is_due_12_weeks_from_the_meeting_in_any_case_as_at_the_day_given():
    import_cases(_file(), today=TODAY)
    [review] = _plans()["P2"]["reviews"]
    assert (review["decision_due"], review["decision_on_time"]) == ("2026-10-05", False)
    # L, M, P v Devon [2022] EWHC 493 (Admin): 12 weeks from 7 September is 30 November, before the
    # 8 weeks from the notice (28 December).
    assert review["amended_final_due"] == "2026-11-30"
    assert review["amended_final_on_time"] is None  # not yet due on 22 November
    [later] = _plans(as_of=date(2026, 11, 30))["P2"]["reviews"]
    assert later["amended_final_on_time"] is None  # due that day
    [late] = _plans(as_of=date(2026, 12, 1))["P2"]["reviews"]
    assert late["amended_final_on_time"] is False


@pytest.mark.django_db
def test_the_next_review_is_due_12_months_from_the_plan_or_the_last_decision_across_leap_years():
    import_cases(_file(), today=TODAY)
    plans = _plans()
    assert plans["P1"]["next_review_due"] == "2027-02-20"  # s44(1): from the latest decision, 20 Feb 2026
    assert plans["P2"]["next_review_due"] == "2027-10-12"
    assert plans["P3"]["next_review_due"] == "2025-02-28"  # made 29 Feb 2024: 2025 has no 29 February
    assert plans["P4"]["next_review_due"] is None  # ceased
    # reg. 15(5): transferred on 2 November 2026, so not before 2 February 2027 (later than 10 January).
    assert plans["P5"]["next_review_due"] == "2027-02-02"


@pytest.mark.django_db
def test_a_transferred_plan_is_due_12_months_from_its_making_when_that_is_later():
    data = _file()
    data["plans"][4]["transferred_in"] = "2026-02-01"
    import_cases(data, today=TODAY)
    assert _plans()["P5"]["next_review_due"] == "2027-01-10"


@pytest.mark.parametrize(
    ("ref", "as_of", "transfer", "deadline"),
    [
        # reg. 18(1)(b): a Year 6 child moving to secondary school in September 2027.
        ("P1", date(2026, 11, 22), "primary_to_secondary", "2027-02-15"),
        ("P1", date(2027, 8, 31), "primary_to_secondary", "2027-02-15"),
        ("P1", date(2026, 8, 31), None, None),  # still in Year 5
        ("P1", date(2027, 9, 1), None, None),  # Year 7
        # reg. 18(1)(a): Year 11 to a post-16 institution, before 31 March of the year of the move.
        ("P2", date(2026, 11, 22), "secondary_to_post_16", "2027-03-31"),
        ("P2", date(2025, 11, 22), None, None),  # Year 10
        ("P3", date(2026, 11, 22), None, None),  # Year 9
        ("P4", date(2026, 11, 22), None, None),  # ceased
    ],
)
@pytest.mark.django_db
def test_the_phase_transfer_deadline_follows_the_childs_year_as_at_the_day_given(
    ref, as_of, transfer, deadline
):
    import_cases(_file(), today=TODAY)
    plan = _plans(as_of)[ref]
    assert (plan["phase_transfer"], plan["phase_transfer_deadline"]) == (transfer, deadline)


@pytest.mark.django_db
def test_an_export_imports_back_into_an_empty_database_unchanged():
    import_cases(_file(), today=TODAY)
    first = _export()
    Child.objects.all().delete()
    assert not Plan.objects.exists() and not AnnualReview.objects.exists()
    import_cases(first, today=TODAY)
    assert _export() == first


def _plan_written_in_tellonce(child, other_child) -> Plan:
    """A plan made, reviewed and amended through Tellonce's own pages: its amendment dates are the
    versions' dates, not the review's."""
    plan = Plan.objects.create(ref="EHCP-2025-00001", child=child)
    final = PlanVersion.objects.create(
        plan=plan, number=1, kind=Kind.FINAL, status=Status.ISSUED, issued_on=date(2025, 3, 3)
    )
    proposed = PlanVersion.objects.create(
        plan=plan,
        number=2,
        kind=Kind.PROPOSED_AMENDMENT,
        status=Status.SERVED,
        based_on=final,
        served_on=date(2026, 3, 20),
    )
    PlanVersion.objects.create(
        plan=plan,
        number=3,
        kind=Kind.AMENDED,
        status=Status.ISSUED,
        based_on=proposed,
        issued_on=date(2026, 5, 8),
    )
    AnnualReview.objects.create(
        plan=plan,
        meeting_on=date(2026, 3, 2),
        held_on=date(2026, 3, 3),
        decision="amend",
        decision_notified_on=date(2026, 3, 16),
        amendment_version=proposed,
    )
    AnnualReview.objects.create(plan=plan, meeting_on=date(2027, 2, 1))  # arranged, not yet held
    PlanVersion.objects.create(
        plan=Plan.objects.create(ref="EHCP-2026-00002", child=other_child), number=1, kind=Kind.DRAFT
    )
    return plan


@pytest.mark.django_db
def test_a_plan_written_in_tellonce_exports_its_amendment_dates_from_its_versions_and_imports_back(area):
    plan = _plan_written_in_tellonce(area.child, area.other_child)
    first = _export()
    assert [p["ref"] for p in first["plans"]] == ["EHCP-2025-00001"]  # a draft is not yet a plan made
    record = first["plans"][0]
    [review] = record["reviews"]  # the meeting arranged for February 2027 has not happened yet
    assert record["child_ref"] == str(area.child.pk) and record["issued"] == "2025-03-03"
    assert (review["ref"], review["meeting"], review["amendment_notice"], review["amended_final_issued"]) == (
        str(plan.reviews.get(held_on__isnull=False).pk),
        "2026-03-03",
        "2026-03-20",
        "2026-05-08",
    )
    # 8 weeks from the notice is 15 May; 12 weeks from the meeting is 26 May: on time on 8 May.
    assert (review["amended_final_due"], review["amended_final_on_time"]) == ("2026-05-15", True)
    assert record["next_review_due"] == "2027-03-16"
    Child.objects.all().delete()
    import_cases(first, today=TODAY)
    assert _export()["plans"] == first["plans"]


@pytest.mark.django_db
def test_the_example_in_the_format_document_imports_and_exports_as_it_says():
    text = (Path(__file__).parents[3] / "docs" / "import-format.md").read_text(encoding="utf-8")
    example, exported = (json.loads(block) for block in re.findall(r"```json\n(.*?)```", text, re.S)[:2])
    result = import_cases(example, today=TODAY)
    assert (result.children, result.assessments, result.plans, result.reviews) == (2, 1, 2, 2)
    assert _plans()["P2"] == exported
    assert _plans(as_of=date(2025, 11, 3))["P2"]["phase_transfer_deadline"] == "2026-02-15"  # Year 6 then


@pytest.mark.django_db
def test_a_long_file_is_written_a_batch_of_plans_at_a_time_with_progress(monkeypatch):
    monkeypatch.setattr(writing, "PLANS_AT_A_TIME", 2)
    said = []
    result = import_cases(_file(), today=TODAY, progress=said.append)
    assert said == [
        "No problems found: writing 4 children, 1 assessments, 5 plans and 5 reviews...",
        "  2 of 5 plans written",
        "  4 of 5 plans written",
        "  5 of 5 plans written",
    ]
    assert (result.plans, result.reviews) == (5, 5)
    assert PlanVersion.objects.count() == 5 and PlanSection.objects.count() == 60
    assert set(Child.objects.values_list("sen_status", flat=True)) == {"EHC_PLAN"}


# The commands --------------------------------------------------------------------------------------


@pytest.fixture
def shell(monkeypatch):
    """Commands run as the shell runs them, but without closing the test's database connection
    when they finish (which run_from_argv does)."""
    monkeypatch.setattr(connections, "close_all", lambda: None)


def _run(*argv) -> int:
    """Run a command as the shell would, returning its exit code."""
    try:
        execute_from_command_line(["tellonce", *argv])
    except SystemExit as exit:
        return exit.code
    return 0


@pytest.mark.django_db
def test_import_cases_exits_with_an_error_and_every_problem_or_with_the_counts(tmp_path, capsys, shell):
    bad, good = tmp_path / "bad.json", tmp_path / "good.json"
    data = _file()
    _review(data)["decision_notified"] = "2025-02-01"
    bad.write_text(json.dumps(data))
    good.write_text(json.dumps(_file()))
    with time_machine.travel(TODAY, tick=False):
        assert _run("import-cases", str(bad)) == 1
        out = capsys.readouterr()
        assert (
            "plans[0].reviews[0] (ref P1): the decision (2025-02-01) is dated before the meeting (2025-02-03)"
            in out.err
        )
        assert "1 problem(s) in" in out.err and "Nothing was imported." in out.err
        assert _nothing_written()
        assert _run("import-cases", str(good)) == 0
    out = capsys.readouterr().out
    assert "No problems found: writing 4 children, 1 assessments, 5 plans and 5 reviews..." in out
    assert (
        "Imported 4 children, 1 assessments, 0 advice requests, 0 exceptions, 5 plans and 5 reviews from"
        in out
    )


@pytest.mark.django_db
def test_export_cases_writes_one_csv_row_per_plan_or_per_review(tmp_path, capsys, shell):
    import_cases(_file(), today=TODAY)
    target = tmp_path / "plans.csv"
    assert (
        _run(
            "export-cases",
            "--format",
            "csv",
            "--table",
            "plans",
            "--as-of",
            "2026-11-22",
            "--output",
            str(target),
        )
        == 0
    )
    assert "Wrote 1 assessments and 5 plans to" in capsys.readouterr().err
    plans = {row["ref"]: row for row in csv.DictReader(target.open())}
    assert set(plans) == {"P1", "P2", "P3", "P4", "P5"}
    assert (
        plans["P1"]["reviews"],
        plans["P1"]["next_review_due"],
        plans["P1"]["phase_transfer_deadline"],
    ) == (
        "2",
        "2027-02-20",
        "2027-02-15",
    )
    assert plans["P4"]["next_review_due"] == "" and plans["P4"]["ceased"] == "2023-08-31"
    assert _run("export-cases", "--format", "csv", "--table", "reviews", "--as-of", "2026-11-22") == 0
    reviews = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert len(reviews) == 5
    r2 = next(r for r in reviews if r["plan_ref"] == "P1" and r["ref"] == "R2")
    assert (
        r2["child_ref"],
        r2["amended_final_due"],
        r2["amended_final_on_time"],
        r2["decision_on_time"],
    ) == (
        "C1",
        "2026-04-20",
        "false",
        "true",
    )
    assert _run("export-cases", "--format", "csv", "--table", "meetings") == 2
