"""What the SEN2 return needs in import-cases and export-cases (docs/import-format.md, "What the
SEN2 return needs"): each name accepted, refused with its message and position, and exported and
imported back unchanged."""

import copy
import csv
import io
import json
from datetime import date

import pytest
from django.core.management import call_command

from tellonce.assessments.models import AssessmentRequest
from tellonce.interchange.cases import ImportFailed, import_cases
from tellonce.organisations.tests.factories import SettingFactory
from tellonce.people.models import Child
from tellonce.plans.models import Placement, Plan
from tellonce.reviews.models import PlanMove

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)

FILE = {
    "children": [
        {
            "ref": "C1",
            "given_name": "Ava",
            "family_name": "Stone",
            "date_of_birth": "2015-04-02",
            "upn": "A123456789012",
            "sex": "F",
            "ethnicity": "WBRI",
            "postcode": "ls14ap",
        },
        {
            "ref": "C2",
            "given_name": "Ben",
            "family_name": "Okoye",
            "date_of_birth": "2008-01-20",
            "uln": "1234567899",
            "sex": "male",
            "ethnicity": "bafr",
        },
        {
            "ref": "C3",
            "given_name": "Cal",
            "family_name": "Reyes",
            "date_of_birth": "2022-06-01",
            "upn_unknown": "un1",
        },
    ],
    "assessments": [
        {
            "ref": "A1",
            "child_ref": "C2",
            "request_received": "2023-10-02",
            "requested_by": "young_person",
            "youth_accommodation": True,
            "decision": "assess",
            "decision_notified": "2023-11-13",
            "draft_issued": "2024-01-22",
            "final_issued": "2024-02-19",
        },
        {
            "ref": "A2",
            "child_ref": "C3",
            "request_received": "2026-06-01",
            "requested_by": "parent",
            "decision": "assess",
            "decision_notified": "2026-07-06",
            "withdrawn": "2026-08-03",
            "exported_to": "886",
        },
    ],
    "plans": [
        {
            "ref": "P1",
            "child_ref": "C1",
            "issued": "2022-03-01",
            "ceased": "2025-12-31",
            "cease_reason": "Moved outside England",
            "sen_needs": [{"type": "slcn", "rank": 2}, {"type": "ASD", "rank": 1}],
            "placements": [
                {"named": True, "urn": "100000", "rank": 1, "resourced_provision": True},
                {"named": False, "urn": "100000", "entry": "2019-09-04", "leaving": "2025-12-19"},
            ],
        },
        {
            "ref": "P2",
            "child_ref": "C2",
            "assessment_ref": "A1",
            "issued": "2024-02-19",
            "residential": "b",
            "work_based": "S",
            "personal_budget": True,
            "organised_arrangements": False,
            "direct_payments": "I",
            "transferred_in": "2024-09-02",
            "transferred_from": "Northshire",
            "transferred_from_code": "936",
            "sen_needs": ["SEMH"],
            "placements": [
                {"named": True, "ukprn": "10012345", "rank": 1, "work_based": "S"},
                {
                    "named": True,
                    "sen_setting": "OTH",
                    "sen_setting_other": "Riding for the disabled",
                    "rank": 2,
                },
                {"named": False, "sen_setting": "NEET", "entry": "2024-02-19", "leaving": "2024-08-30"},
                {
                    "named": False,
                    "ukprn": "10012345",
                    "rank": 1,
                    "entry": "2024-09-02",
                    "sen_unit": True,
                    "residential": "B",
                    "work_based": "S",
                },
                {"named": False, "sen_setting": "OLA", "rank": 2, "entry": "2024-09-02"},
            ],
        },
    ],
}


def _file() -> dict:
    return copy.deepcopy(FILE)


def _export() -> dict:
    out = io.StringIO()
    call_command("export-cases", "--format", "json", "--as-of", TODAY.isoformat(), stdout=out)
    return json.loads(out.getvalue())


def _refused(data) -> list[str]:
    with pytest.raises(ImportFailed) as failed:
        import_cases(data, today=TODAY)
    assert not Child.objects.exists() and not Plan.objects.exists() and not Placement.objects.exists()
    return failed.value.errors


def test_a_childs_sex_ethnicity_postcode_uln_and_reason_for_no_upn_are_stored_as_their_codes():
    import_cases(_file(), today=TODAY)
    ava, ben, cal = (Child.objects.get(external_ref=ref) for ref in ("C1", "C2", "C3"))
    assert (ava.sex, ava.ethnicity, ava.postcode, ava.upn_unknown) == ("F", "WBRI", "LS1 4AP", "")
    assert (ben.sex, ben.ethnicity, ben.uln) == ("M", "BAFR", "1234567899")
    assert (cal.upn_unknown, cal.ethnicity, cal.sex) == ("UN1", "NOBT", "")


