"""import-cases and export-cases: all or nothing, every problem with its position, and the
computed deadlines and on-time flags in the export."""

import csv
import io
import json
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from tellonce.advice.models import AdviceRequest
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.models import AccessEvent
from tellonce.interchange.cases import ImportFailed, import_cases
from tellonce.people.models import Child

TODAY = date(2026, 11, 22)


def _file(**overrides):
    data = {
        "children": [
            {"ref": "C1", "given_name": "Ava", "family_name": "Stone", "date_of_birth": "2015-04-02"},
            {"ref": "C2", "given_name": "Ben", "family_name": "Okoye", "date_of_birth": "2012-09-30"},
        ],
        "assessments": [
            {
                "ref": "A1",
                "child_ref": "C1",
                "request_received": "2026-01-05",
                "requested_by": "parent",
                "decision": "assess",
                "decision_notified": "2026-02-16",
                "exceptions": [],
                "advice_requests": [
                    {
                        "ref": "V1",
                        "service": "educational_psychology",
                        "requested": "2026-02-20",
                        "received": "2026-04-03",
                    },
                    {"ref": "V2", "service": "paediatrics", "requested": "2026-02-20", "received": None},
                ],
                "draft_issued": "2026-05-11",
                "not_to_issue_notified": None,
                "final_issued": "2026-05-26",
            },
            {
                "ref": "A2",
                "child_ref": "C2",
                "request_received": "2026-10-01",
                "requested_by": "setting",
                "decision": None,
                "decision_notified": None,
                "exceptions": [],
                "advice_requests": [],
                "draft_issued": None,
                "not_to_issue_notified": None,
                "final_issued": None,
            },
            {
                "ref": "A3",
                "child_ref": "C2",
                "request_received": "2025-03-03",
                "requested_by": "young_person",
                "decision": "refuse",
                "decision_notified": "2025-04-10",
                "exceptions": [],
                "advice_requests": [],
                "draft_issued": None,
                "not_to_issue_notified": None,
                "final_issued": None,
            },
            {
                "ref": "A4",
                "child_ref": "C1",
                "request_received": "2024-01-08",
                "requested_by": "health",
                "decision": "assess",
                "decision_notified": "2024-02-12",
                "exceptions": [{"reason": "PERSONAL_CIRCS", "from": "2024-03-01", "to": "2024-04-15"}],
                "advice_requests": [],
                "draft_issued": "2024-06-03",
                "not_to_issue_notified": None,
                "final_issued": "2024-07-01",
            },
        ],
    }
    data.update(overrides)
    return data


def _export(as_of=TODAY) -> dict:
    out = io.StringIO()
    call_command("export-cases", "--format", "json", "--as-of", as_of.isoformat(), stdout=out)
    return json.loads(out.getvalue())


@pytest.mark.django_db
def test_export_cases_logs_an_export_of_each_child_it_writes():
    import_cases(_file(), today=TODAY)
    exported = len(_export()["children"])
    events = AccessEvent.objects.filter(action="export", via="export-cases")
    assert events.count() == exported == 2
    assert set(events.values_list("relationship", flat=True)) == {"operator"}


@pytest.mark.django_db
def test_an_imported_file_exports_with_every_computed_deadline_and_flag():
    result = import_cases(_file(), today=TODAY)
    assert (result.children, result.assessments, result.advice_requests, result.exceptions) == (2, 4, 2, 1)
    cases = {row["ref"]: row for row in _export()["assessments"]}
    a1 = cases["A1"]
    assert (a1["decision_due"], a1["not_to_issue_due"], a1["final_due"]) == (
        "2026-02-16",
        "2026-04-27",
        "2026-05-25",
    )
    assert a1["decision_on_time"] is True  # notified on the due date
    assert a1["final_on_time"] is False  # one day late
    assert a1["draft_response_ends"] == "2026-05-25"  # served 11 May, day 1; day 15 is 25 May
    assert a1["has_exception"] is False
    ep, paeds = a1["advice_requests"]
    assert (ep["due"], ep["on_time"]) == ("2026-04-03", True)
    assert (paeds["due"], paeds["on_time"]) == ("2026-04-03", False)  # never received, due date passed
    a2 = cases["A2"]  # decision due 12 Nov 2026, not made: late as at 22 Nov
    assert (a2["decision_due"], a2["decision_on_time"], a2["final_on_time"]) == ("2026-11-12", False, None)
    assert a2["draft_response_ends"] is None
    a3 = cases["A3"]
    assert (a3["decision_on_time"], a3["final_on_time"]) == (True, None)  # refused: no plan owed
    a4 = cases["A4"]
    assert (a4["final_on_time"], a4["has_exception"]) == (False, True)


