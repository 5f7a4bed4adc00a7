"""Top-up bands: the panel's decision with its reason, and simulating a change across the caseload."""

from datetime import date

import pytest

from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import REFUSED, ROLES, acting
from tellonce.core.refusals import InvalidStep
from tellonce.finance.models import Band, BandTable, TopUp
from tellonce.finance.services import record_top_up


@pytest.fixture
def bands(area):
    in_use = BandTable.objects.create(
        local_authority=area.child.local_authority,
        name="Mainstream 2025",
        setting_type="mainstream",
        effective_from=date(2025, 4, 1),
    )
    for code, amount in (("A", 1600), ("B", 3100), ("C", 4500)):
        Band.objects.create(table=in_use, code=code, top_up=amount)
    proposed = BandTable.objects.create(
        local_authority=area.child.local_authority,
        name="Mainstream 2027",
        setting_type="mainstream",
        effective_from=date(2027, 4, 1),
        status="proposed",
    )
    for code, amount in (("1", 2000), ("2", 3500), ("3", 5000)):
        Band.objects.create(table=proposed, code=code, top_up=amount)
    return in_use, proposed


@pytest.mark.parametrize("role", ROLES)
def test_the_banding_page_is_for_finance_managers_and_the_board(client, area, bands, role):
    client.force_login(area.users[role])
    assert client.get("/banding/").status_code in (
        {200} if role in {"analyst", "manager", "board member", "quality lead"} else REFUSED
    )


@pytest.mark.parametrize("role", ROLES)
def test_only_caseworkers_for_the_child_record_a_top_up(client, area, bands, role):
    client.force_login(area.users[role])
    assert client.get(f"/children/{area.child.pk}/top-up/").status_code in (
        {200} if role in {"coordinator", "manager"} else REFUSED
    )


def _decide(client, area, table, **extra):
    data = {"table": table.pk, "communication": "2", "learning": "1", "semh": "0", "sensory_physical": "0"}
    return client.post(f"/children/{area.child.pk}/top-up/", data | extra)


def test_a_panel_band_different_from_the_suggestion_needs_a_reason(client, area, bands):
    in_use, _ = bands
    client.force_login(area.users["coordinator"])
    refused = _decide(client, area, in_use, band="C")
    assert "Enter the reason the panel chose band C, not the suggested B" in refused.content.decode()
    assert not TopUp.objects.exists()
    assert _decide(client, area, in_use, band="C", reason="Needs two adults at lunchtimes").status_code == 302
    decision = TopUp.objects.get()
    assert (decision.band.code, decision.suggested.code, decision.levels["communication"]) == ("C", "B", 2)
    assert AccessEvent.objects.filter(
        child_id=area.child.pk, action=Action.CHANGE, what__contains="band C"
    ).exists()
    assert _decide(client, area, in_use).status_code == 302
    assert TopUp.objects.latest("pk").band.code == "B"


def test_a_simulation_costs_the_caseload_on_the_proposed_bands(client, area, bands):
    in_use, proposed = bands
    client.force_login(area.users["coordinator"])
    _decide(client, area, in_use, band="C", reason="Panel")
    client.force_login(area.users["analyst"])
    page = client.post("/banding/", {"proposed": [proposed.pk]}).content.decode()
    assert "£4,500" in page and "£5,000" in page and "£+500" in page
    assert "1 pupil would move to a higher top-up" in page
    assert area.child.given_name not in page
    assert "Select at least one proposed table" in client.post("/banding/", {}).content.decode()


def test_the_service_refuses_a_different_band_without_a_reason_whoever_calls_it(area, bands):
    in_use, _ = bands
    levels = {"communication": 2, "learning": 1, "semh": 0, "sensory_physical": 0}
    with pytest.raises(InvalidStep) as refused:
        record_top_up(
            area.child, table=in_use, levels=levels, chosen="C", reason="", by=acting(area.users["manager"])
        )
    assert refused.value.fields == {"reason": "Enter the reason the panel chose band C, not the suggested B"}
    assert not TopUp.objects.exists()


def test_the_pupils_counted_on_the_page_are_the_caseload_a_simulation_costs_each_once(client, area, bands):
    """A pupil with two decisions counts once, at their latest band; another council's pupil not at all."""
    from tellonce.finance import banding
    from tellonce.organisations.tests.factories import LocalAuthorityFactory
    from tellonce.people.tests.factories import ChildFactory

    in_use, _ = bands
    client.force_login(area.users["coordinator"])
    _decide(client, area, in_use, band="C", reason="Panel")
    _decide(client, area, in_use)
    theirs = ChildFactory(local_authority=LocalAuthorityFactory(code="998", name="Another council"))
    TopUp.objects.create(
        child=theirs, band=in_use.bands.get(code="A"), levels={}, decided_on=date(2026, 1, 5)
    )
    council = area.child.local_authority_id
    assert banding.current_caseload(council) == [("mainstream", "B", in_use.pk)]
    assert banding.pupils(council) == 1
    client.force_login(area.users["analyst"])
    assert "1 pupil has a band agreed by the panel" in client.get("/banding/").content.decode()
