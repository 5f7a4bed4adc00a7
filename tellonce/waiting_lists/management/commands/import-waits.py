from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tellonce.core.time import uk_today
from tellonce.organisations.councils import UnknownCouncil, council_named
from tellonce.waiting_lists.extracts import ExtractError, import_extract
from tellonce.waiting_lists.models import WaitingService


class Command(BaseCommand):
    help = "Import a provider's waiting-list extract for one service (docs/import-format.md). All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--service", required=True, help="The service's code, e.g. slt")
        parser.add_argument(
            "--council", help="The council the service serves (its DfE code), if there are several"
        )

    def handle(self, *args, file: Path, service: str, council: str | None, **options):
        try:
            la = council_named(council)
        except UnknownCouncil as unknown:
            raise CommandError(f"{unknown}. Nothing was imported.") from None
        services = WaitingService.objects.of_council(la.pk)
        found = services.filter(code=service).first()
        if found is None:
            codes = ", ".join(services.values_list("code", flat=True)) or "none yet"
            raise CommandError(f"No service with the code {service!r} (known: {codes})")
        try:
            result = import_extract(found, file.read_text(encoding="utf-8-sig"), today=uk_today())
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except ExtractError as bad:
            for error in bad.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"{len(bad.errors)} problem(s) in {file}. Nothing was imported.") from None
        self.stdout.write(
            f"{result.created} new referrals, {result.updated} updated, "
            f"{result.unmatched} sent to the review queue (no child with that NHS number)."
        )
