"""Waiting lists: who sees which service, the provider's extract (all or nothing, unmatched rows
queued), oversight of long waits, support while waiting, and the family's view of their place."""

import io
from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from tellonce.accounts.tests.factories import UserFactory
from tellonce.conftest import REFUSED, ROLES
from tellonce.organisations.models import HealthProvider
from tellonce.organisations.tests.factories import TeamFactory
from tellonce.waiting_lists.models import Referral, SupportOffer, UnmatchedRow, WaitingService, WaitReview

TODAY = date(2026, 11, 22)
CHILD_NHS = "9434765919"
OTHER_NHS = "4010232137"
HEADER = "provider_ref,nhs_number,referred,accepted,first_contact,assessment,treatment,discharged\n"


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def service(area):
    area.child.nhs_number = CHILD_NHS
    area.child.save()
    team = area.users["therapist asked to help"].team
    return WaitingService.objects.create(
        local_authority=area.child.local_authority,
        code="slt",
        name="Speech and language therapy",
        provider=team.provider,
        kind=team.service,
        clock_event="treatment",
        clock_weeks=18,
        clock_source="RTT 18 weeks",
        review_after_weeks=12,
    )


def _import(client, text):
    return client.post("/waiting/slt/", {"file": SimpleUploadedFile("x.csv", text.encode())})


GOOD = HEADER + f"R1,{CHILD_NHS},2026-05-04,yes,,,,\nR2,{OTHER_NHS},2026-06-01,yes,2026-06-20,,2026-08-01,\n"


def test_an_extract_with_nul_bytes_is_refused_and_nothing_is_imported(client, area, service):
    client.force_login(area.users["therapist asked to help"])
    data = (GOOD.replace("R1,", "R1\x00,")).encode()
    response = client.post("/waiting/slt/", {"file": SimpleUploadedFile("x.csv", data)})
    assert "The selected file must be a CSV file (.csv): it holds binary data" in response.content.decode()
    assert not Referral.objects.exists() and not UnmatchedRow.objects.exists()


def test_a_health_manager_imports_an_extract_and_unmatched_rows_go_to_the_queue(client, area, service):
    client.force_login(area.users["therapist asked to help"])
    assert _import(client, GOOD).status_code == 302
    referral = Referral.objects.get()
    assert (referral.child, referral.provider_ref, referral.accepted) == (area.child, "R1", True)
    assert UnmatchedRow.objects.get().provider_ref == "R2"
    # a later extract updates the same referral rather than duplicating it
    _import(client, HEADER + f"R1,{CHILD_NHS},2026-05-04,yes,2026-10-01,,2026-11-02,\n")
    referral.refresh_from_db()
    assert Referral.objects.count() == 1 and referral.treatment_on == date(2026, 11, 2)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (f"R1,{CHILD_NHS},2026-13-01,yes,,,,\n", "row 3 (R1): referred"),
        (f"R1,{CHILD_NHS},2026-05-01,yes,,,2026-04-01,\n", "treatment (2026-04-01) is before the referral"),
        ("R1,1234567890,2026-05-01,yes,,,,\n", "nhs_number"),
        (f"R1,{CHILD_NHS},2026-05-01,maybe,,,,\n", "accepted"),
        (f"R1,{CHILD_NHS},2026-05-01,yes,,,,\nR1,{CHILD_NHS},2026-05-02,yes,,,,\n", "appears again"),
        (f"R1,{CHILD_NHS},2027-05-01,yes,,,,\n", "in the future"),
    ],
)
def test_a_bad_extract_is_refused_row_by_row_and_nothing_is_written(client, area, service, rows, message):
    client.force_login(area.users["therapist asked to help"])
    response = _import(client, HEADER + f"R0,{CHILD_NHS},2026-01-05,yes,,,,\n" + rows)
    page = client.get(response["Location"]).content.decode()  # the extract's page, once imported
    assert message in page and "There is a problem" in page and "nothing has changed" in page
    assert not Referral.objects.exists() and not UnmatchedRow.objects.exists()


def test_the_command_imports_and_reports_problems(area, service, tmp_path):
    good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
    good.write_text(GOOD)
    bad.write_text(HEADER + "R9,,2026-01-01,,,,,\n")
    out = io.StringIO()
    call_command("import-waits", str(good), "--service", "slt", stdout=out)
    assert "1 new referrals, 0 updated, 1 sent to the review queue" in out.getvalue()
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import-waits", str(bad), "--service", "slt", stdout=io.StringIO(), stderr=io.StringIO())


@pytest.fixture
def referral(area, service):
    return Referral.objects.create(
        service=service, child=area.child, provider_ref="R1", referred_on=date(2026, 5, 4), accepted=True
    )


SEES = {
    "coordinator",
    "other coordinator",
    "manager",
    "quality lead",
    "analyst",
    "administrator",
    "parent",
    "therapist asked to help",
}


@pytest.mark.parametrize("role", ROLES)
def test_a_referral_is_seen_by_the_family_council_staff_and_the_provider_only(client, area, referral, role):
    client.force_login(area.users[role])
    assert client.get(f"/waiting/referrals/{referral.pk}/").status_code in (
        {200} if role in SEES else REFUSED
    )


@pytest.mark.parametrize("role", ROLES)
def test_service_measures_are_for_council_staff_the_board_and_the_provider(client, area, referral, role):
    client.force_login(area.users[role])
    readers = {
        "coordinator",
        "other coordinator",
        "manager",
        "quality lead",
        "analyst",
        "administrator",
        "board member",
        "therapist asked to help",
    }  # "therapist not asked" works for another provider, which does not run this service
    assert client.get("/waiting/slt/").status_code in ({200} if role in readers else REFUSED)


