"""The worker: tasks off the request, retried with back-off, dead letters, a clean stop."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.mail import send_mail
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from tellonce.conftest import acting
from tellonce.core.refusals import InvalidStep
from tellonce.jobs import retry, services
from tellonce.jobs.models import DeadLetter
from tellonce.jobs.tests import tasks
from tellonce.jobs.worker import Worker

# 1am in the UK: before any scheduled job's time, so the worker runs only the queue.
NIGHT = datetime(2026, 12, 4, 1, 0, tzinfo=UTC)


@pytest.fixture
def night():
    with time_machine.travel(NIGHT, tick=False) as traveller:
        yield traveller


def test_an_email_is_queued_as_a_task_and_the_worker_sends_it_once(db, queued, night):
    send_mail("Your plan", "It is ready.", None, ["parent@example.org", "carer@example.org"])
    assert mail.outbox == []
    assert DBTaskResult.objects.filter(status="READY").count() == 2  # one task for each address
    assert Worker().run(once=True) == 2
    assert sorted(message.to[0] for message in mail.outbox) == ["carer@example.org", "parent@example.org"]
    assert mail.outbox[0].subject == "Your plan" and mail.outbox[0].body == "It is ready."
    assert Worker().run(once=True) == 0
    assert len(mail.outbox) == 2


def test_each_wait_before_a_retry_doubles_from_the_setting_up_to_an_hour(settings):
    settings.TELLONCE_TASK_RETRY_SECONDS = 30
    waits = [retry.wait_after(attempts) for attempts in range(1, 10)]
    assert waits[:4] == [timedelta(seconds=s) for s in (30, 60, 120, 240)]
    assert all(later >= earlier for earlier, later in zip(waits, waits[1:], strict=False))
    assert max(waits) == retry.LONGEST_WAIT


def test_a_failing_task_is_tried_again_after_each_wait_and_not_before(db, queued, night):
    tasks.flaky.enqueue("letter", failures=2)
    worker = Worker()
    worker.run(once=True)
    assert tasks.CALLS == ["letter"]
    night.shift(timedelta(seconds=29))
    worker.run(once=True)
    assert tasks.CALLS == ["letter"]  # not yet: the first wait is 30 seconds
    night.shift(timedelta(seconds=1))
    worker.run(once=True)
    assert tasks.CALLS == ["letter"] * 2
    night.shift(timedelta(seconds=59))
    worker.run(once=True)
    assert len(tasks.CALLS) == 2  # the second wait is 60 seconds
    night.shift(timedelta(seconds=1))
    worker.run(once=True)
    row = DBTaskResult.objects.get()
    assert tasks.CALLS == ["letter"] * 3 and row.status == "SUCCESSFUL" and row.return_value == "letter"
    assert not DeadLetter.objects.exists()


def test_a_task_that_fails_every_try_becomes_a_dead_letter_the_administrator_puts_back(
    db, queued, night, area
):
    tasks.flaky.enqueue("invitation", failures=4)
    for _ in range(4):
        Worker().run(once=True)
        night.shift(retry.LONGEST_WAIT)
    letter = DeadLetter.objects.get()
    assert tasks.CALLS == ["invitation"] * 4 and letter.attempts == 4
    assert letter.error.startswith("builtins.ConnectionError") and letter.task_result.status == "FAILED"
    Worker().run(once=True)
    assert len(tasks.CALLS) == 4  # nothing more is tried until someone asks

    services.retry_dead_letter(letter.pk, by=acting(area.users["administrator"]), today=NIGHT.date())
    Worker().run(once=True)
    letter.refresh_from_db()
    assert len(tasks.CALLS) == 5 and letter.task_result.status == "SUCCESSFUL"
    assert letter.retried_by == area.users["administrator"]
    with pytest.raises(InvalidStep):
        services.retry_dead_letter(letter.pk, by=acting(area.users["administrator"]), today=NIGHT.date())


def test_a_failure_no_retry_mends_goes_straight_to_the_dead_letters(db, queued, night):
    tasks.refused.enqueue("bad address")
    Worker().run(once=True)
    letter = DeadLetter.objects.get()
    assert tasks.CALLS == ["bad address"] and letter.attempts == 1 and "Notify accepts" in letter.error


def test_sigterm_lets_the_task_in_hand_finish_and_then_stops_the_worker(db, queued, night):
    tasks.stopped_midway.enqueue("first")
    tasks.flaky.enqueue("second", failures=0)
    worker = Worker()
    worker.handle_signals()
    worker.run()  # not --once: only the signal ends it
    assert tasks.CALLS == ["first"]
    statuses = dict(DBTaskResult.objects.values_list("task_path", "status"))
    assert statuses == {
        "tellonce.jobs.tests.tasks.stopped_midway": "SUCCESSFUL",
        "tellonce.jobs.tests.tasks.flaky": "READY",
    }


def test_the_worker_command_with_once_works_off_the_queue_and_exits(db, queued, night, capsys):
    send_mail("Reminder", "Advice is due.", None, ["senco@example.org"])
    call_command("worker", "--once")
    assert [message.to for message in mail.outbox] == [["senco@example.org"]]
    assert "stopped after 1 task(s)" in capsys.readouterr().out


def test_the_worker_command_refuses_to_start_when_tasks_are_not_queued_in_the_database(db, settings):
    settings.TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
    with pytest.raises(Exception, match="not queued in the database"):
        call_command("worker", "--once")
