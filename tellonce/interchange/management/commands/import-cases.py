import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tellonce.core.db import refresh_planner_statistics
from tellonce.core.time import uk_today
from tellonce.interchange.cases import ImportFailed, import_cases


class Command(BaseCommand):
    help = (
        "Import children, EHC needs assessments, EHC plans and their annual reviews from a JSON file "
        "(docs/import-format.md). All or nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except (json.JSONDecodeError, UnicodeDecodeError) as bad:
            raise CommandError(f"{file}: not valid JSON ({bad}). Nothing was imported.") from None
        self.stdout.write(f"Checking {file}...")
        try:
            result = import_cases(data, today=uk_today(), progress=self.stdout.write)
        except ImportFailed as failed:
            for error in failed.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"{len(failed.errors)} problem(s) in {file}. Nothing was imported.") from None
        refresh_planner_statistics()
        counts = (
            f"Imported {result.children:,} children, {result.assessments:,} assessments, "
            f"{result.advice_requests:,} advice requests"
        )
        if result.plans:
            counts += (
                f", {result.exceptions:,} exceptions, {result.plans:,} plans and {result.reviews:,} reviews"
            )
        else:
            counts += f" and {result.exceptions:,} exceptions"
        self.stdout.write(f"{counts} from {file}.")
