from collections import Counter
from contextlib import nullcontext
from datetime import date
from pathlib import Path

from django.core.management.base import BaseCommand

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.assessments.models import AssessmentRequest
from tellonce.core.time import uk_today
from tellonce.interchange.cases import csv_sections, stream_cases, write_csv, write_json
from tellonce.interchange.plans import plans_to_export


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
        day = as_of or uk_today()
        counts: Counter = Counter()

        def counted(stream):
            for section, record in stream:
                counts[section] += 1
                yield section, record

        # Written as it is read, a chunk of rows at a time: memory does not grow with the council (ADR 0076).
        with (
            output.open("w", encoding="utf-8", newline="")
            if output
            else nullcontext(_Raw(self.stdout)) as out
        ):
            if format == "json":
                write_json(out, as_of=day, stream=counted(stream_cases(as_of=day, by=by)))
            else:
                write_csv(
                    out, counted(stream_cases(as_of=day, by=by, sections=csv_sections(table))), table=table
                )
        if output:
            assessments = (
                counts["assessments"] if format == "json" or table in ("assessments", "advice") else None
            )
            plans = counts["plans"] if format == "json" or table not in ("assessments", "advice") else None
            if assessments is None:
                assessments = AssessmentRequest.objects.count()
            if plans is None:
                plans = plans_to_export().count()
            self.stderr.write(f"Wrote {assessments:,} assessments and {plans:,} plans to {output}")


class _Raw:
    """Standard output written as given (Django's wrapper would end each write with a new line)."""

    def __init__(self, wrapper):
        self.wrapper = wrapper

    def write(self, text: str) -> None:
        self.wrapper.write(text, ending="")
