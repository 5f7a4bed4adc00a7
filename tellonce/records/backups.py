"""Backing up the database and the uploaded files into one folder, and restoring it into an
empty database (docs/backup-and-restore.md).

PostgreSQL is dumped with `pg_dump --format=custom` and restored with `pg_restore`; SQLite is
copied with its online backup API, which is safe while the service runs. The uploaded files (the
reports attached to advice) go into a tar file. manifest.json records each file's SHA-256 and
size, the Tellonce version, the migrations applied and the time; a restore checks every checksum
before it touches anything. Passwords go to pg_dump and pg_restore through PGPASSWORD, never on
the command line, and nothing secret is written into the backup: the secret key, the single
sign-on and GOV.UK Notify keys live in the environment and must be kept apart."""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

MANIFEST = "manifest.json"
POSTGRES_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
FILES = "files.tar"


class BackupRefused(RuntimeError):
    """The backup cannot be made or restored as asked: the message says why."""


@dataclass(frozen=True)
class Database:
    """Where a database is, from Django's settings for it (DATABASES[alias])."""

    engine: str  # "postgresql" or "sqlite3"
    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""

    @classmethod
    def of(cls, settings: dict) -> "Database":
        engine = settings["ENGINE"].rsplit(".", 1)[-1]
        if engine not in ("postgresql", "sqlite3"):
            raise BackupRefused(f"Backups are made of PostgreSQL or SQLite, not {engine}")
        options = settings.get("OPTIONS") or {}  # a URL's ?host=...&port=... arrive here
        return cls(
            engine=engine,
            name=str(settings["NAME"]),
            user=settings.get("USER") or options.get("user") or "",
            password=settings.get("PASSWORD") or options.get("password") or "",
            host=str(settings.get("HOST") or options.get("host") or ""),
            port=str(settings.get("PORT") or options.get("port") or ""),
        )

    def connection_args(self) -> list[str]:
        args = []
        for flag, value in (("--host", self.host), ("--port", self.port), ("--username", self.user)):
            if value:
                args += [flag, value]
        return [*args, "--dbname", self.name]

    def environment(self) -> dict[str, str]:
        env = dict(os.environ)
        if self.password:
            env["PGPASSWORD"] = self.password
        return env

    def connect(self):
        """A plain connection (psycopg or sqlite3), outside Django's."""
        if self.engine == "sqlite3":
            return sqlite3.connect(self.name)
        import psycopg

        return psycopg.connect(
            dbname=self.name,
            user=self.user or None,
            password=self.password or None,
            host=self.host or None,
            port=self.port or None,
        )

    def table_names(self) -> list[str]:
        if self.engine == "sqlite3":
            if not Path(self.name).exists():
                return []
            query = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        else:
            query = (
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
            )
        with closing(self.connect()) as connection:
            return sorted(row[0] for row in connection.execute(query).fetchall())

    def row_counts(self) -> dict[str, int]:
        """Rows in every table: what a test of a restore compares."""
        with closing(self.connect()) as connection:
            return {
                table: connection.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for table in self.table_names()
            }


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as data:
        while chunk := data.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def _run(command: list[str], database: Database) -> None:
    program = shutil.which(command[0])
    if program is None:
        raise BackupRefused(f"{command[0]} is not installed (apt-get install postgresql-client)")
    finished = subprocess.run(
        [program, *command[1:]], env=database.environment(), capture_output=True, text=True, check=False
    )
    if finished.returncode != 0:
        raise BackupRefused(f"{command[0]} failed: {finished.stderr.strip()[-2000:]}")


def _copy_database(database: Database, folder: Path) -> Path:
    if database.engine == "postgresql":
        target = folder / POSTGRES_DUMP
        _run(["pg_dump", "--format=custom", "--file", str(target), *database.connection_args()], database)
        return target
    target = folder / SQLITE_COPY
    with closing(sqlite3.connect(database.name)) as source, closing(sqlite3.connect(target)) as copy:
        source.backup(copy)
    return target


def _pack_files(media: Path | None, folder: Path) -> Path:
    target = folder / FILES
    with tarfile.open(target, "w") as tar:
        if media is not None and media.is_dir():
            for path in sorted(media.rglob("*")):
                tar.add(path, arcname=path.relative_to(media).as_posix(), recursive=False)
    return target


def backup(
    database: Database,
    media: Path | None,
    folder: Path,
    *,
    migrations: dict[str, list[str]],
    say: Callable[[str], None] = print,
) -> dict:
    """Back up `database` and the uploaded files under `media` into `folder` (new or empty)."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise BackupRefused(f"{folder} is not empty: back up into a new folder")
    say(f"Copying the {database.engine} database...")
    made = [_copy_database(database, folder)]
    say("Packing the uploaded files...")
    made.append(_pack_files(media, folder))
    say("Checksumming...")
    manifest = {
        "tellonce_version": _version(),
        "made_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "engine": database.engine,
        "migrations": migrations,
        "files": {path.name: {"sha256": sha256(path), "bytes": path.stat().st_size} for path in made},
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


def _version() -> str:
    try:
        return metadata.version("tellonce")
    except metadata.PackageNotFoundError:
        return "unknown"


def verify(folder: Path) -> dict:
    """The manifest, once every file in it has the size and checksum it records."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupRefused(f"{folder} has no readable {MANIFEST}: {error}") from None
    damaged = []
    for name, expected in manifest["files"].items():
        path = folder / name
        if not path.is_file():
            damaged.append(f"{name} is missing")
        elif path.stat().st_size != expected["bytes"] or sha256(path) != expected["sha256"]:
            damaged.append(f"{name} does not match its checksum")
    if damaged:
        raise BackupRefused("The backup is damaged, nothing was restored: " + "; ".join(damaged))
    return manifest


def restore(
    folder: Path, database: Database, media: Path | None, *, say: Callable[[str], None] = print
) -> dict:
    """Restore a backup into an empty database (and the files into `media`), once it checks out."""
    manifest = verify(folder)
    say("Every checksum matches.")
    if manifest["engine"] != database.engine:
        raise BackupRefused(f"This is a backup of {manifest['engine']}, not {database.engine}")
    if tables := database.table_names():
        raise BackupRefused(
            f"The database {database.name} has {len(tables)} tables: restore only into an empty database"
        )
    say(f"Restoring the {database.engine} database...")
    if database.engine == "postgresql":
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                *database.connection_args(),
                str(folder / POSTGRES_DUMP),
            ],
            database,
        )
    else:
        with closing(sqlite3.connect(folder / SQLITE_COPY)) as source:
            with closing(sqlite3.connect(database.name)) as target:
                source.backup(target)
    if media is not None:
        say(f"Restoring the uploaded files into {media}...")
        media.mkdir(parents=True, exist_ok=True)
        with tarfile.open(folder / FILES) as tar:
            tar.extractall(media, filter="data")
    return manifest
