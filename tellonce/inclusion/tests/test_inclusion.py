"""Inclusion: the termly extracts (all or nothing, every bad line named, unmatched pupils with SEN
queued), the measures by SEN status counted in SQL and scoped, the SEND team's list of children with
a plan to act on, what was done, and who sees what."""

import io
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tellonce.audit.models import AccessEvent
from tellonce.conftest import REFUSED, ROLES, acting
from tellonce.core.work import WorkItem
from tellonce.domain.identifiers import upn_check_letter
from tellonce.domain.inclusion import Term
from tellonce.inclusion import measures, services, work
from tellonce.inclusion.extracts import ExtractError
from tellonce.inclusion.models import Attendance, Extract, ExtractKind, InclusionAction
from tellonce.people.tests.factories import ChildFactory

TODAY = date(2026, 11, 20)
TERM = Term(2026, 0)


def upn(n: int) -> str:
    body = f"{n:012d}"
    return upn_check_letter(body) + body


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def pupils(area):
    """The child (with a plan, at the school) and the other child have UPNs; the school has a URN."""
    area.child.upn, area.child.sen_status = upn(1), "EHC_PLAN"
    area.child.save()
    area.other_child.upn = upn(2)
    area.other_child.save()
    return area


def _urn(area):
    return area.child.setting.urn


def _attendance(area, rows):
    lines = ["upn,urn,sen_status,need,sessions_possible,sessions_authorised,sessions_unauthorised"]
    lines += [",".join(str(v) for v in row) for row in rows]
    return "\n".join(lines) + "\n"


def _roll(area, *, send=12, none=30):
    """`send` pupils with plans (a third absent) and `none` without (a tenth absent), the child first."""
    urn = _urn(area)
    rows = [(upn(1), urn, "E", "ASD", 130, 20, 5)]
    rows += [(upn(100 + i), urn, "E", "SEMH", 130, 20 if i % 3 == 0 else 2, 0) for i in range(send - 1)]
    rows += [(upn(500 + i), urn, "N", "", 130, 14 if i % 10 == 0 else 1, 0) for i in range(none)]
    return _attendance(area, rows)


def _import(area, kind, text, term=TERM):
    return services.import_extract(
        area.child.local_authority, kind, term, text, by=acting(area.users["manager"]), today=TODAY
    )


PART_TIME = "upn,urn,sen_status,need,start_date,end_date,hours_per_week\n"


def test_an_attendance_extract_is_imported_with_the_child_matched_and_a_pupil_with_sen_queued(pupils):
    text = _roll(pupils, send=3, none=2)
    result = _import(pupils, ExtractKind.ATTENDANCE, text)
    assert (result.rows, result.matched, result.queued) == (5, 1, 2)
    child_row = Attendance.objects.get(child=pupils.child)
    assert child_row.persistently_absent and child_row.sessions_unauthorised == 5
    assert AccessEvent.objects.filter(child=pupils.child, action="change").exists()


def test_a_file_with_bad_rows_names_each_line_and_writes_nothing(pupils):
    urn = _urn(pupils)
    text = _attendance(
        pupils,
        [
            (upn(1), urn, "E", "ASD", 130, 2, 0),
            ("A12345678901X", urn, "E", "ASD", 130, 2, 0),
            (upn(3), "999999", "N", "", 130, 2, 0),
            (upn(4), urn, "Q", "", 130, 2, 0),
            (upn(5), urn, "K", "XYZ", 130, 100, 40),
            (upn(1), urn, "E", "ASD", 130, 2, 0),
        ],
    )
    with pytest.raises(ExtractError) as bad:
        _import(pupils, ExtractKind.ATTENDANCE, text)
    lines = [e.split(":")[0] for e in bad.value.errors]
    assert lines == ["line 3", "line 4", "line 5", "line 6", "line 6", "line 7"]
    assert "is not one of the council's schools" in bad.value.errors[1]
    assert "sessions missed (140) are more than the sessions possible (130)" in bad.value.errors[4]
    assert "appears again (first on line 2)" in bad.value.errors[5]
    assert not Attendance.objects.exists() and not Extract.objects.exists()


