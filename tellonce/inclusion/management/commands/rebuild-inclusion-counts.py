"""Writes the attendance extracts' counts by school, need and SEN status (which the inclusion
measures read, ADR 75) again from the imported rows, in one transaction. Imports keep them; run it
after writing attendance rows outside `services.import_extract`."""

import time

from django.core.management.base import BaseCommand, CommandError

from tellonce.inclusion import services
from tellonce.organisations.councils import UnknownCouncil, council_named


class Command(BaseCommand):
    help = "Count every attendance extract again from its rows, for the inclusion measures."

    def add_arguments(self, parser):
        parser.add_argument("--council", help="Only this council (its DfE code); every council without it")

    def handle(self, *args, council: str | None, **options):
        started = time.monotonic()
        try:
            la = council_named(council) if council else None
        except UnknownCouncil as bad:
            raise CommandError(f"{bad}. Nothing was counted.") from None
        extracts, groups = services.rebuild_counts(la)
        self.stdout.write(
            f"Counted {extracts:,} attendance extracts into {groups:,} groups "
            f"in {time.monotonic() - started:.1f}s"
        )
