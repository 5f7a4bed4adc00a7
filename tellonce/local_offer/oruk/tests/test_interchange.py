"""Importing an ORUK feed (the validator's samples) and exporting the whole directory."""

import json
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tellonce.local_offer.models import Provider, Service, ServiceVersion
from tellonce.local_offer.oruk.interchange import FeedRefused, export_feed, import_feed
from tellonce.local_offer.oruk.schemas import errors
from tellonce.local_offer.tests.factories import ServiceFactory, place, term
from tellonce.organisations.tests.factories import LocalAuthorityFactory

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"
TODAY = date(2026, 12, 1)


def test_the_validators_passing_sample_imports_with_a_warning_about_its_coordinates():
    outcome = import_feed(
        (SAMPLES / "Default/service_full.json").read_text(),
        today=TODAY,
        local_authority=LocalAuthorityFactory(),
    )
    assert (outcome.created, outcome.updated) == (1, 0)
    assert outcome.warnings == [
        "Record 1 (Community Counselling) id ac148810-d857-441c-9679-408f346de14b: location "
        "3a19ff88-4620-4d17-9830-ac1d859eb5d5 has coordinates out of range; kept without them"
    ]
    service = Service.objects.get(pk="ac148810-d857-441c-9679-408f346de14b")
    assert service.is_public and service.minimum_age == 12 and service.contact_name == "Ann Persona"
    assert service.last_checked == date(2005, 1, 1) and service.days == "TH,FR"
    assert service.provider.name == "Example Organization Inc."
    location = service.service_at_locations.get().location
    assert location.latitude is None and location.postcode == "ABC 1234"
    assert ServiceVersion.objects.get(service=service).state == "approved"


def test_importing_the_same_feed_again_updates_rather_than_duplicates():
    text = (SAMPLES / "Default/service_list.json").read_text()
    import_feed(text, today=TODAY, local_authority=LocalAuthorityFactory())
    assert import_feed(text, today=TODAY, local_authority=LocalAuthorityFactory()).updated == 1
    assert Service.objects.count() == 1 and ServiceVersion.objects.count() == 2


def test_the_failing_sample_is_refused_with_every_reason_and_nothing_written():
    with pytest.raises(FeedRefused) as refused:
        import_feed(
            (SAMPLES / "Fail/service_list.json").read_text(),
            today=TODAY,
            local_authority=LocalAuthorityFactory(),
        )
    problems = refused.value.problems
    assert (
        "Record 1 id ac148810-d857-441c-9679-408f346de14b: (the record): 'name' is a required property"
        in problems
    )
    assert any("Record 4" in p and "id is the same as record 1" in p for p in problems)
    assert len([p for p in problems if "'name' is a required property" in p]) == 4
    assert not Service.objects.exists() and not Provider.objects.exists()


def test_one_bad_record_stops_the_good_ones_too():
    good = json.loads((SAMPLES / "Default/service_full.json").read_text())
    bad = dict(good, id="not-a-uuid", name="x" * 201, minimum_age=20, maximum_age=5, status="open")
    bad.pop("organization")
    with pytest.raises(FeedRefused) as refused:
        import_feed(json.dumps([good, bad]), today=TODAY, local_authority=LocalAuthorityFactory())
    text = "\n".join(refused.value.problems)
    for reason in [
        "'not-a-uuid' is not a 'uuid'",
        "'open' is not one of",
        "longer than 200 characters",
        "minimum_age 20 is more than maximum_age 5",
        "has no organization",
    ]:
        assert reason in text
    assert not Service.objects.exists()


@pytest.mark.parametrize("text", ["{not json", '"a string"', '{"total_items": 1}'])
def test_a_file_that_is_not_a_feed_is_refused(text):
    with pytest.raises(FeedRefused):
        import_feed(text, today=TODAY, local_authority=LocalAuthorityFactory())


def test_an_export_validates_and_imports_back_into_an_empty_directory():
    service = ServiceFactory(
        name="Children's speech and language therapy",
        phone="01632 960001",
        languages="English, Urdu",
        terms=[term("health-therapies")],
    )
    place(service)
    feed = export_feed(LocalAuthorityFactory())
    assert feed["total_items"] == 1 and errors(feed["contents"][0], "service.json") == []
    text = json.dumps(feed)
    Service.objects.all().delete()
    assert import_feed(text, today=TODAY, local_authority=LocalAuthorityFactory()).created == 1
    again = Service.objects.get()
    assert (again.name, again.phone, again.languages) == (service.name, "01632 960001", "English, Urdu")
    assert list(again.categories.values_list("code", flat=True)) == ["health-therapies"]


def test_the_commands_report_refusals_and_round_trip(tmp_path):
    out = StringIO()
    call_command("import-oruk", str(SAMPLES / "Default/service_full.json"), stdout=out)
    assert "1 services added, 0 updated" in out.getvalue()
    err = StringIO()
    with pytest.raises(CommandError, match="1 of 1 files refused"):
        call_command("import-oruk", str(SAMPLES / "Fail/service_full.json"), stderr=err)
    assert "email: 'email-example_com' is not a 'email'" in err.getvalue()
    target = tmp_path / "feed.json"
    call_command("export-oruk", out=str(target), stderr=StringIO())
    assert json.loads(target.read_text())["total_items"] == 1
