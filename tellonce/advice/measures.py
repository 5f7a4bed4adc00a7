"""Advice timeliness across the area: aggregates for the report, and the cases behind a figure
for staff allowed to drill down (the views check who may)."""

from datetime import date

from django.db import connection
from django.db.models import F

from tellonce.advice.models import HEALTH_SERVICES, AdviceRequest
from tellonce.advice.presenters import LABELS, percent_text, timeliness_chart
from tellonce.core import sqldates
from tellonce.core.db import read_rows
from tellonce.core.formatting import govuk_date
from tellonce.domain import advice as rules
from tellonce.domain.timescales import advice_due


def assessment_advice(local_authority_id: int):
    """The council's requests for advice towards an EHC needs assessment: what every advice
    timeliness measure counts (this page's and the partnership dashboard's)."""
    return AdviceRequest.objects.filter(local_authority_id=local_authority_id, purpose="assessment")


def _requests(local_authority_id: int, *, health_only: bool, service: str = ""):
    found = assessment_advice(local_authority_id)
    if health_only:
        found = found.filter(service__in=HEALTH_SERVICES)
    if service:
        found = found.filter(service=service)
    return found


def advice_facts(local_authority_id: int, *, health_only: bool, service: str = ""):
    """Each request as the domain rules read it: the reference the SQL measure is tested against."""
    found = _requests(local_authority_id, health_only=health_only, service=service)
    rows = found.values_list(
        "requested_on", "received_on", "service", "team__provider__name", "team__name", "setting__name"
    )
    return [
        rules.AdviceFacts(
            requested,
            received,
            LABELS.get(svc, svc),
            provider or team or ("Education settings" if setting else "Not recorded"),
        )
        for requested, received, svc, provider, team, setting in rows
    ]


KEYS = {"provider": lambda i: i.provider, "service": lambda i: i.service, "month": rules.month_of}

# advice_due, in days: 6 calendar weeks from the day the adviser received the request (reg. 8(1)).
DUE_DAYS = (advice_due(date(2000, 1, 1)).due - date(2000, 1, 1)).days


def _key_sql(group: str) -> str:
    """The group's key as advice_facts gives it (the service as its code, labelled afterwards)."""
    if group == "month":
        return sqldates.month_text("b.req")
    if group == "service":
        return "b.svc"
    return (
        "COALESCE(NULLIF(b.p_name, ''), NULLIF(b.t_name, ''), "
        "CASE WHEN NULLIF(b.s_name, '') IS NOT NULL THEN 'Education settings' ELSE 'Not recorded' END)"
    )


def _base(local_authority_id: int, *, group: str, service: str, health_only: bool) -> tuple[str, tuple]:
    """The council's requests as the ORM scopes them, with only the columns the group's key reads
    (so a grouping by service or month joins no team, provider or setting)."""
    columns = {"req": F("requested_on"), "rec": F("received_on")}
    if group == "service":
        columns["svc"] = F("service")
    elif group == "provider":
        columns |= {
            "p_name": F("team__provider__name"),
            "t_name": F("team__name"),
            "s_name": F("setting__name"),
        }
    return (
        _requests(local_authority_id, health_only=health_only, service=service)
        .order_by()
        .values(**columns)
        .query.sql_with_params()
    )


def _portable_sql(group: str, base: str, params: tuple, today: date) -> tuple[str, tuple]:
    """Any database with window functions (SQLite 3.28 or later): counts by conditional sums, the
    median from each group's middle rows (ROW_NUMBER over the returned requests), the total by
    running every row a second time in a group of its own (ADR 0078)."""
    day, now = sqldates.day_number, sqldates.day_of(today)
    sql = f"""
WITH b AS ({base}),
keyed AS (
  SELECT {_key_sql(group)} AS k, {day("b.req")} AS rq, {day("b.rec")} AS rc FROM b
),
both_ AS (
  SELECT 0 AS whole, k, rq, rc, CASE WHEN rc IS NOT NULL AND rc <= %s THEN 1 ELSE 0 END AS back FROM keyed
  UNION ALL
  SELECT 1, '', rq, rc, CASE WHEN rc IS NOT NULL AND rc <= %s THEN 1 ELSE 0 END FROM keyed
),
ranked AS (
  SELECT whole, k, rq, rc, back,
    ROW_NUMBER() OVER (PARTITION BY whole, k, back ORDER BY rc - rq) AS n,
    COUNT(*) OVER (PARTITION BY whole, k, back) AS total
  FROM both_
)
SELECT whole, k, COUNT(*),
  SUM(back),
  SUM(CASE WHEN back = 1 AND rc <= rq + {DUE_DAYS} THEN 1 ELSE 0 END),
  AVG(CASE WHEN back = 1 AND n IN ((total + 1) / 2, (total + 2) / 2) THEN rc - rq END),
  SUM(1 - back),
  SUM(CASE WHEN back = 0 AND %s > rq + {DUE_DAYS} THEN 1 ELSE 0 END)
FROM ranked GROUP BY whole, k"""
    return sql, (*params, now, now, now)