def test_a_file_missing_a_column_is_refused_saying_which(pupils):
    with pytest.raises(ExtractError) as bad:
        _import(pupils, ExtractKind.PART_TIME, "upn,urn,sen_status\n")
    assert bad.value.errors == [
        "the file has no start_date column (it needs upn, urn, sen_status, need, start_date, end_date, hours_per_week)"
    ]


def test_episodes_are_checked_for_dates_hours_reasons_and_destinations(pupils):
    urn = _urn(pupils)
    with pytest.raises(ExtractError) as bad:
        _import(pupils, ExtractKind.PART_TIME, PART_TIME + f"{upn(1)},{urn},E,ASD,2026-10-01,2026-09-01,40\n")
    assert bad.value.errors == [
        "line 2: the end is before the start",
        "line 2: hours_per_week must be more than 0 and less than 32.5 (full time)",
    ]
    exclusions = "upn,urn,sen_status,need,category,start_date,sessions,reason\n"
    with pytest.raises(ExtractError) as bad:
        _import(
            pupils, ExtractKind.EXCLUSIONS, exclusions + f"{upn(1)},{urn},E,ASD,expelled,2026-13-01,2,ZZ\n"
        )
    assert len(bad.value.errors) == 3
    with pytest.raises(ExtractError) as bad:
        _import(
            pupils,
            ExtractKind.OFF_ROLL,
            f"upn,urn,sen_status,date_left,destination\n{upn(1)},{urn},E,2026-10-01,abroad\n",
        )
    assert "destination 'abroad' must be one of" in bad.value.errors[0]


def test_importing_the_same_extract_and_term_again_replaces_it(pupils):
    _import(pupils, ExtractKind.ATTENDANCE, _roll(pupils, send=3, none=3))
    _import(pupils, ExtractKind.ATTENDANCE, _roll(pupils, send=2, none=1))
    assert Attendance.objects.count() == 3 and Extract.objects.get().rows == 3


def test_the_command_imports_a_file_and_refuses_a_bad_one_with_its_lines(pupils, tmp_path):
    good = tmp_path / "roll.csv"
    good.write_text(_roll(pupils, send=2, none=2))
    out = io.StringIO()
    call_command("import-inclusion", good, kind="attendance", term="2026/27 autumn", stdout=out)
    assert "4 rows of Attendance, 2026/27 autumn: 1 matched to a child, 1 pupils with SEN" in out.getvalue()
    bad = tmp_path / "bad.csv"
    bad.write_text(_attendance(pupils, [(upn(1), _urn(pupils), "E", "", 10, 20, 0)]))
    err = io.StringIO()
    with pytest.raises(CommandError, match="1 problem"):
        call_command("import-inclusion", bad, kind="attendance", term="2026/27 autumn", stderr=err)
    assert "line 2: sessions missed (20)" in err.getvalue()


def test_the_measures_compare_pupils_with_send_with_those_without_in_a_fixed_number_of_queries(pupils):
    _import(pupils, ExtractKind.ATTENDANCE, _roll(pupils, send=30, none=100))
    manager = pupils.users["manager"]
    with CaptureQueriesContext(connection) as queries:
        lines = measures.summary(manager, TERM)
    assert len(queries) <= 4
    absence = lines[0]
    assert (absence.rates["E"].count, absence.rates["E"].total) == (11, 30)
    assert (absence.rates["N"].count, absence.rates["N"].total) == (10, 100)
    assert absence.rates["K"].text() == "No pupils"
    assert absence.verdict.value == "higher"


def test_a_group_of_fewer_than_ten_pupils_is_shown_as_c(pupils, client):
    _import(pupils, ExtractKind.ATTENDANCE, _roll(pupils, send=4, none=30))
    client.force_login(pupils.users["board member"])
    page = client.get("/inclusion/").content.decode()
    assert "c (fewer than 10 pupils)" in page and "10.0% (3 of 30)" in page
    assert pupils.child.full_name not in page and "Children with a plan out of full-time school" not in page


