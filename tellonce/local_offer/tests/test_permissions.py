"""Who may open each signed-in Local Offer page: the manager, a provider account for its own
organisation only (another provider's listing answers 404), nobody else (403: their role may not
keep listings); signed out, sent to sign in. Public pages need no sign-in."""

from datetime import date

import pytest
from django.test import Client

from tellonce.accounts.tests.factories import UserFactory
from tellonce.feedback.models import FeedbackItem
from tellonce.local_offer import services
from tellonce.local_offer.models import ListingReport, ServiceVersion, ThesaurusEntry, UnmatchedSearch
from tellonce.local_offer.tests.factories import ProviderFactory, ServiceFactory

pytestmark = pytest.mark.django_db
WHO = ["manager", "provider", "other provider", "coordinator", "parent", "signed out"]


@pytest.fixture
def world():
    own, other = ProviderFactory(), ProviderFactory()
    users = {
        "manager": UserFactory(role="local_offer_manager"),
        "provider": UserFactory(role="provider", local_authority=None),
        "other provider": UserFactory(role="provider", local_authority=None),
        "coordinator": UserFactory(role="ehc_coordinator"),
        "parent": UserFactory(role="parent", local_authority=None),
    }
    own.accounts.add(users["provider"])
    other.accounts.add(users["other provider"])
    service = ServiceFactory(provider=own, online_referral=True, referral_email="x@example.org")
    referral = services.refer(
        service,
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
    version = ServiceVersion.objects.create(
        service=service, number=1, content=services.content_of(service), based_on_version=service.version
    )
    comment = FeedbackItem.objects.create(
        local_authority=own.local_authority,
        raised_on=date(2026, 1, 1),
        route="local_offer",
        service="Local Offer: x",
        summary="y",
    )
    report = ListingReport.objects.create(
        service=service, topic="other", details="z", raised_on=date(2026, 1, 1)
    )
    entry = ThesaurusEntry.objects.first()
    search = UnmatchedSearch.objects.create(
        local_authority=own.local_authority,
        query="q",
        first_seen=date(2026, 1, 1),
        last_seen=date(2026, 1, 1),
    )
    return users, {
        "service": service.pk,
        "provider": own.pk,
        "referral": referral.pk,
        "version": version.pk,
        "comment": comment.pk,
        "report": report.pk,
        "entry": entry.pk,
        "search": search.pk,
    }


KEEPER = {"manager": 200, "provider": 200, "other provider": 404, "coordinator": 403, "parent": 403}
LISTS = {"manager": 200, "provider": 200, "other provider": 200, "coordinator": 403, "parent": 403}
MANAGER = {"manager": 200, "provider": 403, "other provider": 403, "coordinator": 403, "parent": 403}
PAGES = [
    ("/local-offer/listings/", LISTS),
    ("/local-offer/referrals/", LISTS),
    ("/local-offer/listings/{service}/", KEEPER),
    ("/local-offer/listings/{service}/checked/", KEEPER),
    ("/local-offer/listings/{service}/versions/", KEEPER),
    ("/local-offer/listings/new/{provider}/", KEEPER),
    ("/local-offer/referrals/{referral}/", KEEPER),
    ("/local-offer/manage/", MANAGER),
    ("/local-offer/manage/changes/", MANAGER),
    ("/local-offer/manage/changes/{version}/", MANAGER),
    ("/local-offer/manage/due-a-check/", MANAGER),
    ("/local-offer/manage/reports/", MANAGER),
    ("/local-offer/manage/reports/{report}/", MANAGER),
    ("/local-offer/manage/comments/", MANAGER),
    ("/local-offer/manage/comments/{comment}/", MANAGER),
    ("/local-offer/manage/comments/{comment}/publish/", MANAGER),
    ("/local-offer/manage/thesaurus/", MANAGER),
    ("/local-offer/manage/thesaurus/new/", MANAGER),
    ("/local-offer/manage/thesaurus/{entry}/", MANAGER),
    ("/local-offer/manage/searches/", MANAGER),
    ("/local-offer/manage/searches/{search}/", MANAGER),
]


@pytest.mark.parametrize(("path", "expected"), PAGES)
@pytest.mark.parametrize("who", WHO)
def test_each_signed_in_page_answers_only_those_allowed(world, path, expected, who):
    users, ids = world
    client = Client()
    if who != "signed out":
        client.force_login(users[who])
    response = client.get(path.format(**ids))
    if who == "signed out":
        assert response.status_code == 302 and "/accounts/sign-in/" in response.url
    else:
        assert response.status_code == expected[who]


@pytest.mark.parametrize(
    "path",
    [
        "/local-offer/",
        "/local-offer/search/?q=x",
        "/local-offer/services/{service}/",
        "/local-offer/services/{service}/refer/",
        "/local-offer/services/{service}/report/",
        "/local-offer/comments/",
        "/oruk/services",
    ],
)
def test_public_pages_need_no_sign_in(world, path):
    assert Client().get(path.format(**world[1])).status_code == 200


def test_a_provider_cannot_approve_its_own_change(world):
    users, ids = world
    client = Client()
    client.force_login(users["provider"])
    assert (
        client.post(f"/local-offer/manage/changes/{ids['version']}/", {"decision": "approve"}).status_code
        == 403
    )
    assert ServiceVersion.objects.get(pk=ids["version"]).state == "pending"
