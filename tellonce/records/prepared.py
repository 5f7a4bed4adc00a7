"""The subject access export as a prepared file (ADR 70): the ZIP is written by the worker, a part
at a time into a temporary file (zipfile streams each CSV and JSON, and each document in chunks),
so a child with a long history neither holds up the page nor fills the memory."""

from typing import IO, Any

from django.urls import reverse

from tellonce.accounts.policy import Capability
from tellonce.audit.shown import exported, shown
from tellonce.core.time import uk_today
from tellonce.jobs.models import PreparedFile
from tellonce.jobs.prepared import Made, Producer
from tellonce.records import subject_access

SUBJECT_ACCESS = "subject-access"


def _make(prepared: PreparedFile, out: IO[bytes]) -> Made:
    today = uk_today()
    written = subject_access.write(prepared.child, out, today=today)
    return Made(
        filename=f"subject-access-{prepared.child_id}-{today:%Y-%m-%d}.zip",
        content_type="application/zip",
        outcome=[f"The ZIP file holds {written.files} files, described in its index.html."],
    )


def _shown(request: Any, prepared: PreparedFile) -> None:
    shown(request, prepared.child_id, what="Viewed the subject access export's page")


def _downloaded(request: Any, prepared: PreparedFile) -> None:
    exported(request, [prepared.child_id], what="Downloaded the subject access export")


def _back(prepared: PreparedFile) -> str:
    return reverse("workspace:child", args=[prepared.child_id])


producer = Producer(
    name=SUBJECT_ACCESS,
    capability=Capability.EXPORT_RECORD,
    make=_make,
    shown=_shown,
    downloaded=_downloaded,
    back=_back,
)
