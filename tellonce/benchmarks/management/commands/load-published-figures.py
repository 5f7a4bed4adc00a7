from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tellonce.benchmarks import loading
from tellonce.core.interchange import ImportFailed


class Command(BaseCommand):
    help = (
        "Load the DfE's published EHC plan figures and the SEND Tribunal appeal rates from a folder of "
        "their CSV files (docs/partnership-dashboard.md). All or nothing; loading a file again replaces "
        "its release. --trim-to FOLDER instead writes the trimmed copy the repository keeps."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder",
            type=Path,
            nargs="?",
            default=loading.PUBLISHED,
            help="default: the copy kept in Tellonce",
        )
        parser.add_argument(
            "--trim-to", type=Path, help="Write the total rows only to this folder; load nothing"
        )

    def handle(self, *args, folder: Path, trim_to: Path | None, **options):
        if not folder.is_dir():
            raise CommandError(f"{folder} is not a folder")
        if trim_to is not None:
            for name, rows in loading.trim(folder, trim_to).items():
                self.stdout.write(f"{name}: {rows:,} rows kept")
            return
        try:
            loaded = loading.load(folder, progress=self.stdout.write)
        except ImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"{len(failed.errors)} problem(s) in {folder}. Nothing was loaded.") from None
        self.stdout.write(
            f"Loaded {sum(loaded.releases.values()):,} published figures from {len(loaded.releases)} files."
        )
