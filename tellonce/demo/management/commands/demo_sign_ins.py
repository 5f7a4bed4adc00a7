from django.core.management.base import BaseCommand

from tellonce.demo.foundation import sign_ins_table


class Command(BaseCommand):
    help = "Print the demo area's sign-ins."

    def handle(self, *args, **options):
        self.stdout.write(sign_ins_table())
