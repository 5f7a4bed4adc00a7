"""A provider's waiting-list extract imported off the request (ADR 70): the upload is checked on
the page (core/uploads.py), kept in the private storage, and imported by the worker, all or nothing
as before; what it did, or every problem, is shown on the file's page."""

from typing import IO

from django.urls import reverse

from tellonce.accounts.policy import Capability
from tellonce.core.time import uk_today
from tellonce.jobs.models import PreparedFile
from tellonce.jobs.prepared import CannotPrepare, Made, Producer
from tellonce.waiting_lists import extracts
from tellonce.waiting_lists.models import WaitingService

EXTRACT = "waiting-list-extract"


def _import(prepared: PreparedFile, out: IO[bytes]) -> Made:
    # The service the manager may manage now, not only when they uploaded.
    service = (
        WaitingService.objects.within_scope(prepared.requested_by, Capability.MANAGE_WAITING_LIST)
        .filter(code=prepared.parameters["service"])
        .first()
    )
    if service is None:
        raise CannotPrepare("You no longer manage this waiting list, so the extract was not imported.")
    with prepared.upload.open("rb") as upload:
        text = upload.read().decode("utf-8-sig", "replace")
    try:
        result = extracts.import_extract(service, text, today=uk_today())
    except extracts.ExtractError as bad:
        raise CannotPrepare(
            "The extract was not imported: nothing has changed. Correct the file and upload it again.",
            problems=list(bad.errors),
        ) from bad
    return Made(
        outcome=[
            f"{result.created} new referrals, {result.updated} updated, "
            f"{result.unmatched} sent to the review queue."
        ]
    )


producer = Producer(
    name=EXTRACT,
    capability=Capability.MANAGE_WAITING_LIST,
    make=_import,
    back=lambda prepared: reverse("waiting_lists:service", args=[prepared.parameters["service"]]),
)
