"""A small case file for `tellonce import-cases`, with a worked case for each kind of record the
2026 return reports (census day 15 January 2026, flows for 2025), and what the guide says each
case gives."""

import json
from pathlib import Path

from django.core.management import call_command

from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child
from tellonce.plans.models import Placement, Plan
from tellonce.reviews.models import PlanMove


def child(ref, given, family, born, **more):
    return {"ref": ref, "given_name": given, "family_name": family, "date_of_birth": born, **more}


def case(ref, child_ref, received, by="parent", **more):
    return {"ref": ref, "child_ref": child_ref, "request_received": received, "requested_by": by, **more}


CASES = {
    "children": [
        child("C1", "Ava", "Stone", "2016-04-02", upn="A123456789012"),
        child("C2", "Ben", "Okoye", "2015-01-20"),
        child("C3", "Cara", "Hill", "2010-06-11"),
        child("C4", "Dan", "Ray", "2004-02-14"),
        child("C5", "Eve", "Shah", "2013-10-30"),
        child("C6", "Finn", "Bell", "2017-03-03"),
        child("C7", "Gus", "Amos", "2018-11-12"),
        child("C8", "Hana", "Iqbal", "2014-05-05"),
        child("C9", "Ian", "Long", "2013-01-01"),
        child("C10", "Jo", "Moss", "2012-02-02"),
    ],
    "assessments": [
        # Received in the year and refused: N.
        case("A1", "C1", "2025-03-03", decision="refuse", decision_notified="2025-04-10"),
        # Assessed and issued in the year, with a lawful exception: Y, Y, Week20 1.
        case(
            "A2",
            "C2",
            "2025-02-03",
            by="setting",
            decision="assess",
            decision_notified="2025-03-10",
            draft_issued="2025-06-02",
            final_issued="2025-07-14",
            exceptions=[{"reason": "ABSENT_4WK", "from": "2025-04-01", "to": "2025-05-15"}],
        ),
        # Withdrawn before a decision: W.
        case("A7", "C7", "2025-05-01", withdrawn="2025-05-20"),
        # Received in December, decided after census day: A.
        case("A8", "C8", "2025-12-08", by="health", decision="assess", decision_notified="2026-01-19"),
        # Decided in the year and still being assessed on census day: Y, then A.
        case("A9", "C9", "2025-09-01", by="social_care", decision="assess", decision_notified="2025-10-06"),
        # Refused in 2024: not in the 2026 return.
        case("A10", "C10", "2024-03-01", decision="refuse", decision_notified="2024-04-05"),
    ],
    "plans": [
        {"ref": "P2", "child_ref": "C2", "assessment_ref": "A2", "issued": "2025-07-14"},
        # Issued years ago and still in force, reviewed in the year: H, H.
        {
            "ref": "P3",
            "child_ref": "C3",
            "issued": "2019-05-20",
            "reviews": [
                {"meeting": "2024-05-02", "decision": "maintain", "decision_notified": "2024-05-20"},
                {
                    "meeting": "2025-05-01",
                    "decision": "amend",
                    "decision_notified": "2025-06-05",
                    "amendment_notice": "2025-06-05",
                },
            ],
        },
        # A phase-transfer review in Year 6: the amended plan due by 15 February 2025.
        {
            "ref": "P5",
            "child_ref": "C5",
            "issued": "2018-03-01",
            "reviews": [
                {
                    "kind": "phase_transfer",
                    "meeting": "2024-11-12",
                    "decision": "amend",
                    "decision_notified": "2024-12-03",
                    "amendment_notice": "2024-12-03",
                    "amended_final_issued": "2025-02-10",
                },
            ],
        },
        # Ceased in the year (higher education).
        {"ref": "P4", "child_ref": "C4", "issued": "2018-09-03", "ceased": "2025-07-31"},
        # Transferred in during the year.
        {
            "ref": "P6",
            "child_ref": "C6",
            "issued": "2022-09-01",
            "transferred_in": "2025-04-01",
            "transferred_from": "Northshire",
        },
    ],
}


def import_cases(folder: Path) -> LocalAuthority:
    """Imports the file, then records through the ORM what the import does not yet read (the
    child's sex, ethnicity and needs, a cease reason, placements, the council's header items)."""
    path = folder / "cases.json"
    path.write_text(json.dumps(CASES), encoding="utf-8")
    call_command("import-cases", str(path))
    council = LocalAuthority.objects.get()
    council.code = "886"
    council.designated_medical_officer = "Y"
    council.designated_clinical_officer = "N"
    council.designated_social_care_officer = "R"
    council.save()
    Child.objects.update(sex="F", ethnicity="WBRI", primary_need="ASD")
    Child.objects.exclude(upn__gt="").update(upn_unknown="UN2")
    Child.objects.filter(external_ref="C2").update(secondary_need="SLCN", postcode="NB1 2AB")
    Plan.objects.filter(ref="P4").update(cease_reason="3")
    Plan.objects.filter(ref="P2").update(
        personal_budget=True, organised_arrangements=False, direct_payments="S"
    )
    p2 = Plan.objects.get(ref="P2")
    Placement.objects.create(plan=p2, named=True, urn="123456", rank="1")
    Placement.objects.create(plan=p2, named=False, urn="123456", rank="1", entry_on="2025-09-03")
    Placement.objects.create(
        plan=Plan.objects.get(ref="P3"),
        named=False,
        sen_setting="OTH",
        sen_setting_other="Hospital school",
        rank="1",
        entry_on="2024-09-04",
        leaving_on="2025-07-18",
    )
    PlanMove.objects.filter(plan__ref="P6").update(other_code="873")
    return council
