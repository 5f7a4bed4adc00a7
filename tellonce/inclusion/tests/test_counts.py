"""The attendance counts the measures read (by school, need and SEN status, ADR 75) are the
extract's rows counted: after an import, after an import that replaces the term, after a refused
file, in the demo area, and after `rebuild-inclusion-counts`."""

import io
from datetime import date

import pytest
import time_machine
from django.core.management import call_command
from django.db.models import Count, Q

from tellonce.conftest import acting
from tellonce.domain.identifiers import upn_check_letter
from tellonce.domain.inclusion import Term, rate
from tellonce.inclusion import measures, services
from tellonce.inclusion.extracts import ExtractError
from tellonce.inclusion.models import Attendance, AttendanceCount, Episode, ExtractKind
from tellonce.organisations.tests.factories import SettingFactory

TODAY = date(2026, 11, 20)
TERM = Term(2026, 0)
HEADER = "upn,urn,sen_status,need,sessions_possible,sessions_authorised,sessions_unauthorised\n"


def upn(n: int) -> str:
    body = f"{n:012d}"
    return upn_check_letter(body) + body


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _from_rows() -> dict[tuple, tuple[int, int]]:
    return {
        (r["extract_id"], r["setting_id"], r["need"], r["sen_status"]): (r["n"], r["absent"])
        for r in Attendance.objects.values("extract_id", "setting_id", "need", "sen_status")
        .annotate(n=Count("id"), absent=Count("id", filter=Q(persistently_absent=True)))
        .order_by()
    }


def _kept() -> dict[tuple, tuple[int, int]]:
    return {
        (c.extract_id, c.setting_id, c.need, c.sen_status): (c.pupils, c.persistently_absent)
        for c in AttendanceCount.objects.all()
    }


def _file(rows) -> str:
    return HEADER + "".join(",".join(str(v) for v in row) + "\n" for row in rows)


def _roll(urns, pupils, *, seed):
    """`pupils` pupils spread over the schools, statuses and needs; every seventh one absent."""
    statuses = [("E", "ASD"), ("K", "SEMH"), ("K", "SLCN"), ("N", "")]
    return _file(
        (upn(seed + i), urns[i % len(urns)], *statuses[(i + seed) % 4], 130, 14 if i % 7 == 0 else 2, 0)
        for i in range(pupils)
    )


def _import(area, text, term=TERM):
    return services.import_extract(
        area.child.local_authority,
        ExtractKind.ATTENDANCE,
        term,
        text,
        by=acting(area.users["manager"]),
        today=TODAY,
    )


@pytest.fixture
def urns(area):
    la = area.child.local_authority
    return [area.child.setting.urn] + [SettingFactory(local_authority=la).urn for _ in range(2)]


def test_an_import_keeps_the_counts_of_its_rows_and_a_replacing_import_keeps_only_its_own(area, urns):
    _import(area, _roll(urns, 60, seed=1000))
    first = _kept()
    assert first == _from_rows() and sum(n for n, _ in first.values()) == 60
    _import(area, _roll(urns[:2], 25, seed=3000))
    assert _kept() == _from_rows() and sum(n for n, _ in _kept().values()) == 25
    assert {key[1] for key in _kept()} == {s for s in Attendance.objects.values_list("setting_id", flat=True)}


def test_two_terms_are_counted_apart(area, urns):
    _import(area, _roll(urns, 40, seed=1000))
    _import(area, _roll(urns, 30, seed=2000), term=Term(2025, 2))
    assert _kept() == _from_rows() and len({key[0] for key in _kept()}) == 2


def test_a_refused_file_leaves_the_counts_as_they_were(area, urns):
    _import(area, _roll(urns, 40, seed=1000))
    before = _kept()
    bad = _roll(urns, 10, seed=5000) + f"{upn(9)},{urns[0]},E,ASD,10,20,0\n"
    with pytest.raises(ExtractError):
        _import(area, bad)
    assert _kept() == before == _from_rows()


def test_the_command_counts_again_rows_written_without_the_import(area, urns):
    _import(area, _roll(urns, 40, seed=1000))
    Attendance.objects.filter(sen_status="N").update(persistently_absent=True)
    AttendanceCount.objects.filter(sen_status="E").delete()
    assert _kept() != _from_rows()
    out = io.StringIO()
    call_command("rebuild-inclusion-counts", stdout=out)
    assert _kept() == _from_rows()
    assert "Counted 1 attendance extracts" in out.getvalue()


def test_the_demo_areas_counts_are_its_rows(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", children=60, seed=3, today=TODAY, stdout=io.StringIO())
    kept = _kept()
    assert kept and kept == _from_rows()


def test_the_figures_by_school_from_the_counts_are_the_figures_from_the_rows_with_their_intervals(area, urns):
    _import(area, _roll(urns, 150, seed=1000))
    part_time = "upn,urn,sen_status,need,start_date,end_date,hours_per_week\n" + "".join(
        f"{upn(1000 + i)},{urns[i % 3]},E,ASD,2026-09-07,,10\n" for i in range(0, 40, 4)
    )
    services.import_extract(
        area.child.local_authority,
        ExtractKind.PART_TIME,
        TERM,
        part_time,
        by=acting(area.users["manager"]),
        today=TODAY,
    )
    manager = area.users["manager"]
    by_school = {line.label: line for line in measures.by_group(manager, TERM, "part_time", "school")}
    for setting_id in {c.setting_id for c in AttendanceCount.objects.all()}:
        rows = Attendance.objects.filter(setting_id=setting_id)
        name = rows.first().setting.name
        on_roll = rows.filter(sen_status="E")
        with_part_time = Episode.objects.filter(setting_id=setting_id, kind="part_time", sen_status="E")
        expected = rate(with_part_time.values("upn").distinct().count(), on_roll.count())
        assert by_school[name].rates["E"] == expected
        assert not expected.suppressed and by_school[name].rates["E"].interval == expected.interval
    summary = measures.summary(manager, TERM)
    part = next(line for line in summary if line.label == measures.MEASURES["part_time"][0])
    assert part.rates["E"].count == 10 == sum(line.rates["E"].count for line in by_school.values())
