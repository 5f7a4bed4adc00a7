"""`tellonce create-admin`: the first administrator of a real installation, or of a council newly
added to it. Everyone else is then invited from the administration pages."""

import getpass
import sys

from django.core.management.base import BaseCommand, CommandError

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.administration.services import create_first_administrator
from tellonce.core.refusals import InvalidStep


class Command(BaseCommand):
    help = (
        "Create an administrator for a council (adding the council if it is new). The password is "
        "asked for twice, or read from standard input with --password-stdin."
    )

    def add_arguments(self, parser):
        parser.add_argument("--council", required=True, help="The council's 3-digit DfE LA code, e.g. 886")
        parser.add_argument("--council-name", default="", help="The council's name, when it is new here")
        parser.add_argument("--username", required=True)
        parser.add_argument("--email", required=True)
        parser.add_argument("--first-name", required=True)
        parser.add_argument("--last-name", required=True)
        parser.add_argument(
            "--password-stdin",
            action="store_true",
            help="Read the password from the first line of standard input",
        )

    def handle(self, *args, **options):
        password = self._password(options["password_stdin"])
        try:
            user = create_first_administrator(
                council_code=options["council"],
                council_name=options["council_name"],
                username=options["username"],
                first_name=options["first_name"],
                last_name=options["last_name"],
                email=options["email"],
                password=password,
                by=Actor.command(User.system_account(), "create-admin"),
            )
        except InvalidStep as refused:
            raise CommandError("\n".join(refused.problems)) from None
        self.stdout.write(
            f"{user.get_full_name()} ({user.username}) can now sign in as an administrator of "
            f"{user.local_authority}. At their first sign-in they will set up an authenticator app."
        )

    def _password(self, from_stdin: bool) -> str:
        if from_stdin:
            return sys.stdin.readline().rstrip("\n")
        if not sys.stdin.isatty():
            raise CommandError("Give the password with --password-stdin, or run this in a terminal")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password again: "):
            raise CommandError("The two passwords are not the same")
        return first
