"""Given the SEND team manager, when they upload the term's attendance and part-time timetable
extracts (one refused first for a bad line), then they see the measures, find the child with a plan
on a part-time timetable on the list to act on, and record what was done; axe finds nothing serious."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from tellonce.core.time import uk_today
from tellonce.domain.identifiers import upn_check_letter
from tellonce.tests.browser.conftest import assert_accessible, fill_date

pytestmark = pytest.mark.browser


def _upn(n: int) -> str:
    body = f"{n:012d}"
    return upn_check_letter(body) + body


def test_the_send_officer_uploads_extracts_sees_the_measures_and_acts_on_a_child(
    signed_in_page, browser_area, live_server, tmp_path
):
    users, child, today = browser_area.users, browser_area.child, uk_today()
    child.upn, child.sen_status = _upn(1), "EHC_PLAN"
    child.save()
    urn = child.setting.urn
    term = "2025/26 autumn"
    roll = ["upn,urn,sen_status,need,sessions_possible,sessions_authorised,sessions_unauthorised"]
    roll += [f"{_upn(1)},{urn},E,SEMH,120,10,8"]
    roll += [
        f"{_upn(100 + i)},{urn},{'E' if i < 14 else 'N'},{'ASD' if i < 14 else ''},120,{15 if i % 3 == 0 else 2},0"
        for i in range(60)
    ]
    attendance = tmp_path / "attendance.csv"
    attendance.write_text("\n".join(roll) + "\n")
    started = today - timedelta(weeks=3)
    part_time = tmp_path / "part-time.csv"
    part_time.write_text(
        "upn,urn,sen_status,need,start_date,end_date,hours_per_week\n"
        f"{_upn(1)},{urn},E,SEMH,{started.isoformat()},,40\n"
    )

    manager = signed_in_page(users["manager"])
    manager.get_by_role("link", name="Inclusion").click()
    expect(manager.get_by_text("No extract has been imported yet.")).to_be_visible()
    manager.get_by_role("link", name="Import an extract").click()
    assert_accessible(manager)

    manager.get_by_label("Part-time timetables").check()
    manager.get_by_label("Term").fill(term)
    manager.get_by_label("The extract (CSV)").set_input_files(str(part_time))
    manager.get_by_role("button", name="Import").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text(
        "line 2: hours_per_week must be more than 0 and less than 32.5 (full time)"
    )
    assert_accessible(manager)
    part_time.write_text(part_time.read_text().replace(",40\n", ",12.5\n"))
    manager.get_by_label("Part-time timetables").check()
    manager.get_by_label("The extract (CSV)").set_input_files(str(part_time))
    manager.get_by_role("button", name="Import").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("1 matched to a child")

    manager.get_by_role("link", name="Import an extract").click()
    manager.get_by_label("Attendance").check()
    manager.get_by_label("Term").fill(term)
    manager.get_by_label("The extract (CSV)").set_input_files(str(attendance))
    manager.get_by_role("button", name="Import").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("Imported 61 rows")
    expect(manager.get_by_role("table").first).to_contain_text("Persistently absent")
    assert_accessible(manager)

    manager.get_by_role("link", name="Children with a plan out of full-time school").click()
    expect(manager.get_by_role("table")).to_contain_text("On a part-time timetable")
    assert_accessible(manager)
    manager.get_by_role("link", name=child.full_name).click()
    expect(manager.get_by_role("table").first).to_contain_text("12.5 hours a week")
    manager.get_by_label("Agreed a plan to return to full-time education").check()
    manager.get_by_label("Notes").fill("Two more hours a week each fortnight; the SENCO reports back")
    fill_date(manager, "When to look again", today + timedelta(weeks=2))
    assert_accessible(manager)
    manager.get_by_role("button", name="Record what was done").click()
    expect(manager.get_by_text("Two more hours a week each fortnight")).to_be_visible()
    manager.get_by_role("link", name="Back", exact=True).click()
    expect(manager.get_by_text("No child to act on.")).to_be_visible()
