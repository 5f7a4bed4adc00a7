"""Bad input and concurrent edits through the pages: each refused with a clear message, what was
typed kept on the page, nothing saved; two people editing one section never overwrite each other."""

import re
from datetime import date

import pytest
import time_machine

from tellonce.conftest import acting
from tellonce.domain.plan_content import Section
from tellonce.plans import services
from tellonce.plans.models import PlanComment
from tellonce.plans.tests.builders import TODAY, section, started_plan

GOOD_ITEM = {
    "what": "Phonics in a group of four",
    "role": "Teacher",
    "qualification": "Qualified teacher",
    "times": "3",
    "per": "week",
    "minutes": "30",
    "group_size": "4",
    "starts_on-day": "1",
    "starts_on-month": "9",
    "starts_on-year": "2026",
    "ends_on-day": "20",
    "ends_on-month": "7",
    "ends_on-year": "2027",
}


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def draft(area, client):
    plan, version = started_plan(area)
    client.force_login(area.users["coordinator"])
    return version


def _post_item(client, version, **changes):
    row = section(version, Section.F)
    url = f"/plans/{version.plan_id}/versions/{version.number}/sections/F/items/new/"
    return client.post(url, GOOD_ITEM | {"version": row.version} | changes)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"times": "-2"}, "How often must be a whole number from 1 to 1,000"),
        ({"times": "0"}, "How often must be a whole number from 1 to 1,000"),
        ({"times": "three"}, "How many times must be a whole number"),
        ({"times": "30", "per": "day", "minutes": "60"}, "more time than there is in a day"),
        ({"minutes": "2000"}, "from 1 minute to 24 hours"),
        ({"times": "3", "per": ""}, "choose a day, week, term or other period"),
        ({"group_size": "0"}, "Group size must be from 1 to 60"),
        (
            {"ends_on-day": "31", "ends_on-month": "8", "ends_on-year": "2026"},
            "end date must be the same as or after",
        ),
        ({"ends_on-day": "31", "ends_on-month": "2", "ends_on-year": "2027"}, "Ends on must be a real date"),
        ({"what": ""}, "Enter what the provision is"),
        ({"what": "x" * 2001}, "must be 2,000 characters or fewer"),
    ],
)
def test_a_provision_item_with_bad_amounts_or_dates_is_refused_clearly_and_nothing_is_lost(
    client, draft, changes, message
):
    before = section(draft, Section.F).data
    response = _post_item(client, draft, **changes)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page and message in page
    if "what" not in changes:
        assert "Phonics in a group of four" in page  # what was typed is still in the form
    assert section(draft, Section.F).data == before


def test_a_good_provision_item_is_saved(client, draft):
    response = _post_item(client, draft)
    assert response.status_code == 302
    items = section(draft, Section.F).data["items"]
    assert items[-1]["what"] == "Phonics in a group of four"
    assert (items[-1]["times"], items[-1]["per"], items[-1]["minutes"]) == (3, "week", 30)


def test_two_people_saving_the_same_section_get_a_conflict_and_keep_what_they_typed(client, area, draft):
    url = f"/plans/{draft.plan_id}/versions/1/sections/B/"
    read_at = section(draft, Section.B).version
    first = client.post(url, {"version": read_at, "text": "Written by the coordinator"})
    assert first.status_code == 302
    client.force_login(area.users["manager"])
    second = client.post(url, {"version": read_at, "text": "Written by the manager"})
    assert second.status_code == 409
    page = second.content.decode()
    assert "Your changes have not been saved" in page and "Written by the manager" in page
    assert section(draft, Section.B).data == {"text": "Written by the coordinator"}


def test_two_people_saving_different_sections_both_keep_their_changes(client, area, draft):
    b, c = section(draft, Section.B).version, section(draft, Section.C).version
    assert (
        client.post(
            f"/plans/{draft.plan_id}/versions/1/sections/B/", {"version": b, "text": "B text"}
        ).status_code
        == 302
    )
    client.force_login(area.users["manager"])
    assert (
        client.post(
            f"/plans/{draft.plan_id}/versions/1/sections/C/", {"version": c, "text": "C text"}
        ).status_code
        == 302
    )
    assert (
        section(draft, Section.B).data["text"] == "B text"
        and section(draft, Section.C).data["text"] == "C text"
    )


def test_a_comment_after_the_window_has_closed_is_refused_and_the_text_is_kept(client, area, draft):
    services.serve(
        draft,
        by=acting(area.users["coordinator"]),
        served_on=date(2026, 11, 2),
        today=TODAY,
        expected_version=draft.version,
    )
    client.force_login(area.users["parent"])
    url = f"/plans/{draft.plan_id}/versions/1/comment/"
    response = client.post(url, {"section": "F", "text": "Please make therapy weekly"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The time to comment ended on 16 November 2026" in page
    assert "Please make therapy weekly" in page
    assert not PlanComment.objects.exists()


def test_an_empty_comment_is_refused_with_a_message(client, area, draft):
    services.serve(
        draft,
        by=acting(area.users["coordinator"]),
        served_on=date(2026, 11, 20),
        today=TODAY,
        expected_version=draft.version,
    )
    client.force_login(area.users["parent"])
    response = client.post(f"/plans/{draft.plan_id}/versions/1/comment/", {"section": "F", "text": "  "})
    assert response.status_code == 400 and "Enter your comment" in response.content.decode()
    assert not PlanComment.objects.exists()


def test_an_unknown_section_or_item_is_not_found(client, draft):
    assert client.get(f"/plans/{draft.plan_id}/versions/1/sections/Z/").status_code == 404
    assert client.get(f"/plans/{draft.plan_id}/versions/1/sections/E/").status_code == 404
    assert client.get(f"/plans/{draft.plan_id}/versions/1/sections/F/items/nope/").status_code == 404
    assert client.get(f"/plans/{draft.plan_id}/versions/9/").status_code == 404


def test_several_findings_are_acknowledged_at_once_with_one_reason(draft, client):
    findings = draft.findings(TODAY)
    assert len(findings) >= 2
    url = f"/plans/{draft.plan_id}/versions/{draft.number}/acknowledge/"
    page = client.get(url + f"?finding={findings[0].key}")
    assert page.status_code == 200
    ticked = re.findall(r'value="([^"]+)"[^>]*checked', page.content.decode())
    assert ticked == [findings[0].key]
    chosen = [f.key for f in findings[:2]]
    response = client.post(url, {"findings": chosen, "reason": "Agreed with the family at the meeting"})
    assert response.status_code == 302
    made = {a.key: a.reason for a in draft.acknowledgements.all()}
    assert made == dict.fromkeys(chosen, "Agreed with the family at the meeting")


def test_acknowledging_with_no_reason_or_no_finding_says_so_and_keeps_what_was_chosen(draft, client):
    findings = draft.findings(TODAY)
    url = f"/plans/{draft.plan_id}/versions/{draft.number}/acknowledge/"
    page = client.post(url, {"findings": [findings[0].key], "reason": ""}).content.decode()
    assert "Enter why they can be left as they are" in page
    assert re.findall(r'value="([^"]+)"[^>]*checked', page) == [findings[0].key]
    page = client.post(url, {"reason": "A reason"}).content.decode()
    assert "Choose the findings to acknowledge" in page and "A reason" in page
    page = client.post(url, {"findings": ["no-such-finding"], "reason": "A reason"}).content.decode()
    assert "no longer apply" in page
    assert not draft.acknowledgements.exists()
