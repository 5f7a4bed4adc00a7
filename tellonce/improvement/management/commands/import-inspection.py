import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.improvement import services
from tellonce.improvement.importing import ImportProblem, details_from_json, extract, rows_from_json
from tellonce.organisations.councils import UnknownCouncil, council_named
from tellonce.organisations.models import LocalAuthority


class Command(BaseCommand):
    help = (
        "Read an Ofsted and CQC area SEND inspection report or letter (PDF or text). With --json, "
        "print what was found (docs/inspection-import.md) and save nothing; without, save it."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--json", action="store_true", help="Print the findings as JSON; save nothing")
        parser.add_argument(
            "--council",
            "--local-authority",
            dest="local_authority",
            help="The council's 3-digit DfE code (default: the only one)",
        )
        parser.add_argument("--by", help="The username the import is recorded against")

    def handle(self, *args, file: Path, json: bool, local_authority: str | None, by: str | None, **options):
        try:
            data = file.read_bytes()
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except IsADirectoryError:
            raise CommandError(f"{file} is a folder, not a file") from None
        try:
            found = extract(data, filename=file.name)
        except ImportProblem as problem:
            raise CommandError(f"{file}: {problem}. Nothing was saved.") from None
        if json:
            self.stdout.write(_dumps(found))
            return
        la = self._local_authority(local_authority)
        user = User.objects.filter(username=by).first() if by else None
        if by and user is None:
            raise CommandError(f"No user called {by!r}. Nothing was saved.")
        inspection = services.save_inspection(
            by=Actor.command(user or User.system_account(), "import-inspection"),
            local_authority=la,
            details=details_from_json(found),
            findings=rows_from_json(found),
            extracted=found,
            source_name=file.name,
        )
        self.stdout.write(
            f"Saved the {inspection.get_kind_display().lower()} of {inspection.area or 'the area'} "
            f"({inspection.findings.count()} findings) as {inspection.pk}."
        )
        for note in found["notes"]:
            self.stdout.write(f"  Check: {note}")

    def _local_authority(self, code: str | None) -> LocalAuthority:
        try:
            return council_named(code)
        except UnknownCouncil as unknown:
            raise CommandError(f"{unknown}. Nothing was saved.") from None


def _dumps(found: dict) -> str:
    return json.dumps(found, indent=2, ensure_ascii=False)
