from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tellonce.core.time import uk_today
from tellonce.organisations.models import LocalAuthority
from tellonce.waiting_lists.extracts import ExtractError, import_extract
from tellonce.waiting_lists.models import WaitingService


class Command(BaseCommand):
    help = "Import a provider's waiting-list extract for one service (docs/import-format.md). All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--service", required=True, help="The service's code, e.g. slt")

    def handle(self, *args, file: Path, service: str, **options):
        found = WaitingService.objects.filter(code=service).first()
        if found is None:
            codes = ", ".join(WaitingService.objects.values_list("code", flat=True)) or "none yet"
            raise CommandError(f"No service with the code {service!r} (known: {codes})")
        la = LocalAuthority.objects.order_by("pk").first()
        if la is None:
            raise CommandError("There is no local authority yet")
        try:
            result = import_extract(
                found, file.read_text(encoding="utf-8-sig"), today=uk_today(), local_authority_id=la.pk
            )
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
