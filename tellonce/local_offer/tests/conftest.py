"""Every Local Offer test runs in one council's Local Offer (code 999, as the other factories use),
which is made first so that its thesaurus is started from the shipped one."""

import pytest

from tellonce.organisations.tests.factories import LocalAuthorityFactory


@pytest.fixture(autouse=True)
def council(db):
    return LocalAuthorityFactory()
