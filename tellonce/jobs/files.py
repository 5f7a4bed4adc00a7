"""The pages of prepared files (ADR 70): a file's page, which refreshes itself until the file is
ready and then offers it, the person's list of their files, and the download. Each is the person's
who asked only (`PreparedFile.objects.visible_to`), and they must still have the producer's
capability; a file about a child is in the child's access log when shown and when downloaded."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from tellonce.accounts.policy import allows
from tellonce.core.access import signed_in
from tellonce.jobs.models import PreparedFile
from tellonce.jobs.prepared import PRODUCERS, Producer, hours_kept

# The page looks again by itself only when the person asks it to (WCAG 2.2.1: a refresh they did
# not choose moves a screen reader back to the top; axe fails a meta refresh under 20 hours).
REFRESH_SECONDS = 5


def _own(request: Any, pk: Any) -> tuple[PreparedFile, Producer]:
    prepared = get_object_or_404(
        PreparedFile.objects.visible_to(request.user).filter(expires_at__gt=timezone.now()), pk=pk
    )
    producer = PRODUCERS.get(prepared.kind)
    if producer is None:
        raise Http404("Nothing prepares files of this kind now")
    if not allows(request.user, producer.capability):
        raise PermissionDenied
    return prepared, producer


@signed_in
def prepared_file(request: Any, pk: Any) -> Any:
    prepared, producer = _own(request, pk)
    if prepared.child_id is not None and producer.shown is not None:
        producer.shown(request, prepared)
    return render(
        request,
        "jobs/prepared_file.jinja",
        {
            "title": prepared.title,
            "prepared": prepared,
            "watching": request.GET.get("watch") == "1" and not prepared.finished,
            "refresh": REFRESH_SECONDS,
            "back_link": producer.back(prepared) if producer.back else None,
        },
    )


@signed_in
def your_files(request: Any) -> Any:
    files = [
        prepared
        for prepared in PreparedFile.objects.visible_to(request.user).filter(expires_at__gt=timezone.now())
        if prepared.kind in PRODUCERS and allows(request.user, PRODUCERS[prepared.kind].capability)
    ]
    for prepared in files:
        producer = PRODUCERS[prepared.kind]
        if prepared.child_id is not None and producer.shown is not None:
            producer.shown(request, prepared)
    return render(
        request,
        "jobs/your_files.jinja",
        {"title": "Your files", "files": files, "hours": hours_kept().total_seconds() // 3600},
    )


@signed_in
def download(request: Any, pk: Any) -> Any:
    prepared, producer = _own(request, pk)
    if prepared.status != PreparedFile.Status.READY or not prepared.file:
        raise Http404("This file has no download")
    if prepared.child_id is not None and producer.downloaded is not None:
        producer.downloaded(request, prepared)
    return FileResponse(
        prepared.file.open("rb"),
        as_attachment=True,
        filename=prepared.filename,
        content_type=prepared.content_type or "application/octet-stream",
    )
