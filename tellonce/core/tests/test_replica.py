"""Reporting reads from a streaming replica (core/replica.py, ADR 81): which database the router
picks, and, on the PostgreSQL run, a real primary and streaming replica started on this machine."""

import glob
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.db import connections
from django.http import HttpResponse
from django.test import RequestFactory

from tellonce.core import replica
from tellonce.core.replica import ReplicaRouter, RequestWrites, reporting, reporting_page
from tellonce.organisations.models import LocalAuthority

ROOT = Path(__file__).resolve().parents[3]
router = ReplicaRouter()


@pytest.fixture
def with_replica(monkeypatch):
    """As if TELLONCE_REPLICA_DATABASE_URL were set (the router only asks whether it is)."""
    monkeypatch.setattr(replica, "replica_configured", lambda: True)


def read_goes_to() -> str:
    return router.db_for_read(LocalAuthority)


def test_without_a_replica_every_read_and_write_uses_the_one_database():
    with reporting():
        assert read_goes_to() == "default"
        assert router.db_for_write(LocalAuthority) == "default"


def test_with_a_replica_only_reads_marked_as_reporting_go_to_it(with_replica):
    assert read_goes_to() == "default"
    with reporting():
        assert read_goes_to() == "replica"
    assert read_goes_to() == "default"


def test_writes_always_go_to_the_primary_and_later_reads_in_the_request_stay_there(with_replica):
    seen = []

    def view(request):
        with reporting():
            seen.append(read_goes_to())
            seen.append(router.db_for_write(LocalAuthority))
            seen.append(read_goes_to())
        return HttpResponse()

    RequestWrites(view)(RequestFactory().get("/"))
    RequestWrites(view)(RequestFactory().get("/"))
    assert seen == ["replica", "default", "default"] * 2


def test_a_reporting_page_reads_from_the_replica_on_a_get_and_from_the_primary_on_a_post(with_replica):
    @reporting_page
    def page(request):
        return HttpResponse(read_goes_to())

    assert page(RequestFactory().get("/")).content == b"replica"
    assert page(RequestFactory().head("/")).content == b"replica"
    assert page(RequestFactory().post("/")).content == b"default"


def test_reads_inside_a_transaction_on_the_primary_stay_on_the_primary(with_replica):
    primary = connections["default"]
    primary.in_atomic_block = True
    try:
        with reporting():
            assert read_goes_to() == "default"
    finally:
        primary.in_atomic_block = False


def test_migrations_are_never_run_on_the_replica():
    assert router.allow_migrate("default", "people") is True
    assert router.allow_migrate("replica", "people") is False


def _postgres_binaries() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name))
    return Path(found[-1]) if found and Path(found[-1], "initdb").exists() else None


