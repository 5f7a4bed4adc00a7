"""Django's cache in the database, shared by every worker and server (ADR 92)."""

import importlib
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.utils import timezone

from tellonce.accounts import rate_limits

DATABASE_CACHE = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "tellonce_cache",
    }
}


def test_an_installation_shares_one_cache_unless_told_to_keep_one_a_process(monkeypatch):
    from tellonce.config.settings import base

    try:
        monkeypatch.delenv("TELLONCE_CACHE", raising=False)
        shared = importlib.reload(base).CACHES["default"]
        monkeypatch.setenv("TELLONCE_CACHE", "local")
        alone = importlib.reload(base).CACHES["default"]
    finally:
        monkeypatch.delenv("TELLONCE_CACHE", raising=False)
        importlib.reload(base)
    assert shared["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"
    assert shared["LOCATION"] == "tellonce_cache"
    assert alone["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


@pytest.mark.django_db
def test_migrate_makes_the_table_and_the_cache_keeps_adds_counts_and_expires_in_it(settings):
    assert "tellonce_cache" in connection.introspection.table_names()
    settings.CACHES = DATABASE_CACHE
    cache = caches["default"]
    assert cache.add("figures", {"a": 1}, timeout=60)
    assert not cache.add("figures", {"a": 2}, timeout=60)  # add keeps what is there
    assert cache.get("figures") == {"a": 1}
    cache.set("count", 1, timeout=60)
    assert cache.incr("count") == 2
    cache.set("old", "gone", timeout=60)
    with connection.cursor() as cursor:  # as if a minute had passed
        cursor.execute(
            "UPDATE tellonce_cache SET expires = %s WHERE cache_key LIKE %s",
            [timezone.now() - timedelta(seconds=1), "%old"],
        )
    assert cache.get("old") is None


@pytest.mark.django_db
def test_a_public_pages_limit_is_counted_in_the_shared_table(settings):
    """What one worker counts, another reads: the count is a row, not a process's memory."""
    settings.CACHES = DATABASE_CACHE
    assert [rate_limits._over_limit("forms", "192.0.2.7", 3) for _ in range(3)] == [None, None, None]
    refused = rate_limits._over_limit("forms", "192.0.2.7", 3)
    assert refused is not None and 1 <= refused <= rate_limits.WINDOW_SECONDS
    assert rate_limits._over_limit("forms", "192.0.2.8", 3) is None  # another address counts alone
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM tellonce_cache WHERE cache_key LIKE %s", ["%rate:forms:192.0.2.7:%"]
        )
        assert cursor.fetchone()[0] == 1
