"""The schedule: jobs declared by their apps, each run once a UK day at or after its time, recorded."""

from datetime import UTC, date, datetime, time

import pytest
import time_machine
from django.core import mail

from tellonce.jobs import schedule
from tellonce.jobs.models import JobRun
from tellonce.jobs.schedule import Job
from tellonce.jobs.worker import Worker


def test_the_apps_declare_their_jobs_with_their_times_and_the_jobs_app_finds_them():
    jobs = schedule.discover()
    assert {name: f"{job.at:%H:%M}" for name, job in jobs.items()} == {
        "rebuild-plan-schedule": "01:30",
        "bring-provision-up-to-date": "01:45",
        "refresh-statistics": "02:30",
        "delete-finished-tasks": "03:00",
        "delete-expired-files": "03:05",
        "retention-report": "06:00",
        "send-advice-reminders": "07:00",
        "send-listing-reminders": "07:15",
        "send-overdue-digest": "07:30",
    }
    assert all(job.description for job in jobs.values())
    assert {job.run.__module__ for job in jobs.values()} == {
        "tellonce.jobs.jobs",
        "tellonce.records.jobs",
        "tellonce.advice.jobs",
        "tellonce.local_offer.jobs",
        "tellonce.workspace.jobs",
        "tellonce.reviews.jobs",
        "tellonce.delivery.jobs",
    }


@pytest.fixture
def counted(monkeypatch):
    days: list[date] = []

    def run(day: date) -> dict[str, int]:
        days.append(day)
        return {"sent": len(days)}

    monkeypatch.setattr(schedule, "JOBS", {"count": Job("count", time(7, 0), run, "Counts")})
    monkeypatch.setattr(schedule, "autodiscover_modules", lambda name: None)
    return days


def test_a_job_runs_once_a_day_at_or_after_its_uk_time_and_each_run_is_recorded(db, counted):
    # 6:59am in the UK in summer is 5:59 UTC.
    assert schedule.run_due(datetime(2026, 6, 1, 5, 59, tzinfo=UTC)) == []
    [run] = schedule.run_due(datetime(2026, 6, 1, 6, 0, tzinfo=UTC))
    assert run.outcome == JobRun.Outcome.SUCCEEDED and run.counts == {"sent": 1} and run.finished_at
    assert schedule.run_due(datetime(2026, 6, 1, 21, 0, tzinfo=UTC)) == []
    # The worker was stopped all morning: the day's run is made up when it starts.
    schedule.run_due(datetime(2026, 6, 2, 13, 0, tzinfo=UTC))
    assert counted == [date(2026, 6, 1), date(2026, 6, 2)]
    assert list(JobRun.objects.values_list("job", "due_on")) == [
        ("count", date(2026, 6, 2)),
        ("count", date(2026, 6, 1)),
    ]


def test_of_two_workers_only_one_runs_a_job_for_the_day(db, counted):
    job = schedule.JOBS["count"]
    now = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
    assert schedule.run(job, now=now) is not None
    assert schedule.run(job, now=now) is None
    assert counted == [date(2026, 6, 1)]


def test_a_job_that_fails_is_recorded_as_failed_with_its_error_and_the_worker_goes_on(db, monkeypatch):
    def broken(day: date) -> dict[str, int]:
        raise RuntimeError("the table is locked")

    monkeypatch.setattr(schedule, "JOBS", {"broken": Job("broken", time(2, 0), broken, "Fails")})
    monkeypatch.setattr(schedule, "autodiscover_modules", lambda name: None)
    [run] = schedule.run_due(datetime(2026, 6, 1, 8, 0, tzinfo=UTC))
    assert run.outcome == JobRun.Outcome.FAILED and run.error == "RuntimeError: the table is locked"


def test_the_worker_runs_the_real_schedule_and_the_digest_tells_a_coordinator_of_overdue_work(
    db, queued, area
):
    from tellonce.workspace import jobs as workspace_jobs

    for name in ("coordinator", "other coordinator", "manager"):
        area.users[name].email = f"{name.replace(' ', '.')}@example.org"
        area.users[name].save(update_fields=["email"])
    with time_machine.travel(datetime(2026, 12, 4, 8, 0, tzinfo=UTC), tick=False):
        Worker().run(once=True)
    runs = dict(JobRun.objects.values_list("job", "outcome"))
    assert set(runs) == set(schedule.discover()) and set(runs.values()) == {JobRun.Outcome.SUCCEEDED}
    retention = JobRun.objects.get(job="retention-report")
    assert retention.counts["councils"] == 1 and retention.counts["due for disposal"] >= 0
    digests = [message for message in mail.outbox if message.subject == "Overdue work in Tellonce"]
    expected = {
        user.email
        for user in (area.users["coordinator"], area.users["other coordinator"], area.users["manager"])
        if workspace_jobs.overdue_digest(user, today=date(2026, 12, 4))
    }
    assert {message.to[0] for message in digests} == expected
    assert all(area.child.first_name not in message.body for message in digests)


def test_the_overdue_digest_counts_overdue_work_by_kind_and_names_no_child(db, queued, area, monkeypatch):
    from tellonce.core.work import WorkItem
    from tellonce.workspace import jobs as workspace_jobs

    today = date(2026, 12, 4)
    items = [
        WorkItem("Advice overdue", "Chase advice", "/a/", child_name="Sam Okafor", due_on=date(2026, 12, 1)),
        WorkItem("Advice overdue", "Chase advice", "/b/", child_name="Ann Lee", due_on=date(2026, 12, 3)),
        WorkItem("Decide whether to assess", "Decide", "/c/", child_name="Ann Lee", due_on=date(2026, 11, 2)),
        WorkItem("Draft plans", "Draft", "/d/", child_name="Ann Lee", due_on=today),
        WorkItem("New requests", "Read", "/e/", child_name="Ann Lee"),
    ]
    coordinator = area.users["coordinator"]
    for name in ("coordinator", "manager"):
        area.users[name].email = f"{name}@example.org"
        area.users[name].save(update_fields=["email"])
    monkeypatch.setattr(workspace_jobs, "work_for", lambda user, today: items if user == coordinator else [])
    assert workspace_jobs.send_overdue_digest(today) == {"sent": 1}
    assert mail.outbox == []  # queued, not yet sent
    with time_machine.travel(datetime(2026, 12, 5, 1, 0, tzinfo=UTC), tick=False):  # before any job's time
        Worker().run(once=True)
    [digest] = [message for message in mail.outbox if message.subject == "Overdue work in Tellonce"]
    assert digest.to == [coordinator.email]
    assert "3 things are overdue in your work on 4 December 2026" in digest.body
    assert "- Advice overdue: 2\n- Decide whether to assess: 1" in digest.body
    assert "Okafor" not in digest.body and "Ann Lee" not in digest.body