def test_a_request_from_youth_accommodation_and_an_assessment_exported_are_stored():
    import_cases(_file(), today=TODAY)
    assert AssessmentRequest.objects.get(ref="A1").youth_accommodation is True
    second = AssessmentRequest.objects.get(ref="A2")
    assert (second.youth_accommodation, second.exported_to) == (False, "886")


def test_a_plans_sen2_details_its_needs_and_placements_are_stored():
    import_cases(_file(), today=TODAY)
    first, second = Plan.objects.get(ref="P1"), Plan.objects.get(ref="P2")
    assert (first.ceased_on, first.cease_reason) == (date(2025, 12, 31), "7")
    assert (second.residential, second.work_based, second.personal_budget) == ("B", "S", True)
    assert (second.organised_arrangements, second.direct_payments) == (False, "I")
    assert PlanMove.objects.get(plan=second).other_code == "936"
    ava, ben = Child.objects.get(external_ref="C1"), Child.objects.get(external_ref="C2")
    assert (ava.primary_need, ava.secondary_need) == ("ASD", "SLCN")
    assert (ben.primary_need, ben.secondary_need) == ("SEMH", "")
    assert second.placements.named().count() == 2 and second.placements.attended().count() == 3
    college = second.placements.get(named=False, ukprn="10012345")
    assert (college.entry_on, college.leaving_on, college.sen_unit, college.residential) == (
        date(2024, 9, 2),
        None,
        True,
        "B",
    )
    assert first.placements.get(named=True).resourced_provision is True


def test_a_placement_at_a_setting_tellonce_holds_is_linked_to_it():
    school = SettingFactory(urn="100000")
    import_cases(_file(), today=TODAY)
    placement = Placement.objects.get(plan__ref="P1", named=True)
    assert placement.setting_id == school.pk
    assert Placement.objects.get(plan__ref="P2", named=True, rank="1").setting_id is None


def test_an_export_of_the_sen2_items_imports_back_unchanged():
    import_cases(_file(), today=TODAY)
    first = _export()
    ben = next(child for child in first["children"] if child["ref"] == "C2")
    assert (ben["sex"], ben["ethnicity"], ben["uln"], ben["upn_unknown"]) == ("M", "BAFR", "1234567899", None)
    plan = next(plan for plan in first["plans"] if plan["ref"] == "P2")
    assert (plan["transferred_from_code"], plan["direct_payments"], plan["sen_needs"]) == (
        "936",
        "I",
        ["SEMH"],
    )
    assert [p["named"] for p in plan["placements"]] == [True, True, False, False, False]
    assert next(a for a in first["assessments"] if a["ref"] == "A1")["youth_accommodation"] is True
    Child.objects.all().delete()
    assert not Placement.objects.exists()
    import_cases(first, today=TODAY)
    assert _export() == first


def test_the_placements_table_has_one_csv_row_a_placement_with_its_plan():
    import_cases(_file(), today=TODAY)
    out = io.StringIO()
    call_command(
        "export-cases", "--format", "csv", "--table", "placements", "--as-of", "2026-11-22", stdout=out
    )
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == 7
    assert {
        (row["plan_ref"], row["named"], row["urn"] or row["ukprn"] or row["sen_setting"]) for row in rows
    } >= {
        ("P1", "true", "100000"),
        ("P2", "false", "NEET"),
    }
    plans = io.StringIO()
    call_command("export-cases", "--format", "csv", "--table", "plans", "--as-of", "2026-11-22", stdout=plans)
    p1 = next(row for row in csv.DictReader(io.StringIO(plans.getvalue())) if row["ref"] == "P1")
    assert (p1["sen_needs"], p1["placements"], p1["cease_reason"]) == ("ASD SLCN", "2", "7")


@pytest.mark.parametrize(
    "reason", ["7", "moved_outside_england", "MOVED OUTSIDE ENGLAND", "moved outside england"]
)
def test_a_cease_reason_may_be_its_code_its_word_or_its_label_in_any_case(reason):
    data = _file()
    data["plans"][0]["cease_reason"] = reason
    import_cases(data, today=TODAY)
    assert Plan.objects.get(ref="P1").cease_reason == "7"


def test_a_ceased_plan_without_a_reason_is_accepted_for_the_returns_checks_to_list():
    data = _file()
    del data["plans"][0]["cease_reason"]
    import_cases(data, today=TODAY)
    assert Plan.objects.get(ref="P1").cease_reason == ""


