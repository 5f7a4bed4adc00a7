"""/healthz, /readyz and the checks behind readiness."""

import socket
import threading

import pytest

from tellonce.operations import health, views


@pytest.fixture(autouse=True)
def fresh_readiness(monkeypatch):
    monkeypatch.setattr(views, "_ready", {})
    monkeypatch.setattr(health, "_migrations_applied", False)


def test_healthz_answers_without_touching_the_database(client):
    # No `db` fixture: any query would raise, and the page would be a 500.
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


def test_readyz_lists_each_check_and_is_ready_when_the_database_and_migrations_are(client, db):
    response = client.get("/readyz")
    assert response.status_code == 200
    checks = {check["name"]: check for check in response.json()["checks"]}
    assert checks["database"]["ok"] and checks["migrations"]["ok"]
    assert checks["clamav"] == {"name": "clamav", "ok": True, "detail": "not configured"}


def test_readyz_answers_503_naming_the_failing_check_when_any_check_fails(client, db, monkeypatch):
    monkeypatch.setattr(
        health, "CHECKS", [*health.CHECKS, lambda: ("worker", False, "no heartbeat for 9 minutes")]
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "failing"
    assert {"name": "worker", "ok": False, "detail": "no heartbeat for 9 minutes"} in body["checks"]


def test_a_check_that_raises_fails_readiness_without_hiding_the_other_checks(db, monkeypatch):
    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(health, "CHECKS", [health.database, broken])
    ok, results = health.run()
    assert not ok
    assert [(r["name"], r["ok"]) for r in results] == [("database", True), ("broken", False)]


def test_unapplied_migrations_make_the_service_not_ready(db, monkeypatch):
    class Executor:
        def __init__(self, connection):
            self.loader = type(
                "Loader", (), {"graph": type("Graph", (), {"leaf_nodes": lambda self: []})()}
            )()

        def migration_plan(self, targets):
            return [("people", "0099_new"), ("plans", "0099_new")]

    monkeypatch.setattr(health, "MigrationExecutor", Executor)
    assert health.migrations() == ("migrations", False, "2 not applied: run `tellonce migrate`")


def test_an_unreachable_database_fails_the_database_check(monkeypatch):
    class Broken:
        def cursor(self):
            raise OSError("connection refused")

    monkeypatch.setattr(health, "connections", {"default": Broken()})
    assert health.database() == ("database", False, "cannot query the database: OSError")


def _fake_clamd(reply: bytes) -> str:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)

    def answer():
        connection, _ = server.accept()
        with connection:
            connection.recv(64)
            connection.sendall(reply)
        server.close()

    threading.Thread(target=answer, daemon=True).start()
    return f"127.0.0.1:{server.getsockname()[1]}"


def test_clamav_is_checked_with_ping_when_it_is_configured(settings):
    settings.TELLONCE_CLAMAV_SOCKET = _fake_clamd(b"PONG\0")
    assert health.clamav() == ("clamav", True, "answers")


def test_clamav_that_does_not_answer_fails_readiness(settings):
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    settings.TELLONCE_CLAMAV_SOCKET = f"127.0.0.1:{port}"
    name, ok, detail = health.clamav()
    assert (name, ok) == ("clamav", False)
    assert detail.startswith("clamd does not answer")


def test_the_probes_are_not_redirected_to_https(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200
    assert client.get("/accessibility/").status_code == 301
