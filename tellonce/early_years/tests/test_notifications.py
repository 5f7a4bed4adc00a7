"""Notifications from health (CFA 2014 s23): health notifies, refused with a clear message unless
the child is under school age, the parent was told and the service named; the early-years team acts
on it; it links to the child's record without a second one; each sees only theirs."""

from datetime import date, timedelta

import pytest
import time_machine
from django.urls import reverse

from tellonce.accounts.tests.factories import UserFactory
from tellonce.audit.models import AccessEvent
from tellonce.conftest import acting
from tellonce.core.refusals import InvalidStep
from tellonce.core.work import WorkList
from tellonce.early_years import measures, services
from tellonce.early_years.models import Notification
from tellonce.early_years.work import first_for, work_for
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.people.models import Child
from tellonce.people.tests.factories import ChildFactory

TODAY = date(2026, 11, 16)  # a Monday


def _details(**changes):
    return {
        "given_name": "Ava",
        "family_name": "Okonjo",
        "date_of_birth": date(2024, 5, 2),
        "nhs_number": "",
        "postcode": "NB1 2AB",
        "early_years_setting": "",
        "concerns": "Not yet using words at 2 and a half; poor eye contact",
        "parent_name": "Ruth Okonjo",
        "parent_phone": "",
        "parent_email": "",
        "parent_told_on": date(2026, 11, 10),
        "service_named": True,
        "parent_agrees_to_contact": True,
    } | changes


@pytest.fixture
def people(db):
    la = LocalAuthorityFactory()
    return {
        "la": la,
        "health visitor": UserFactory(role="health_visitor", local_authority=la, job_title="Health visitor"),
        "another health visitor": UserFactory(role="health_visitor", local_authority=la),
        "officer": UserFactory(role="ehc_coordinator", local_authority=la),
        "manager": UserFactory(role="send_manager", local_authority=la),
        "board": UserFactory(role="board_member", local_authority=la),
        "SENCO": UserFactory(
            role="senco", local_authority=None, setting=ChildFactory(local_authority=la).setting
        ),
        "other council's officer": UserFactory(
            role="ehc_coordinator",
            local_authority=LocalAuthorityFactory(code="998", name="Southbridge Council"),
        ),
    }


def _notify(people, **changes) -> Notification:
    return services.notify(by=acting(people["health visitor"]), today=TODAY, details=_details(**changes))


def test_a_health_visitor_notifies_the_council_of_a_young_child(people):
    made = _notify(people)
    assert made.ref == "HN-2026-00001" and made.local_authority == people["la"]
    assert made.notified_on == TODAY and made.stage == "New" and made.child is None


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"parent_told_on": None}, "parent_told_on", "Tell the parent first"),
        ({"service_named": False}, "service_named", "information, advice and support service"),
        ({"date_of_birth": date(2020, 1, 5)}, "date_of_birth", "compulsory school age"),
        ({"date_of_birth": date(2027, 1, 5)}, "date_of_birth", "in the past"),
    ],
)
def test_a_notification_that_is_not_one_under_section_23_is_refused_and_says_why(
    people, changes, field, says
):
    with pytest.raises(InvalidStep) as refused:
        _notify(people, **changes)
    assert says in refused.value.fields[field]
    assert not Notification.objects.exists()


def test_the_team_acknowledges_allocates_contacts_and_records_the_outcome(people):
    made = _notify(people)
    by = acting(people["manager"])
    services.acknowledge(made, by=by, expected_version=made.version, on=TODAY, today=TODAY)
    services.allocate(made, by=by, expected_version=made.version, officer=people["officer"], today=TODAY)
    services.record_contact(
        made,
        by=by,
        expected_version=made.version,
        on=TODAY + timedelta(days=3),
        offered="Home visit",
        today=TODAY + timedelta(days=3),
    )
    services.record_outcome(
        made,
        by=by,
        expected_version=made.version,
        outcome="setting_support",
        on=TODAY + timedelta(days=8),
        today=TODAY + timedelta(days=8),
    )
    made.refresh_from_db()
    assert made.stage == "Closed" and made.officer == people["officer"]
    judged = measures.timeliness_of(made)
    assert (judged.to_acknowledge, judged.to_first_contact) == (0, 3)
    with pytest.raises(InvalidStep):
        services.acknowledge(made, by=by, expected_version=made.version, on=TODAY, today=TODAY)


