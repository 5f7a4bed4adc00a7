"""Prometheus metrics (prometheus-client, ADR 67): requests, latency by view, database queries, and
the collectors other apps register.

`middleware.Observed` counts each request by view, method and status, times it, and counts the
database queries it made and their time. Other apps add figures read at each scrape through
`register(prefix, collect)`: `collect()` returns a mapping of name to a number, or of name to a
mapping of label to a number, and each becomes a gauge `tellonce_<prefix>_<name>`;
`tellonce_collector_up{prefix=...}` is 1 when the collector answered, 0 when it failed. The worker's
app (tellonce.jobs) registers its queue depth and failed-task counts this way from its
AppConfig.ready():

    from tellonce.operations.metrics import register
    from tellonce.jobs.metrics import collect
    register("jobs", collect)

so that operations imports nothing above it. A collector that fails is logged, its `up` is 0 and
the scrape still answers.

Under gunicorn each worker process has its own counters; set PROMETHEUS_MULTIPROC_DIR to an empty
folder the workers share (prometheus-client's multiprocess mode) and /metrics adds them up."""

import logging
import os
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector

log = logging.getLogger(__name__)

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)

REQUESTS = Counter(
    "tellonce_http_requests_total",
    "Requests answered, by view, method and status",
    ["view", "method", "status"],
)
LATENCY = Histogram(
    "tellonce_http_request_duration_seconds",
    "Time to answer a request, by view",
    ["view", "method"],
    buckets=LATENCY_BUCKETS,
)
EXCEPTIONS = Counter("tellonce_http_exceptions_total", "Requests that raised an exception, by view", ["view"])
DB_QUERIES = Counter("tellonce_db_queries_total", "Database queries made while answering requests", ["view"])
DB_ERRORS = Counter("tellonce_db_errors_total", "Database queries that raised an error", ["view"])
DB_TIME = Histogram(
    "tellonce_db_query_duration_seconds",
    "Time of each database query made while answering requests",
    buckets=(0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30),
)

Figures = Mapping[str, float | Mapping[str, float]]
COLLECTORS: dict[str, Callable[[], Figures]] = {}


def register(prefix: str, collect: Callable[[], Figures]) -> None:
    """Read `collect()` at every scrape; its figures become gauges named tellonce_<prefix>_<name>."""
    COLLECTORS[prefix] = collect


class _Registered(Collector):
    def collect(self) -> Iterable[Metric]:
        up = GaugeMetricFamily(
            "tellonce_collector_up", "1 when a registered collector answered", labels=["prefix"]
        )
        for prefix, collect in list(COLLECTORS.items()):
            try:
                figures = collect()
            except Exception:
                log.exception("The %s metrics collector failed", prefix)
                up.add_metric([prefix], 0.0)
                continue
            up.add_metric([prefix], 1.0)
            for name, value in figures.items():
                full = f"tellonce_{prefix}_{name}"
                if isinstance(value, Mapping):
                    gauge = GaugeMetricFamily(full, f"{prefix}: {name}", labels=["label"])
                    for label, number in value.items():
                        gauge.add_metric([str(label)], float(number))
                else:
                    gauge = GaugeMetricFamily(full, f"{prefix}: {name}", value=float(value))
                yield gauge
        yield up


REGISTERED = _Registered()
REGISTRY.register(REGISTERED)


def exposition() -> bytes:
    """The text a scrape reads: every process's figures in multiprocess mode, else this process's."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        registry.register(REGISTERED)
        return generate_latest(registry)
    return generate_latest(REGISTRY)


def view_label(request: Any) -> str:
    """The view's URL name (a bounded set), never the path, which holds record ids."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        return "<unresolved>"
    return match.view_name or "<unnamed>"