@pytest.mark.django_db
def test_as_of_sets_the_day_the_export_treats_as_today():
    import_cases(_file(), today=TODAY)
    before = {row["ref"]: row for row in _export(as_of=date(2026, 11, 12))["assessments"]}
    after = {row["ref"]: row for row in _export(as_of=date(2026, 11, 13))["assessments"]}
    assert before["A2"]["decision_on_time"] is None and after["A2"]["decision_on_time"] is False


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["assessments"][0].update(final_issued="2025-12-01"),
            "assessments[0] (ref A1): final_issued",
        ),
        (lambda d: d["assessments"][1].update(child_ref="NOPE"), "assessments[1] (ref A2): child_ref 'NOPE'"),
        (
            lambda d: d["assessments"][2].update(decision_notified="2025-02-30"),
            "'2025-02-30' is not a real date",
        ),
        (
            lambda d: d["assessments"][2].update(decision_notified="10/04/2025"),
            "'10/04/2025' is not a real date",
        ),
        (lambda d: d["assessments"][3].update(ref="A1"), "used by more than one assessment"),
        (lambda d: d["children"][1].update(ref="C1"), "used by more than one child"),
        (lambda d: d["assessments"][0].update(decision="maybe"), "decision 'maybe'"),
        (lambda d: d["assessments"][0].update(requested_by="neighbour"), "requested_by 'neighbour'"),
        (lambda d: d["assessments"][2].update(final_issued="2025-06-01"), "decided not to assess"),
        (
            lambda d: d["assessments"][0]["exceptions"].append({"reason": "holiday", "from": "2026-02-01"}),
            "'holiday' is not a lawful exception",
        ),
        (
            lambda d: d["assessments"][0]["advice_requests"][0].update(received="2026-02-01"),
            "before the advice was requested",
        ),
        (lambda d: d["assessments"][1].update(request_received="2027-01-01"), "is in the future"),
        (lambda d: d["children"][0].update(date_of_birth=None), "date_of_birth is missing"),
        (lambda d: d["children"][0].update(nhs_number="9434765918"), "nhs_number: Enter a valid NHS number"),
        (
            lambda d: d["assessments"][0].update(
                request_received="2014-01-01",
                decision_notified="2014-02-01",
                draft_issued=None,
                final_issued=None,
                advice_requests=[],
            ),
            "before the child was born",
        ),
    ],
)
@pytest.mark.django_db
def test_a_bad_row_is_reported_with_its_position_and_nothing_is_written(change, expected):
    data = _file()
    change(data)
    with pytest.raises(ImportFailed) as failed:
        import_cases(data, today=TODAY)
    assert any(expected in error for error in failed.value.errors), failed.value.errors
    assert not Child.objects.exists() and not AssessmentRequest.objects.exists()
    assert not AdviceRequest.objects.exists() and not AccessEvent.objects.exists()


@pytest.mark.django_db
def test_every_problem_in_a_file_is_reported_at_once():
    data = _file()
    data["assessments"][0]["final_issued"] = "2025-12-01"
    data["assessments"][1]["child_ref"] = "NOPE"
    data["assessments"][2]["decision_notified"] = "not a date"
    with pytest.raises(ImportFailed) as failed:
        import_cases(data, today=TODAY)
    assert list(dict.fromkeys(e.split(":")[0] for e in failed.value.errors)) == [
        "assessments[0] (ref A1)",
        "assessments[1] (ref A2)",
        "assessments[2] (ref A3)",
    ]


@pytest.mark.django_db
def test_importing_the_same_references_twice_is_refused():
    import_cases(_file(), today=TODAY)
    with pytest.raises(ImportFailed) as failed:
        import_cases(_file(), today=TODAY)
    assert any("already in Tellonce" in e for e in failed.value.errors)
    assert AssessmentRequest.objects.count() == 4


@pytest.mark.django_db
def test_a_later_file_may_add_assessments_for_children_already_imported():
    import_cases(_file(), today=TODAY)
    more = {
        "assessments": [
            {"ref": "A9", "child_ref": "C2", "request_received": "2026-11-02", "requested_by": "parent"}
        ]
    }
    assert import_cases(more, today=TODAY).assessments == 1


@pytest.mark.django_db
def test_the_commands_report_errors_and_write_files(tmp_path):
    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    good.write_text(json.dumps(_file()))
    data = _file()
    data["assessments"][0]["final_issued"] = "2025-12-01"
    bad.write_text(json.dumps(data))
    err = io.StringIO()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import-cases", str(bad), stderr=err, stdout=io.StringIO())
    assert "assessments[0] (ref A1)" in err.getvalue()
    (tmp_path / "broken.json").write_text("{not json")
    with pytest.raises(CommandError, match="not valid JSON"):
        call_command("import-cases", str(tmp_path / "broken.json"), stdout=io.StringIO())
    out = io.StringIO()
    call_command("import-cases", str(good), stdout=out)
    assert "Imported 2 children, 4 assessments" in out.getvalue()
    target = tmp_path / "out.csv"
    call_command(
        "export-cases",
        "--format",
        "csv",
        "--as-of",
        "2026-11-22",
        "--output",
        str(target),
        stderr=io.StringIO(),
    )
    rows = {row["ref"]: row for row in csv.DictReader(target.open())}
    assert rows["A1"]["final_due"] == "2026-05-25" and rows["A1"]["final_on_time"] == "false"
    assert rows["A4"]["has_exception"] == "true" and rows["A2"]["final_on_time"] == ""
    assert rows["A1"]["advice_requested"] == "2" and rows["A1"]["advice_on_time"] == "1"
    advice = io.StringIO()
    call_command(
        "export-cases", "--format", "csv", "--table", "advice", "--as-of", "2026-11-22", stdout=advice
    )
    assert len(list(csv.DictReader(io.StringIO(advice.getvalue())))) == 2


@pytest.mark.django_db
def test_an_export_imports_back_into_an_empty_area_with_the_same_results():
    import_cases(_file(), today=TODAY)
    first = _export()
    Child.objects.all().delete()
    assert not AssessmentRequest.objects.exists()
    import_cases(first, today=TODAY)
    assert _export()["assessments"] == first["assessments"]


@pytest.mark.django_db
def test_advice_references_need_only_be_unique_within_their_assessment():
    data = _file()
    data["assessments"][3]["advice_requests"] = [
        {"ref": "V1", "service": "paediatrics", "requested": "2024-02-20", "received": "2024-03-20"}
    ]
    assert import_cases(data, today=TODAY).advice_requests == 3
    twice = _file()
    twice["assessments"][0]["advice_requests"][1]["ref"] = "V1"
    with pytest.raises(ImportFailed) as failed:
        import_cases(twice, today=TODAY)
    assert any("used more than once in this assessment" in e for e in failed.value.errors)