def test_a_long_waiter_stays_on_the_oversight_list_until_reviewed(client, area, referral):
    client.force_login(area.users["therapist asked to help"])
    page = client.get("/waiting/slt/oversight/").content.decode()
    assert area.child.full_name in page and "Overdue" in page  # 29 weeks; review due at 12
    client.post(
        f"/waiting/referrals/{referral.pk}/", {"review": "1", "need_rechecked": "on", "risk": "medium"}
    )
    client.post(f"/waiting/referrals/{referral.pk}/", {"support": "1", "kind": "group", "taken_up": "yes"})
    assert WaitReview.objects.get().risk == "medium" and SupportOffer.objects.get().taken_up is True
    assert area.child.full_name not in client.get("/waiting/slt/oversight/").content.decode()
    client.force_login(area.users["board member"])
    assert client.get("/waiting/slt/oversight/").status_code == 403


def test_a_parent_sees_their_childs_place_in_the_wait_and_the_support_offered(
    client, area, referral, service
):
    Referral.objects.create(
        service=service,
        child=area.other_child,
        provider_ref="R2",
        referred_on=date(2026, 3, 2),
        accepted=True,
    )
    SupportOffer.objects.create(referral=referral, kind="strategies", offered_on=date(2026, 9, 1))
    client.force_login(area.users["parent"])
    page = client.get(f"/waiting/referrals/{referral.pk}/").content.decode()
    assert "Waiting 29 weeks: 2 of 2 children on the list" in page
    assert "Interim strategies for home or school" in page
    assert "Record a review" not in page
    assert "Speech and language therapy" in client.get(f"/children/{area.child.pk}/").content.decode()


def test_the_measures_page_shows_the_list_by_weeks_waited(client, area, referral):
    client.force_login(area.users["analyst"])
    page = client.get("/waiting/slt/").content.decode()
    assert "1 waiting; median 29 weeks" in page and "26 to 52 weeks" in page and "<svg" in page


def test_an_unmatched_row_is_resolved_into_a_referral(client, area, service):
    client.force_login(area.users["therapist asked to help"])
    _import(client, GOOD)
    row = UnmatchedRow.objects.get()
    area.other_child.nhs_number = "9990548609"
    area.other_child.save()
    page = client.post(
        "/waiting/slt/unmatched/", {"row": row.pk, "nhs_number": "0000000000"}
    ).content.decode()
    assert "No child in Tellonce has that NHS number" in page
    client.post("/waiting/slt/unmatched/", {"row": row.pk, "nhs_number": "999 054 8609"})
    row.refresh_from_db()
    assert row.resolved.child == area.other_child and row.resolved.treatment_on == date(2026, 8, 1)


def test_services_belong_to_their_provider(area, service):
    other = HealthProvider.objects.create(name="Another trust")
    WaitingService.objects.create(
        local_authority=service.local_authority,
        code="ot",
        name="OT",
        provider=other,
        clock_event="treatment",
        clock_weeks=18,
        clock_source="RTT",
    )
    from tellonce.waiting_lists.views import _services_for

    assert [s.code for s in _services_for(area.users["therapist asked to help"])] == ["slt"]


def test_the_waiting_query_agrees_with_the_domain_rule(area, service):
    from tellonce.domain import waiting as rules
    from tellonce.waiting_lists.measures import still_waiting

    cases = [
        dict(referred_on=date(2026, 1, 5), accepted=True),
        dict(referred_on=date(2026, 1, 5), accepted=False),
        dict(referred_on=date(2026, 1, 5), accepted=None, treatment_on=date(2026, 12, 1)),
        dict(referred_on=date(2026, 1, 5), accepted=True, treatment_on=date(2026, 3, 1)),
        dict(referred_on=date(2026, 1, 5), accepted=True, discharged_on=date(2026, 4, 1)),
        dict(referred_on=date(2026, 12, 5), accepted=True),
    ]
    made = [
        Referral.objects.create(service=service, child=area.child, provider_ref=f"Q{i}", **c)
        for i, c in enumerate(cases)
    ]
    expected = {r.pk for r in made if rules.is_waiting(r.as_wait(), service.clock, TODAY)}
    assert (
        set(still_waiting(service, TODAY).values_list("pk", flat=True))
        == expected
        == {made[0].pk, made[2].pk}
    )


def test_a_professional_sees_only_the_lists_their_own_team_works(client, area, service):
    """Another team of the same NHS provider (a CAMHS team beside the therapists) sees neither the
    list nor its referrals; nor does a list with no kind set reach anyone but the council and DCO."""
    therapist = area.users["therapist asked to help"]
    camhs_team = TeamFactory(
        service="camhs", provider=therapist.team.provider, local_authority=therapist.team.local_authority
    )
    colleague = UserFactory(role="camhs", team=camhs_team, local_authority=camhs_team.local_authority)
    Referral.objects.create(
        service=service, child=area.child, provider_ref="R1", referred_on=date(2026, 1, 5)
    )
    assert Referral.objects.visible_to(therapist).count() == 1
    assert Referral.objects.visible_to(colleague).count() == 0
    assert Referral.objects.managed_by(colleague).count() == 0
    client.force_login(colleague)
    assert client.get("/waiting/slt/").status_code == 404
    service.kind = ""
    service.save()
    assert Referral.objects.visible_to(therapist).count() == 0
    dco = UserFactory(role="dco", local_authority=therapist.local_authority)
    assert Referral.objects.visible_to(dco).count() == 1
