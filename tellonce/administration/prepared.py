"""Loading a GIAS establishment file off the request (ADR 70): the upload is checked on the page
(core/uploads.py), kept in the private storage, and read by the worker as the administrator who
uploaded it; all or nothing as before, its problems or what it did shown on the file's page."""

from typing import IO

from django.urls import reverse

from tellonce.accounts.policy import Capability
from tellonce.administration import services
from tellonce.core.interchange import ImportFailed
from tellonce.jobs.models import PreparedFile
from tellonce.jobs.prepared import CannotPrepare, Made, Producer, actor_of
from tellonce.organisations.gias import decode

GIAS_UPLOAD = "gias-upload"


def _load(prepared: PreparedFile, out: IO[bytes]) -> Made:
    with prepared.upload.open("rb") as upload:
        text = decode(upload.read())
    try:
        result = services.load_gias(text, by=actor_of(prepared))
    except ImportFailed as failed:
        raise CannotPrepare(
            f"The file was not loaded: {len(failed.errors)} "
            f"{'problem' if len(failed.errors) == 1 else 'problems'} to put right. Nothing was changed. "
            "Correct the file and upload it again.",
            problems=failed.errors,
        ) from failed
    return Made(
        outcome=[
            f"File loaded: {result.created} added, {result.updated} changed, {result.unchanged} unchanged.",
            f"Of the file's {result.rows:,} rows, {result.other_councils:,} were other councils' "
            f"establishments, {result.not_open:,} were not open and {result.not_settings:,} were not "
            "settings a child is placed in.",
        ]
    )


producer = Producer(
    name=GIAS_UPLOAD,
    capability=Capability.MANAGE_ORGANISATIONS,
    make=_load,
    back=lambda prepared: reverse("administration:settings"),
)
