"""Browser stories: Playwright drives Debian's Chromium (never a downloaded browser) against
pytest-django's live server, and every page type is scanned with axe-core."""

import pytest
from axe_playwright_python.sync_playwright import Axe

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


@pytest.fixture
def sign_in(page, live_server):
    def _sign_in(user):
        page.goto(f"{live_server.url}/accounts/sign-in/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        return page

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
        page = browser.new_context().new_page()
        page.goto(f"{live_server.url}/accounts/sign-in/")
        page.get_by_label("Username").fill(user.username)
        page.get_by_label("Password").fill(PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        return page

    return _open
