"""The waiting-list measures counted in SQL (waiting_lists.counted) give the figures of the
Python measures over every referral (waiting_lists.measures and domain.waiting, the reference):
on hand-built edge cases and on many random referrals to services with different clocks, in one
query however many referrals; the pages keep a fixed number of queries."""

import random
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tellonce.organisations.models import Locality
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.people.tests.factories import ChildFactory
from tellonce.waiting_lists import counted, measures
from tellonce.waiting_lists.models import Referral, WaitingService
from tellonce.waiting_lists.tests.test_waiting_lists import TODAY


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


def _service(area, code: str, event: str, weeks: int) -> WaitingService:
    team = area.users["therapist asked to help"].team
    return WaitingService.objects.create(
        local_authority=area.child.local_authority,
        code=code,
        name=f"Service {code}",
        provider=team.provider,
        kind=team.service,
        clock_event=event,
        clock_weeks=weeks,
        clock_source="a standard",
    )


def _referrals(service, children, localities, rng: random.Random, n: int) -> None:
    def maybe(after: date) -> date | None:
        return None if rng.random() < 0.4 else after + timedelta(days=rng.randrange(0, 300))

    rows = []
    for i in range(n):
        # Dates either side of today and of each band's edge, some on the day itself.
        referred = TODAY - timedelta(days=rng.choice([0, 1, 27, 28, 29, 91, 126, 364, rng.randrange(900)]))
        rows.append(
            Referral(
                service=service,
                child=rng.choice(children),
                locality=rng.choice(localities),
                provider_ref=f"{service.code}-{i}",
                referred_on=referred,
                accepted=rng.choice([None, True, True, False]),
                first_contact_on=maybe(referred),
                assessed_on=maybe(referred),
                treatment_on=maybe(referred),
                discharged_on=maybe(referred) if rng.random() < 0.2 else None,
            )
        )
    Referral.objects.bulk_create(rows)


