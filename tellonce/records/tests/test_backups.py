"""Backing up the demo area and restoring it into an empty database: every table's rows counted,
a sample of records compared, the uploaded files back with their contents. The data must be
committed for pg_dump (another process) to see it, hence transactional_db."""

import importlib
import json
import time
import uuid
from contextlib import closing
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from tellonce.advice.models import Document, Submission
from tellonce.local_offer.models import TaxonomyTerm
from tellonce.records.backups import BackupRefused, Database, restore

SAMPLED = ("people_child", "plans_planversion", "advice_document", "audit_accessevent", "django_migrations")
postgres_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pg_dump and pg_restore need PostgreSQL (scripts/with-postgres runs this test)",
)


@pytest.fixture
def demo(transactional_db, settings, tmp_path):
    uploads = tmp_path / "uploads"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": uploads},
        },
    }
    if not TaxonomyTerm.objects.exists():  # an earlier transactional test emptied what a migration loaded
        vocabularies = "tellonce.local_offer.migrations.0002_categories_needs_and_thesaurus"
        importlib.import_module(vocabularies).load_vocabularies(apps, None)
    call_command("demo", children=60, seed=3, today=date(2026, 11, 20), stdout=StringIO())
    Document.objects.create(
        submission=Submission.objects.order_by("pk").first(),
        file=ContentFile(b"%PDF-1.4 the therapist's report", name="report.pdf"),
        original_name="report.pdf",
        content_type="application/pdf",
        size=31,
    )
    return uploads


def _rows(database: Database, table: str) -> list[tuple]:
    with closing(database.connect()) as db:
        return [tuple(map(str, row)) for row in db.execute(f'SELECT * FROM "{table}" ORDER BY 1').fetchall()]


def _backed_up(tmp_path) -> tuple:
    out = StringIO()
    started = time.monotonic()
    call_command("backup", output=tmp_path / "backup", stdout=out)
    print(f"backup: {time.monotonic() - started:.2f} s;", out.getvalue().splitlines()[-3:])
    return tmp_path / "backup", json.loads((tmp_path / "backup" / "manifest.json").read_text())


def _compare(source: Database, target: Database) -> None:
    counts = source.row_counts()
    assert counts["people_child"] >= 60
    assert target.row_counts() == counts
    for table in SAMPLED:
        assert _rows(target, table) == _rows(source, table), table
    print(f"{len(counts)} tables, {sum(counts.values()):,} rows restored and compared")


@postgres_only
def test_the_demo_backed_up_from_postgresql_restores_into_an_empty_database_table_by_table(demo, tmp_path):
    folder, manifest = _backed_up(tmp_path)
    assert manifest["engine"] == "postgresql" and "records" in manifest["migrations"]
    source = Database.of(connection.settings_dict)
    target = Database(**{**source.__dict__, "name": f"restore_{uuid.uuid4().hex[:8]}"})
    with closing(Database(**{**source.__dict__, "name": "postgres"}).connect()) as admin:
        admin.autocommit = True
        admin.execute(f'CREATE DATABASE "{target.name}"')
        try:
            started = time.monotonic()
            restore(folder, target, tmp_path / "restored", say=lambda _: None)
            print(f"restore: {time.monotonic() - started:.2f} s")
            _compare(source, target)
            with pytest.raises(BackupRefused, match="restore only into an empty database"):
                restore(folder, target, None, say=lambda _: None)
        finally:
            admin.execute(f'DROP DATABASE IF EXISTS "{target.name}" WITH (FORCE)')
    restored = next((tmp_path / "restored").rglob("report*.pdf"))
    assert restored.read_bytes() == b"%PDF-1.4 the therapist's report"


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite round trip; PostgreSQL has its own")
def test_the_demo_backed_up_from_sqlite_restores_into_an_empty_database(demo, tmp_path):
    folder, manifest = _backed_up(tmp_path)
    assert manifest["engine"] == "sqlite3"
    assert set(manifest["files"]) == {"database.sqlite3", "files.tar"}
    target = Database(engine="sqlite3", name=str(tmp_path / "restored.sqlite3"))
    restore(folder, target, tmp_path / "restored", say=lambda _: None)
    _compare(Database.of(connection.settings_dict), target)
    assert next((tmp_path / "restored").rglob("report*.pdf")).read_bytes().startswith(b"%PDF")
    with pytest.raises(BackupRefused, match="restore only into an empty database"):
        restore(folder, target, None, say=lambda _: None)


def test_a_backup_whose_file_was_changed_is_refused_before_anything_is_restored(demo, tmp_path):
    folder, manifest = _backed_up(tmp_path)
    database = next(name for name in manifest["files"] if name.startswith("database"))
    with (folder / database).open("r+b") as data:
        data.seek(100)
        data.write(b"tampered")
    with pytest.raises(CommandError, match=f"damaged.*{database} does not match its checksum"):
        call_command("restore", str(folder), stdout=StringIO())
    target = Database(engine="sqlite3", name=str(tmp_path / "never.sqlite3"))
    with pytest.raises(BackupRefused, match="damaged"):
        restore(folder, target, None, say=lambda _: None)
    assert target.table_names() == []


def test_a_backup_goes_only_into_a_new_or_empty_folder(demo, tmp_path):
    (tmp_path / "used").mkdir()
    (tmp_path / "used" / "something").write_text("x")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", output=tmp_path / "used", stdout=StringIO())
