"""Given an e-mail that failed every try, when the administrator opens Background work from the
menu, then they see the worker's state, the schedule and the dead letter, and put it back in the
queue. axe checks every page visited."""

from datetime import UTC, datetime

import pytest
from django.tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from tellonce.jobs.models import DeadLetter
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_an_administrator_sees_a_failed_email_and_puts_it_back_in_the_queue(
    browser_area, signed_in_page, live_server
):
    failed_at = datetime(2026, 12, 3, 7, 3, tzinfo=UTC)
    task = DBTaskResult.objects.create(
        args_kwargs={"args": [{}], "kwargs": {}},
        task_path="tellonce.jobs.mail.deliver_email",
        backend_name="default",
        run_after=failed_at,
        status=TaskResultStatus.FAILED,
        worker_ids=["one"],
        exception_class_path="tellonce.jobs.retry.Permanent",
        traceback="",
    )
    DeadLetter.objects.create(
        task_result=task, task_name="deliver_email", attempts=8, error="HTTPError: 503", failed_at=failed_at
    )
    admin = signed_in_page(browser_area.users["administrator"])
    admin.goto(f"{live_server.url}/")
    admin.get_by_role("link", name="Background work").first.click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Background work")
    expect(admin.locator(".govuk-warning-text")).to_contain_text("The worker is not running")
    expect(admin.get_by_role("cell", name="send-advice-reminders", exact=True)).to_be_visible()
    expect(admin.get_by_role("cell", name="HTTPError: 503")).to_be_visible()
    assert_accessible(admin)
    admin.get_by_role("button", name="Try deliver_email again").click()
    expect(admin.locator(".govuk-notification-banner")).to_contain_text("deliver_email is back in the queue")
    expect(admin.get_by_role("cell", name="Put back in the queue")).to_be_visible()
    assert_accessible(admin)
    task.refresh_from_db()
    assert task.status == TaskResultStatus.READY