class _Clusters:
    """A primary and its streaming replica (pg_basebackup -R) in a temp folder, on sockets only."""

    def __init__(self, binaries: Path) -> None:
        self.bin = binaries
        self.folder = Path(tempfile.mkdtemp(prefix="tellonce-replica-"))
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.getuid() == 0 else []
        if self.as_postgres:
            shutil.chown(self.folder, "postgres")
        first = random.randrange(20000, 40000)
        self.ports = {"primary": first, "replica": first + 1}
        self.started: list[str] = []

    def run(self, program: str, *arguments: str) -> None:
        subprocess.run(
            [*self.as_postgres, str(self.bin / program), *arguments],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def start(self, name: str, *settings: str) -> None:
        options = [f"-p {self.ports[name]}", f"-k {self.folder}", "-c listen_addresses=''", "-c fsync=off"]
        options += [f"-c {setting}" for setting in settings]
        data = str(self.folder / name)
        self.run("pg_ctl", "-D", data, "-l", f"{data}.log", "-w", "-o", " ".join(options), "start")
        self.started.append(name)

    def url(self, name: str) -> str:
        return f"postgres://tellonce@/tellonce?host={self.folder}&port={self.ports[name]}"

    def __enter__(self) -> "_Clusters":
        try:
            return self._start_both()
        except BaseException:
            self.__exit__()  # a server already started is stopped, and the folder removed
            raise

    def _start_both(self) -> "_Clusters":
        primary = str(self.folder / "primary")
        self.run("initdb", "-D", primary, "-U", "tellonce", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8")
        self.start("primary", "wal_level=replica", "max_wal_senders=4", "jit=off")
        self.run(
            "createdb", "-h", str(self.folder), "-p", str(self.ports["primary"]), "-U", "tellonce", "tellonce"
        )
        self.run(
            "pg_basebackup", "-h", str(self.folder), "-p", str(self.ports["primary"]), "-U", "tellonce",
            "-D", str(self.folder / "replica"), "-R", "-X", "stream", "--checkpoint=fast",
        )  # fmt: skip
        self.start("replica", "hot_standby=on", "jit=off")
        return self

    def copy_schema_from(self, database) -> None:
        """The suite's migrated test database (psycopg's connection info), copied into the primary:
        quicker than migrating it."""
        source = ["-h", database.host, "-p", str(database.port), "-U", database.user]
        dump = subprocess.run(
            [str(self.bin / "pg_dump"), *source, "--no-owner", "--no-privileges", database.dbname],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        subprocess.run(
            [str(self.bin / "psql"), "-h", str(self.folder), "-p", str(self.ports["primary"]), "-U", "tellonce",
             "-X", "-q", "-v", "ON_ERROR_STOP=1", "tellonce"],
            input=dump.stdout, check=True, capture_output=True, timeout=120,
        )  # fmt: skip

    def __exit__(self, *exc: object) -> None:
        for name in reversed(self.started):
            subprocess.run(
                [
                    *self.as_postgres,
                    str(self.bin / "pg_ctl"),
                    "-D",
                    str(self.folder / name),
                    "-m",
                    "immediate",
                    "stop",
                ],
                capture_output=True,
            )
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.mark.postgresql
@pytest.mark.django_db  # for the suite's migrated database, whose schema the primary is given
@pytest.mark.skipif(
    not os.environ.get("DATABASE_URL", "").startswith("postgres") or _postgres_binaries() is None,
    reason="the PostgreSQL run only (scripts/with-postgres): it starts clusters of its own",
)
def test_a_dashboard_reads_from_a_streaming_replica_and_a_write_goes_to_the_primary():
    connections["default"].ensure_connection()
    suite = connections["default"].connection.info
    with _Clusters(_postgres_binaries()) as clusters:
        clusters.copy_schema_from(suite)
        env = os.environ | {
            "DATABASE_URL": clusters.url("primary"),
            "TELLONCE_REPLICA_DATABASE_URL": clusters.url("replica"),
            "DJANGO_SETTINGS_MODULE": "tellonce.config.settings.test",
            "TELLONCE_ALLOWED_HOSTS": "testserver",
        }
        done = subprocess.run(
            [sys.executable, "-m", "tellonce.core.tests.replica_check"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300,
        )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])

    assert found["standby"] == {"default": False, "replica": True}
    for url, page in found["pages"].items():
        assert page["status"] == 200, url
        # The page's figures are counted on the replica; the primary sees only the request's own
        # housekeeping (session, user, second factor, the access log), never a child or a plan.
        assert any("people_child" in sql or "plans_plan" in sql for sql in page["replica"]), url
        assert not any("people_child" in sql or "plans_plan" in sql for sql in page["primary"]), url
        assert not any(
            sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE")) for sql in page["replica"]
        )
    written = found["request that writes"]
    assert len(written["replica"]) == 1 and "people_child" in written["replica"][0]
    # The write, what it set off (signals), and the count after it: all on the primary.
    first, *_, last = written["primary"]
    assert first.startswith("INSERT") and "organisations_localauthority" in first
    assert last.startswith("SELECT") and "organisations_localauthority" in last
