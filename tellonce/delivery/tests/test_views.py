"""The delivery pages: each person reaches only what is theirs; bad input is refused with the
field to put right and nothing saved; the board's figures name no child."""

import pytest
import time_machine
from django.urls import reverse

from tellonce.audit.models import AccessEvent
from tellonce.conftest import acting
from tellonce.delivery import services
from tellonce.delivery.models import DeliveryRecord, FamilyReport, FollowUp
from tellonce.delivery.tests.builders import TODAY, commitments
from tellonce.domain.delivery import england_half_terms

SPRING_1 = england_half_terms(2025)[2]


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def made(area):
    return commitments(area)


def _record_url(commitment, half_term=SPRING_1):
    return reverse(
        "delivery:record", kwargs={"pk": commitment.pk, "half_term": half_term.starts_on.isoformat()}
    )


def test_the_senco_records_a_half_terms_delivery_for_their_pupil(client, area, made):
    client.force_login(area.users["SENCO at the school"])
    listing = client.get(reverse("delivery:to-record") + f"?half_term={SPRING_1.starts_on.isoformat()}")
    assert listing.status_code == 200 and "Language group" in listing.content.decode()
    # the school does not deliver the health provision, so it is not theirs to record
    assert "Speech and language therapy, direct sessions" not in listing.content.decode()
    response = client.post(
        _record_url(made["f"]), {"outcome": "partly", "delivered": "12", "reason": "staff_absence"}
    )
    assert response.status_code == 302
    record = DeliveryRecord.objects.get()
    assert (record.expected, record.delivered, record.reason) == (18, 12, "staff_absence")
    assert AccessEvent.objects.filter(child=area.child, action="change").exists()


def test_a_record_without_a_reason_is_refused_with_what_was_typed_kept(client, area, made):
    client.force_login(area.users["SENCO at the school"])
    response = client.post(_record_url(made["f"]), {"outcome": "partly", "delivered": "12"})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Select why the provision was not all delivered" in page and 'value="12"' in page
    assert not DeliveryRecord.objects.exists()


@pytest.mark.parametrize(
    ("who", "key"),
    [
        ("SENCO elsewhere", "f"),
        ("SENCO at the school", "g-1"),
        ("therapist not asked", "g-1"),
        ("therapist asked to help", "f"),
    ],
)
def test_a_setting_or_provider_cannot_record_what_it_does_not_deliver(client, area, made, who, key):
    client.force_login(area.users[who])
    assert client.post(_record_url(made[key]), {"outcome": "delivered"}).status_code == 404
    assert not DeliveryRecord.objects.exists()


def test_a_half_term_not_yet_begun_cannot_be_opened(client, area, made):
    client.force_login(area.users["SENCO at the school"])
    summer_2 = england_half_terms(2025)[5]
    assert client.get(_record_url(made["f"], summer_2)).status_code == 404


def test_the_parent_reports_missed_sessions_from_their_childs_page(client, area, made):
    client.force_login(area.users["parent"])
    page = client.get(reverse("delivery:child", kwargs={"child_pk": area.child.pk}))
    assert page.status_code == 200 and "Tell us it was not received" in page.content.decode()
    refused = client.post(reverse("delivery:report", kwargs={"pk": made["g-1"].pk}), {"text": ""})
    assert refused.status_code == 400 and "Enter what was not received" in refused.content.decode()
    done = client.post(
        reverse("delivery:report", kwargs={"pk": made["g-1"].pk}),
        {"text": "No therapy since January", "sessions_missed": "6"},
    )
    assert done.status_code == 302
    assert FamilyReport.objects.get().sessions_missed == 6


def test_another_family_cannot_see_or_report_on_the_child(client, area, made):
    client.force_login(area.users["parent of another child"])
    assert client.get(reverse("delivery:child", kwargs={"child_pk": area.child.pk})).status_code == 404
    response = client.post(reverse("delivery:report", kwargs={"pk": made["f"].pk}), {"text": "Missed"})
    assert response.status_code == 404
    assert not FamilyReport.objects.exists()


def test_the_coordinator_sees_the_missed_provision_and_records_the_action(client, area, made):
    services.report_not_received(
        made["g-1"],
        text="No therapy since January",
        half_term_label="Spring 1 2026",
        sessions_missed=6,
        by=acting(area.users["parent"]),
        today=TODAY,
    )
    client.force_login(area.users["coordinator"])
    listing = client.get(reverse("delivery:to-follow-up")).content.decode()
    assert "Family reported" in listing and area.child.full_name in listing
    url = reverse("delivery:follow-up", kwargs={"pk": made["g-1"].pk})
    assert "No therapy since January" in client.get(url).content.decode()
    assert client.post(url, {"action": ""}).status_code == 400
    assert (
        client.post(url, {"action": "make_up", "text": "Four sessions in the Easter holiday"}).status_code
        == 302
    )
    assert FollowUp.objects.get().action == "make_up"
    assert "Family reported" not in client.get(reverse("delivery:to-follow-up")).content.decode()


def test_another_coordinator_cannot_follow_up_a_child_not_on_their_caseload(client, area, made):
    client.force_login(area.users["other coordinator"])
    url = reverse("delivery:follow-up", kwargs={"pk": made["g-1"].pk})
    assert client.post(url, {"action": "make_up"}).status_code == 404
    assert not FollowUp.objects.exists()


def test_the_coordinator_sets_how_often_by_hand(client, area, made):
    client.force_login(area.users["coordinator"])
    url = reverse("delivery:frequency", kwargs={"pk": made["g-2"].pk})
    refused = client.post(url, {"version": made["g-2"].version, "words": "as needed"})
    assert refused.status_code == 400 and "Enter how often in words" in refused.content.decode()
    assert client.post(url, {"version": made["g-2"].version, "words": "half-termly"}).status_code == 302
    made["g-2"].refresh_from_db()
    assert made["g-2"].per == "half_term"


def test_the_board_sees_the_figures_without_any_childs_name(client, area, made):
    services.record_delivery(
        made["g-1"],
        SPRING_1,
        outcome="not_delivered",
        delivered=None,
        reason="vacancy",
        reason_text="",
        by=acting(area.users["therapist asked to help"]),
        today=TODAY,
    )
    client.force_login(area.users["board member"])
    page = client.get(reverse("delivery:figures")).content.decode()
    assert "Speech and language therapy, direct sessions" in page and "0 of 6" in page
    assert area.child.full_name not in page
    client.force_login(area.users["manager"])
    assert area.child.full_name in client.get(reverse("delivery:figures")).content.decode()
