from django.core.management.base import BaseCommand

from tellonce.accounts.policy import as_markdown


class Command(BaseCommand):
    help = (
        "Print the permission policy: which role may do what, and how far (a Markdown table, the "
        "same as docs/permissions.md)."
    )

    def handle(self, *args, **options):
        self.stdout.write(as_markdown(), ending="")
