"""Browser stories: Playwright drives Debian's Chromium (never a downloaded browser) against
pytest-django's live server, and every page type is scanned with axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

from tellonce.accounts.tests.two_factor import app_for, code_for
from tellonce.accounts.two_factor import must_use_two_factor
from tellonce.conftest import build_area

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PASSWORD = "correct-horse-battery"


@pytest.fixture(scope="session")
def browser_type_launch_args():
    return {"executable_path": CHROMIUM, "args": CHROMIUM_ARGS, "headless": True}


@pytest.fixture
def browser_area(transactional_db):
    return build_area()


def _through_the_sign_in_page(page, live_server, user):
    """Username and password; then, for staff, the code from their authenticator app (made for them
    if they have none, as if they had set one up before)."""
    app = app_for(user) if must_use_two_factor(user) else None
    page.goto(f"{live_server.url}/accounts/sign-in/")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    if app is not None:
        page.get_by_label("Code").fill(code_for(app))
        page.get_by_role("button", name="Continue").click()
    return page


@pytest.fixture
def sign_in(page, live_server):
    def _sign_in(user):
        return _through_the_sign_in_page(page, live_server, user)

    return _sign_in


_axe = Axe()


def assert_accessible(page) -> None:
    """No serious or critical WCAG 2.2 AA violation on the page as it stands."""
    results = _axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}})
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    report = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']]}" for v in bad
    )
    assert not bad, f"{page.url}\n{report}"


@pytest.fixture
def signed_in_page(browser, live_server):
    """A fresh browser context signed in as `user`: several people can act in one story."""

    def _open(user):
        return _through_the_sign_in_page(browser.new_context().new_page(), live_server, user)

    return _open


def fill_date(page, legend: str, day) -> None:
    """Type a date into the GOV.UK date input whose fieldset has the legend `legend`."""
    group = page.get_by_role("group", name=legend)
    group.get_by_label("Day").fill(str(day.day))
    group.get_by_label("Month").fill(str(day.month))
    group.get_by_label("Year").fill(str(day.year))
