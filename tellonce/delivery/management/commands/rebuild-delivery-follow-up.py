"""Works out again what each commitment keeps for the follow-up pages and My work: the weeks of
provision missed and whether the family reported provision not received since the coordinator last
acted (tellonce.delivery.kept, ADR 96), a batch of commitments to a transaction. The services keep
them; run it after writing delivery records, family reports or follow-ups outside them."""

import time

from django.core.management.base import BaseCommand, CommandError

from tellonce.delivery import kept
from tellonce.organisations.councils import UnknownCouncil, council_named


class Command(BaseCommand):
    help = "Work out again every commitment's weeks missed and family's reports since the coordinator last acted."

    def add_arguments(self, parser):
        parser.add_argument("--council", help="Only this council (its DfE code); every council without it")

    def handle(self, *args, council: str | None, **options):
        started = time.monotonic()
        try:
            la = council_named(council) if council else None
        except UnknownCouncil as bad:
            raise CommandError(f"{bad}. Nothing was worked out.") from None

        def say(done: int, total: int) -> None:
            self.stdout.write(f"  [{time.monotonic() - started:6.1f}s] commitments: {done:,} of {total:,}")

        total = kept.rebuild(la.pk if la else None, say=say)
        self.stdout.write(f"Done: {total:,} commitments worked out in {time.monotonic() - started:.1f}s")
