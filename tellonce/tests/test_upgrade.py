"""Upgrading a council's database from the previous release (docs/deploying.md, "Upgrading"; ADR 69).

The previous release is main's commit before the newest one that added a migration. Its code is
taken from git (`git archive`), migrates an empty database and loads a small demo area; then this
code's `migrate` upgrades that database, and the rows and a manager's pages are checked (redirects followed). On SQLite
by default; on PostgreSQL when DATABASE_URL names one (scripts/with-postgres, as in `make test`),
in a database of its own beside the test database."""

import json
import os
import subprocess
import sys
import tarfile
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHILDREN = 200
# Tables whose rows a migration may add to by design: Django's own bookkeeping, filled after each
# migrate for new models. A data migration that adds or removes rows elsewhere names its table here.
GROWS = {"django_migrations", "django_content_type", "auth_permission"}

COUNT_ROWS = """
import json, tellonce
from django.db import connection
with connection.cursor() as cursor:
    rows = {}
    for table in connection.introspection.table_names(cursor):
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        rows[table] = cursor.fetchone()[0]
print(json.dumps({"code": tellonce.__file__, "rows": rows}))
"""

READ_PAGES = """
import json
from django.contrib.auth import get_user_model
from django.test import Client
from tellonce.people.models import Child
from tellonce.plans.models import Plan
from tellonce.reviews.models import AnnualReview
from tellonce.accounts.tests.two_factor import signing_in_with_the_second_factor
Client.force_login = signing_in_with_the_second_factor(Client.force_login)  # as tellonce/conftest.py does
manager = get_user_model().objects.get(username="manager")
client = Client()
client.force_login(manager)
plan = Plan.objects.filter(child__local_authority=manager.local_authority).order_by("pk").first()
review = AnnualReview.objects.filter(plan=plan).order_by("pk").first() or AnnualReview.objects.filter(
    plan__child__local_authority=manager.local_authority).order_by("pk").first()
pages = ["/", "/children/find/", f"/children/{plan.child_id}/", f"/plans/{plan.pk}/", f"/reviews/{review.pk}/"]
print(json.dumps({page: client.get(page, follow=True).status_code for page in pages}))
"""

# Every record's council key (ADR 80) as the migrations filled it: the same as its parent's
KEYS_AGREE = """
import json
from django.apps import apps
from django.db.models import F
from tellonce.core.council_key import CouncilOwned, key_attname
wrong, filled = {}, 0
for model in apps.get_models():
    if issubclass(model, CouncilOwned):
        parent = model._meta.get_field(model.council_from).related_model
        key = key_attname(parent).removesuffix("_id")
        filled += model._base_manager.count()
        if n := model._base_manager.exclude(local_authority=F(f"{model.council_from}__{key}")).count():
            wrong[model._meta.label] = n
print(json.dumps({"wrong": wrong, "filled": filled}))
"""


def _git(*args: str) -> str:
    done = subprocess.run(["git", "-C", str(ROOT), *args], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def previous_release() -> str:
    """The commit before the newest commit that added a migration file, along main's own line
    (a merge counts as the commit that brought its branch's migrations): a release is a state of
    main, never a commit in the middle of a branch."""
    newest = _git(
        "log",
        "-1",
        "--first-parent",
        "-m",
        "--format=%H",
        "--diff-filter=A",
        "--",
        "tellonce/*/migrations/0*.py",
    )
    return _git("rev-parse", f"{newest}^")


def _checkout(commit: str, folder: Path) -> Path:
    archive = folder / "code.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", commit], stdout=out, check=True)
    code = folder / "code"
    with tarfile.open(archive) as tar:
        tar.extractall(code, filter="data")
    return code


@pytest.fixture
def database_url(tmp_path):
    """A new, empty database: a file on SQLite, or a database of its own on the PostgreSQL in use."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'upgrade.sqlite3'}"
        return
    import psycopg

    name = f"tellonce_upgrade_{os.getpid()}"
    parts = urlsplit(url)
    with psycopg.connect(url, autocommit=True) as connection:  # dj-database-url's query string is libpq's
        connection.execute(f"DROP DATABASE IF EXISTS {name}")
        connection.execute(f"CREATE DATABASE {name}")
    try:
        yield urlunsplit(parts._replace(path=f"/{name}"))
    finally:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _manage(code: Path, env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, str(code / "manage.py"), *args],
        cwd=code,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


def test_the_previous_releases_demo_database_upgrades_with_its_rows_kept_and_pages_answering(
    tmp_path, database_url
):
    if not (ROOT / ".git").exists():
        pytest.skip("needs the git history (a clone, not an unpacked archive)")
    old = _checkout(previous_release(), tmp_path)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTHON", "TELLONCE_")) and key != "DATABASE_URL"
    }
    env |= {
        "DJANGO_SETTINGS_MODULE": "tellonce.config.settings.local",
        "DATABASE_URL": database_url,
        "TELLONCE_VAR_DIR": str(tmp_path / "var"),
        "TELLONCE_ALLOWED_HOSTS": "testserver",
    }

    _manage(old, env, "migrate", "--no-input", "-v", "0")
    _manage(old, env, "demo", "--children", str(CHILDREN), "--seed", "1")
    before = json.loads(_manage(old, env, "shell", "-c", COUNT_ROWS).splitlines()[-1])
    assert before["code"].startswith(str(old)), "the previous release's code made the database"
    assert before["rows"]["people_child"] >= CHILDREN

    # Small batches, so that the council key's backfill (ADR 80) runs several on each table
    _manage(ROOT, env | {"TELLONCE_BACKFILL_BATCH": "97"}, "migrate", "--no-input", "-v", "0")
    _manage(ROOT, env, "migrate", "--check", "-v", "0")  # nothing left unapplied
    after = json.loads(_manage(ROOT, env, "shell", "-c", COUNT_ROWS).splitlines()[-1])
    assert after["code"].startswith(str(ROOT / "tellonce"))

    kept = {table: rows for table, rows in before["rows"].items() if table not in GROWS}
    assert {table: after["rows"].get(table) for table in kept} == kept
    for table in ("people_child", "plans_plan", "reviews_annualreview"):
        assert before["rows"][table] > 0, f"the demo made no rows in {table}"
    keys = json.loads(_manage(ROOT, env, "shell", "-c", KEYS_AGREE).splitlines()[-1])
    assert keys["wrong"] == {} and keys["filled"] > CHILDREN
    pages = json.loads(_manage(ROOT, env, "shell", "-c", READ_PAGES).splitlines()[-1])
    assert pages == dict.fromkeys(pages, 200)
