"""The search index as each process holds it: its cost in queries, and its cost to the collector."""

import gc
import weakref

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from tellonce.local_offer import search
from tellonce.local_offer.tests.factories import ServiceFactory, place, term
from tellonce.organisations.tests.factories import LocalAuthorityFactory, LocalityFactory

pytestmark = pytest.mark.django_db


def _services(count: int) -> None:
    locality = LocalityFactory()
    for n in range(count):
        service = ServiceFactory(
            name=f"Autism club {n}", terms=[term("communication-autism"), term("leisure")]
        )
        service.localities.add(locality)
        place(service, latitude=52.0 + n / 1000, longitude=-1.0)


def _queries(action) -> int:
    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def test_a_rebuild_reads_every_service_in_the_same_number_of_queries_however_many_there_are():
    _services(2)
    few = _queries(lambda: search.current_index(LocalAuthorityFactory().pk))
    _services(20)
    assert _queries(lambda: search.current_index(LocalAuthorityFactory().pk)) == few
    assert len(search.current_index(LocalAuthorityFactory().pk).documents) == 22


def test_a_results_page_costs_the_same_queries_for_twenty_services_as_for_two():
    client = Client()
    _services(2)
    client.get("/local-offer/search/", {"q": "autism"})  # builds the index
    few = _queries(lambda: client.get("/local-offer/search/", {"q": "autism"}))
    _services(30)
    client.get("/local-offer/search/", {"q": "autism"})
    page = {}
    many = _queries(lambda: page.update(html=client.get("/local-offer/search/", {"q": "autism"}).content))
    assert many == few
    assert b"32 results" in page["html"] and page["html"].count(b'class="app-result"') == 20


def test_after_a_rebuild_the_index_is_out_of_reach_of_full_collections():
    _services(1)
    index = search.current_index(LocalAuthorityFactory().pk)
    document = next(iter(index.documents.values()))
    assert gc.get_freeze_count() > 0
    assert not any(o is document for o in gc.get_objects())


def test_a_rebuild_frees_the_index_it_replaces():
    _services(1)
    replaced = weakref.ref(search.current_index(LocalAuthorityFactory().pk))
    ServiceFactory(name="Splash club")
    assert "Splash club" in {
        d.name for d in search.current_index(LocalAuthorityFactory().pk).documents.values()
    }
    assert replaced() is None
