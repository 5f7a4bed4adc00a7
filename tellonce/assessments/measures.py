"""Area-wide timeliness figures (aggregates only, no child-level data), from domain.assessment.
The page's figures are counted in one SQL query (by_year, ADR 0078); the cases read as plain values
and given to the domain rules (case_rows, two queries however many there are) are the reference it
is tested against, and what other apps count from."""

from collections import defaultdict
from datetime import date

from tellonce.assessments.models import (
    FACT_COLUMNS,
    AssessmentRequest,
    Kind,
    TimescaleException,
    facts_from,
)
from tellonce.core import sqldates
from tellonce.core.db import read_rows
from tellonce.domain import assessment as rules
from tellonce.domain import timescales


def case_rows(cases) -> list[tuple]:
    """(case id, child id, CaseFacts) for each case of the QuerySet `cases`, as AssessmentRequest.facts
    gives them, read in two queries."""
    claimed = defaultdict(list)
    for assessment_id, reason, starts, ends in (
        TimescaleException.objects.filter(assessment__in=cases.values("pk"))
        .order_by("starts_on")
        .values_list("assessment_id", "reason", "starts_on", "ends_on")
    ):
        claimed[assessment_id].append(
            timescales.ClaimedException(timescales.ExceptionReason(reason), starts, ends)
        )
    return [
        (pk, child_id, facts_from(tuple(values), tuple(claimed.get(pk, ()))))
        for pk, child_id, *values in cases.order_by("pk").values_list("pk", "child_id", *FACT_COLUMNS)
    ]


def case_facts(local_authority_id: int) -> list[rules.CaseFacts]:
    cases = AssessmentRequest.objects.filter(child__local_authority_id=local_authority_id)
    return [facts for _, _, facts in case_rows(cases)]


def by_year_by_rules(local_authority_id: int, *, today: date, years: int):
    """by_year worked out by the domain rules, case by case: the reference for the SQL."""
    facts = case_facts(local_authority_id)
    return [
        (year, rules.decision_measure(facts, year), rules.twenty_week_measure(facts, year))
        for year in range(today.year, today.year - years, -1)
    ]


def _days_after(deadline) -> int:
    """A deadline of the timescales (calendar weeks from the start) as days after the start."""
    start = date(2000, 1, 1)
    return (deadline(start).due - start).days


# The exceptions that can excuse the 20-week deadline (timescales.EXCEPTION_BASIS), and the COVID
# reason's own period, as ClaimedException.excuses reads them.
_EXCUSE_FINAL = tuple(
    reason.value
    for reason in timescales.ExceptionReason
    if timescales.Step.ISSUE_FINAL_PLAN in timescales.EXCEPTION_BASIS[reason]
)