def test_a_child_with_no_upn_uln_or_reason_is_accepted_for_the_returns_checks_to_list():
    data = _file()
    del data["children"][2]["upn_unknown"]
    import_cases(data, today=TODAY)
    assert Child.objects.get(external_ref="C3").upn_unknown == ""


def _child(k):
    return lambda data: data["children"][k]


def _plan(k):
    return lambda data: data["plans"][k]


def _placement(plan, k):
    return lambda data: data["plans"][plan]["placements"][k]


@pytest.mark.parametrize(
    ("row", "change", "expected"),
    [
        (_child(0), {"sex": "X"}, "children[0] (ref C1): sex 'X' must be M or F"),
        (
            _child(0),
            {"ethnicity": "WHITE"},
            "children[0] (ref C1): ethnicity 'WHITE' must be a CBDS ethnicity code",
        ),
        (_child(0), {"postcode": "LS1"}, "children[0] (ref C1): postcode: Enter a full UK postcode"),
        (_child(1), {"uln": "1234567890"}, "children[1] (ref C2): uln: Enter a valid ULN"),
        (_child(1), {"uln": "12345"}, "children[1] (ref C2): uln: Enter a ULN in the correct format"),
        (
            _child(2),
            {"upn_unknown": "UN4"},
            "children[2] (ref C3): upn_unknown 'UN4' must be one of UN1, UN2",
        ),
        (_child(0), {"upn_unknown": "UN2"}, "children[0] (ref C1): upn_unknown is given with a UPN or ULN"),
        (_child(1), {"upn_unknown": "UN2"}, "children[1] (ref C2): upn_unknown is given with a UPN or ULN"),
        (
            lambda data: data["assessments"][0],
            {"youth_accommodation": "maybe"},
            "assessments[0] (ref A1): youth_accommodation 'maybe' must be true or false",
        ),
        (
            lambda data: data["assessments"][1],
            {"exported_to": "88"},
            "assessments[1] (ref A2): exported_to: Enter the LA code in the correct format",
        ),
        (
            _plan(0),
            {"cease_reason": "10"},
            "plans[0] (ref P1): cease_reason '10' must be an SEN2 cease reason",
        ),
        (_plan(1), {"cease_reason": "2"}, "plans[1] (ref P2): cease_reason is given without the date ceased"),
        (_plan(1), {"residential": "C"}, "plans[1] (ref P2): residential 'C' must be one of A or B"),
        (_plan(1), {"work_based": "X"}, "plans[1] (ref P2): work_based 'X' must be one of A, T or S"),
        (
            _plan(1),
            {"personal_budget": "perhaps"},
            "plans[1] (ref P2): personal_budget 'perhaps' must be true or false",
        ),
        (
            _plan(1),
            {"organised_arrangements": 3},
            "plans[1] (ref P2): organised_arrangements 3 must be true or false",
        ),
        (
            _plan(1),
            {"direct_payments": "X"},
            "plans[1] (ref P2): direct_payments 'X' must be one of E, S, H or I",
        ),
        (
            _plan(1),
            {"personal_budget": False},
            "plans[1] (ref P2): direct_payments is given but personal_budget is false",
        ),
        (
            _plan(1),
            {"transferred_from_code": "9361"},
            "plans[1] (ref P2): transferred_from_code is longer than 3",
        ),
        (
            _plan(1),
            {"transferred_from_code": "9A6"},
            "plans[1] (ref P2): transferred_from_code: Enter the LA code",
        ),
        (
            _plan(0),
            {"transferred_from_code": "936"},
            "plans[0] (ref P1): transferred_from_code is given without the date transferred_in",
        ),
        (_plan(0), {"sen_needs": "ASD"}, "plans[0] (ref P1): sen_needs must be a list"),
        (
            _plan(0),
            {"sen_needs": ["ASD", "SLCN", "MLD"]},
            "plans[0] (ref P1): sen_needs has 3 needs: give at most 2",
        ),
        (_plan(0), {"sen_needs": ["ASD", "ASD"]}, "plans[0] (ref P1): sen_needs gives the same need twice"),
        (
            _plan(0),
            {"sen_needs": ["NSA"]},
            "plans[0].sen_needs[0] (ref P1): type 'NSA' must be an SEN2 type of need",
        ),
        (
            _plan(0),
            {"sen_needs": [{"type": "ASD", "rank": 2}]},
            "plans[0] (ref P1): sen_needs has no primary need (rank 1)",
        ),
        (
            _plan(0),
            {"sen_needs": [{"type": "ASD", "rank": 1}, {"type": "MLD", "rank": 1}]},
            "plans[0].sen_needs[1] (ref P1): rank 1 is given to more than one need",
        ),
        (
            _plan(0),
            {"sen_needs": [{"type": "ASD", "rank": 3}]},
            "plans[0].sen_needs[0] (ref P1): rank 3 must be 1",
        ),
        (_plan(0), {"placements": {"urn": "1"}}, "plans[0] (ref P1): placements must be a list"),
        (_placement(0, 0), {"named": None}, "plans[0].placements[0] (ref P1): named is missing"),
        (
            _placement(0, 0),
            {"named": "sometimes"},
            "plans[0].placements[0] (ref P1): named 'sometimes' must be true",
        ),
        (
            _placement(0, 0),
            {"ukprn": "10012345"},
            "plans[0].placements[0] (ref P1): give exactly one of urn, ukprn or sen_setting (not urn and ukprn)",
        ),
        (
            _placement(0, 0),
            {"urn": None},
            "plans[0].placements[0] (ref P1): give exactly one of urn, ukprn or sen_setting",
        ),
        (
            _placement(0, 0),
            {"urn": "12345A"},
            "plans[0].placements[0] (ref P1): urn: Enter a URN in the correct format",
        ),
        (
            _placement(1, 0),
            {"ukprn": "20012345"},
            "plans[1].placements[0] (ref P2): ukprn: Enter a UKPRN in the correct format",
        ),
        (
            _placement(1, 2),
            {"sen_setting": "NSA"},
            "plans[1].placements[2] (ref P2): sen_setting 'NSA' must be one of OLA",
        ),
        (
            _placement(1, 1),
            {"sen_setting_other": ""},
            "plans[1].placements[1] (ref P2): sen_setting_other is missing: say in words what the setting OTH is",
        ),
        (
            _placement(1, 2),
            {"sen_setting_other": "Nothing"},
            "plans[1].placements[2] (ref P2): sen_setting_other is only for the settings OTH and NIEO",
        ),
        (
            _placement(1, 0),
            {"rank": 3},
            "plans[1].placements[0] (ref P2): rank 3 must be 1 (the main placement) or 2",
        ),
        (
            _placement(1, 1),
            {"rank": 1},
            "plans[1].placements[1] (ref P2): rank 1 is given to more than one placement named in the plan",
        ),
        (
            _placement(1, 4),
            {"rank": 1},
            "plans[1].placements[4] (ref P2): rank 1 is given to another placement attended at the same time",
        ),
        (
            _placement(0, 0),
            {"entry": "2019-09-04"},
            "plans[0].placements[0] (ref P1): a placement named in the plan has no entry or leaving date",
        ),
        (_placement(0, 1), {"entry": None}, "plans[0].placements[1] (ref P1): entry is missing"),
        (
            _placement(0, 1),
            {"entry": "2019-02-30"},
            "plans[0].placements[1] (ref P1): entry '2019-02-30' is not a real date",
        ),
        (
            _placement(0, 1),
            {"leaving": "2019-09-03"},
            "plans[0].placements[1] (ref P1): leaving (2019-09-03) is before entry (2019-09-04)",
        ),
        (
            _placement(0, 1),
            {"leaving": "2021-07-20"},
            "plans[0].placements[1] (ref P1): leaving (2021-07-20) is before the plan was issued (2022-03-01)",
        ),
        (
            _placement(0, 1),
            {"entry": "2026-01-05", "leaving": None},
            "plans[0].placements[1] (ref P1): entry (2026-01-05) is after the plan ceased (2025-12-31)",
        ),
        (
            _placement(1, 3),
            {"leaving": "2027-07-20"},
            "plans[1].placements[3] (ref P2): leaving (2027-07-20) is in the future",
        ),
        (
            _placement(1, 3),
            {"sen_unit": "often"},
            "plans[1].placements[3] (ref P2): sen_unit 'often' must be true",
        ),
        (
            _placement(1, 3),
            {"residential": "C"},
            "plans[1].placements[3] (ref P2): residential 'C' must be one of A",
        ),
        (
            _placement(1, 3),
            {"work_based": "Q"},
            "plans[1].placements[3] (ref P2): work_based 'Q' must be one of A",
        ),
    ],
)
def test_a_bad_sen2_item_is_refused_with_its_message_and_position_and_nothing_is_written(
    row, change, expected
):
    data = _file()
    row(data).update(change)
    errors = _refused(data)
    assert any(error.startswith(expected) for error in errors), errors


def test_a_placement_that_is_not_an_object_is_refused_with_its_position():
    data = _file()
    data["plans"][1]["placements"].append("college")
    assert "plans[1].placements[5] (ref P2): must be an object" in _refused(data)
