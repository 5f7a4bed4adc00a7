"""Readiness: the checks `/readyz` runs, each a callable returning (name, ok, detail).

`CHECKS` is the list; another app adds its own check to it (the worker's heartbeat,
`tellonce.jobs.health.worker_heartbeat_check`, is appended where the two are joined). A detail says
what is wrong in words for the person on call, never anything about a child."""

from collections.abc import Callable

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

Result = tuple[str, bool, str]
Check = Callable[[], Result]

_migrations_applied = False


def database() -> Result:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:
        return "database", False, f"cannot query the database: {type(error).__name__}"
    return "database", True, "answers"


def migrations() -> Result:
    """No migration left unapplied. Once all are, that holds until the code changes (a restart),
    so the migration files are read only until then."""
    global _migrations_applied
    if _migrations_applied:
        return "migrations", True, "all applied"
    try:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except Exception as error:
        return "migrations", False, f"cannot read the migrations: {type(error).__name__}"
    if plan:
        return "migrations", False, f"{len(plan)} not applied: run `tellonce migrate`"
    _migrations_applied = True
    return "migrations", True, "all applied"


def clamav() -> Result:
    """clamd answers PING, when uploads are scanned (TELLONCE_CLAMAV_SOCKET); else not checked."""
    address = settings.TELLONCE_CLAMAV_SOCKET
    if not address:
        return "clamav", True, "not configured"
    from tellonce.core.clamav import _connect

    try:
        with _connect(address, min(settings.TELLONCE_CLAMAV_TIMEOUT, 5.0)) as connection:
            connection.sendall(b"zPING\0")
            reply = connection.recv(64)
    except (OSError, ValueError) as error:
        return "clamav", False, f"clamd does not answer: {type(error).__name__}"
    if reply.rstrip(b"\0\n") != b"PONG":
        return "clamav", False, "clamd gave an unexpected answer"
    return "clamav", True, "answers"


CHECKS: list[Check] = [database, migrations, clamav]


def run() -> tuple[bool, list[dict[str, object]]]:
    """Every check, each caught so one failing check cannot hide the others."""
    results = []
    for check in list(CHECKS):
        try:
            name, ok, detail = check()
        except Exception as error:
            name, ok, detail = getattr(check, "__name__", "check"), False, f"failed: {type(error).__name__}"
        results.append({"name": name, "ok": ok, "detail": detail})
    return all(result["ok"] for result in results), results