def _sql(base: str, period=sqldates.year_of) -> str:
    """Decisions within 6 weeks (measure 0) and new plans within 20 weeks (measure 1), counted by
    `period` of the day each was done (sqldates.year_of or month_text): decided, within; issued,
    within, issued without an exception, within without one."""
    day = sqldates.day_number
    covid = timescales.ExceptionReason.COVID.value
    covid_first, covid_last = (sqldates.day_of(day) for day in timescales.COVID_PERIOD)
    starts = day("e.starts_on")
    first = (
        f"CASE WHEN e.reason = '{covid}' AND {starts} < {covid_first} THEN {covid_first} ELSE {starts} END"
    )
    ends = f"COALESCE({day('e.ends_on')}, c.start + {_days_after(timescales.final_plan_due)})"
    last = f"CASE WHEN e.reason = '{covid}' AND {ends} > {covid_last} THEN {covid_last} ELSE {ends} END"
    reasons = ", ".join(f"'{reason}'" for reason in _EXCUSE_FINAL)
    return f"""
WITH a AS ({base}),
c AS (
  SELECT a.id, {day("a.received_on")} AS start, a.decision_notified_on, a.final_issued_on,
    {day("a.decision_notified_on")} AS notified, {day("a.final_issued_on")} AS final
  FROM a WHERE a.kind <> %s
),
f AS (
  SELECT c.final_issued_on,
    CASE WHEN c.final <= c.start + {_days_after(timescales.final_plan_due)} THEN 1 ELSE 0 END AS on_time,
    CASE WHEN EXISTS (
      SELECT 1 FROM {TimescaleException._meta.db_table} e
      WHERE e.assessment_id = c.id AND e.reason IN ({reasons})
        AND ({first}) <= ({last})
        AND ({first}) <= c.start + {_days_after(timescales.final_plan_due)}
        AND ({last}) >= c.start
    ) THEN 1 ELSE 0 END AS excepted
  FROM c WHERE c.final_issued_on IS NOT NULL AND c.final_issued_on >= %s AND c.final_issued_on <= %s
)
SELECT 0, {period("c.decision_notified_on")} AS year, COUNT(*),
  SUM(CASE WHEN c.notified <= c.start + {_days_after(timescales.decision_due)} THEN 1 ELSE 0 END), 0, 0
FROM c WHERE c.decision_notified_on IS NOT NULL AND c.decision_notified_on >= %s AND c.decision_notified_on <= %s
GROUP BY {period("c.decision_notified_on")}
UNION ALL
SELECT 1, {period("f.final_issued_on")}, COUNT(*), SUM(f.on_time), SUM(1 - f.excepted),
  SUM(f.on_time * (1 - f.excepted))
FROM f GROUP BY {period("f.final_issued_on")}"""


def _counted(local_authority_id: int, first: date, last: date, period) -> list[tuple]:
    base, params = (
        AssessmentRequest.objects.filter(local_authority_id=local_authority_id)
        .order_by()
        .values("id", "received_on", "kind", "decision_notified_on", "final_issued_on")
        .query.sql_with_params()
    )
    return read_rows(_sql(base, period), (*params, Kind.REASSESSMENT.value, first, last, first, last))


def by_month(local_authority_id: int, first: date, last: date) -> dict[str, dict[str, tuple[int, int]]]:
    """decision_outcome and twenty_week_outcome for the cases done from `first` to `last`, counted
    by month in one query: {measure: {"YYYY-MM": (on time, counted)}} for the partnership
    dashboard's requests_decided_in_6_weeks and plans_in_20_weeks_including_exceptions and
    _excluding_exceptions (both sides of the fraction without the excepted plans)."""
    found: dict[str, dict[str, tuple[int, int]]] = {
        "requests_decided_in_6_weeks": {},
        "plans_in_20_weeks_including_exceptions": {},
        "plans_in_20_weeks_excluding_exceptions": {},
    }
    for measure, month, done, within, done_ex, within_ex in _counted(
        local_authority_id, first, last, sqldates.month_text
    ):
        if measure == 0:
            found["requests_decided_in_6_weeks"][month] = (int(within), int(done))
            continue
        found["plans_in_20_weeks_including_exceptions"][month] = (int(within), int(done))
        if int(done_ex):
            found["plans_in_20_weeks_excluding_exceptions"][month] = (int(within_ex), int(done_ex))
    return found


def by_year(local_authority_id: int, *, today: date, years: int):
    """(year, decisions within 6 weeks, plans within 20 weeks) for this year and the ones before,
    counted in one query: domain.assessment's decision_measure and twenty_week_measure, the
    exceptions read as ClaimedException.excuses reads them for the 20-week deadline."""
    first, last = date(today.year - years + 1, 1, 1), date(today.year, 12, 31)
    found = {
        (measure, year): counts
        for measure, year, *counts in _counted(local_authority_id, first, last, sqldates.year_of)
    }
    rows = []
    for year in range(today.year, today.year - years, -1):
        decided, within, *_ = (int(n) for n in found.get((0, year), (0, 0, 0, 0)))
        issued, on_time, issued_ex, on_time_ex = (int(n) for n in found.get((1, year), (0, 0, 0, 0)))
        rows.append(
            (
                year,
                rules.DecisionMeasure(year, decided, within),
                rules.TwentyWeekMeasure(year, issued, on_time, issued_ex, on_time_ex),
            )
        )
    return rows
