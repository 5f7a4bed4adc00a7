"""Every ORUK endpoint's response validates against the ORUK 3.0 schemas shipped in oruk/schemas/
(compiled/service*.json, taxonomy*.json, and the Page wrapper from openapi.json)."""

import pytest
from django.test import Client

from tellonce.local_offer.models import ServiceAtLocation, Taxonomy, TaxonomyTerm
from tellonce.local_offer.oruk.schemas import errors, page_validator
from tellonce.local_offer.tests.factories import ServiceFactory, district, place, term

pytestmark = pytest.mark.django_db


@pytest.fixture
def feed():
    district("NB3", 52.9, -1.3)
    full = ServiceFactory(
        name="Emotional Health Service",
        alternate_name="Tier 2 CAMHS",
        eligibility_description="Children aged 5 to 18 with worries or low mood",
        application_process="Phone us or ask your GP.",
        online_referral=True,
        referral_email="ehs@example.org",
        contact_name="Duty team",
        phone="01632 960001",
        email="ehs@example.org",
        url="https://example.org/ehs",
        days="MO,WE",
        opens_at="09:00",
        closes_at="17:00",
        languages="English, Polish",
        fees_description="Free",
        terms=[term("health"), term("semh-anxiety-and-low-mood")],
    )
    place(full, postcode="NB3 4QT", latitude=52.901, longitude=-1.301, accessibility="Step-free access")
    bare = ServiceFactory(name="Bare listing", minimum_age=None, maximum_age=None, last_checked=None)
    ServiceFactory(name="Waiting approval", is_public=False)
    return full, bare


def _assert_page(body: dict, item_schema: str) -> None:
    assert not list(page_validator().iter_errors(body))
    for item in body["contents"]:
        assert errors(item, item_schema) == [], item


def _get(path: str) -> dict:
    response = Client().get(path)
    assert response.status_code == 200, response.content
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_the_root_says_it_is_hsds_uk_3(feed):
    body = _get("/oruk/")
    assert body["version"] == "HSDS-UK-3.0"
    assert body["openapi_url"].endswith("/oruk/openapi.json") and body["profile"].startswith("https://")
    assert _get("/oruk/openapi.json")["info"]["version"] == "3.0"


def test_services_validate_and_leave_out_unpublished_listings(feed):
    body = _get("/oruk/services?per_page=1")
    _assert_page(body, "service_list.json")
    assert body["total_items"] == 2 and body["total_pages"] == 2 and body["size"] == 1
    assert body["first_page"] and not body["last_page"]
    second = _get("/oruk/services?per_page=1&page=2")
    assert second["last_page"] and {body["contents"][0]["name"], second["contents"][0]["name"]} == {
        "Bare listing",
        "Emotional Health Service",
    }


def test_a_full_service_validates_and_carries_the_local_offer_fields(feed):
    full, bare = feed
    body = _get(f"/oruk/services/{full.pk}")
    assert errors(body, "service.json") == []
    assert body["alternate_name"] == "Tier 2 CAMHS"
    assert body["eligibility_description"].startswith("Children aged 5")
    assert "Online referral" in body["application_process"]
    assert body["schedules"][0]["byday"] == "MO,WE" and body["schedules"][0]["opens_at"] == "09:00:00"
    assert body["service_at_locations"][0]["location"]["addresses"][0]["postal_code"] == "NB3 4QT"
    assert {a["taxonomy_term"]["name"] for a in body["attributes"]} == {"Health", "Anxiety and low mood"}
    assert errors(_get(f"/oruk/services/{bare.pk}"), "service.json") == []
    assert "minimum_age" not in _get(f"/oruk/services/{bare.pk}")


def test_service_at_locations_validate_list_and_item(feed):
    body = _get("/oruk/service_at_locations")
    _assert_page(body, "service_at_location_list.json")
    assert body["total_items"] == 1
    sal = ServiceAtLocation.objects.get()
    item = _get(f"/oruk/service_at_locations/{sal.pk}")
    assert errors(item, "service_at_location.json") == []


def test_taxonomies_and_terms_validate(feed):
    _assert_page(_get("/oruk/taxonomies"), "taxonomy.json")
    _assert_page(_get("/oruk/taxonomy_terms?per_page=500"), "taxonomy_term.json")
    taxonomy = Taxonomy.objects.get(code="needs")
    assert errors(_get(f"/oruk/taxonomies/{taxonomy.pk}"), "taxonomy.json") == []
    assert errors(_get(f"/oruk/taxonomy_terms/{TaxonomyTerm.objects.first().pk}"), "taxonomy_term.json") == []


def test_filters_combine_with_and(feed):
    full, _ = feed
    assert _get("/oruk/services?search=CAMHS+tier+2")["contents"][0]["id"] == str(full.pk)
    assert _get(f"/oruk/services?taxonomy_term_id={term('health').pk}")["total_items"] == 1
    assert _get(f"/oruk/services?taxonomy_id={term('health').taxonomy_id}&minimum_age=0")["total_items"] == 1
    assert _get("/oruk/services?day=WE&search=emotional")["total_items"] == 1
    assert _get("/oruk/services?day=FR")["total_items"] == 0
    assert _get("/oruk/services?maximum_age=18")["total_items"] == 0
    assert _get("/oruk/service_at_locations?postcode=NB3 1AA&proximity=1000")["total_items"] == 1
    assert _get("/oruk/service_at_locations?postcode=NB3&proximity=10&search=emotional")["total_items"] == 0


@pytest.mark.parametrize(
    "path",
    [
        "/oruk/services?page=0",
        "/oruk/services?per_page=abc",
        "/oruk/services?per_page=5000",
        "/oruk/services?minimum_age=old",
        "/oruk/services?day=someday",
        "/oruk/services?taxonomy_term_id=not-a-uuid",
        "/oruk/services?start_time=9am",
        "/oruk/service_at_locations?postcode=ZZ99",
        "/oruk/services?search=" + "x" * 201,
        "/oruk/services?minimum_age=nan",
        "/oruk/services?minimum_age=inf",
        "/oruk/services?maximum_age=-Infinity",
        "/oruk/services?minimum_age=1e309",
        "/oruk/service_at_locations?minimum_age=nan",
        "/oruk/service_at_locations?postcode=NB3 1AA&proximity=nan",
        "/oruk/service_at_locations?postcode=NB3 1AA&proximity=-5",
    ],
)
def test_bad_parameters_answer_400_with_a_reason(feed, path):
    response = Client().get(path)
    assert response.status_code == 400 and response.json()["error"]
    assert response["Access-Control-Allow-Origin"] == "*"


def test_unknown_and_unpublished_ids_are_404_and_writes_are_refused(feed):
    client = Client()
    hidden = ServiceFactory(is_public=False)
    for path in ["/oruk/services/nope", f"/oruk/services/{hidden.pk}", f"/oruk/taxonomies/{hidden.pk}"]:
        assert client.get(path).status_code == 404
    assert client.post("/oruk/services").status_code == 405
    assert client.options("/oruk/services")["Access-Control-Allow-Origin"] == "*"
