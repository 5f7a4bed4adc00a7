import json
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.core.time import uk_today
from tellonce.interchange.cases import export_cases, export_csv


class Command(BaseCommand):
    help = (
        "Export children, EHC needs assessments, EHC plans and their reviews with their computed "
        "deadlines (docs/import-format.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "csv"], default="json")
        parser.add_argument(
            "--table",
            choices=["assessments", "advice", "plans", "reviews", "placements"],
            default="assessments",
            help="For CSV: one row per assessment, advice request, plan, review or placement",
        )
        parser.add_argument("--as-of", type=date.fromisoformat, help="The day treated as today (YYYY-MM-DD)")
        parser.add_argument("--output", type=Path, help="Write to this file instead of standard output")

    def handle(self, *args, format, table, as_of, output, **options):
        # Whoever runs a command on the server reaches every council's records: the log says so.
        by = Actor.command(User.system_account(), "export-cases", relationship="operator")
        records = export_cases(as_of=as_of or uk_today(), by=by)
        text = json.dumps(records, indent=2) + "\n" if format == "json" else export_csv(records, table=table)
        if output:
            output.write_text(text, encoding="utf-8")
            self.stderr.write(
                f"Wrote {len(records['assessments']):,} assessments and {len(records['plans']):,} plans to {output}"
            )
        else:
            self.stdout.write(text, ending="")
