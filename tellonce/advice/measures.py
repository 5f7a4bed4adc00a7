"""Advice timeliness across the area: aggregates for the report, and the cases behind a figure
for staff allowed to drill down (the views check who may)."""

from datetime import date

from tellonce.advice.models import HEALTH_SERVICES, AdviceRequest
from tellonce.advice.presenters import LABELS, percent_text, timeliness_chart
from tellonce.core.formatting import govuk_date
from tellonce.domain import advice as rules


def advice_facts(local_authority_id: int, *, health_only: bool, service: str = ""):
    found = AdviceRequest.objects.filter(child__local_authority_id=local_authority_id, purpose="assessment")
    if health_only:
        found = found.filter(service__in=HEALTH_SERVICES)
    if service:
        found = found.filter(service=service)
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


def timeliness_report(
    local_authority_id: int, *, today: date, group: str, service: str, health_only: bool, drill_down: bool
) -> dict:
    items = advice_facts(local_authority_id, health_only=health_only, service=service)
    groups = rules.timeliness(items, today, key=KEYS[group])
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
    total = rules.timeliness(items, today, key=lambda i: "All")
    return {"rows": rows, "chart": chart, "total": total[0] if total else None}


def drill_down(
    local_authority_id: int, *, today: date, group: str, key: str, health_only: bool, overdue_only: bool
) -> list[dict]:
    found = AdviceRequest.objects.filter(
        child__local_authority_id=local_authority_id, purpose="assessment"
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
