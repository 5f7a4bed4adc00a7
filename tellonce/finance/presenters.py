"""A forecast as page-ready values: a server-side SVG chart and the tables beside it."""

import functools
import json

import altair as alt
import vl_convert

from tellonce.finance.forms import LABELS


def _n(value) -> str:
    return "–" if value is None else f"{value:,.0f}"


def year_rows(years: list[dict]) -> list[list[dict]]:
    return [
        [
            {"text": str(y["year"])},
            *(
                {"text": _n(y[k]), "format": "numeric"}
                for k in ("total", "low", "high", "new_plans", "ceased", "population_effect", "rate_effect")
            ),
        ]
        for y in years
    ]


def placement_rows(years: list[dict]) -> tuple[list[dict], list[list[dict]]]:
    names = [n for n in LABELS if any(n in y["by_placement"] for y in years)]
    head = [{"text": "Year"}, *({"text": LABELS[n], "format": "numeric"} for n in names)]
    rows = [
        [
            {"text": str(y["year"])},
            *({"text": _n(y["by_placement"].get(n)), "format": "numeric"} for n in names),
        ]
        for y in years
    ]
    return head, rows


def chart(result: dict) -> str:
    points = [
        (result["base_year"], "Actual", result["base_total"], result["base_total"], result["base_total"])
    ]
    points += [(y["year"], "Forecast", y["total"], y["low"], y["high"]) for y in result["unmitigated"]]
    points += [
        (y["year"], "Mitigated", y["total"], y["total"], y["total"]) for y in result["mitigated"] or []
    ]
    return _svg(tuple(points))


@functools.lru_cache(maxsize=32)
def _svg(points: tuple) -> str:
    rows = [{"year": str(y), "series": s, "plans": t, "low": lo, "high": hi} for y, s, t, lo, hi in points]
    data = alt.Data(values=rows)
    band = (
        alt.Chart(data)
        .transform_filter("datum.series == 'Forecast'")
        .mark_area(opacity=0.25, color="#1d70b8")
        .encode(x=alt.X("year:O", title="January"), y="low:Q", y2="high:Q")
    )
    lines = (
        alt.Chart(data)
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title="January"),
            y=alt.Y("plans:Q", title="EHC plans", scale=alt.Scale(zero=False)),
            color=alt.Color("series:N", scale=alt.Scale(range=["#0b0c0c", "#1d70b8", "#00703c"]), title=None),
            strokeDash=alt.StrokeDash("series:N", legend=None),
        )
    )
    spec = (band + lines).properties(width=560, height=260).configure(font="Arial").to_dict()
    return vl_convert.vegalite_to_svg(json.loads(json.dumps(spec)))


def spend_chart(rows) -> str:
    return _spend_svg(
        tuple(
            (
                f"{r.month:%Y-%m}",
                round(r.budget),
                None if r.actual is None else round(r.actual),
                round(r.forecast),
            )
            for r in rows
        )
    )


@functools.lru_cache(maxsize=16)
def _spend_svg(points: tuple) -> str:
    if not points:
        return ""
    values = []
    for month, budget, actual, forecast in points:
        values.append({"month": month, "series": "Budget", "spend": budget})
        values.append({"month": month, "series": "Forecast", "spend": forecast})
        if actual is not None:
            values.append({"month": month, "series": "Actual", "spend": actual})
    chart = (
        alt.Chart(alt.Data(values=values))
        .mark_line(point=True)
        .encode(
            x=alt.X("month:O", title="Month"),
            y=alt.Y("spend:Q", title="Spend (£)"),
            color=alt.Color("series:N", scale=alt.Scale(range=["#0b0c0c", "#1d70b8", "#d4351c"]), title=None),
            strokeDash=alt.StrokeDash("series:N", legend=None),
        )
    )
    spec = chart.properties(width=560, height=240).configure(font="Arial").to_dict()
    return vl_convert.vegalite_to_svg(json.loads(json.dumps(spec)))
