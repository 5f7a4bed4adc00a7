"""Given a Local Offer with services, when a parent searches, filters, opens a service, sends a
referral and reports a problem, and a provider changes a listing that the manager approves, then
each step works without signing in where it should and every public page passes axe."""

import importlib
import re

import pytest
from django.apps import apps
from playwright.sync_api import expect

from tellonce.accounts.tests.factories import UserFactory
from tellonce.local_offer.models import OnlineReferral, Service, TaxonomyTerm
from tellonce.local_offer.tests.factories import ProviderFactory, ServiceFactory, district, place, term
from tellonce.tests.browser.conftest import assert_accessible

pytestmark = pytest.mark.browser


def _starting_vocabularies() -> None:
    """A transactional test empties the tables the data migration filled: fill them again."""
    if not TaxonomyTerm.objects.exists():
        migration = importlib.import_module(
            "tellonce.local_offer.migrations.0002_categories_needs_and_thesaurus"
        )
        migration.load_vocabularies(apps, None)


@pytest.fixture
def offer(transactional_db):
    _starting_vocabularies()
    district("NB3", 52.9, -1.3)
    provider = ProviderFactory(name="Northbridge Community Health")
    slt = ServiceFactory(
        provider=provider,
        name="Children's speech and language therapy",
        minimum_age=0,
        maximum_age=19,
        description="Help for children who find it hard to talk.",
        online_referral=True,
        referral_email="slt@example.org",
        phone="01632 960001",
        terms=[term("health-therapies"), term("communication")],
    )
    place(slt, postcode="NB3 4QT", latitude=52.901, longitude=-1.301, accessibility="Step-free access")
    ServiceFactory(
        name="Speech and language drop-in for adults",
        minimum_age=19,
        maximum_age=25,
        terms=[term("health-therapies")],
    )
    return provider, slt


def test_a_parent_finds_refers_and_reports_a_problem(page, live_server, offer):
    _, slt = offer
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/local-offer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Local Offer")
    assert_accessible(page)
    page.get_by_label("Search the Local Offer").fill("speach therapy")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_text("you typed speach")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Age of the child or young person").fill("7")
    page.get_by_label("Postcode").fill("NB3 1AA")
    page.get_by_label("Distance").select_option("3")
    page.get_by_role("button", name="Apply filters").click()
    expect(page.get_by_role("heading", name="1 result")).to_be_visible()
    expect(page.get_by_text("Why this matched")).to_contain_text("read as “speech therapy”")
    page.get_by_role("link", name="Children's speech and language therapy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Children's speech and language therapy")
    expect(page.get_by_text("Step-free access")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Refer online").click()
    page.get_by_role("button", name="Send the referral").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Enter the child or young person's full name"
    )
    assert_accessible(page)
    page.get_by_label("Child or young person's full name").fill("Sam Smith")
    group = page.get_by_role("group", name="Their date of birth")
    group.get_by_label("Day").fill("3")
    group.get_by_label("Month").fill("4")
    group.get_by_label("Year").fill("2019")
    page.get_by_label("Your full name").fill("Alex Smith")
    page.get_by_label("Your relationship to them").fill("Parent")
    page.get_by_label("Your email address").fill("alex@example.org")
    page.get_by_label("Your postcode").fill("NB3 4QT")
    page.get_by_label("What help do they need?").fill("Sam is hard to understand at school.")
    page.get_by_label("I agree to this service holding these details").check()
    page.get_by_role("button", name="Send the referral").click()
    expect(page.locator(".govuk-panel")).to_contain_text("Your reference is LO-")
    assert_accessible(page)
    assert OnlineReferral.objects.get().child_name == "Sam Smith"

    page.get_by_role("link", name=re.compile("Back to Children")).click()
    page.get_by_role("link", name="Report a problem with this listing").click()
    page.get_by_label("The service has closed").check()
    page.get_by_label("Tell us more").fill("The clinic moved to the new health centre.")
    assert_accessible(page)
    page.get_by_role("button", name="Send").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Thank you for telling us")
    assert_accessible(page)

    page.goto(f"{live_server.url}/local-offer/comments/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/you-said-we-did/")
    assert_accessible(page)
    page.goto(f"{live_server.url}/local-offer/types/health/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Health")
    assert_accessible(page)


def test_a_provider_changes_a_listing_and_the_manager_approves_it(signed_in_page, live_server, offer):
    provider, slt = offer
    account = UserFactory(role="provider", local_authority=None, email="p@example.org")
    provider.accounts.add(account)
    manager = UserFactory(role="local_offer_manager")

    keeper = signed_in_page(account)
    keeper.goto(f"{live_server.url}/local-offer/listings/")
    assert_accessible(keeper)
    keeper.get_by_role("link", name="Children's speech and language therapy", exact=True).click()
    keeper.get_by_label("When (optional)").fill("Term time and the summer holidays")
    keeper.get_by_label("Who it is for").fill(
        "Children aged 0 to 19 with speech, language or eating difficulties"
    )
    assert_accessible(keeper)
    keeper.get_by_role("button", name="Send for approval").click()
    expect(keeper.locator(".govuk-notification-banner")).to_contain_text("once they approve it")
    expect(keeper.get_by_text("Change waiting for approval")).to_be_visible()
    assert Service.objects.get(pk=slt.pk).schedule_description == ""

    lead = signed_in_page(manager)
    lead.goto(f"{live_server.url}/local-offer/manage/")
    assert_accessible(lead)
    lead.get_by_role("link", name="Review changes").click()
    lead.get_by_role("link", name="Children's speech and language therapy", exact=True).click()
    expect(lead.get_by_role("table")).to_contain_text("Term time and the summer holidays")
    assert_accessible(lead)
    lead.get_by_label("Approve and publish").check()
    lead.get_by_role("button", name="Confirm decision").click()
    expect(lead.locator(".govuk-notification-banner")).to_contain_text("is published")

    public = lead.context.browser.new_context().new_page()
    public.goto(f"{live_server.url}/local-offer/services/{slt.pk}/")
    expect(public.get_by_text("Term time and the summer holidays")).to_be_visible()
