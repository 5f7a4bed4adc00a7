"""SEN support: a school's census extract imported all or nothing, bad lines named with their
reason, unknown UPNs queued; the SENCO's graduated approach; who sees what; the shares."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tellonce.accounts.tests.factories import UserFactory
from tellonce.conftest import acting
from tellonce.core.refusals import InvalidStep
from tellonce.domain.identifiers import upn_check_letter
from tellonce.front_door import services as front_door
from tellonce.organisations.tests.factories import LocalAuthorityFactory, SettingFactory
from tellonce.people.tests.factories import ChildFactory
from tellonce.sen_support import census, measures, services
from tellonce.sen_support.models import CensusImport, CensusRecord, Cycle, UnmatchedCensusRow

TODAY = date(2026, 11, 16)
HEADER = "urn,census_date,upn,surname,forename,date_of_birth,sen_provision,sen_need_1,sen_need_2\n"


def upn(n: int) -> str:
    body = f"99900{n:07d}"[:12]
    return upn_check_letter(body) + body


@pytest.fixture
def school(db):
    la = LocalAuthorityFactory()
    setting = SettingFactory(local_authority=la, urn="123456")
    known = ChildFactory(
        local_authority=la, setting=setting, upn=upn(1), given_name="Lily", family_name="Shah"
    )
    return {
        "la": la,
        "setting": setting,
        "known": known,
        "senco": UserFactory(role="senco", local_authority=None, setting=setting),
        "other senco": UserFactory(
            role="senco", local_authority=None, setting=SettingFactory(local_authority=la)
        ),
        "analyst": UserFactory(role="analyst", local_authority=la),
        "board": UserFactory(role="board_member", local_authority=la),
    }


def _file(*lines: str) -> str:
    return HEADER + "".join(line + "\n" for line in lines)


def _import(school, text):
    return census.import_census(
        school["setting"], text, by=acting(school["analyst"]), today=TODAY, file_name="c.csv"
    )


def test_a_good_file_gives_each_pupil_their_status_and_queues_the_unknown_on_sen_support(school):
    text = _file(
        f"123456,2026-10-01,{upn(1)},Shah,Lily,2016-03-14,K,SLCN,",
        f"123456,2026-10-01,{upn(2)},Khan,Omar,2016-05-01,E,ASD,SLCN",
        f"123456,2026-10-01,{upn(3)},Brown,Ella,2016-07-01,N,,",
    )
    result = _import(school, text)
    assert (result.matched, result.unmatched, result.census.pupils) == (1, 1, 3)
    assert (result.census.sen_support, result.census.ehc_plan, result.census.term) == (1, 1, "Autumn 2026")
    record = CensusRecord.objects.get()
    assert (record.child, record.provision, record.need_1) == (school["known"], "K", "SLCN")
    queued = UnmatchedCensusRow.objects.get()
    assert (queued.upn, queued.line, queued.provision, queued.name) == (upn(2), 3, "E", "Omar Khan")


def test_a_file_with_bad_lines_names_each_with_its_reason_and_writes_nothing(school):
    text = _file(
        f"123456,2026-10-01,{upn(1)},Shah,Lily,2016-03-14,K,SLCN,",
        "123456,2026-10-01,A12345678901X,Khan,Omar,2016-05-01,E,ASD,",
        f"654321,2026-10-01,{upn(3)},Brown,Ella,2016-07-01,N,SLCN,",
        f"123456,2026-13-01,{upn(4)},Green,Al,2016-07-01,S,,",
        f"123456,2026-10-01,{upn(1)},Shah,Lily,2016-03-14,K,NSA,",
    )
    with pytest.raises(census.CensusFileError) as refused:
        _import(school, text)
    errors = refused.value.errors
    assert any(e.startswith("line 3") and "UPN" in e for e in errors)
    assert any(e.startswith("line 4") and "not this school's" in e for e in errors)
    assert any(e.startswith("line 4") and "provision N has no need type" in e for e in errors)
    assert any(e.startswith("line 5") and "census_date" in e for e in errors)
    assert any(e.startswith("line 5") and "must be E (EHC plan), K (SEN support) or N" in e for e in errors)
    assert any(e.startswith("line 6") and "on line 2 too" in e for e in errors)
    assert not CensusImport.objects.exists() and not CensusRecord.objects.exists()


def test_a_file_without_the_columns_or_with_two_census_days_is_refused(school):
    with pytest.raises(census.CensusFileError) as refused:
        _import(school, "upn,provision\nX,K\n")
    assert "no urn, census_date, sen_provision column" in refused.value.errors[0]
    with pytest.raises(census.CensusFileError) as refused:
        _import(
            school,
            _file(
                f"123456,2026-10-01,{upn(1)},Shah,Lily,,K,SLCN,",
                f"123456,2026-05-21,{upn(2)},Khan,Omar,,K,MLD,",
            ),
        )
    assert "more than one census_date" in refused.value.errors[-1]


def test_a_second_file_for_the_same_day_replaces_the_first_and_other_terms_build_a_history(school):
    _import(school, _file(f"123456,2026-05-21,{upn(1)},Shah,Lily,,N,,"))
    _import(school, _file(f"123456,2026-10-01,{upn(1)},Shah,Lily,,K,SLCN,"))
    again = _import(school, _file(f"123456,2026-10-01,{upn(1)},Shah,Lily,,K,SEMH,"))
    assert again.replaced and CensusImport.objects.count() == 2
    history = list(CensusRecord.objects.filter(child=school["known"]).values_list("provision", "need_1"))
    assert history == [("N", ""), ("K", "SEMH")]


def test_a_queued_row_is_matched_by_a_person_to_the_child(school):
    _import(school, _file(f"123456,2026-10-01,{upn(9)},Shah,Lily,2016-03-14,K,SLCN,"))
    row = UnmatchedCensusRow.objects.get()
    census.match_row(row, school["known"], by=acting(school["analyst"]))
    assert CensusRecord.objects.get().child == school["known"]
    assert not UnmatchedCensusRow.objects.waiting().exists()


def _cycle(school, **changes):
    details = {
        "started_on": date(2026, 9, 8),
        "assess": "Speech screen: below expected",
        "plan": "Use 3-word sentences in class",
        "do": "Small group language sessions",
        "provision": "Talk Boost, 3 x 30 minutes a week",
        "cost": Decimal("420.00"),
        "review_by": date(2026, 12, 4),
    } | changes
    return services.start_cycle(school["known"], by=acting(school["senco"]), today=TODAY, details=details)


def test_the_senco_records_a_cycle_and_its_review(school):
    cycle = _cycle(school)
    services.review_cycle(
        cycle,
        by=acting(school["senco"]),
        expected_version=cycle.version,
        reviewed_on=TODAY,
        review="Some progress; still below",
        outcome="assessment",
        today=TODAY,
    )
    cycle.refresh_from_db()
    assert cycle.is_reviewed and cycle.get_outcome_display().startswith("Ask the council")
    with pytest.raises(InvalidStep) as refused:
        _cycle(school, review_by=date(2026, 9, 1))
    assert "after the cycle starts" in refused.value.fields["review_by"]
    with pytest.raises(InvalidStep):
        services.start_cycle(
            school["known"], by=acting(school["other senco"]), today=TODAY, details={**_details_of(cycle)}
        )


def _details_of(cycle) -> dict:
    return {name: getattr(cycle, name) for name in services.CYCLE_FIELDS}


def test_a_senco_sees_their_own_pupils_cycles_and_the_board_none(school):
    cycle = _cycle(school)
    assert list(Cycle.objects.within_scope(school["senco"])) == [cycle]
    assert not Cycle.objects.within_scope(school["other senco"]).exists()
    assert not Cycle.objects.within_scope(school["board"]).exists()
    assert list(Cycle.objects.within_scope(school["analyst"])) == [cycle]


@time_machine.travel("2026-11-16 10:00")
def test_the_pupil_page_opens_for_their_senco_and_not_for_another(client, school):
    _cycle(school)
    url = reverse("sen_support:pupil", kwargs={"child_pk": school["known"].pk})
    client.force_login(school["senco"])
    page = client.get(url)
    assert page.status_code == 200 and "From 8 September 2026" in page.content.decode()
    assert "Record a cycle of SEN support" in page.content.decode()
    client.force_login(school["other senco"])
    assert client.get(url).status_code == 404


@time_machine.travel("2026-11-16 10:00")
def test_the_analyst_uploads_a_census_and_a_bad_file_shows_each_line(client, school):
    client.force_login(school["analyst"])
    bad = SimpleUploadedFile("c.csv", _file("123456,2026-10-01,BAD,Shah,Lily,,K,SLCN,").encode(), "text/csv")
    page = client.post(reverse("sen_support:census"), {"setting": school["setting"].pk, "file": bad})
    assert page.status_code == 200 and "Line 2" in page.content.decode()
    good = SimpleUploadedFile(
        "c.csv", _file(f"123456,2026-10-01,{upn(1)},Shah,Lily,,K,SLCN,").encode(), "text/csv"
    )
    done = client.post(reverse("sen_support:census"), {"setting": school["setting"].pk, "file": good})
    assert done.status_code == 302 and CensusRecord.objects.count() == 1


@time_machine.travel("2026-11-16 10:00")
def test_a_senco_attaches_a_recorded_cycle_to_a_request_for_assessment(client, school):
    cycle = _cycle(school)
    draft = front_door.start(by=acting(school["senco"]), local_authority=school["la"], today=TODAY)
    front_door.save_answers(
        draft, by=acting(school["senco"]), expected_version=draft.version, answers={"child": school["known"]}
    )
    client.force_login(school["senco"])
    url = reverse("front_door:step", kwargs={"pk": draft.pk, "step": "cycles"})
    assert "Cycles the school has recorded" in client.get(url).content.decode()
    draft.refresh_from_db()
    client.post(url, {"version": draft.version, "action": "attach", "recorded": str(cycle.pk)})
    attached = draft.cycles.get()
    assert attached.recorded_cycle == cycle and attached.provision == cycle.provision
    assert "Cycles the school has recorded" not in client.get(url).content.decode()


def test_the_shares_compare_each_school_and_the_area_with_england(school):
    _import(
        school,
        _file(
            f"123456,2025-10-02,{upn(1)},Shah,Lily,,K,SLCN,",
            f"123456,2025-10-02,{upn(2)},Khan,Omar,,N,,",
        ),
    )
    found = measures.comparison(CensusImport.objects.all())
    assert found.area.support_share.percent == 50.0
    assert found.england_support == (2025, 14.2) and found.support_against_england(found.area) == 35.8
    assert measures.england_percent(2030, "ehc_plan") == (2025, 5.3)
    assert measures.england_percent(2020, "sen_support") is None


@time_machine.travel("2026-11-16 10:00")
def test_the_board_sees_the_figures_and_no_pupil(client, school):
    _import(school, _file(f"123456,2026-10-01,{upn(1)},Shah,Lily,,K,SLCN,"))
    client.force_login(school["board"])
    page = client.get(reverse("sen_support:figures")).content.decode()
    assert school["setting"].name in page and "Lily" not in page
    assert client.get(reverse("sen_support:pupils")).status_code == 403
