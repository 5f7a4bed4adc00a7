"""Waiting-list measures for a service: the list today by weeks waited, median and 92nd percentile,
monthly flows, time to clear, and localities compared (aggregates only), worked out in Python
over every referral by domain.waiting. The pages count the same figures in the database
(waiting_lists.counted); these stay the reference that a test holds the counting to."""

import functools
import json
from datetime import date, timedelta

import altair as alt
import vl_convert
from django.db.models import Q

from tellonce.domain import waiting as rules
from tellonce.waiting_lists.models import Referral

RECENT_WEEKS = 12


def waits(service, *, local_authority_id: int | None = None) -> list[rules.Wait]:
    found = Referral.objects.filter(service=service)
    if local_authority_id is not None:
        found = found.filter(child__local_authority_id=local_authority_id)
    rows = found.values_list(
        "referred_on",
        "accepted",
        "first_contact_on",
        "assessed_on",
        "treatment_on",
        "discharged_on",
        "locality__name",
    )
    return [rules.Wait(*row[:6], group=row[6] or "Not known") for row in rows]


def still_waiting(service, today: date):
    """Referrals on the list on `today` (as domain.waiting.is_waiting), as a QuerySet."""
    event = {"first_contact": "first_contact_on", "assessment": "assessed_on", "treatment": "treatment_on"}[
        service.clock_event
    ]
    return (
        Referral.objects.filter(service=service, referred_on__lte=today)
        .exclude(accepted=False)
        .filter(Q(**{f"{event}__isnull": True}) | Q(**{f"{event}__gt": today}))
        .filter(Q(discharged_on__isnull=True) | Q(discharged_on__gt=today))
    )


def summary(service, today: date, items: list[rules.Wait]) -> dict:
    clock = service.clock
    snap = rules.snapshot(items, clock, today)
    since = today - timedelta(weeks=RECENT_WEEKS)
    seen = sum(1 for w in items if (d := w.event_date(clock.event)) and since < d <= today)
    referred = sum(1 for w in items if since < w.referred <= today)
    return summary_of(snap, seen, referred)


def summary_of(snap: rules.ListSnapshot, seen: int, referred: int) -> dict:
    return {
        "snapshot": snap,
        "clearance": rules.clearance_weeks(snap.waiting, seen, referred, RECENT_WEEKS),
        "seen_recently": seen,
        "referred_recently": referred,
    }


def extremes(snaps: list[tuple[str, rules.ListSnapshot]]) -> tuple[str, str] | None:
    """The groups with the longest and the shortest median wait (the first of equals, in name
    order), when at least two have someone waiting."""
    judged = [(name, s) for name, s in snaps if s.median_weeks is not None]
    if len(judged) < 2:
        return None
    worst = max(judged, key=lambda pair: pair[1].median_weeks)[0]
    best = min(judged, key=lambda pair: pair[1].median_weeks)[0]
    return worst, best


def by_locality(
    service, today: date, items: list[rules.Wait]
) -> tuple[list[tuple[str, rules.ListSnapshot]], rules.Comparison | None]:
    clock = service.clock
    groups: dict[str, list[rules.Wait]] = {}
    for w in items:
        groups.setdefault(w.group, []).append(w)
    snaps = [(name, rules.snapshot(ws, clock, today)) for name, ws in sorted(groups.items())]
    pair = extremes(snaps)
    if pair is None:
        return snaps, None
    worst, best = pair

    def weeks_of(name):
        return [
            rules.weeks_waited(w, clock, today) for w in groups[name] if rules.is_waiting(w, clock, today)
        ]

    return snaps, rules.compare_medians(
        weeks_of(worst), weeks_of(best), a=worst, b=best, seed=today.toordinal()
    )


def compared(a_weeks, b_weeks, *, a: str, b: str, seed: int) -> rules.Comparison:
    """`domain.waiting.compare_medians`, kept for the same waits and seed: its bootstrap draws a
    thousand samples in Python, and a service's list (with the seed, the day) changes only when an
    extract is imported, so the page draws them once a day and list, as the chart is drawn once."""
    return _compared(tuple(a_weeks), tuple(b_weeks), a, b, seed)


@functools.lru_cache(maxsize=64)
def _compared(a_weeks: tuple, b_weeks: tuple, a: str, b: str, seed: int) -> rules.Comparison:
    return rules.compare_medians(a_weeks, b_weeks, a=a, b=b, seed=seed)


def flows_start(today: date) -> date:
    """The flows shown run from the first of the month a year ago to today."""
    return date(today.year - 1, today.month, 1)


def flows(service, today: date, items: list[rules.Wait]) -> list[rules.MonthFlow]:
    return rules.flows(items, service.clock, flows_start(today), today)


def chart(snapshot: rules.ListSnapshot) -> str:
    return _svg(snapshot.by_band)


@functools.lru_cache(maxsize=64)
def _svg(bands: tuple[tuple[str, int], ...]) -> str:
    if not any(n for _, n in bands):
        return ""
    data = alt.Data(values=[{"band": label, "children": n, "order": i} for i, (label, n) in enumerate(bands)])
    spec = (
        alt.Chart(data, width=520, height=alt.Step(22))
        .mark_bar(color="#1d70b8")
        .encode(
            y=alt.Y("band:N", title="Weeks waited", sort=alt.SortField("order")),
            x=alt.X("children:Q", title="Children waiting", axis=alt.Axis(format="d", tickMinStep=1)),
        )
        .configure(font="Arial")
        .to_dict()
    )
    return vl_convert.vegalite_to_svg(json.loads(json.dumps(spec)))
