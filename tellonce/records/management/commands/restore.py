import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from tellonce.records.backups import BackupRefused, Database, restore, verify
from tellonce.records.storage import uploads_folder


class Command(BaseCommand):
    help = (
        "Restore a backup made by `tellonce backup` into an empty database, once every checksum in its "
        "manifest matches; the uploaded files go back into the storage folder."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", type=Path, help="The backup's folder")
        parser.add_argument("--database", default="default", help="The database alias in the settings")
        parser.add_argument("--check", action="store_true", help="Only check the checksums; restore nothing")

    def handle(self, *args, folder, database, check, **options):
        started = time.monotonic()
        connections[database].close()  # pg_restore must find no session of ours holding the database
        try:
            if check:
                manifest = verify(folder)
                self.stdout.write(
                    f"Every checksum matches: a backup of Tellonce {manifest['tellonce_version']}."
                )
                return
            manifest = restore(
                folder,
                Database.of(connections[database].settings_dict),
                uploads_folder(),
                say=self.stdout.write,
            )
        except BackupRefused as refused:
            raise CommandError(str(refused)) from None
        self.stdout.write(
            f"Restored the backup made at {manifest['made_at']} (Tellonce {manifest['tellonce_version']}) "
            f"in {time.monotonic() - started:.1f} seconds."
        )
