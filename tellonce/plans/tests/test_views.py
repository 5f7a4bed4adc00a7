"""Bad input and concurrent edits through the pages: each refused with a clear message, what was
typed kept on the page, nothing saved; two people editing one section never overwrite each other."""

import re
from datetime import date

import pytest
import time_machine

from tellonce.conftest import acting
from tellonce.core.formatting import govuk_date
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


def _sent(area, draft):
    services.serve(
        draft,
        by=acting(area.users["coordinator"]),
        served_on=TODAY,
        today=TODAY,
        expected_version=draft.version,
    )
    draft.refresh_from_db()
    return draft


def test_a_reply_by_phone_is_recorded_with_how_and_when_it_came_and_can_end_the_15_days(area, draft, client):
    sent = _sent(area, draft)
    url = f"/plans/{sent.plan_id}/versions/{sent.number}/responses/new/"
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(
        url,
        {
            "channel": "phone",
            "received_on-day": str(TODAY.day),
            "received_on-month": str(TODAY.month),
            "received_on-year": str(TODAY.year),
            "kind": "comment",
            "section": "F",
            "text": "Mum is happy with section F",
            "finished": "on",
        },
    )
    assert response.status_code == 302
    made = PlanComment.objects.get(plan_version=sent)
    assert (made.channel, made.made_on, made.section, made.made_by) == (
        "phone",
        TODAY,
        "F",
        area.users["coordinator"],
    )
    sent.refresh_from_db()
    assert sent.family_finished_on == TODAY
    assert (
        "by phone (recorded by"
        in client.get(f"/plans/{sent.plan_id}/versions/{sent.number}/").content.decode()
    )


def test_a_reply_recorded_with_a_future_date_or_no_words_is_refused_and_kept_on_the_page(area, draft, client):
    sent = _sent(area, draft)
    url = f"/plans/{sent.plan_id}/versions/{sent.number}/responses/new/"
    later = TODAY.replace(year=TODAY.year + 1)
    page = client.post(
        url,
        {
            "channel": "letter",
            "received_on-day": str(later.day),
            "received_on-month": str(later.month),
            "received_on-year": str(later.year),
            "kind": "comment",
            "text": "",
        },
    )
    assert page.status_code == 400
    body = page.content.decode()
    assert "today or in the past" in body
    page = client.post(
        url,
        {
            "channel": "letter",
            "received_on-day": str(TODAY.day),
            "received_on-month": str(TODAY.month),
            "received_on-year": str(TODAY.year),
            "kind": "comment",
            "text": "  ",
        },
    )
    assert "Enter what the family said" in page.content.decode()
    assert not PlanComment.objects.filter(plan_version=sent).exists()


def test_the_issue_page_says_when_the_familys_15_days_end_before_the_coordinator_tries(area, draft, client):
    sent = _sent(area, draft)
    final = services.prepare_next(sent.plan, kind="final", by=acting(area.users["coordinator"]), today=TODAY)
    page = client.get(f"/plans/{sent.plan_id}/versions/{final.number}/issue/").content.decode()
    until = sent.comments_until()
    assert f"The family can comment on the draft plan until {govuk_date(until)}" in page
    assert "Record what the family said" in page


def test_every_section_with_its_own_page_opens_and_section_i_offers_the_councils_settings(client, draft):
    # Section I's form lists the council's settings; each other section's form opens too.
    for code in ("A", "B", "C", "D", "I", "J"):
        page = client.get(f"/plans/{draft.plan_id}/versions/1/sections/{code}/")
        assert page.status_code == 200, code
    section_i = client.get(f"/plans/{draft.plan_id}/versions/1/sections/I/").content.decode()
    assert 'name="setting"' in section_i and "Not named" in section_i
