"""The administrator's page of background work: the workers, the schedule and its runs, and the
tasks that failed every try, each of which can be put back in the queue."""

from typing import Any

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core.refusals import InvalidStep
from tellonce.core.time import uk_today
from tellonce.jobs import metrics, schedule, services
from tellonce.jobs.health import worker_heartbeat_check
from tellonce.jobs.models import DeadLetter, JobRun, WorkerHeartbeat


@requires(Capability.WATCH_BACKGROUND_WORK)
def background_work(request: Any) -> Any:
    name, ok, detail = worker_heartbeat_check()
    letters = DeadLetter.objects.visible_to(request.user)
    return render(
        request,
        "jobs/background_work.jinja",
        {
            "title": "Background work",
            "worker_ok": ok,
            "worker_detail": detail,
            "workers": WorkerHeartbeat.objects.order_by("-beat_at")[:10],
            "numbers": metrics.collect(),
            "unretried": letters.filter(retried_at__isnull=True).count(),
            "jobs": schedule.discover().values(),
            "runs": JobRun.objects.all()[:50],
            "letters": letters.select_related("retried_by")[:100],
        },
    )


@requires(Capability.WATCH_BACKGROUND_WORK)
@require_POST
def retry(request: Any, pk: int) -> Any:
    letter = get_object_or_404(DeadLetter.objects.visible_to(request.user), pk=pk)
    try:
        services.retry_dead_letter(letter.pk, by=Actor.of(request), today=uk_today())
    except InvalidStep as refused:
        messages.error(request, str(refused))
    else:
        messages.success(request, f"{letter.task_name} is back in the queue")
    return redirect("jobs:background-work")
