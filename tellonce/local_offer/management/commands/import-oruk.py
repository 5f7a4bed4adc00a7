"""`tellonce import-oruk FILE.json [FILE.json ...]`: bring a council's directory in from ORUK 3.0 JSON.
Each file is all or nothing; every refused record is listed with its reason."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError

from tellonce.core.time import uk_today
from tellonce.local_offer.oruk.interchange import FeedRefused, import_feed
from tellonce.organisations.councils import UnknownCouncil, council_named


class Command(BaseCommand):
    help = "Import services from Open Referral UK 3.0 JSON files (a page, one service, or a list)"

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", type=Path)
        parser.add_argument(
            "--council", help="The council whose Local Offer it is (its DfE code), if there are several"
        )

    def handle(self, *args, files, council=None, **options):
        try:
            local_authority = council_named(council)
        except UnknownCouncil as unknown:
            raise CommandError(f"{unknown}. Nothing was imported.") from None
        refused = 0
        for path in files:
            try:
                outcome = import_feed(
                    path.read_text(encoding="utf-8"), today=uk_today(), local_authority=local_authority
                )
            except OSError as error:
                raise CommandError(f"{path}: cannot be read ({error.strerror})") from None
            except FeedRefused as error:
                refused += 1
                self.stderr.write(f"{path}: refused, {error}")
                for problem in error.problems:
                    self.stderr.write(f"  {problem}")
                continue
            except DatabaseError as error:
                refused += 1
                self.stderr.write(f"{path}: refused, the records clash with what is already here ({error})")
                continue
            for warning in outcome.warnings:
                self.stdout.write(f"  warning: {warning}")
            self.stdout.write(f"{path}: {outcome.created} services added, {outcome.updated} updated")
        if refused:
            raise CommandError(f"{refused} of {len(files)} files refused")
