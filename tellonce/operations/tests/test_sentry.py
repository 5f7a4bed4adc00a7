"""Error reports keep nothing personal: the before_send hook, called as the SDK would, without a network."""

import json

import sentry_sdk

from tellonce.operations import sentry


def _event() -> dict:
    return {
        "message": "lookup failed for 943 476 5919",
        "logentry": {
            "message": "lookup failed for %s",
            "params": ["9434765919"],
            "formatted": "for 9434765919",
        },
        "request": {
            "method": "POST",
            "url": "https://send.example.gov.uk/children/find/?name=Amelia+Jones",
            "query_string": "name=Amelia+Jones",
            "data": {"first_name": "Amelia", "nhs_number": "9434765919"},
            "cookies": {"sessionid": "abc", "csrftoken": "def"},
            "headers": {
                "Cookie": "sessionid=abc",
                "Authorization": "Bearer tok",
                "X-Forwarded-For": "203.0.113.9",
                "Referer": "https://send.example.gov.uk/children/?q=Amelia",
                "Content-Type": "application/x-www-form-urlencoded",
            },
            "env": {"REMOTE_ADDR": "203.0.113.9"},
        },
        "user": {"id": "42", "email": "jo@example.org", "username": "jbloggs", "ip_address": "203.0.113.9"},
        "exception": {
            "values": [
                {
                    "type": "ValueError",
                    "value": "no child with UPN A123456789012 or e-mail parent@example.org",
                    "stacktrace": {"frames": [{"function": "find", "vars": {"name": "Amelia Jones"}}]},
                }
            ]
        },
        "breadcrumbs": {
            "values": [
                {
                    "category": "query",
                    "message": "SELECT ... WHERE nhs_number = %s",
                    "data": {"params": ["9434765919"]},
                },
                {"category": "log", "message": "sent to parent@example.org"},
            ]
        },
        "extra": {"form": {"first_name": "Amelia"}},
    }


def test_before_send_removes_bodies_cookies_query_strings_and_user_details():
    event = sentry.before_send(_event(), {})
    sent = json.dumps(event)
    for personal in (
        "Amelia",
        "9434765919",
        "943 476 5919",
        "A123456789012",
        "parent@example.org",
        "jo@example.org",
        "jbloggs",
        "203.0.113.9",
        "sessionid",
        "Bearer tok",
    ):
        assert personal not in sent, personal
    assert event["user"] == {"id": "42"}
    assert event["request"] == {
        "method": "POST",
        "url": "https://send.example.gov.uk/children/find/",
        "headers": {"Content-Type": "application/x-www-form-urlencoded"},
    }
    assert event["exception"]["values"][0]["value"] == "no child with UPN [upn] or e-mail [email]"
    assert event["message"] == "lookup failed for [number]"


def test_an_event_with_no_request_or_user_passes_unharmed():
    assert sentry.before_send({"message": "worker started"}, None) == {
        "message": "worker started",
        "user": {},
    }


def test_the_sdk_is_started_without_personal_data_and_with_the_hooks(monkeypatch):
    given = {}
    monkeypatch.setattr(sentry_sdk, "init", lambda **options: given.update(options))
    sentry.start("https://key@sentry.example.org/1", environment="staging")
    assert given["send_default_pii"] is False
    assert given["include_local_variables"] is False
    assert given["max_request_body_size"] == "never"
    assert given["before_send"] is sentry.before_send
    assert given["before_breadcrumb"] is sentry.before_breadcrumb
    assert given["environment"] == "staging"
