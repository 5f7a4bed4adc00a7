"""Given a council's settings, when anyone opens the privacy notice, then it names the council as
controller, the lawful basis of each purpose, how long records are kept, people's rights and whom
to ask."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("contact", ["", "dpo@northbridge.example"])
def test_the_privacy_notice_names_the_council_its_lawful_bases_rights_and_whom_to_ask(db, settings, contact):
    settings.TELLONCE_AREA_NAME = "Northbridge Council"
    settings.TELLONCE_PRIVACY_CONTACT = contact
    page = Client().get("/privacy/").content.decode()
    assert "Northbridge Council is the data controller" in page
    for part in (
        "Article 6(1)(e)",
        "Article 9(2)(g)",
        "section 537A",
        "31st birthday",
        "Information Commissioner",
    ):
        assert part in page
    assert (contact or "the council&#39;s data protection officer") in page
