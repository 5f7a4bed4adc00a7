"""How passwords are stored (ADR 0086): Argon2id at OWASP's settings, and a password stored the old
way (Django's PBKDF2) is stored again with Argon2id the next time it signs someone in."""

import argon2
import pytest
from django.conf import settings as django_settings
from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from tellonce.accounts.tests.factories import UserFactory
from tellonce.config.settings import base

PASSWORD = "correct-horse-battery"


@pytest.fixture
def production_hashers(settings):
    """The hashers the service runs with (the tests' own settings store passwords with MD5)."""
    settings.PASSWORD_HASHERS = base.PASSWORD_HASHERS
    return settings


def test_the_service_stores_passwords_with_argon2id_at_owasps_minimum_or_more(production_hashers):
    stored = make_password(PASSWORD)
    assert identify_hasher(stored).algorithm == "argon2"
    parameters = argon2.extract_parameters(stored.removeprefix("argon2"))
    assert parameters.type is argon2.Type.ID
    # OWASP Password Storage Cheat Sheet: Argon2id with at least 19 MiB, 2 passes, 1 lane.
    assert parameters.memory_cost >= 19 * 1024
    assert parameters.time_cost >= 2
    assert parameters.parallelism >= 1
    assert check_password(PASSWORD, stored)
    assert not check_password(PASSWORD + "x", stored)


def test_every_hasher_the_service_reads_is_a_slow_salted_one(production_hashers):
    names = [path.rsplit(".", 1)[1] for path in django_settings.PASSWORD_HASHERS]
    assert names[0] == "Argon2id"
    assert not {"MD5PasswordHasher", "UnsaltedMD5PasswordHasher", "UnsaltedSHA1PasswordHasher"} & set(names)


def test_a_password_stored_with_pbkdf2_is_stored_again_with_argon2id_when_it_signs_in(
    client, db, production_hashers
):
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    parent = UserFactory(role="parent", local_authority=None)
    type(parent).objects.filter(pk=parent.pk).update(password=old)

    answer = client.post("/accounts/sign-in/", {"username": parent.username, "password": PASSWORD})

    assert answer.status_code == 302
    parent.refresh_from_db()
    assert parent.password != old
    assert identify_hasher(parent.password).algorithm == "argon2"
    assert check_password(PASSWORD, parent.password)


def test_a_wrong_password_against_an_old_hash_leaves_it_as_it_was(client, db, production_hashers):
    old = make_password(PASSWORD, hasher="pbkdf2_sha256")
    parent = UserFactory(role="parent", local_authority=None)
    type(parent).objects.filter(pk=parent.pk).update(password=old)

    answer = client.post("/accounts/sign-in/", {"username": parent.username, "password": "not it at all"})

    assert answer.status_code == 200
    parent.refresh_from_db()
    assert parent.password == old
