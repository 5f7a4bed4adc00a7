"""Acceptance (issue 26): GOV.UK Notify down for a minute loses no e-mail, sends none twice, and
slows no page. The fake Notify is a local HTTP server that answers 500, slowly, until a minute has
passed on the (simulated) clock, then accepts."""

import json
import threading
import time
import uuid
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import time_machine
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from notifications_python_client.notifications import NotificationsAPIClient

from tellonce.accounts.models import User
from tellonce.jobs.models import DeadLetter
from tellonce.jobs.worker import Worker

START = datetime(2026, 12, 4, 1, 0, tzinfo=UTC)  # before any scheduled job's time
OUTAGE = timedelta(minutes=1)
SLOW = 4.0  # seconds the failing Notify takes to answer: longer than any page here takes


class FakeNotify(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.up_from = START + OUTAGE
        self.refused: list[str] = []
        self.sent: list[str] = []


class Handler(BaseHTTPRequestHandler):
    server: FakeNotify

    def do_POST(self) -> None:  # noqa: N802 (http.server's name)
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        if timezone.now() < self.server.up_from:
            self.server.refused.append(body["email_address"])
            time.sleep(SLOW)
            self._answer(500, {"errors": [{"error": "Exception", "message": "Internal server error"}]})
            return
        self.server.sent.append(body["email_address"])
        self._answer(
            201, {"id": str(uuid.uuid4()), "content": {"subject": body["personalisation"]["subject"]}}
        )

    def _answer(self, status: int, payload: dict) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture
def notify(queued):
    server = FakeNotify()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    key = f"tellonce_test-{uuid.uuid4()}-{uuid.uuid4()}"
    client = NotificationsAPIClient(key, base_url=f"http://127.0.0.1:{server.server_address[1]}", timeout=10)
    queued.TELLONCE_NOTIFY_TEMPLATE_ID = str(uuid.uuid4())
    queued.MAILERS = {
        "default": {"BACKEND": "tellonce.jobs.mail.QueuedEmailBackend"},
        "deliver": {"BACKEND": "tellonce.core.notify.NotifyEmailBackend", "OPTIONS": {"client": client}},
    }
    yield server
    server.shutdown()
    server.server_close()


def test_notify_down_for_a_minute_loses_no_email_sends_none_twice_and_slows_no_page(
    notify, area, client, django_capture_on_commit_callbacks
):
    client.force_login(area.users["administrator"])
    invited = [f"analyst{n}@example.org" for n in range(2)]
    client.get("/administration/users/invite/")  # the templates loaded, as on a running server
    with time_machine.travel(START, tick=False) as clock:
        for address in invited:
            began = time.monotonic()
            with django_capture_on_commit_callbacks(execute=True):
                page = client.post(
                    "/administration/users/invite/",
                    {"first_name": "Sam", "last_name": address[:8], "email": address, "role": "analyst"},
                )
            assert page.status_code == 302 and time.monotonic() - began < SLOW
        assert User.objects.filter(email__in=invited).count() == 2
        assert notify.refused == notify.sent == []  # no page called Notify

        Worker().run(once=True)  # Notify is down: each message is tried once and waits 30 seconds
        assert sorted(notify.refused) == invited and notify.sent == []
        clock.shift(timedelta(seconds=30))
        Worker().run(once=True)  # still down at 30 seconds: the next wait is 60
        assert len(notify.refused) == 4 and notify.sent == []
        clock.shift(timedelta(seconds=30))
        Worker().run(once=True)  # back up, but no message is due again until 90 seconds
        assert notify.sent == []
        clock.shift(timedelta(seconds=30))
        Worker().run(once=True)
        assert sorted(notify.sent) == invited  # each sent, once

        clock.shift(timedelta(hours=2))
        Worker().run(once=True)
    assert sorted(notify.sent) == invited
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert not DeadLetter.objects.exists()
