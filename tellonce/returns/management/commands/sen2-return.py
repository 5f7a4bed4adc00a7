from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.audit.services import record_exported
from tellonce.returns import sen2, writer

PROGRESS_EVERY = 1000


class Command(BaseCommand):
    help = (
        "Write the SEN2 person-level return for a collection year, checked against that year's "
        "schema (docs/sen2-return.md); --check runs the business rules and the schema only."
    )

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="The collection year, e.g. 2026")
        parser.add_argument("--output", type=Path, help="The XML file to write")
        parser.add_argument("--check", action="store_true", help="Check the return without writing it")
        parser.add_argument("--council", help="The council's 3-digit LA code (when there are several)")

    def handle(self, *args, year, output, check, council, **options):
        if not check and output is None:
            raise CommandError("Give --output FILE.xml, or --check to check without writing")
        try:
            prepared = sen2.prepare(sen2.council_for(council), year)
        except (sen2.UnknownCouncil, ValueError) as problem:
            raise CommandError(str(problem)) from None
        census = prepared.census
        self.stderr.write(
            f"SEN2 {year} for {prepared.council.name} ({prepared.council.code}): census day "
            f"{census.reference_date:%-d %B %Y}, flows for {census.flow_start.year}"
        )
        if check:
            self._check(prepared)
        else:
            self._write(prepared, output)

    def _progress(self, count: int) -> None:
        if count % PROGRESS_EVERY == 0:
            self.stderr.write(f"  {count:,} people…")

    def _check(self, prepared) -> None:
        checked = sen2.check(prepared, progress=self._progress)
        for name, label in sen2.MODULES:
            self.stdout.write(f"{label}: {checked.counts[name]:,}")
        for failure in checked.failures:
            where = f"Person {failure.person}" if failure.person else "Header"
            self.stdout.write(f"{where}: {failure.rule.id} {failure.rule.title}: {failure.message}")
        for error in checked.schema_errors:
            self.stdout.write(f"Schema: {error}")
        if not checked.passes:
            self.stderr.write(
                f"{len(checked.failures):,} business rule failures and {len(checked.schema_errors):,} schema errors"
            )
            raise SystemExit(1)
        self.stderr.write("Every business rule and the schema pass.")

    def _write(self, prepared, output: Path) -> None:
        children = []

        def persons():
            for reported in prepared.reported():
                children.append(reported.child_id)
                yield reported.person

        try:
            count = writer.write_checked(output, prepared.header, persons(), progress=self._progress)
        except writer.SchemaInvalid as invalid:
            for error in invalid.errors:
                self.stderr.write(str(error))
            self.stderr.write(
                f"The return breaks the {prepared.census.year} schema, so {output} was not written."
            )
            raise SystemExit(1) from None
        # Whoever runs a command on the server reaches every child in the return: the log says so.
        by = Actor.command(User.system_account(), "sen2-return", relationship="operator")
        record_exported(by, children, what=f"Sent in the SEN2 {prepared.census.year} return")
        self.stderr.write(f"Wrote {count:,} people to {output}")
