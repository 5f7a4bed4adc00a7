"""The dashboard as page-ready values: for each measure its definition, the figure over the last
12 months and the last calendar year with count and denominator, the target and whether it is met,
the published figures beside it, a chart (server-side SVG, cached by its data) and the table of
months that carries the same figures."""

import functools
import hashlib
import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import altair as alt
import vl_convert
from django.conf import settings
from django.core.cache import cache

from tellonce.domain import partnership as p
from tellonce.domain.ceasing import CEASE_REASON_LABELS, CeaseReason
from tellonce.domain.partnership import Figure, Measure
from tellonce.partnership import comparison, figures
from tellonce.partnership.models import Target


def percent_text(figure: Figure | None) -> str:
    if figure is None:
        return "Not published"
    value = figure.percent
    return "None counted" if value is None else f"{value:.1f}%"


def count_text(figure: Figure | None) -> str:
    if figure is None:
        return "–"
    return f"{figure.numerator:,} of {figure.denominator:,}"


@functools.lru_cache(maxsize=128)
def chart(title: str, points: tuple[tuple[str, float | None], ...], target: float | None) -> str:
    """A line of the monthly percentage (months with nothing counted are gaps), with the target as a
    rule. No JavaScript, no network; the table beside it carries the same figures."""
    values = [{"month": m, "percent": None if v is None else round(v, 1)} for m, v in points]
    if not any(v["percent"] is not None for v in values):
        return ""
    base = alt.Chart(alt.Data(values=values), width=560, height=200)
    line = base.mark_line(point=True, color="#1d70b8").encode(
        x=alt.X("month:O", title="Month", axis=alt.Axis(labelAngle=-90, labelOverlap=True)),
        y=alt.Y("percent:Q", title=title, scale=alt.Scale(domain=[0, 100])),
    )
    layers = [line]
    if target is not None:
        rule = alt.Chart(alt.Data(values=[{"target": target}])).mark_rule(color="#d4351c", strokeDash=[6, 4])
        layers.append(rule.encode(y="target:Q"))
    spec = alt.layer(*layers).configure(font="Arial").to_dict()
    return vl_convert.vegalite_to_svg(json.loads(json.dumps(spec)))


@dataclass
class MeasureView:
    measure: Measure
    months: list[tuple[str, Figure]]
    rolling: Figure
    last_year: Figure
    last_year_number: int
    target: Target | None
    standing: p.Standing
    published: comparison.Published | None
    ours_in_published_year: Figure | None
    chart: str = ""
    rows: list = field(default_factory=list)

    @property
    def standing_label(self) -> str:
        return p.STANDING_LABELS[self.standing]


def kept(key: str, compute: Callable[[], Any]) -> Any:
    """`compute()`, kept for TELLONCE_PARTNERSHIP_CACHE_SECONDS (ADR 66): three years of history
    are counted once for every reader in that time, not on every view."""
    seconds = getattr(settings, "TELLONCE_PARTNERSHIP_CACHE_SECONDS", 0)
    if not seconds:
        return compute()
    found = cache.get(f"partnership:{key}")
    if found is None:
        found = compute()
        cache.set(f"partnership:{key}", found, seconds)
    return found


def counted_figures(local_authority_id: int, window: figures.Window, keys: list[str]) -> dict:
    measures = hashlib.sha256(",".join(keys).encode()).hexdigest()[:16]  # short enough for memcached
    key = f"{local_authority_id}:{window.first}:{window.last}:{window.today}:{measures}"
    return kept(key, lambda: figures.monthly(local_authority_id, window, keys))


def waits(local_authority_id: int, today: date) -> list:
    return kept(f"waits:{local_authority_id}:{today}", lambda: figures.waits(local_authority_id, today))


def missing_voices(local_authority_id: int, today: date) -> list:
    return kept(f"voices:{local_authority_id}:{today}", lambda: figures.missing_voices(local_authority_id))


def children_known(local_authority_id: int, today: date) -> dict:
    return kept(f"children:{local_authority_id}:{today}", lambda: figures.children_known(local_authority_id))


def month_label(key: str) -> str:
    return date(int(key[:4]), int(key[5:]), 1).strftime("%B %Y")


def dashboard(council, *, today: date, areas: frozenset[p.Area] | None, with_charts: bool = True) -> dict:
    measures = p.visible_measures(areas)
    months = p.months_to(today)
    first = date(int(months[0][:4]), int(months[0][5:]), 1)
    published_years = comparison.published(council, [m.published for m in measures if m.published])
    earliest_needed = min([first, *(date(x.year, 1, 1) for x in published_years.values())])
    window = figures.Window(earliest_needed, today, today)
    monthly = counted_figures(council.pk, window, [m.key for m in measures])
    targets = {t.measure: t for t in Target.objects.filter(local_authority=council)}
    last_year = today.year - 1
    views = []
    for measure in measures:
        counted = monthly[measure.key]
        shown = p.series(counted, months)
        rolling = p.rolling(counted, today)
        target = targets.get(measure.key)
        target_percent = float(target.percent) if target else None
        pub = published_years.get(measure.published) if measure.published else None
        view = MeasureView(
            measure=measure,
            months=shown,
            rolling=rolling,
            last_year=p.calendar_year(counted, last_year),
            last_year_number=last_year,
            target=target,
            standing=p.against_target(rolling, target_percent, measure.good),
            published=pub,
            ours_in_published_year=p.calendar_year(counted, pub.year) if pub else None,
        )
        view.rows = [
            {"month": m, "label": month_label(m), "figure": f, "percent": percent_text(f)}
            for m, f in reversed(shown)
        ]
        if with_charts:
            view.chart = chart(
                "Percentage",
                tuple((m, f.percent) for m, f in shown),
                target_percent,
            )
        views.append(view)
    return {"measures": views, "months": months, "last_year": last_year}


def ceased(council, *, today: date) -> dict:
    """Plans ceased in the last 12 months and the last calendar year, by reason, with the England
    shares for the latest published year."""
    last_year = today.year - 1
    months = p.months_to(today, 12)
    since = date(int(months[0][:4]), int(months[0][5:]), 1)
    recent = Counter(figures.ceased_by_reason(council.pk, since, today))
    year = Counter(figures.ceased_by_reason(council.pk, date(last_year, 1, 1), date(last_year, 12, 31)))
    labels = {**{r.value: CEASE_REASON_LABELS[r] for r in CeaseReason}, "": "No reason recorded"}
    rows = [
        {"reason": labels[code], "recent": recent.get(code, 0), "year": year.get(code, 0)}
        for code in [*(r.value for r in CeaseReason), ""]
        if recent.get(code) or year.get(code)
    ]
    return {
        "rows": rows,
        "recent_total": sum(recent.values()),
        "year_total": sum(year.values()),
        "last_year": last_year,
    }
