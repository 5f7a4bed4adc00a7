"""`tellonce export-oruk [--out FILE]`: the whole published directory as one ORUK 3.0 page of
fully nested services, which `import-oruk` reads back."""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from tellonce.local_offer.oruk.interchange import export_feed
from tellonce.organisations.councils import UnknownCouncil, council_named


class Command(BaseCommand):
    help = "Export every published service as Open Referral UK 3.0 JSON"

    def add_arguments(self, parser):
        parser.add_argument("--out", help="File to write (default: standard output)")
        parser.add_argument(
            "--council", help="The council whose Local Offer it is (its DfE code), if there are several"
        )

    def handle(self, *args, out=None, council=None, **options):
        try:
            local_authority = council_named(council)
        except UnknownCouncil as unknown:
            raise CommandError(str(unknown)) from None
        feed = export_feed(local_authority)
        text = json.dumps(feed, indent=1, ensure_ascii=False)
        if out:
            with open(out, "w", encoding="utf-8") as handle:
                handle.write(text)
            self.stderr.write(f"{feed['total_items']} services written to {out}")
        else:
            sys.stdout.write(text + "\n")
