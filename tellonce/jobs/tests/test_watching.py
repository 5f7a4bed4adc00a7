"""What the administrator and the readiness check see of the worker."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.mail import send_mail

from tellonce.jobs import health, metrics
from tellonce.jobs.models import DeadLetter, JobRun
from tellonce.jobs.tests import tasks
from tellonce.jobs.worker import Worker

NIGHT = datetime(2026, 12, 4, 1, 0, tzinfo=UTC)


def test_readiness_fails_until_a_worker_reports_and_again_when_it_falls_silent(db, settings):
    settings.TELLONCE_WORKER_HEARTBEAT_MINUTES = 5
    name, ok, detail = health.worker_heartbeat_check()
    assert (name, ok) == ("worker", False) and "no worker" in detail
    with time_machine.travel(NIGHT, tick=False) as clock:
        Worker().beat()
        assert health.worker_heartbeat_check()[1] is True
        clock.shift(timedelta(minutes=5))
        assert health.worker_heartbeat_check()[1] is True
        clock.shift(timedelta(seconds=1))
        name, ok, detail = health.worker_heartbeat_check()
        assert ok is False and "301 seconds ago (allowed 5 minutes)" in detail


def test_the_metrics_count_the_queue_the_retries_and_what_failed(db, queued):
    with time_machine.travel(NIGHT, tick=False):
        send_mail("One", "Text", None, ["a@example.org", "b@example.org"])
        tasks.flaky.enqueue("retried", failures=1)
        tasks.refused.enqueue("dead")
        assert metrics.collect()["queue_depth"] == 4
        Worker().run(once=True)
        assert metrics.collect() == {
            "queue_depth": 0,
            "retrying": 1,
            "running": 0,
            "failed": 1,
            "dead_letters": 1,
            "failed_scheduled_runs": 0,
        }


@pytest.fixture
def dead_letter(db, queued):
    with time_machine.travel(NIGHT, tick=False):
        tasks.refused.enqueue("dead")
        Worker().run(once=True)
    return DeadLetter.objects.get()


def test_the_administrator_sees_the_worker_the_schedule_its_runs_and_the_dead_letters(
    client, area, dead_letter
):
    JobRun.objects.create(
        job="send-advice-reminders",
        due_on=NIGHT.date(),
        started_at=NIGHT,
        finished_at=NIGHT,
        outcome="succeeded",
        counts={"sent": 3},
    )
    client.force_login(area.users["administrator"])
    page = client.get("/administration/background-work/").content.decode()
    assert "The worker is not running" in page  # it ran only in the fixture, long ago
    assert "send-listing-reminders" in page and "07:15" in page and "sent: 3" in page
    assert '<td class="govuk-table__cell">refused</td>' in page and "Notify accepts" in page
    assert "Try again" in page and "4 December 2026" in page
    client.force_login(area.users["manager"])
    assert client.get("/administration/background-work/").status_code == 403


def test_the_administrator_puts_a_dead_letter_back_in_the_queue_once(client, area, dead_letter):
    client.force_login(area.users["administrator"])
    url = f"/administration/background-work/dead-letters/{dead_letter.pk}/retry/"
    done = client.post(url)
    assert done["Location"] == "/administration/background-work/"
    dead_letter.refresh_from_db()
    assert dead_letter.retried_by == area.users["administrator"] and dead_letter.task_result.status == "READY"
    again = client.post(url, follow=True).content.decode()
    assert "already been put back in the queue" in again


def test_an_email_queued_by_a_councils_request_is_that_councils_and_its_dead_letter_only_theirs(
    client, area, queued, rf
):
    from django.core.mail import send_mail
    from django_tasks_db.models import DBTaskResult

    from tellonce.jobs.context import RememberRequester

    administrator = area.users["administrator"]
    request = rf.post("/")
    request.user = administrator
    RememberRequester(lambda request: send_mail("Hello", "Text", None, ["x@example.org"]))(request)
    [queued_email] = DBTaskResult.objects.all()
    assert queued_email.args_kwargs["args"][0]["council"] == administrator.local_authority.code

    with time_machine.travel(NIGHT, tick=False):
        tasks.refused.enqueue("installation's")
        Worker().run(once=True)
    elsewhere = DeadLetter.objects.get()
    elsewhere.council_code = "998" if administrator.local_authority.code != "998" else "997"
    elsewhere.save()
    client.force_login(administrator)
    page = client.get("/administration/background-work/").content.decode()
    assert "No task has failed every try" in page
    assert (
        client.post(f"/administration/background-work/dead-letters/{elsewhere.pk}/retry/").status_code == 404
    )
