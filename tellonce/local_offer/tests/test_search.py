"""Search as families use it: the shipped thesaurus, typos, filters and the reason shown."""

import pytest
from django.test import Client

from tellonce.conftest import acting
from tellonce.local_offer.models import ThesaurusEntry, UnmatchedSearch
from tellonce.local_offer.services import add_synonym_from
from tellonce.local_offer.tests.factories import ServiceFactory, district, place, term
from tellonce.organisations.tests.factories import LocalAuthorityFactory

pytestmark = pytest.mark.django_db


def _names(html: str, names: list[str]) -> list[str]:
    return [n for n in names if n in html]


def test_each_shipped_thesaurus_entry_finds_its_service():
    entries = list(ThesaurusEntry.objects.all())
    assert len(entries) >= 50
    for entry in entries:
        ServiceFactory(name=f"{entry.preferred} service", description="Help for families.")
    from tellonce.local_offer import search

    index = search.current_index(LocalAuthorityFactory().pk)
    for entry in entries:
        for word in entry.words_list():
            hits = index.search(word).hits
            names = [index.documents[h.id].name for h in hits]
            assert f"{entry.preferred} service" in names, (word, names[:5])


def test_camhs_tier_2_finds_the_emotional_health_service_and_says_why():
    ServiceFactory(name="Emotional Health Service")
    ServiceFactory(name="Inclusive swimming")
    page = Client().get("/local-offer/search/", {"q": "CAMHS Tier 2"}).content.decode()
    assert "Emotional Health Service" in page and "Inclusive swimming" not in page
    assert "Why this matched: “CAMHS Tier 2” means “Emotional health”, found in the name" in page


def test_a_misspelt_query_still_finds_speech_and_language_therapy():
    ServiceFactory(name="Children's speech and language therapy")
    page = Client().get("/local-offer/search/", {"q": "speach therapy"}).content.decode()
    assert "Children&#39;s speech and language therapy" in page
    assert "you typed speach" in page


def test_filters_combine_on_the_results_page():
    district("NB3", 52.9, -1.3)
    near_free = ServiceFactory(
        name="Autism club near",
        minimum_age=5,
        maximum_age=11,
        cost="free",
        terms=[term("communication-autism"), term("leisure")],
    )
    place(near_free, latitude=52.901, longitude=-1.301)
    far = ServiceFactory(
        name="Autism club far",
        minimum_age=5,
        maximum_age=11,
        cost="free",
        terms=[term("communication-autism"), term("leisure")],
    )
    place(far, latitude=53.5, longitude=-1.3)
    ServiceFactory(
        name="Autism club paid",
        minimum_age=5,
        maximum_age=11,
        cost="charge",
        terms=[term("communication-autism"), term("leisure")],
    )
    ServiceFactory(
        name="Autism club teens", minimum_age=13, maximum_age=18, terms=[term("communication-autism")]
    )
    names = ["Autism club near", "Autism club far", "Autism club paid", "Autism club teens"]
    client = Client()

    def found(**query):
        return _names(client.get("/local-offer/search/", {"q": "ASD", **query}).content.decode(), names)

    assert found() == names or set(found()) == set(names)
    assert set(found(age=8)) == {"Autism club near", "Autism club far", "Autism club paid"}
    assert set(found(age=8, free="on")) == {"Autism club near", "Autism club far"}
    assert found(age=8, free="on", postcode="NB3 4QT", within="5") == ["Autism club near"]
    assert set(found(category=str(term("leisure").pk), need=str(term("communication").pk))) == {
        "Autism club near",
        "Autism club far",
        "Autism club paid",
    }


def test_an_over_long_query_and_a_bad_postcode_are_refused_with_a_message():
    client = Client()
    page = client.get("/local-offer/search/", {"q": "a" * 201}).content.decode()
    assert "Search must be 200 characters or fewer" in page and "govuk-error-summary" in page
    page = client.get("/local-offer/search/", {"postcode": "nonsense", "within": "3"}).content.decode()
    assert "Enter a real postcode, like NB3 4QT" in page
    page = client.get("/local-offer/search/", {"within": "3"}).content.decode()
    assert "Enter a postcode to search by distance" in page
    assert "Age must be 25 or under" in client.get("/local-offer/search/", {"age": "40"}).content.decode()


def test_a_search_that_finds_nothing_is_logged_and_becomes_a_synonym(area):
    ServiceFactory(name="Sensory room at the Family Hub")
    client = Client()
    client.get("/local-offer/search/", {"q": "Snoezelen"})
    client.get("/local-offer/search/", {"q": "snoezelen  "})
    logged = UnmatchedSearch.objects.get()
    assert (logged.query, logged.times) == ("snoezelen", 2)
    from tellonce.accounts.tests.factories import UserFactory

    manager = UserFactory(role="local_offer_manager")
    add_synonym_from(logged, by=acting(manager), entry=None, preferred="Sensory room", today=logged.last_seen)
    page = client.get("/local-offer/search/", {"q": "snoezelen"}).content.decode()
    assert "Sensory room at the Family Hub" in page
    assert "“snoezelen” means “Sensory room”" in page
