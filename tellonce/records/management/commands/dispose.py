from django.core.management.base import BaseCommand, CommandError

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.core.time import uk_today
from tellonce.organisations.councils import UnknownCouncil, council_named
from tellonce.records import services
from tellonce.records.retention import report


class Command(BaseCommand):
    help = (
        "Dispose of what the retention schedule makes due: children's records anonymised, the rest "
        "deleted, each kind in the disposal record. Without --confirm, only reports what would go."
    )

    def add_arguments(self, parser):
        parser.add_argument("--council", help="The council's DfE code (needed when there are several)")
        parser.add_argument("--confirm", action="store_true", help="Dispose of them (otherwise a dry run)")
        parser.add_argument("--by", default="", help="The username of the person responsible")

    def handle(self, *args, council, confirm, by, **options):
        try:
            found = council_named(council)
        except UnknownCouncil as error:
            raise CommandError(str(error)) from None
        self.stdout.write(report(found, today=uk_today()))
        if not confirm:
            self.stdout.write("Nothing was disposed of: run again with --confirm to dispose of them.")
            return
        user = User.objects.filter(username=by).first() if by else User.system_account()
        if user is None:
            raise CommandError(f"No account has the username {by!r}")
        for done in services.dispose(found, by=Actor.command(user, "tellonce dispose"), today=uk_today()):
            self.stdout.write(f"  {done.kind}: {done.count:,} disposed of, {done.kept:,} kept")
        self.stdout.write("Disposed of; each kind is in the disposal record.")
