from django.apps import AppConfig
from django.conf import settings


class JobsConfig(AppConfig):
    name = "tellonce.jobs"
    label = "jobs"
    verbose_name = "Background work: the task queue, its worker, retries, dead letters and the schedule"

    def ready(self) -> None:
        """Join the worker to the service's probes: `/readyz` asks for its heartbeat when tasks wait
        for a worker (not when they run inside the request), and `/metrics` reads its queue."""
        from tellonce.jobs import health, metrics
        from tellonce.operations import health as readiness
        from tellonce.operations import metrics as figures

        if uses_worker() and health.worker_heartbeat_check not in readiness.CHECKS:
            readiness.CHECKS.append(health.worker_heartbeat_check)
        figures.register("jobs", metrics.collect)


def uses_worker() -> bool:
    """True when tasks are queued for `tellonce worker` rather than run as they are enqueued."""
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    return not backend.endswith("ImmediateBackend") and not backend.endswith("DummyBackend")
