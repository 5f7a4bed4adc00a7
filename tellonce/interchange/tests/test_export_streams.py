"""export-cases writes each record as it is read, a chunk of rows at a time: it never holds every
plan, so its memory does not grow with the council (ADR 0076)."""

import io
import tracemalloc
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tellonce.interchange import cases
from tellonce.people.tests.factories import ChildFactory
from tellonce.plans.models import Kind, Plan, PlanVersion, Status

TODAY = date(2026, 11, 22)


def _plans(area, n: int, start: int = 0) -> None:
    for i in range(start, start + n):
        child = ChildFactory(local_authority=area.child.local_authority, setting=area.child.setting)
        plan = Plan.objects.create(ref=f"EX-{i:04}", child=child)
        PlanVersion.objects.create(
            plan=plan,
            number=1,
            kind=Kind.FINAL,
            status=Status.ISSUED,
            issued_on=TODAY - timedelta(days=i + 1),
        )


def test_export_cases_writes_the_first_plans_before_it_reads_the_last(area, monkeypatch):
    monkeypatch.setattr(cases, "CHUNK", 2)
    _plans(area, 9)
    queries_when_written = []
    with CaptureQueriesContext(connection) as read:
        for _section, record in cases.stream_cases(as_of=TODAY, sections=("plans",)):
            queries_when_written.append((record["ref"], len(read.captured_queries)))
    assert [ref for ref, _ in queries_when_written] == [f"EX-{i:04}" for i in range(8, -1, -1)]
    first, last = queries_when_written[0][1], queries_when_written[-1][1]
    # Each later chunk of two plans is read (its reviews, moves, placements and schedule) after
    # the first plans were handed on to be written.
    assert last - first >= 4 * 4


class _Counted:
    """An output that keeps only how much was written, so the peak is the export's own."""

    def __init__(self):
        self.written = 0

    def write(self, text: str) -> None:
        self.written += len(text)


def _peak_of_export(plans: int) -> tuple[int, int]:
    out = _Counted()
    tracemalloc.start()
    counts = cases.write_json(out, as_of=TODAY, stream=cases.stream_cases(as_of=TODAY))
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert counts["plans"] == plans
    return peak, out.written


@pytest.mark.parametrize("chunk", [5])
def test_export_cases_peak_memory_follows_the_chunk_not_the_plans(area, monkeypatch, chunk):
    """Four times the plans, four times the output, and the peak well under twice: a generous
    margin, so the test cannot flake."""
    monkeypatch.setattr(cases, "CHUNK", chunk)
    _plans(area, 20)
    cases.write_json(io.StringIO(), as_of=TODAY, stream=cases.stream_cases(as_of=TODAY))  # warm caches
    small_peak, small_text = _peak_of_export(20)
    _plans(area, 60, start=20)
    large_peak, large_text = _peak_of_export(80)
    assert large_text > 3 * small_text
    assert large_peak < 2 * small_peak
