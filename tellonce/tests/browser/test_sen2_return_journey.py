"""Given a council's imported cases, when the SEND manager opens the SEN2 return and checks it, then
they see it counted by module and the record failing a rule, follow its link to fix it, and download
the file."""

import pytest
from playwright.sync_api import expect

from tellonce.people.models import Child
from tellonce.returns.tests.case_file import import_cases
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def test_the_send_manager_checks_and_downloads_the_sen2_return(browser_area, sign_in, live_server, tmp_path):
    import_cases(tmp_path)
    child = Child.objects.get(external_ref="C1")
    Child.objects.filter(pk=child.pk).update(upn="", upn_unknown="")
    page = sign_in(browser_area.users["manager"])
    page.get_by_role("link", name="SEN2 return").click()
    page.get_by_label("Collection year").select_option("2026")
    page.get_by_role("button", name="Show this year").click()
    expect(page.get_by_role("heading", name="SEN2 return 2026")).to_be_visible()
    expect(page.get_by_role("heading", name="Not checked yet")).to_be_visible()
    page.get_by_role("button", name="Check the return").click()
    expect(page.get_by_text("The return was checked: 1 record fails a business rule.")).to_be_visible()
    expect(page.get_by_role("table", name="What the return holds")).to_contain_text("People (module 1)")
    expect(page.get_by_text("SEN2-P01")).to_be_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download the XML anyway").click()
    assert download.value.suggested_filename.endswith("-2026.xml")
    page.get_by_role("link", name="Record the UPN, the ULN or the reason there is neither").click()
    expect(page).to_have_url(f"{live_server.url}/children/{child.pk}/change/")
