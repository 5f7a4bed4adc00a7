"""Limits on the public pages: request bodies too big for the page are refused before they are read,
and one address may send only so many comments, searches and API requests a minute."""

import json

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tellonce.feedback.models import FeedbackItem

COMMENT = {"about": "Gaps in services", "text": "Nothing for dads"}
MB = 1024 * 1024


@pytest.fixture(autouse=True)
def counts_start_at_nothing():
    cache.clear()
    yield
    cache.clear()


def test_a_500mb_post_to_the_comments_form_is_refused_before_it_is_read():
    response = Client().generic(
        "POST",
        "/local-offer/comments/",
        b"about=Gaps+in+services&text=x",
        content_type="application/x-www-form-urlencoded",
        CONTENT_LENGTH=str(500 * MB),
    )
    page = response.content.decode()
    assert response.status_code == 413 and "must be smaller than 2.5MB" in page
    assert not FeedbackItem.objects.exists()


def test_a_form_bigger_than_the_form_limit_is_refused_on_a_page_that_takes_no_files():
    response = Client().post("/local-offer/comments/", COMMENT | {"text": "x" * (3 * MB)})
    assert response.status_code == 413 and "must be smaller than 2.5MB" in response.content.decode()
    files = Client().post(
        "/local-offer/comments/", COMMENT | {"file": SimpleUploadedFile("a.pdf", b"0" * (3 * MB))}
    )
    assert files.status_code == 413 and not FeedbackItem.objects.exists()


def test_a_page_that_takes_files_takes_a_request_up_to_the_largest_file(settings):
    settings.TELLONCE_MAX_REQUEST_MB = 4
    upload = {"report": SimpleUploadedFile("report.pdf", b"0" * (3 * MB))}
    assert Client().post("/improvement/import/", upload).status_code == 302  # to sign in
    bigger = {"report": SimpleUploadedFile("report.pdf", b"0" * (5 * MB))}
    assert Client().post("/improvement/import/", bigger).status_code == 413


def test_the_eleventh_comment_in_a_minute_from_one_address_is_refused_and_another_address_is_not(settings):
    settings.TELLONCE_RATE_FORMS = 10
    client = Client(REMOTE_ADDR="203.0.113.7")
    for _ in range(10):
        assert client.post("/local-offer/comments/", COMMENT).status_code == 200
    refused = client.post("/local-offer/comments/", COMMENT)
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 60
    assert "You have sent too many requests. Wait a minute and try again." in refused.content.decode()
    assert FeedbackItem.objects.count() == 10
    assert Client(REMOTE_ADDR="203.0.113.8").post("/local-offer/comments/", COMMENT).status_code == 200
    assert client.get("/local-offer/comments/").status_code == 200  # reading the form is not counted


def test_behind_a_proxy_each_client_is_counted_by_its_own_address(settings):
    settings.TELLONCE_RATE_FORMS = 1
    settings.TELLONCE_TRUSTED_PROXIES = 1
    proxy = {"REMOTE_ADDR": "10.0.0.1"}
    first = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert first.post("/local-offer/comments/", COMMENT).status_code == 200
    assert first.post("/local-offer/comments/", COMMENT).status_code == 429
    second = Client(**proxy, HTTP_X_FORWARDED_FOR="203.0.113.7, 203.0.113.9")
    assert second.post("/local-offer/comments/", COMMENT).status_code == 200


def test_searches_are_limited_per_address(settings):
    settings.TELLONCE_RATE_SEARCH = 2
    client = Client()
    assert [client.get("/local-offer/search/", {"q": "autism"}).status_code for _ in range(3)] == [
        200,
        200,
        429,
    ]


def test_the_open_referral_api_answers_too_many_requests_as_json_with_cors(settings):
    settings.TELLONCE_RATE_API = 1
    client = Client()
    assert client.get("/oruk/services").status_code == 200
    refused = client.get("/oruk/services")
    assert refused.status_code == 429 and refused["Access-Control-Allow-Origin"] == "*"
    assert json.loads(refused.content) == {
        "error": "You have sent too many requests. Wait a minute and try again."
    }
    assert int(refused["Retry-After"]) >= 1