def _postgresql_sql(group: str, base: str, params: tuple, today: date) -> tuple[str, tuple]:
    """PostgreSQL's own form, one pass over the rows (ADR 0082): the key written straight into the
    grouping, the total by ROLLUP, counts by FILTER, the median by percentile_cont (the mean of the
    two middle values for an even count, as statistics.median), date arithmetic in whole days. A
    ROLLUP over no rows still gives its total row, of 0 requests; the caller drops it."""
    sql = f"""
SELECT GROUPING(k), k, count(*),
  count(*) FILTER (WHERE rc <= %s),
  count(*) FILTER (WHERE rc <= %s AND rc <= rq + {DUE_DAYS}),
  percentile_cont(0.5) WITHIN GROUP (ORDER BY rc - rq) FILTER (WHERE rc <= %s),
  count(*) FILTER (WHERE rc IS NULL OR rc > %s),
  count(*) FILTER (WHERE (rc IS NULL OR rc > %s) AND %s > rq + {DUE_DAYS})
FROM (SELECT {_key_sql(group)} AS k, b.req AS rq, b.rec AS rc FROM ({base}) b) keyed
GROUP BY ROLLUP (k)"""
    return sql, (today,) * 6 + tuple(params)


def timeliness_in_sql(
    local_authority_id: int, *, today: date, group: str, service: str = "", health_only: bool, form: str = ""
) -> tuple[list[rules.Timeliness], rules.Timeliness | None]:
    """domain.advice.timeliness over advice_facts grouped by `group`, and over all of them, in one
    query: PostgreSQL's own form there (ADR 0082), the portable one elsewhere (ADR 0078); `form`
    ("postgresql" or "portable") chooses one, for the tests that compare both with the rules."""
    form = form or ("postgresql" if connection.vendor == "postgresql" else "portable")
    base, params = _base(local_authority_id, group=group, service=service, health_only=health_only)
    written = _postgresql_sql if form == "postgresql" else _portable_sql
    groups, total = [], None
    for whole, key, requests, returned, within, median, outstanding, overdue in read_rows(
        *written(group, base, params, today)
    ):
        found = rules.Timeliness(
            key="All" if whole else (LABELS.get(key, key) if group == "service" else key),
            requests=requests,
            returned=int(returned),
            returned_within_6_weeks=int(within),
            median_days=None if median is None else float(median),
            outstanding=int(outstanding),
            overdue=int(overdue),
        )
        if not whole:
            groups.append(found)
        elif requests:
            total = found
    return sorted(groups, key=lambda g: str(g.key)), total


def timeliness_report(
    local_authority_id: int, *, today: date, group: str, service: str, health_only: bool, drill_down: bool
) -> dict:
    groups, total = timeliness_in_sql(
        local_authority_id, today=today, group=group, service=service, health_only=health_only
    )
    if group == "month":
        groups = groups[-24:]
    rows = []
    for g in groups:
        label = str(g.key)
        link = f"?group={group}&key={label}"
        rows.append(
            {
                "key": label,
                "requests": g.requests,
                "returned": g.returned,
                "percent": percent_text(g.percent_within_6_weeks),
                "median": "–" if g.median_days is None else f"{g.median_days:.0f}",
                "outstanding": g.outstanding,
                "overdue": g.overdue,
                "link": link if drill_down else None,
            }
        )
    chart = timeliness_chart(
        tuple((str(g.key), g.percent_within_6_weeks) for g in groups if g.percent_within_6_weeks is not None),
        by_month=group == "month",
    )
    return {"rows": rows, "chart": chart, "total": total}


def drill_down(
    local_authority_id: int, *, today: date, group: str, key: str, health_only: bool, overdue_only: bool
) -> list[dict]:
    found = AdviceRequest.objects.filter(
        local_authority_id=local_authority_id, purpose="assessment"
    ).select_related("child", "team__provider", "setting")
    if health_only:
        found = found.filter(service__in=HEALTH_SERVICES)
    rows = []
    for advice in found.order_by("-requested_on")[:20000]:
        fact = rules.AdviceFacts(
            advice.requested_on,
            advice.received_on,
            LABELS.get(advice.service, advice.service),
            advice.provider_name if advice.team_id or advice.setting_id else "Not recorded",
        )
        if advice.setting_id and not advice.team_id:
            fact = rules.AdviceFacts(fact.requested, fact.received, fact.service, "Education settings")
        if str(KEYS.get(group, KEYS["provider"])(fact)) != key:
            continue
        if overdue_only and (advice.received_on or today <= fact.due):
            continue
        rows.append(
            {
                "advice": advice,
                "service": fact.service,
                "requested": govuk_date(advice.requested_on),
                "due": govuk_date(fact.due),
                "received": govuk_date(advice.received_on, empty="Not yet"),
                "on_time": {True: "On time", False: "Late", None: "Not yet due"}[advice.on_time(today)],
            }
        )
        if len(rows) >= 500:
            break
    return rows
