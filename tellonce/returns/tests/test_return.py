"""The SEN2 return of a small imported case file, item by item, and of a realistic area."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from lxml import etree

from tellonce.domain.sen2.census import collection
from tellonce.domain.sen2.headline import Figure, headline
from tellonce.organisations.models import LocalAuthority
from tellonce.returns import builder, schema, sen2
from tellonce.returns.tests.case_file import import_cases

pytestmark = pytest.mark.django_db


def items(element) -> dict:
    """An element as nested dicts of its items; repeated children become lists."""
    found: dict = {}
    for child in element:
        value = items(child) if len(child) else child.text
        if child.tag in found:
            if not isinstance(found[child.tag], list):
                found[child.tag] = [found[child.tag]]
            found[child.tag].append(value)
        else:
            found[child.tag] = value
    return found


def written(tmp_path, year=2026) -> tuple[dict, dict]:
    output = tmp_path / "sen2.xml"
    call_command("sen2-return", "--year", str(year), "--output", str(output), stderr=StringIO())
    document = etree.parse(str(output))
    assert schema.load(year).validate(document), schema.load(year).error_log
    people = {p.findtext("Surname"): items(p) for p in document.iterfind("Persons/Person")}
    return items(document.find("Header")), people


def test_the_imported_cases_give_the_items_the_guide_gives(tmp_path):
    import_cases(tmp_path)
    header, people = written(tmp_path)
    assert header["CollectionDetails"] == {
        "Collection": "SEN2",
        "Year": "2026",
        "ReferenceDate": "2026-01-15",
    }
    source = header["Source"]
    assert (source["LEA"], source["SoftwareCode"], source["SerialNo"]) == ("886", "Tellonce", "001")
    assert (source["DMO"], source["DCO"], source["DSCO"]) == ("Y", "N", "R")
    assert set(people) == {"Stone", "Okoye", "Hill", "Ray", "Shah", "Bell", "Amos", "Iqbal", "Long"}

    assert people["Stone"]["UPN"] == "A123456789012" and "UPNunknown" not in people["Stone"]
    assert people["Stone"]["Requests"] == {
        "ReceivedDate": "2025-03-03",
        "RequestSource": "1",
        "RYA": "0",
        "RequestOutcomeDate": "2025-04-10",
        "RequestOutcome": "N",
        "RequestMediation": "0",
        "RequestTribunal": "0",
    }

    okoye = people["Okoye"]
    assert (okoye["UPNunknown"], okoye["PostCode"], okoye["Sex"], okoye["Ethnicity"]) == (
        "UN2",
        "NB1 2AB",
        "F",
        "WBRI",
    )
    assert okoye["Requests"]["RequestOutcome"] == "Y" and okoye["Requests"]["RequestSource"] == "2"
    assert okoye["Requests"]["Assessment"] == {
        "AssessmentOutcome": "Y",
        "AssessmentOutcomeDate": "2025-07-14",
        "AssessmentMediation": "0",
        "AssessmentTribunal": "0",
        "OtherMediation": "0",
        "OtherTribunal": "0",
        "Week20": "1",
        "NamedPlan": {
            "StartDate": "2025-07-14",
            "PlanDetail": {
                "URN": "123456",
                "PlacementRank": "1",
                "SENunitIndicator": "0",
                "ResourcedProvisionIndicator": "0",
            },
            "PB": "1",
            "OA": "0",
            "DP": "S",
        },
    }
    assert okoye["Requests"]["ActivePlans"] == {
        "PlacementDetail": {
            "URN": "123456",
            "PlacementRank": "1",
            "EntryDate": "2025-09-03",
            "SENunitIndicator": "0",
            "ResourcedProvisionIndicator": "0",
        },
        "SENneed": [{"SENtype": "ASD", "SENtypeRank": "1"}, {"SENtype": "SLCN", "SENtypeRank": "2"}],
    }

    hill = people["Hill"]["Requests"]
    assert (hill["RequestOutcome"], hill["Assessment"]["AssessmentOutcome"]) == ("H", "H")
    assert "ReceivedDate" not in hill and "AssessmentOutcomeDate" not in hill["Assessment"]
    assert hill["Assessment"]["NamedPlan"] == {"StartDate": "2019-05-20"}
    assert hill["ActivePlans"] == {
        "PlacementDetail": {
            "SENSetting": "OTH",
            "SENSettingOther": "Hospital school",
            "PlacementRank": "1",
            "EntryDate": "2024-09-04",
            "LeavingDate": "2025-07-18",
            "SENunitIndicator": "0",
            "ResourcedProvisionIndicator": "0",
        },
        "SENneed": {"SENtype": "ASD", "SENtypeRank": "1"},
        "ReviewMeeting": "2025-05-01",
        "ReviewOutcome": "A",
        "ReviewDraft": "2025-06-05",
        "LastReview": "2025-06-05",
    }

    ray = people["Ray"]["Requests"]["Assessment"]["NamedPlan"]
    assert ray == {"StartDate": "2018-09-03", "CeaseDate": "2025-07-31", "CeaseReason": "3"}

    shah = people["Shah"]["Requests"]["ActivePlans"]
    assert (shah["ReviewMeeting"], shah["ReviewOutcome"], shah["LastReview"]) == (
        "2024-11-12",
        "A",
        "2024-12-03",
    )
    assert (shah["PhaseTransferDueDate"], shah["PhaseTransferFinalDate"]) == ("2025-02-15", "2025-02-10")

    bell = people["Bell"]["Requests"]
    assert (bell["RequestOutcome"], bell["Assessment"]["AssessmentOutcome"]) == ("H", "H")
    assert bell["ActivePlans"]["TransferLA"] == "873"

    assert people["Amos"]["Requests"] == {
        "ReceivedDate": "2025-05-01",
        "RequestSource": "1",
        "RYA": "0",
        "RequestOutcome": "W",
    }
    assert people["Iqbal"]["Requests"] == {
        "ReceivedDate": "2025-12-08",
        "RequestSource": "3",
        "RYA": "0",
        "RequestOutcome": "A",
    }
    long = people["Long"]["Requests"]
    assert (long["RequestOutcome"], long["RequestOutcomeDate"], long["Assessment"]) == (
        "Y",
        "2025-10-06",
        {"AssessmentOutcome": "A"},
    )


def test_the_2025_return_puts_last_review_after_the_meeting_and_the_2026_return_at_the_end(tmp_path):
    import_cases(tmp_path)
    for year, follows in ((2025, "ReviewMeeting"), (2026, "PhaseTransferFinalDate")):
        prepared = sen2.prepare(LocalAuthority.objects.get(), year)
        output = tmp_path / f"{year}.xml"
        from tellonce.returns import writer

        writer.write_checked(output, prepared.header, prepared.persons())
        names = [e.tag for e in etree.parse(str(output)).iterfind(".//ActivePlans[LastReview]/*")]
        assert names, year
        order = writer.REVIEW_ORDER[year]
        assert order.index("LastReview") == order.index(follows) + 1


def test_the_headline_measures_from_the_imported_return(tmp_path):
    council = import_cases(tmp_path)
    prepared = sen2.prepare(council, 2026)
    figures = headline(prepared.persons(), year=2025)
    assert sen2.headline_for(council, 2025) == figures
    # A1 in 5 weeks 3 days, A2 and A9 in 5 weeks; A10 was decided in 2024.
    assert figures["requests_decided_in_6_weeks"] == Figure(3, 3)
    # P2: 23 weeks after the request, with an exception (Week20), so out of the headline.
    assert figures["plans_in_20_weeks_including_exceptions"] == Figure(0, 1)
    assert figures["plans_in_20_weeks_excluding_exceptions"] == Figure(0, 0)
    assert figures["review_decisions_in_4_weeks"] == Figure(0, 1)  # P3 decided 5 weeks after
    assert figures["ceased_by_reason"] == {"3": 1}


def test_the_builder_asks_the_same_number_of_queries_for_every_chunk(tmp_path, django_assert_max_num_queries):
    council = import_cases(tmp_path)
    census = collection(2026)
    with django_assert_max_num_queries(14):
        one_chunk = list(builder.persons(council, census, chunk=100))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as small:
        list(builder.persons(council, census, chunk=2))
    assert len(one_chunk) == 9
    chunks = 5  # 10 children, 2 at a time
    assert len(small.captured_queries) <= chunks * 13 + 1


def test_the_demo_areas_return_validates_against_the_2026_schema_with_every_module_filled(tmp_path):
    call_command("demo", children=300, seed=7, today=date(2026, 11, 22), stdout=StringIO())
    output = tmp_path / "sen2.xml"
    call_command("sen2-return", "--year", "2026", "--output", str(output), stderr=StringIO())
    document = etree.parse(str(output))
    assert schema.load(2026).validate(document), schema.load(2026).error_log
    assert document.findtext("Header/Source/DSCO") == "R"
    people = document.findall("Persons/Person")
    assert len(people) > 20
    for path in (
        "Requests/Assessment/NamedPlan/PlanDetail",
        "Requests/ActivePlans/PlacementDetail/EntryDate",
        "Requests/ActivePlans/SENneed",
        "Requests/ActivePlans/ReviewOutcome",
        "Requests/Assessment/NamedPlan/CeaseReason",
    ):
        assert any(person.find(path) is not None for person in people), path


def test_a_plan_with_no_named_placement_recorded_names_the_school_in_its_section_i(tmp_path):
    from tellonce.organisations.tests.factories import SettingFactory
    from tellonce.plans.models import Placement, Plan, PlanSection

    council = import_cases(tmp_path)
    school = SettingFactory(local_authority=council, name="Northbridge Academy", urn="654321")
    plan = Plan.objects.get(ref="P3")
    PlanSection.objects.update_or_create(
        plan_version=plan.in_force(),
        code="I",
        defaults={"data": {"name": school.name, "setting_type": "mainstream"}},
    )
    Placement.objects.filter(plan=plan, named=True).delete()
    _, people = written(tmp_path)
    assert people["Hill"]["Requests"]["Assessment"]["NamedPlan"]["PlanDetail"] == {
        "URN": "654321",
        "PlacementRank": "1",
    }