def test_only_an_officer_of_the_early_years_team_can_be_allocated(people):
    made = _notify(people)
    for wrong in (people["board"], people["other council's officer"]):
        with pytest.raises(InvalidStep):
            services.allocate(
                made, by=acting(people["manager"]), expected_version=made.version, officer=wrong, today=TODAY
            )


def test_linking_to_a_known_child_adds_no_record_and_a_new_child_is_made_only_when_none_matches(people):
    known = ChildFactory(
        local_authority=people["la"], given_name="Ava", family_name="Okonjo", date_of_birth=date(2024, 5, 2)
    )
    first = _notify(people)
    from tellonce.early_years.matching import candidates

    found = candidates(first, Child.objects.filter(local_authority=people["la"]))
    assert [c.child for c in found] == [known] and found[0].reasons == ("same name and date of birth",)
    before = Child.objects.count()
    services.link_child(
        first, by=acting(people["officer"]), expected_version=first.version, child=known, today=TODAY
    )
    assert Child.objects.count() == before and first.child == known and first.match_decision == "confirmed"
    second = _notify(people, given_name="Noor", family_name="Hassan", date_of_birth=date(2025, 1, 9))
    made = services.link_child(
        second, by=acting(people["officer"]), expected_version=second.version, child=None, today=TODAY
    )
    assert (
        Child.objects.count() == before + 1 and made.given_name == "Noor" and second.match_decision == "new"
    )
    assert made.timeline.filter(title="Notification from health received").exists()


def test_the_team_works_on_the_notifications_not_yet_acted_on_in_a_fixed_number_of_queries(
    people, django_assert_max_num_queries
):
    for _ in range(3):
        _notify(people)
    with django_assert_max_num_queries(2):
        items = work_for(people["officer"], today=TODAY)
    assert (
        len(items) == 3 and items[0].what.startswith("Acknowledge") and items[0].due_on == date(2026, 11, 23)
    )
    assert work_for(people["health visitor"], today=TODAY) == []


def test_the_first_notifications_read_in_sql_are_the_whole_lists_first_and_counts(people):
    """What "My work" shows, counted in SQL with the deadlines worked out for the rows read only, is
    the whole list's first and its tallies: steps due the same day (notified on a Friday, Saturday
    or Sunday) in the order of the child's name, others' allocated ones left out."""
    by = acting(people["manager"])
    for n in range(30):  # each day of the last 15 one to acknowledge and one further on
        back = n // 2
        notified_on = TODAY - timedelta(days=back)
        made = services.notify(  # the older, the later the name: the order by name differs
            by=acting(people["health visitor"]),
            today=notified_on,
            details=_details(given_name=f"{chr(ord('A') + back)}va", parent_told_on=notified_on),
        )
        if n % 2 == 0:
            continue  # still to acknowledge
        services.acknowledge(made, by=by, expected_version=made.version, on=notified_on, today=TODAY)
        if back % 3 == 1:
            officer = people["officer"] if back % 2 else people["manager"]
            services.allocate(made, by=by, expected_version=made.version, officer=officer, today=TODAY)
        if back % 3 == 2:
            services.record_contact(
                made, by=by, expected_version=made.version, on=notified_on, offered="Visit", today=TODAY
            )
    for who in ("officer", "manager", "health visitor", "other council's officer"):
        user = people[who]
        for shown in (0, 1, 2, 3, 5, 50):
            first = first_for(user, today=TODAY, shown=shown)
            whole = WorkList.of(work_for(user, today=TODAY), today=TODAY, shown=shown)
            assert first.tallies == whole.tallies, (who, shown)
            assert first.items == whole.items, (who, shown)
    assert first_for(people["officer"], today=TODAY, shown=50).overdue > 0
    assert first_for(people["health visitor"], today=TODAY, shown=50) == WorkList()


def test_each_sees_only_their_own_notifications(people):
    mine = _notify(people)
    assert list(Notification.objects.visible_to(people["health visitor"])) == [mine]
    assert not Notification.objects.visible_to(people["another health visitor"]).exists()
    assert list(Notification.objects.visible_to(people["officer"])) == [mine]
    for nobody in ("board", "SENCO", "other council's officer"):
        assert not Notification.objects.visible_to(people[nobody]).exists(), nobody


