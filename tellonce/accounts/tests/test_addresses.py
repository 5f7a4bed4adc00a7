"""The client's address, for lockouts and the audit: behind N trusted proxies, the Nth from the
right of X-Forwarded-For; never something that is not an address."""

import pytest
from django.test import RequestFactory, override_settings

from tellonce.accounts.addresses import client_address


@pytest.mark.parametrize(
    ("proxies", "forwarded", "remote", "expected"),
    [
        (0, "203.0.113.1", "192.0.2.9", "192.0.2.9"),  # no proxy: the header is the client's own words
        (1, "198.51.100.7, 203.0.113.1", "192.0.2.9", "203.0.113.1"),
        (2, "198.51.100.7, 203.0.113.1", "192.0.2.9", "198.51.100.7"),
        (1, "", "192.0.2.9", "192.0.2.9"),
        (1, "not-an-address", "192.0.2.9", None),
        (0, "", "", None),
    ],
)
def test_the_client_address_is_taken_only_from_where_it_can_be_trusted(proxies, forwarded, remote, expected):
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded, REMOTE_ADDR=remote)
    with override_settings(TELLONCE_TRUSTED_PROXIES=proxies):
        assert client_address(request) == expected
