from django.core.management.base import BaseCommand, CommandError

from tellonce.core.time import uk_today
from tellonce.organisations.councils import UnknownCouncil, council_named
from tellonce.records.retention import report


class Command(BaseCommand):
    help = (
        "List what the retention schedule makes due for disposal, by kind, with counts and the oldest date."
    )

    def add_arguments(self, parser):
        parser.add_argument("--council", help="The council's DfE code (needed when there are several)")

    def handle(self, *args, council, **options):
        try:
            found = council_named(council)
        except UnknownCouncil as error:
            raise CommandError(str(error)) from None
        self.stdout.write(report(found, today=uk_today()))