def test_by_school_and_by_need_group_the_same_pupils(pupils):
    _import(pupils, ExtractKind.ATTENDANCE, _roll(pupils, send=12, none=30))
    manager = pupils.users["manager"]
    by_need = {line.label: line for line in measures.by_group(manager, TERM, "persistent_absence", "need")}
    assert by_need["Autistic spectrum disorder"].rates["E"].total == 1
    assert by_need["Social, emotional and mental health"].rates["E"].total == 11
    by_school = measures.by_group(manager, TERM, "persistent_absence", "school")
    assert [line.rates["N"].total for line in by_school] == [30]


def test_a_senco_sees_their_own_schools_figures_only(pupils):
    _import(pupils, ExtractKind.ATTENDANCE, _roll(pupils, send=12, none=30))
    elsewhere = measures.summary(pupils.users["SENCO elsewhere"], TERM)
    assert elsewhere[0].rates["N"].total == 0
    assert measures.summary(pupils.users["SENCO at the school"], TERM)[0].rates["N"].total == 30


def _part_time(area, start="2026-09-07"):
    _import(area, ExtractKind.PART_TIME, PART_TIME + f"{upn(1)},{_urn(area)},E,ASD,{start},,10\n")


def test_a_child_with_a_plan_on_a_part_time_timetable_is_listed_and_leaves_the_list_once_acted_on(
    pupils, client
):
    _part_time(pupils)
    client.force_login(pupils.users["manager"])
    page = client.get("/inclusion/children/").content.decode()
    assert pupils.child.full_name in page and "On a part-time timetable" in page
    assert AccessEvent.objects.filter(child=pupils.child, action="listed").exists()
    response = client.post(
        f"/inclusion/children/{pupils.child.pk}/",
        {
            "what": "return_plan",
            "notes": "Back full time by half term",
            "look_again_on-day": "4",
            "look_again_on-month": "12",
            "look_again_on-year": "2026",
        },
    )
    assert response.status_code == 302
    assert InclusionAction.objects.get().look_again_on == date(2026, 12, 4)
    assert pupils.child.full_name not in client.get("/inclusion/children/").content.decode()
    due = work.work_for(pupils.users["manager"], today=date(2026, 12, 4))
    assert [(i.child_id, i.due_on) for i in due] == [(pupils.child.pk, date(2026, 12, 4))]


def test_recording_what_was_done_refuses_a_date_in_the_past_and_keeps_the_notes(pupils, client):
    _part_time(pupils)
    client.force_login(pupils.users["manager"])
    page = client.post(
        f"/inclusion/children/{pupils.child.pk}/",
        {
            "what": "other",
            "notes": "Kept notes",
            "look_again_on-day": "1",
            "look_again_on-month": "1",
            "look_again_on-year": "2026",
        },
    ).content.decode()
    assert "The date to look again must be today or in the future" in page and "Kept notes" in page
    assert not InclusionAction.objects.exists()


def test_my_work_lists_each_child_to_act_on_in_a_fixed_number_of_queries(pupils):
    _part_time(pupils)
    other = ChildFactory(
        local_authority=pupils.child.local_authority,
        setting=pupils.child.setting,
        upn=upn(3),
        sen_status="EHC_PLAN",
    )
    _import(
        pupils,
        ExtractKind.PART_TIME,
        PART_TIME
        + f"{upn(1)},{_urn(pupils)},E,ASD,2026-09-07,,10\n{other.upn},{_urn(pupils)},E,SEMH,2026-10-07,,12\n",
    )
    with CaptureQueriesContext(connection) as queries:
        items = work.work_for(pupils.users["manager"], today=TODAY)
    assert len(queries) <= 6
    assert {i.child_id for i in items} == {pupils.child.pk, other.pk}
    assert all(isinstance(i, WorkItem) and i.url.startswith("/inclusion/children/") for i in items)
    assert [i.child_id for i in work.work_for(pupils.users["coordinator"], today=TODAY)] == [pupils.child.pk]
    assert work.work_for(pupils.users["board member"], today=TODAY) == []


