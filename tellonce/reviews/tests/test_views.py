"""Bad input on the review pages: refused with a clear message, what was typed kept, nothing saved;
two people saving one review from the same reading never overwrite each other."""

from datetime import date

import pytest
import time_machine

from tellonce.conftest import acting
from tellonce.reviews import services
from tellonce.reviews.models import AnnualReview
from tellonce.reviews.tests.builders import plan_in_force

TODAY = date(2026, 11, 22)


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def review(area, client):
    plan = plan_in_force(area, today=TODAY)
    review = services.schedule_review(
        plan, by=acting(area.users["coordinator"]), meeting_on=date(2026, 10, 19), today=TODAY
    )
    client.force_login(area.users["coordinator"])
    return review


def _held(area, review):
    services.record_meeting(
        review,
        by=acting(area.users["coordinator"]),
        held_on=date(2026, 10, 19),
        attendance=[],
        expected_version=review.version,
        today=TODAY,
    )
    review.refresh_from_db()
    return review


def _date(name: str, day: date) -> dict:
    return {f"{name}-day": str(day.day), f"{name}-month": str(day.month), f"{name}-year": str(day.year)}


def test_a_decision_dated_before_the_meeting_is_refused_with_its_reason(client, area, review):
    review = _held(area, review)
    data = {
        "version": review.version,
        "decision": "amend",
        "reason": "More therapy",
        "cease_reason": "",
    } | _date("notified_on", date(2026, 10, 18))
    response = client.post(f"/reviews/{review.pk}/decision/", data)
    page = response.content.decode()
    assert response.status_code == 200 and "is dated before the meeting" in page and "More therapy" in page
    assert AnnualReview.objects.get(pk=review.pk).decision == ""


def test_a_decision_before_the_meeting_is_recorded_is_refused(client, area, review):
    data = {"version": review.version, "decision": "maintain", "reason": "", "cease_reason": ""} | _date(
        "notified_on", TODAY
    )
    page = client.post(f"/reviews/{review.pk}/decision/", data).content.decode()
    assert "Record the meeting before the decision" in page


def test_a_future_decision_date_and_a_missing_decision_are_refused(client, area, review):
    review = _held(area, review)
    data = {"version": review.version, "reason": "", "cease_reason": ""} | _date(
        "notified_on", date(2026, 12, 1)
    )
    page = client.post(f"/reviews/{review.pk}/decision/", data).content.decode()
    assert "Select the decision" in page and "must be today or in the past" in page


def test_a_half_filled_invitation_is_refused(client, area, review):
    data = {"version": review.version, "agency_0": "health", "name_0": ""} | _date(
        "sent_on", date(2026, 10, 1)
    )
    page = client.post(f"/reviews/{review.pk}/invitations/", data).content.decode()
    assert "Give both who person 1 is and where they are from" in page
    assert not review.attendance.exists()


def test_the_report_needs_progress_on_each_outcome_and_the_date_they_left(client, area, review):
    client.force_login(area.users["SENCO at the school"])
    data = {
        "version": review.version,
        "child_views": "Fine",
        "family_views": "Fine",
        "education_status": "left_no_return",
    }
    page = client.post(f"/reviews/{review.pk}/report/", data).content.decode()
    assert "Select the progress towards outcome 1" in page
    assert "Enter the date they left education or training" in page
    assert AnnualReview.objects.get(pk=review.pk).report_sent_on is None


def test_two_saves_of_one_review_from_the_same_reading_are_refused_the_second_time(client, area, review):
    read_at = review.version
    first = {"version": read_at} | _date("held_on", date(2026, 10, 19))
    assert client.post(f"/reviews/{review.pk}/meeting/", first).status_code == 302
    client.force_login(area.users["manager"])
    second = client.post(
        f"/reviews/{review.pk}/meeting/", {"version": read_at} | _date("held_on", date(2026, 10, 20))
    )
    assert second.status_code == 409
    assert AnnualReview.objects.get(pk=review.pk).held_on == date(2026, 10, 19)


def test_a_move_with_a_malformed_council_code_is_refused(client, area, review):
    data = (
        {"other_council": "Kent", "other_code": "88"}
        | _date("moves_on", date(2026, 9, 1))
        | _date("known_on", date(2026, 8, 1))
    )
    page = client.post(f"/plans/{review.plan_id}/moves/out/", data).content.decode()
    assert "code must be 3 digits, for example 886" in page
    assert not review.plan.moves.exists()


def test_the_coordinators_schedule_shows_the_plan_and_an_overdue_decision(client, area, review):
    _held(area, review)  # the meeting was 19 October: the decision was due by 16 November
    page = client.get("/reviews/").content.decode()
    assert review.plan.ref in page
    under_way = page[page.index("Reviews and amendments under way") :]
    # The report is due 2 weeks after the meeting.
    assert "Send the review report" in under_way and "2 November 2026" in under_way
    assert "Overdue" in under_way[: under_way.index("</table>")]
