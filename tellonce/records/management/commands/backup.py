import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections
from django.db.migrations.recorder import MigrationRecorder

from tellonce.records.backups import BackupRefused, Database, backup
from tellonce.records.storage import uploads_folder


def applied_migrations(alias: str) -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in sorted(MigrationRecorder(connections[alias]).applied_migrations()):
        applied.setdefault(app, []).append(name)
    return applied


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump's custom format, or SQLite's online backup) and the uploaded "
        "files into a new folder, with a manifest of SHA-256 checksums. Secrets are not included."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, type=Path, help="A new or empty folder")
        parser.add_argument("--database", default="default", help="The database alias in the settings")

    def handle(self, *args, output, database, **options):
        started = time.monotonic()
        try:
            manifest = backup(
                Database.of(connections[database].settings_dict),
                uploads_folder(),
                output,
                migrations=applied_migrations(database),
                say=self.stdout.write,
            )
        except BackupRefused as refused:
            raise CommandError(str(refused)) from None
        for name, about in manifest["files"].items():
            self.stdout.write(f"  {name}: {about['bytes']:,} bytes, sha256 {about['sha256']}")
        self.stdout.write(f"Backed up into {output} in {time.monotonic() - started:.1f} seconds.")
