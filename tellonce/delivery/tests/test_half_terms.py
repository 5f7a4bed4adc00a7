"""The SEND manager enters, changes and removes the council's own half-term dates for a school
year; bad dates are refused on the field to put right with what was typed kept; without its own
dates a council's delivery is counted in the England pattern; no one else reaches them."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from tellonce.accounts.tests.factories import UserFactory
from tellonce.conftest import acting
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.delivery import services
from tellonce.delivery.models import HalfTermDate, half_terms_for
from tellonce.delivery.tests.builders import TODAY
from tellonce.domain.delivery import england_half_terms, half_term_date_problems
from tellonce.organisations.tests.factories import LocalAuthorityFactory

YEAR = 2025
ENGLAND = england_half_terms(YEAR)
URL = reverse("delivery:half-terms-year", kwargs={"year": YEAR})


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _own_dates(shift: int = 1) -> dict[int, tuple[date, date]]:
    """England's half-terms of 2025 to 2026, each a day later."""
    return {
        h.number: (h.starts_on + timedelta(days=shift), h.ends_on + timedelta(days=shift)) for h in ENGLAND
    }


def _posted(dates: dict[int, tuple[date, date]], version: int) -> dict[str, str]:
    data = {"version": str(version)}
    for n, (starts_on, ends_on) in dates.items():
        for part, day in (("starts", starts_on), ("ends", ends_on)):
            data |= {f"{part}_{n}-day": str(day.day), f"{part}_{n}-month": str(day.month)}
            data |= {f"{part}_{n}-year": str(day.year)}
    return data


def test_dates_that_run_backwards_overlap_or_leave_the_school_year_are_each_named():
    half_terms = list(ENGLAND)
    half_terms[0] = half_terms[0].__class__(date(YEAR, 8, 28), half_terms[0].ends_on, YEAR, 1)
    half_terms[2] = half_terms[2].__class__(half_terms[1].ends_on, half_terms[1].ends_on, YEAR, 3)
    half_terms[5] = half_terms[5].__class__(half_terms[5].starts_on, date(YEAR + 1, 9, 2), YEAR, 6)
    assert half_term_date_problems(YEAR, ENGLAND) == {}
    assert half_term_date_problems(YEAR, half_terms) == {
        (1, "starts"): "Autumn 1 2025 must start on or after 1 September 2025",
        (3, "ends"): "Spring 1 2026 must end after it starts",
        (3, "starts"): "Spring 1 2026 must start after Autumn 2 2025 ends",
        (6, "ends"): "Summer 2 2026 must end on or before 31 August 2026",
    }


def test_the_manager_enters_the_councils_dates_which_are_used_instead_of_englands(client, area):
    la = area.child.local_authority
    assert half_terms_for(la.pk, range(YEAR, YEAR + 1)) == ENGLAND
    client.force_login(area.users["manager"])
    page = client.get(URL)
    assert page.status_code == 200 and 'name="starts_1-day"' in page.content.decode()
    response = client.post(URL, _posted(_own_dates(), 0))
    assert response.status_code == 302
    own = half_terms_for(la.pk, range(YEAR, YEAR + 1))
    assert [(h.starts_on, h.ends_on) for h in own] == list(_own_dates().values())
    listing = client.get(reverse("delivery:half-terms")).content.decode()
    assert "The council&#39;s own dates" in listing or "The council's own dates" in listing
    # changed again from the version saved
    assert client.post(URL, _posted(_own_dates(2), 1)).status_code == 302
    assert HalfTermDate.objects.get(local_authority=la, number=1).starts_on == ENGLAND[
        0
    ].starts_on + timedelta(days=2)


def test_overlapping_dates_are_refused_on_the_field_with_what_was_typed_kept(client, area):
    client.force_login(area.users["manager"])
    dates = _own_dates()
    dates[2] = (dates[1][1], dates[2][1])  # autumn 2 starts the day autumn 1 ends
    response = client.post(URL, _posted(dates, 0))
    text = response.content.decode()
    assert response.status_code == 400
    assert "Autumn 2 2025 must start after Autumn 1 2025 ends" in text
    assert 'href="#id_starts_2-day"' in text and f'value="{dates[2][0].day}"' in text
    assert not HalfTermDate.objects.exists()
    # a date that is not a date is named too
    assert (
        "must be a real date" in client.post(URL, _posted(dates, 0) | {"ends_4-month": "13"}).content.decode()
    )


def test_the_dates_are_removed_and_the_england_pattern_is_used_again(client, area):
    by = acting(area.users["manager"])
    la = area.child.local_authority
    services.set_half_terms(la.pk, YEAR, _own_dates(), by=by, today=TODAY, expected_version=0)
    client.force_login(area.users["manager"])
    remove = reverse("delivery:half-terms-remove", kwargs={"year": YEAR})
    assert client.get(remove).status_code == 200
    assert client.post(remove, {"version": "1"}).status_code == 302
    assert half_terms_for(la.pk, range(YEAR, YEAR + 1)) == ENGLAND
    assert client.get(remove).status_code == 404


def test_a_save_from_a_page_opened_before_someone_elses_save_is_refused(area):
    by = acting(area.users["manager"])
    la = area.child.local_authority
    services.set_half_terms(la.pk, YEAR, _own_dates(), by=by, today=TODAY, expected_version=0)
    with pytest.raises(EditConflict):
        services.set_half_terms(la.pk, YEAR, _own_dates(2), by=by, today=TODAY, expected_version=0)
    with pytest.raises(EditConflict):
        services.remove_half_terms(la.pk, YEAR, by=by, today=TODAY, expected_version=0)
    with pytest.raises(InvalidStep):
        services.set_half_terms(la.pk, YEAR, {1: _own_dates()[1]}, by=by, today=TODAY, expected_version=1)


def test_only_the_councils_manager_reaches_the_dates_and_never_another_councils(client, area):
    for who in ("coordinator", "SENCO at the school", "quality lead"):
        client.force_login(area.users[who])
        assert client.get(reverse("delivery:half-terms")).status_code == 403
        assert client.post(URL, _posted(_own_dates(), 0)).status_code == 403
    other = LocalAuthorityFactory(code="998", name="Elsewhere Council")
    services.set_half_terms(
        other.pk, YEAR, _own_dates(3), by=acting(area.users["manager"]), today=TODAY, expected_version=0
    )
    client.force_login(area.users["manager"])
    page = client.get(URL).content.decode()
    assert 'value="0"' in page  # the other council's dates are not this council's to change
    # removing is of this council's own dates: it has none
    assert client.get(reverse("delivery:half-terms-remove", kwargs={"year": YEAR})).status_code == 404
    client.force_login(UserFactory(role="send_manager", local_authority=other))
    assert client.post(URL, _posted(_own_dates(), 1)).status_code == 302
    assert not HalfTermDate.objects.filter(local_authority=area.child.local_authority).exists()
    assert half_terms_for(area.child.local_authority.pk, range(YEAR, YEAR + 1)) == ENGLAND


def test_a_school_year_outside_the_four_that_may_be_set_is_not_found(client, area):
    client.force_login(area.users["manager"])
    assert client.get(reverse("delivery:half-terms-year", kwargs={"year": 2019})).status_code == 404
