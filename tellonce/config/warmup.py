"""Readying a new web worker before it takes its first request (ADR 91).

A freshly started process compiles each Jinja template the first time a page uses it, imports each
view the first time its address is resolved, and starts the chart renderer's JavaScript engine the
first time a chart is drawn: about 2.5 s of processor time for a worker, which the first requests
of every worker would otherwise wait for (a restart under load queued 100 users behind it).
gunicorn calls `warm` in each worker before the worker accepts connections
(tellonce/config/gunicorn.py). Nothing here reads the database, so a worker still starts while
PostgreSQL is away; a step that fails is logged and the worker starts anyway, as it would have."""

import logging
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


def _views() -> int:
    """Every URL pattern's view imported, as resolving each address the first time would."""
    from django.urls import URLResolver, get_resolver

    def count(patterns) -> int:
        return sum(count(p.url_patterns) if isinstance(p, URLResolver) else 1 for p in patterns)

    return count(get_resolver().url_patterns)


def _templates() -> int:
    """Every template of the Jinja environment compiled into its cache."""
    from django.template import engines

    env = engines["jinja2"].env
    names = env.list_templates(extensions=["html", "txt", "xml", "svg", "jinja"])
    if env.cache is not None and env.cache.capacity < len(names):
        log.warning(
            "the Jinja cache holds %s templates, fewer than the %s there are", env.cache.capacity, len(names)
        )
    for name in names:
        env.get_template(name)
    return len(names)


def _charts() -> int:
    """The chart renderer's engine started, with the smallest chart the pages' charts are made of."""
    import vl_convert

    spec = {
        "mark": "line",
        "data": {"values": [{"month": "2026-01", "percent": 1}]},
        "encoding": {
            "x": {"field": "month", "type": "ordinal"},
            "y": {"field": "percent", "type": "quantitative"},
        },
    }
    vl_convert.vegalite_to_svg(spec)
    return 1


def _calendar() -> int:
    """England and Wales bank holidays for the years around today, as the statutory clocks use them."""
    from tellonce.core.time import working_days

    return len(working_days().bank_holidays)


STEPS: dict[str, Callable[[], int]] = {
    "views": _views,
    "templates": _templates,
    "charts": _charts,
    "bank holidays": _calendar,
}


def warm() -> dict[str, int | None]:
    """Runs each step; returns what each readied (None where the step failed, which is logged)."""
    done: dict[str, int | None] = {}
    started = time.perf_counter()
    for name, step in STEPS.items():
        try:
            done[name] = step()
        except Exception:
            log.exception("readying the worker: %s failed; the worker starts without it", name)
            done[name] = None
    log.info(
        "worker ready in %.1f s: %s",
        time.perf_counter() - started,
        ", ".join(f"{n} {name}" for name, n in done.items() if n is not None),
    )
    return done
