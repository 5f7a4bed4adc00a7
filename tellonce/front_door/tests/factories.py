from datetime import date

import factory

from tellonce.front_door.models import OnlineRequest, Status


class OnlineRequestFactory(factory.django.DjangoModelFactory):
    """A request with every answer given, not yet sent."""

    class Meta:
        model = OnlineRequest

    ref = factory.Sequence(lambda n: f"REQ-2026-{n + 1:05d}")
    requested_by = "parent"
    status = Status.DRAFT
    given_name = "Noor"
    family_name = "Haddad"
    date_of_birth = date(2017, 5, 2)
    address = "4 Mill Lane, Northbridge"
    postcode = "NB3 4QT"
    current_setting = "Riverside Primary"
    reason = "She cannot follow lessons without an adult beside her"
    support_tried = "Speech and language therapy, small group reading"
    family_views = "We want her to stay at her school with the right help"
    first_language = "Arabic"
    interpreter_needed = True
    interpreter_language = "Arabic"
    consent_to_share = True
