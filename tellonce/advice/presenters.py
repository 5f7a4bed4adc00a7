"""Advice turned into page-ready values: a professional's inbox rows, and the timeliness report
(aggregates from domain.advice, a server-side SVG chart, and the table beside it)."""

import functools
import json
from dataclasses import dataclass
from datetime import date

import altair as alt
import vl_convert

from tellonce.advice.models import HEALTH_SERVICES, SERVICE_CHOICES, AdviceRequest
from tellonce.core.formatting import days_phrase
from tellonce.domain import timescales as t

LABELS = dict(SERVICE_CHOICES)


@dataclass(frozen=True)
class InboxRow:
    advice: AdviceRequest
    today: date

    @property
    def due(self) -> date:
        return self.advice.deadline.due

    @property
    def status(self) -> t.Status:
        return t.status_on(self.due, self.today)

    @property
    def when(self) -> str:
        days = (self.due - self.today).days
        if days < 0:
            return f"{days_phrase(-days)} overdue"
        return "Due today" if days == 0 else f"Due in {days_phrase(days)}"


def service_choices(*, health_only: bool) -> list[tuple[str, str]]:
    return [(k, v) for k, v in SERVICE_CHOICES if not health_only or k in HEALTH_SERVICES]


def percent_text(value: float | None) -> str:
    return "None returned" if value is None else f"{value:.0f}%"


@functools.lru_cache(maxsize=64)
def timeliness_chart(points: tuple[tuple[str, float], ...], *, by_month: bool) -> str:
    """A server-side SVG: no JavaScript, no network. The table beside it carries the same figures."""
    if not points:
        return ""
    data = alt.Data(values=[{"group": k, "percent": round(v, 1)} for k, v in points])
    base = alt.Chart(data, width=520)
    if by_month:
        chart = base.mark_line(point=True, color="#1d70b8").encode(
            x=alt.X("group:O", title="Month requested"),
            y=alt.Y("percent:Q", title="% within 6 weeks", scale=alt.Scale(domain=[0, 100])),
        )
    else:
        chart = base.mark_bar(color="#1d70b8").encode(
            y=alt.Y("group:N", title=None, sort="-x", axis=alt.Axis(labelLimit=320)),
            x=alt.X("percent:Q", title="% returned within 6 weeks", scale=alt.Scale(domain=[0, 100])),
        )
    spec = chart.properties(height=alt.Step(22) if not by_month else 240).configure(font="Arial").to_dict()
    return vl_convert.vegalite_to_svg(json.loads(json.dumps(spec)))