@time_machine.travel("2026-11-16 10:00")
def test_a_health_visitor_notifies_through_the_page_and_a_bad_form_keeps_what_was_typed(client, people):
    client.force_login(people["health visitor"])
    form = {
        "given_name": "Ava",
        "family_name": "Okonjo",
        "date_of_birth-day": "2",
        "date_of_birth-month": "5",
        "date_of_birth-year": "2024",
        "postcode": "NB1 2AB",
        "concerns": "Not yet talking",
        "parent_name": "Ruth Okonjo",
        "parent_told_on-day": "10",
        "parent_told_on-month": "11",
        "parent_told_on-year": "2026",
    }
    refused = client.post(reverse("early_years:notify"), form)
    assert (
        refused.status_code == 200 and "information, advice and support service" in refused.content.decode()
    )
    assert "Not yet talking" in refused.content.decode() and not Notification.objects.exists()
    sent = client.post(reverse("early_years:notify"), form | {"service_named": "on"})
    made = Notification.objects.get()
    assert sent["Location"] == reverse("early_years:notification", kwargs={"pk": made.pk})


@time_machine.travel("2026-11-16 10:00")
def test_the_officer_opens_a_notification_and_its_possible_match_is_in_the_access_log(client, people):
    known = ChildFactory(
        local_authority=people["la"], given_name="Ava", family_name="Okonjo", date_of_birth=date(2024, 5, 2)
    )
    made = _notify(people)
    client.force_login(people["officer"])
    page = client.get(reverse("early_years:notification", kwargs={"pk": made.pk}))
    assert page.status_code == 200 and "1 possible match" in page.content.decode()
    assert AccessEvent.objects.filter(user=people["officer"], child=known).exists()
    linked = client.post(
        reverse("early_years:step", kwargs={"pk": made.pk, "step": "link"}),
        {"version": made.version, "child": str(known.pk)},
    )
    assert linked.status_code == 302
    made.refresh_from_db()
    assert made.child == known
    other = people["other council's officer"]
    client.force_login(other)
    assert client.get(reverse("early_years:notification", kwargs={"pk": made.pk})).status_code == 404


@time_machine.travel("2026-11-16 10:00")
def test_the_board_sees_the_figures_and_no_child(client, people):
    made = _notify(people)
    services.acknowledge(
        made, by=acting(people["officer"]), expected_version=made.version, on=TODAY, today=TODAY
    )
    client.force_login(people["board"])
    page = client.get(reverse("early_years:figures")).content.decode()
    assert "Acknowledged within 5 working days" in page and "Ava" not in page
    assert client.get(reverse("early_years:notifications")).status_code == 403


@time_machine.travel("2026-11-16 10:00")
def test_the_teams_list_shows_50_a_page_open_ones_first_oldest_first(client, people):
    made = [_notify(people, given_name=f"Child{n:02}") for n in range(53)]
    Notification.objects.filter(pk__in=[n.pk for n in made[:3]]).update(
        outcome="advice_only", outcome_on=TODAY
    )
    for days, notification in enumerate(made[3:]):
        Notification.objects.filter(pk=notification.pk).update(notified_on=TODAY - timedelta(days=days))
    client.force_login(people["officer"])
    first, second = (
        client.get("/notifications-from-health/"),
        client.get("/notifications-from-health/?page=2"),
    )
    shown = [n for n in made if f"Child{made.index(n):02} " in first.content.decode()]
    assert len(shown) == 50 and "Showing 1 to 50 of 53 notifications." in first.content.decode()
    # open ones first, the oldest first: the open one notified 49 days ago leads, the closed come last
    order = first.content.decode()
    assert order.index("Child52 ") < order.index("Child51 ") < order.index("Child04 ")
    assert all(f"Child{n:02} " in second.content.decode() for n in range(3))
    assert "Child03 " not in second.content.decode() and "Showing 51 to 53 of 53" in second.content.decode()
    assert client.get("/notifications-from-health/?page=9").status_code == 200  # the last page
