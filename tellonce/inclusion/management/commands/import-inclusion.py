from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tellonce.accounts.actors import Actor, Channel
from tellonce.accounts.models import User
from tellonce.core.time import uk_today
from tellonce.domain.inclusion import Term
from tellonce.inclusion import services
from tellonce.inclusion.models import ExtractKind
from tellonce.organisations.councils import UnknownCouncil, council_named


class Command(BaseCommand):
    help = "Import one of the council's termly inclusion extracts (docs/inclusion-import.md). All or nothing."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--kind", required=True, choices=ExtractKind.values)
        parser.add_argument("--term", required=True, help="The term, like '2025/26 autumn'")
        parser.add_argument("--council", help="The council's DfE code, if there are several")

    def handle(self, *args, file: Path, kind: str, term: str, council: str | None, **options):
        try:
            la = council_named(council)
            when = Term.parse(term)
        except (UnknownCouncil, ValueError) as bad:
            raise CommandError(f"{bad}. Nothing was imported.") from None
        try:
            text = file.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        by = Actor.command(User.system_account(), "import-inclusion", channel=Channel.IMPORT)
        try:
            result = services.import_extract(
                la, ExtractKind(kind), when, text, by=by, today=uk_today(), file_name=file.name
            )
        except services.ExtractError as bad:
            for error in bad.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"{len(bad.errors)} problem(s) in {file}. Nothing was imported.") from None
        self.stdout.write(
            f"{result.rows} rows of {result.extract}: {result.matched} matched to a child, "
            f"{result.queued} pupils with SEN sent to the matching queue."
        )
