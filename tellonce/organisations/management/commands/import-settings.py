from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tellonce.accounts.actors import Actor, Channel
from tellonce.accounts.models import User
from tellonce.core.db import refresh_planner_statistics
from tellonce.core.interchange import ImportFailed
from tellonce.organisations import services
from tellonce.organisations.gias import decode
from tellonce.organisations.models import LocalAuthority


class Command(BaseCommand):
    help = (
        "Create or update the council's schools, colleges and other settings from GIAS's establishment "
        "file (edubasealldataYYYYMMDD.csv; docs/gias-import.md). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument(
            "--local-authority", help="The council's 3-digit DfE code (default: the only one)"
        )
        parser.add_argument(
            "--all-councils",
            action="store_true",
            help="Load every council's open establishments, not only those with the council's LA code",
        )
        parser.add_argument("--by", help="The username the import is recorded against")

    def handle(self, *args, file: Path, local_authority, all_councils: bool, by, **options):
        try:
            text = decode(file.read_bytes())
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except IsADirectoryError:
            raise CommandError(f"{file} is a folder, not a file") from None
        council = self._council(local_authority)
        user = User.objects.filter(username=by).first() if by else User.system_account()
        if user is None:
            raise CommandError(f"No user called {by!r}. Nothing was imported.")
        where = "every council" if all_councils else f"LA {council.code}"
        self.stdout.write(f"Checking {file} for the open establishments of {where}...")
        try:
            result = services.import_gias(
                text,
                by=Actor.command(user, "import-settings", channel=Channel.IMPORT),
                local_authority=council,
                all_councils=all_councils,
                progress=self.stdout.write,
            )
        except ImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"{len(failed.errors)} problem(s) in {file}. Nothing was imported.") from None
        refresh_planner_statistics()
        self.stdout.write(
            f"{result.created:,} new settings, {result.updated:,} changed, {result.unchanged:,} already up to date "
            f"(of {result.rows:,} rows: {result.other_councils:,} other councils', {result.not_open:,} not open, "
            f"{result.not_settings:,} not settings a child is placed in)."
        )

    def _council(self, code: str | None) -> LocalAuthority:
        if code:
            council = LocalAuthority.objects.filter(code=code).first()
            if council is None:
                raise CommandError(f"No local authority with the code {code!r}. Nothing was imported.")
            return council
        councils = list(LocalAuthority.objects.all()[:2])
        if len(councils) != 1:
            raise CommandError("Say which council with --local-authority CODE. Nothing was imported.")
        return councils[0]
