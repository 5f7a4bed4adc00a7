"""`tellonce load-postcode-districts FILE.csv`: postcode district centres for distance search.

The CSV has columns district,latitude,longitude (for example from ONS's postcode directory,
averaged by district, or the open "postcode districts" lists). Existing districts are updated."""

import csv
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from tellonce.local_offer.forms import DISTRICT
from tellonce.local_offer.models import IndexState, PostcodeDistrict


class Command(BaseCommand):
    help = "Load postcode district centres (district,latitude,longitude) for 'within N miles'"

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        rows, problems = [], []
        with file.open(encoding="utf-8-sig", newline="") as handle:
            for n, row in enumerate(csv.DictReader(handle), 2):
                district = (row.get("district") or "").strip().upper()
                try:
                    lat, lon = float(row["latitude"]), float(row["longitude"])
                except (KeyError, TypeError, ValueError):
                    problems.append(f"line {n}: latitude and longitude must be numbers")
                    continue
                if not DISTRICT.match(district) or not (49 <= lat <= 61 and -9 <= lon <= 2):
                    problems.append(f"line {n}: {district or 'no district'} is not a UK postcode district")
                    continue
                rows.append((district, lat, lon))
        if problems:
            raise CommandError("Nothing loaded:\n  " + "\n  ".join(problems[:50]))
        with transaction.atomic():
            for district, lat, lon in rows:
                PostcodeDistrict.objects.update_or_create(
                    district=district, defaults={"latitude": lat, "longitude": lon}
                )
            IndexState.bump_all()
        self.stdout.write(f"{len(rows)} postcode districts loaded")