def _reference(service, today, local_authority_id=None) -> counted.Counted:
    items = measures.waits(service, local_authority_id=local_authority_id)
    summary = measures.summary(service, today, items)
    localities, _ = measures.by_locality(service, today, items)
    return counted.Counted(
        summary["snapshot"],
        summary["seen_recently"],
        summary["referred_recently"],
        localities,
        measures.flows(service, today, items),
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_sql_and_python_give_the_same_figures_for_random_referrals(area, seed):
    rng = random.Random(seed)
    la = area.child.local_authority
    other = LocalAuthorityFactory()
    places = [Locality.objects.create(local_authority=la, name=n) for n in ("North", "South", "")]
    localities = [*places, None, None]
    children = [area.child, area.other_child, ChildFactory(local_authority=other)]
    services = [
        _service(area, "slt", "treatment", 18),
        _service(area, "asd", "first_contact", 13),
        _service(area, "ot", "assessment", 6),
        _service(area, "empty", "treatment", 18),
    ]
    for service in services[:3]:
        _referrals(service, children, localities, rng, rng.randrange(1, 160))
    for today in (TODAY, TODAY - timedelta(days=45)):
        for council in (None, la.pk):
            with CaptureQueriesContext(connection) as queries:
                found = counted.count(
                    services, today, local_authority_id=council, flows_from=measures.flows_start(today)
                )
            assert len(queries) == 1
            today_only = counted.lists_today(services, today, local_authority_id=council)
            for service in services:
                assert found[service.pk] == _reference(service, today, council), service.code
                assert today_only[service.pk] == found[service.pk].snapshot, service.code


def test_a_service_with_nobody_referred_has_an_empty_list(area):
    service = _service(area, "slt", "treatment", 18)
    found = counted.count([service], TODAY, flows_from=measures.flows_start(TODAY))[service.pk]
    assert found == _reference(service, TODAY)
    assert found.snapshot.waiting == 0 and found.snapshot.median_weeks is None
    assert counted.lists_today([service], TODAY) == {service.pk: found.snapshot}
    assert counted.count([], TODAY) == {} and counted.lists_today([], TODAY) == {}


def test_one_child_waiting_is_its_own_median_and_92nd_percentile(area):
    service = _service(area, "slt", "treatment", 18)
    Referral.objects.create(
        service=service, child=area.child, provider_ref="A", referred_on=TODAY - timedelta(weeks=20)
    )
    snapshot = counted.count([service], TODAY)[service.pk].snapshot
    assert (
        snapshot == _reference(service, TODAY).snapshot == counted.lists_today([service], TODAY)[service.pk]
    )
    assert (snapshot.median_weeks, snapshot.p92_weeks, snapshot.over_standard) == (20, 20, 1)


def test_the_weeks_for_the_bootstrap_are_the_waits_the_python_measures_compare(area):
    rng = random.Random(4)
    service = _service(area, "slt", "treatment", 18)
    places = [Locality.objects.create(local_authority=area.child.local_authority, name=n) for n in "AB"]
    _referrals(service, [area.child], [*places, None], rng, 200)
    items = measures.waits(service)
    clock = service.clock
    expected = {
        name: [
            measures.rules.weeks_waited(w, clock, TODAY)
            for w in items
            if w.group == name and measures.rules.is_waiting(w, clock, TODAY)
        ]
        for name in ("A", "Not known")
    }
    assert counted.weeks_waiting(service, TODAY, ["A", "Not known"]) == expected


def test_the_overview_counts_each_service_as_its_page_does_without_the_localities(area):
    rng = random.Random(5)
    la = area.child.local_authority
    places = [Locality.objects.create(local_authority=la, name=n) for n in ("North", "South")]
    children = [area.child, area.other_child, ChildFactory(local_authority=LocalAuthorityFactory(code="998"))]
    services = [_service(area, "slt", "treatment", 18), _service(area, "asd", "first_contact", 13)]
    for service in services:
        _referrals(service, children, [*places, None], rng, 120)
    for council in (None, la.pk):
        whole = counted.count(services, TODAY, local_authority_id=council)
        brief = counted.count(services, TODAY, local_authority_id=council, by_locality=False)
        for service in services:
            reference = _reference(service, TODAY, council)
            assert brief[service.pk].localities == [] and whole[service.pk].localities == reference.localities
            assert brief[service.pk].snapshot == whole[service.pk].snapshot == reference.snapshot
            assert brief[service.pk].seen_recently == reference.seen_recently
            assert brief[service.pk].referred_recently == reference.referred_recently


@pytest.mark.parametrize("seed", [6, 7])
def test_without_the_localities_only_the_referrals_counted_are_read_and_every_figure_is_the_same(area, seed):
    """Without the localities `count` reads only the referrals some figure counts (still waiting,
    seen or referred recently, or within the flows): the list, its ranks, the recent weeks and the
    flows are the reference's, on two days, for the council and for everyone."""
    rng = random.Random(seed)
    la = area.child.local_authority
    places = [Locality.objects.create(local_authority=la, name=n) for n in ("North", "South")]
    children = [area.child, area.other_child, ChildFactory(local_authority=LocalAuthorityFactory(code="997"))]
    services = [
        _service(area, "slt", "treatment", 18),
        _service(area, "asd", "first_contact", 13),
        _service(area, "ot", "assessment", 6),
    ]
    for service in services:
        _referrals(service, children, [*places, None], rng, rng.randrange(40, 200))
    for today in (TODAY, TODAY - timedelta(days=45), TODAY - timedelta(days=400)):
        for council in (None, la.pk):
            for flows_from in (None, measures.flows_start(today)):
                brief = counted.count(
                    services, today, local_authority_id=council, flows_from=flows_from, by_locality=False
                )
                for service in services:
                    reference = _reference(service, today, council)
                    expected = counted.Counted(
                        reference.snapshot,
                        reference.seen_recently,
                        reference.referred_recently,
                        [],
                        reference.flows if flows_from else [],
                    )
                    assert brief[service.pk] == expected, (service.code, today, council, flows_from)


def test_a_locality_whose_referrals_count_in_no_figure_is_still_shown_with_nobody_waiting(area):
    """Only the referrals some figure counts are ranked; a locality whose one referral was seen and
    discharged long ago is still one of the list's localities, as the reference gives it."""
    la = area.child.local_authority
    service = _service(area, "slt", "treatment", 18)
    quiet = Locality.objects.create(local_authority=la, name="Quiet")
    busy = Locality.objects.create(local_authority=la, name="Busy")
    long_ago = TODAY - timedelta(days=800)
    Referral.objects.create(
        service=service,
        child=area.child,
        locality=quiet,
        provider_ref="old",
        referred_on=long_ago,
        treatment_on=long_ago + timedelta(days=30),
        discharged_on=long_ago + timedelta(days=60),
    )
    Referral.objects.create(
        service=service, child=area.other_child, locality=busy, provider_ref="now", referred_on=TODAY
    )
    found = counted.count([service], TODAY, flows_from=measures.flows_start(TODAY))[service.pk]
    assert found == _reference(service, TODAY)
    assert [(name, snapshot.waiting) for name, snapshot in found.localities] == [("Busy", 1), ("Quiet", 0)]


def test_the_comparison_kept_for_the_same_waits_is_the_domain_comparison():
    a, b = [float(n % 40) for n in range(60)], [float(n % 9) for n in range(50)]
    expected = measures.rules.compare_medians(a, b, a="A", b="B", seed=7)
    assert measures.compared(a, b, a="A", b="B", seed=7) == expected
    assert measures.compared(list(a), list(b), a="A", b="B", seed=7) == expected
    assert measures.compared(a, b, a="A", b="B", seed=8) == measures.rules.compare_medians(
        a, b, a="A", b="B", seed=8
    )
