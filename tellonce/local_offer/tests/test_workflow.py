"""Referrals, reports, comments and "You said, we did", providers' changes and the manager's
approval, versions, conflicts and reminders."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client

from tellonce.accounts.tests.factories import UserFactory
from tellonce.conftest import acting
from tellonce.core.refusals import EditConflict
from tellonce.feedback.models import FeedbackItem, Publication
from tellonce.local_offer import services
from tellonce.local_offer.models import (
    ListingReminder,
    ListingReport,
    OnlineReferral,
    ReferralRead,
    Service,
    ServiceVersion,
    ThesaurusEntry,
)
from tellonce.local_offer.tests.factories import ProviderFactory, ServiceFactory, term

pytestmark = pytest.mark.django_db
GOOD = {
    "child_name": "Sam Smith",
    "child_date_of_birth-day": "3",
    "child_date_of_birth-month": "4",
    "child_date_of_birth-year": "2018",
    "referrer_name": "Alex Smith",
    "relationship": "Parent",
    "email": "alex@example.org",
    "phone": "07700 900982",
    "postcode": "nb3 4qt",
    "reason": "Sam finds it hard to be understood at school.",
    "consent": "on",
}


@pytest.fixture
def referring():
    return ServiceFactory(
        name="Speech and language therapy", online_referral=True, referral_email="slt@example.org"
    )


def test_a_referral_is_stored_sent_to_the_service_and_acknowledged(
    referring, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = Client().post(f"/local-offer/services/{referring.pk}/refer/", GOOD)
    assert response.status_code == 302
    referral = OnlineReferral.objects.get()
    assert referral.postcode == "NB3 4QT" and referral.child_date_of_birth == date(2018, 4, 3)
    assert [m.to for m in mail.outbox] == [["slt@example.org"], ["alex@example.org"]]
    assert referral.reference in mail.outbox[0].body and "Sam Smith" in mail.outbox[0].body
    assert "Sam Smith" not in mail.outbox[1].body
    page = Client().get(response.url)
    assert page.status_code == 302  # a different browser has no reference in its session


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"child_name": ""}, "Enter the child or young person&#39;s full name"),
        ({"child_date_of_birth-month": "13"}, "Their date of birth must be a real date"),
        ({"child_date_of_birth-year": "2090"}, "Their date of birth must be today or in the past"),
        ({"child_date_of_birth-year": "1980"}, "aged 0 to 25"),
        ({"email": "alex.example.org"}, "Enter an email address in the correct format"),
        ({"phone": "call me"}, "Enter a phone number"),
        ({"postcode": "12345"}, "Enter a real postcode, like NB3 4QT"),
        ({"reason": "x" * 3001}, "must be 3000 characters or fewer"),
        ({"consent": ""}, "Confirm you agree to the service holding these details"),
    ],
)
def test_a_referral_with_missing_or_malformed_fields_is_refused_and_keeps_what_was_typed(
    referring, changes, message
):
    response = Client().post(f"/local-offer/services/{referring.pk}/refer/", GOOD | changes)
    page = response.content.decode()
    assert response.status_code == 200 and message in page and "govuk-error-summary" in page
    assert "Alex Smith" in page
    assert not OnlineReferral.objects.exists() and not mail.outbox


def test_services_without_online_referral_have_no_form():
    service = ServiceFactory(online_referral=False)
    assert Client().get(f"/local-offer/services/{service.pk}/refer/").status_code == 404


def test_a_problem_report_reaches_the_provider_and_the_manager(django_capture_on_commit_callbacks):
    service = ServiceFactory()
    client = Client()
    assert (
        "Select what the problem is"
        in client.post(f"/local-offer/services/{service.pk}/report/", {}).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/local-offer/services/{service.pk}/report/", {"topic": "closed", "details": "It closed in May"}
        )
    assert ListingReport.objects.get().details == "It closed in May"
    assert mail.outbox[0].to == [service.provider.email]


def test_a_comment_is_answered_and_published_on_you_said_we_did():
    client = Client()
    client.post("/local-offer/comments/", {"about": "Gaps in services", "text": "Nothing for dads"})
    item = FeedbackItem.objects.get(route="local_offer")
    assert item.service == "Local Offer: Gaps in services"
    manager = UserFactory(role="local_offer_manager")
    staff = Client()
    staff.force_login(manager)
    staff.post(
        f"/local-offer/manage/comments/{item.pk}/",
        {"version": item.version, "status": "closed", "actions": "A dads' group", "outcome": "Started"},
    )
    staff.post(
        f"/local-offer/manage/comments/{item.pk}/publish/",
        {"you_said": "There was nothing for dads.", "we_did": "A dads' group meets monthly."},
    )
    assert Publication.objects.get().topic == "local_offer"
    page = Client().get("/you-said-we-did/").content.decode()
    assert "A dads&#39; group meets monthly." in page and 'id="local-offer"' in page


def test_a_comment_is_not_closed_without_its_outcome_and_nothing_is_saved():
    Client().post("/local-offer/comments/", {"about": "Gaps in services", "text": "Nothing for dads"})
    item = FeedbackItem.objects.get(route="local_offer")
    staff = Client()
    staff.force_login(UserFactory(role="local_offer_manager"))
    response = staff.post(
        f"/local-offer/manage/comments/{item.pk}/",
        {"version": item.version, "status": "closed", "actions": "A dads' group", "outcome": " "},
    )
    assert response.status_code == 200
    assert "Enter the outcome before closing the feedback" in response.content.decode()
    item.refresh_from_db()
    assert (item.status, item.actions) == ("open", "")


def _form(service, **changes):
    content = services.content_of(service)
    data = {
        k: v for k, v in content.items() if k not in ("venue", "categories", "needs", "localities", "days")
    }
    data = {k: ("" if v is None else v) for k, v in data.items() if not isinstance(v, bool) or v}
    data |= {
        "version": service.version,
        "categories": [str(term("health").pk)],
        "status": "active",
        "cost": "free",
        "self_referral": "on",
        "eligibility_description": "Children with SEND",
    }
    return data | changes


def test_a_providers_change_waits_for_approval_and_every_version_is_kept(django_capture_on_commit_callbacks):
    provider = ProviderFactory()
    account = UserFactory(role="provider", local_authority=None, email="p@example.org")
    provider.accounts.add(account)
    service = ServiceFactory(provider=provider, name="Old name")
    client = Client()
    client.force_login(account)
    response = client.post(f"/local-offer/listings/{service.pk}/", _form(service, name="New name"))
    assert response.status_code == 302
    service.refresh_from_db()
    assert service.name == "Old name"
    version = ServiceVersion.objects.get(service=service)
    assert version.state == "pending" and version.content["name"] == "New name"
    manager = UserFactory(role="local_offer_manager")
    staff = Client()
    staff.force_login(manager)
    assert "New name" in staff.get(f"/local-offer/manage/changes/{version.pk}/").content.decode()
    staff.post(f"/local-offer/manage/changes/{version.pk}/", {"decision": "approve"})
    service.refresh_from_db()
    assert service.name == "New name" and service.last_checked is not None
    assert list(service.versions.values_list("state", flat=True)) == ["approved"]
    assert mail.outbox[-1].to == ["p@example.org"]
    assert "New name" in Client().get(f"/local-offer/services/{service.pk}/").content.decode()


def test_a_refusal_needs_a_reason_and_tells_the_provider():
    account = UserFactory(role="provider", local_authority=None, email="p@example.org")
    service = ServiceFactory()
    version = ServiceVersion.objects.create(
        service=service,
        number=1,
        content=services.content_of(service),
        based_on_version=service.version,
        submitted_by=account,
    )
    staff = Client()
    staff.force_login(UserFactory(role="local_offer_manager"))
    page = staff.post(f"/local-offer/manage/changes/{version.pk}/", {"decision": "refuse"}).content.decode()
    assert "Enter why the change is not published" in page
    staff.post(
        f"/local-offer/manage/changes/{version.pk}/", {"decision": "refuse", "reason": "Add a phone number"}
    )
    version.refresh_from_db()
    assert version.state == "rejected" and "Add a phone number" in mail.outbox[-1].body


def test_a_change_to_an_out_of_date_listing_is_refused_not_overwritten():
    provider = ProviderFactory()
    account = UserFactory(role="provider", local_authority=None)
    provider.accounts.add(account)
    service = ServiceFactory(provider=provider)
    opened = service.version
    manager = UserFactory(role="local_offer_manager")
    services.propose_change(
        service,
        by=acting(manager),
        content=services.content_of(service) | {"name": "First"},
        expected_version=opened,
        today=date(2026, 1, 1),
    )
    client = Client()
    client.force_login(account)
    response = client.post(
        f"/local-offer/listings/{service.pk}/", _form(service, name="Second", version=opened)
    )
    assert response.status_code == 409
    service.refresh_from_db()
    assert service.name == "First"
    with pytest.raises(EditConflict):
        services.propose_change(
            service, by=acting(account), content={}, expected_version=opened, today=date(2026, 1, 1)
        )


def test_a_thesaurus_entry_posted_without_the_version_it_was_opened_at_is_refused_not_overwritten(council):
    entry = ThesaurusEntry.objects.create(
        local_authority=council, preferred="Portage home visiting", other_words="Portage"
    )
    manager = UserFactory(role="local_offer_manager")
    client = Client()
    client.force_login(manager)

    response = client.post(
        f"/local-offer/manage/thesaurus/{entry.pk}/",
        {"version": "", "preferred": "Portage home visiting", "other_words": "Portage\nhome learning"},
    )

    assert response.status_code == 200
    assert "Someone else changed this entry after you opened it" in response.content.decode()
    entry.refresh_from_db()
    assert entry.other_words == "Portage" and entry.version == 1
    with pytest.raises(EditConflict):
        services.save_thesaurus_entry(
            entry, by=acting(manager), preferred="Portage", other_words="home learning"
        )


def test_a_new_listing_from_a_provider_is_not_public_until_approved():
    provider = ProviderFactory()
    account = UserFactory(role="provider", local_authority=None)
    provider.accounts.add(account)
    client = Client()
    client.force_login(account)
    data = {
        "name": "Dads' group",
        "description": "Monthly",
        "status": "active",
        "categories": [str(term("advice").pk)],
        "cost": "free",
        "self_referral": "on",
        "eligibility_description": "Dads",
        "application_process": "Come",
    }
    assert client.post(f"/local-offer/listings/new/{provider.pk}/", data).status_code == 302
    service = Service.objects.get(name="Dads' group")
    assert not service.is_public
    assert Client().get(f"/local-offer/services/{service.pk}/").status_code == 404


def test_listings_not_checked_for_a_year_are_flagged_and_their_owners_reminded_once():
    old = ServiceFactory(last_checked=date.today() - timedelta(days=400), name="Old listing")
    ServiceFactory(last_checked=date.today() - timedelta(days=10))
    call_command("send-listing-reminders", stdout=StringIO())
    call_command("send-listing-reminders", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [[old.provider.email]]
    assert ListingReminder.objects.get().service == old
    staff = Client()
    staff.force_login(UserFactory(role="local_offer_manager"))
    assert "Old listing" in staff.get("/local-offer/manage/due-a-check/").content.decode()
    assert "may be out of date" in Client().get(f"/local-offer/services/{old.pk}/").content.decode()


def test_reading_a_referral_is_logged():
    referral_service = ServiceFactory(online_referral=True, referral_email="x@example.org")
    referral = services.refer(
        referral_service,
        data={
            "child_name": "Sam",
            "child_date_of_birth": date(2018, 1, 1),
            "referrer_name": "Alex",
            "relationship": "Parent",
            "email": "a@example.org",
            "phone": "",
            "postcode": "NB3 4QT",
            "reason": "Help",
        },
    )
    manager = UserFactory(role="local_offer_manager")
    client = Client()
    client.force_login(manager)
    assert "Sam" in client.get(f"/local-offer/referrals/{referral.pk}/").content.decode()
    assert ReferralRead.objects.get().user == manager


def test_a_change_whose_stored_yes_or_no_is_empty_is_approved_as_no_rather_than_failing():
    account = UserFactory(role="provider", local_authority=None, email="p@example.org")
    service = ServiceFactory(online_referral=True, referral_email="slt@example.org")
    content = services.content_of(service) | {
        "online_referral": "",
        "self_referral": "yes",
        "minimum_age": "",
    }
    version = ServiceVersion.objects.create(
        service=service, number=1, content=content, based_on_version=service.version, submitted_by=account
    )
    staff = Client()
    staff.force_login(UserFactory(role="local_offer_manager"))
    response = staff.post(f"/local-offer/manage/changes/{version.pk}/", {"decision": "approve"})
    assert response.status_code == 302
    service.refresh_from_db()
    assert (service.online_referral, service.self_referral, service.minimum_age) == (False, True, None)