def test_a_child_out_of_school_longer_than_the_councils_threshold_is_listed(pupils):
    text = f"upn,urn,sen_status,need,start_date,end_date\n{upn(1)},{_urn(pupils)},E,ASD,2026-10-26,\n"
    _import(pupils, ExtractKind.MISSING_EDUCATION, text)
    manager = pupils.users["manager"]
    assert [i.child_id for i in work.work_for(manager, today=TODAY)] == [pupils.child.pk]
    services.set_threshold(pupils.child.local_authority, by=acting(manager), days=20, expected_version=1)
    assert work.work_for(manager, today=TODAY) == []


def test_a_queued_pupil_is_matched_to_the_child_by_the_upn_tellonce_holds(pupils, client):
    _import(pupils, ExtractKind.ATTENDANCE, _roll(pupils, send=2, none=1))
    client.force_login(pupils.users["analyst"])
    page = client.get("/inclusion/import/unmatched/").content.decode()
    assert upn(100) in page
    response = client.post("/inclusion/import/unmatched/", {"upn": upn(100), "child_upn": upn(2)})
    assert response.status_code == 302
    assert Attendance.objects.get(upn=upn(100)).child == pupils.other_child
    assert Extract.objects.get().unmatched == 0


def test_the_import_page_lists_every_problem_and_keeps_nothing(pupils, client):
    client.force_login(pupils.users["manager"])
    bad = _attendance(pupils, [(upn(1), _urn(pupils), "E", "", 10, 20, 0)])
    page = client.post(
        "/inclusion/import/",
        {"kind": "attendance", "term": "2026/27 autumn", "file": SimpleUploadedFile("a.csv", bad.encode())},
    ).content.decode()
    assert "line 2: sessions missed (20) are more than the sessions possible (10)" in page
    assert not Extract.objects.exists()
    good = _roll(pupils, send=2, none=2)
    response = client.post(
        "/inclusion/import/",
        {"kind": "attendance", "term": "2026/27 autumn", "file": SimpleUploadedFile("a.csv", good.encode())},
    )
    assert response.status_code == 302 and Attendance.objects.count() == 4


@pytest.mark.parametrize("role", ROLES)
def test_who_opens_the_inclusion_pages(pupils, client, role):
    _part_time(pupils)
    client.force_login(pupils.users[role])
    sees_figures = role in {
        "coordinator",
        "other coordinator",
        "manager",
        "quality lead",
        "analyst",
        "administrator",
        "board member",
        "SENCO at the school",
        "SENCO elsewhere",
    }
    assert (client.get("/inclusion/").status_code == 200) == sees_figures
    child_page = client.get(f"/inclusion/children/{pupils.child.pk}/")
    if role in {"manager", "quality lead", "coordinator", "SENCO at the school"}:
        assert child_page.status_code == 200 and pupils.child.full_name in child_page.content.decode()
        assert AccessEvent.objects.filter(child=pupils.child, action="read").exists()
    else:
        assert child_page.status_code in REFUSED
    assert (client.get("/inclusion/import/").status_code == 200) == (role in {"manager", "analyst"})
    listing = client.get("/inclusion/children/")
    shown = listing.status_code == 200 and pupils.child.full_name in listing.content.decode()
    assert shown == (role in {"manager", "quality lead", "coordinator", "SENCO at the school"})


def test_only_the_send_team_may_record_what_was_done(pupils, client):
    _part_time(pupils)
    client.force_login(pupils.users["SENCO at the school"])
    page = client.get(f"/inclusion/children/{pupils.child.pk}/").content.decode()
    assert "Record what was done" not in page
    client.post(
        f"/inclusion/children/{pupils.child.pk}/",
        {"what": "other", "look_again_on-day": "1", "look_again_on-month": "1", "look_again_on-year": "2027"},
    )
    assert not InclusionAction.objects.exists()
