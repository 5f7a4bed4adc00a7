"""Given tasks that wait for the worker, when the administrator asks for everything held about a
child, then they see that the file is being prepared, and once the worker has made it, they
download it and find it under Your files. axe checks every page visited."""

import pytest
from playwright.sync_api import expect

from tellonce.jobs.models import PreparedFile
from tellonce.jobs.worker import Worker
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_an_administrator_asks_for_a_subject_access_export_waits_and_downloads_it(
    browser_area, signed_in_page, live_server, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    child = browser_area.child
    admin = signed_in_page(browser_area.users["administrator"])
    admin.goto(f"{live_server.url}/records/children/{child.pk}/subject-access/")
    admin.get_by_label("Who asked for the record").fill("The child's mother, by letter")
    admin.get_by_role("button", name="Prepare the record").click()

    expect(admin.get_by_role("heading", level=1)).to_have_text("Your file is being prepared")
    expect(admin.locator('meta[http-equiv="refresh"]')).to_have_count(0)  # not unless asked (WCAG 2.2.1)
    assert_accessible(admin)
    admin.get_by_role("button", name="Check again").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Your file is being prepared")
    # Asked to, the page looks again by itself (axe fails any meta refresh, chosen or not: not scanned).
    admin.get_by_role("link", name="Look again every 5 seconds by itself").click()
    expect(admin.locator('meta[http-equiv="refresh"]')).to_have_attribute("content", "5")

    Worker().run(once=True)

    expect(admin.locator(".govuk-panel__title")).to_have_text("Your file is ready", timeout=15_000)
    expect(admin.locator('meta[http-equiv="refresh"]')).to_have_count(0)
    assert_accessible(admin)
    with admin.expect_download() as download:
        admin.get_by_role("button", name="Download the file").click()
    assert download.value.suggested_filename.startswith(f"subject-access-{child.pk}")
    assert PreparedFile.objects.get().status == PreparedFile.Status.READY

    admin.get_by_role("link", name="All your files").click()
    expect(admin.get_by_role("heading", level=1)).to_have_text("Your files")
    expect(admin.get_by_role("link", name=f"Everything held about {child.full_name}")).to_be_visible()
    assert_accessible(admin)
