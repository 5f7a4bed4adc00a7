"""The demo area's provision delivery: each commitment's latest outcome and current wait, kept on
the commitment when its records are written, say what its records say (ADR 72), before and after a
record is corrected through the service, and the nightly check puts right any that do not."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.delivery import services
from tellonce.delivery.expectations import half_terms_around
from tellonce.delivery.models import Commitment, DeliveryRecord
from tellonce.domain import delivery as rules

TODAY = date(2026, 11, 22)


def _what_the_records_say() -> dict:
    """For each commitment: its latest record's outcome and reason, and the first half-term of the
    unbroken run of half-terms not delivered at all that ends with its latest (read oldest first)."""
    said: dict = {pk: ("", "", None) for pk in Commitment.objects.values_list("pk", flat=True)}
    runs: dict = {}
    for record in DeliveryRecord.objects.order_by("half_term_starts_on"):
        pk = record.commitment_id
        if record.outcome == rules.Outcome.NOT_DELIVERED:
            runs.setdefault(pk, record.half_term_starts_on)
        else:
            runs.pop(pk, None)
        said[pk] = (record.outcome, record.reason, runs.get(pk))
    return said


def _kept() -> dict:
    return {
        pk: (outcome, reason, since)
        for pk, outcome, reason, since in Commitment.objects.values_list(
            "pk", "latest_outcome", "latest_reason", "waiting_since"
        )
    }


@pytest.mark.django_db
def test_every_commitment_of_the_demo_keeps_what_its_records_say_even_after_a_correction():
    call_command("demo", children=300, seed=4, today=TODAY, stdout=StringIO())
    said = _what_the_records_say()
    assert _kept() == said
    waiting = [pk for pk, (_, _, since) in said.items() if since is not None]
    assert waiting, "the demo has children waiting for provision"
    # A setting corrects the latest half-term of a child waiting: it was delivered after all.
    commitment = Commitment.objects.get(pk=waiting[0])
    latest = DeliveryRecord.objects.filter(commitment=commitment).latest("half_term_starts_on")
    half_term = next(
        h
        for h in half_terms_around(commitment.local_authority_id, TODAY)
        if h.starts_on == latest.half_term_starts_on
    )
    by = Actor.command(User.system_account(), "test")
    services.record_delivery(
        commitment,
        half_term,
        outcome="delivered",
        delivered=None,
        reason="",
        reason_text="",
        by=by,
        today=TODAY,
    )
    assert Commitment.objects.get(pk=commitment.pk).waiting_since is None
    assert _kept() == _what_the_records_say()
    # ...and then says it was not delivered after all: the wait is back as it was.
    services.record_delivery(
        commitment,
        half_term,
        outcome="not_delivered",
        delivered=None,
        reason="vacancy",
        reason_text="",
        by=by,
        today=TODAY,
    )
    assert _kept() == _what_the_records_say()
    assert _kept()[commitment.pk] == ("not_delivered", "vacancy", said[commitment.pk][2])


@pytest.mark.django_db
def test_the_nightly_check_puts_right_a_commitment_whose_kept_values_were_lost():
    call_command("demo", children=120, seed=5, today=TODAY, stdout=StringIO())
    assert services.check_latest(chunk=50) == 0
    waiting = Commitment.objects.filter(waiting_since__isnull=False)
    lost = set(waiting.values_list("pk", flat=True)[:3])
    Commitment.objects.filter(pk__in=lost).update(latest_outcome="", latest_reason="", waiting_since=None)
    assert services.check_latest(chunk=50) == len(lost) > 0
    assert _kept() == _what_the_records_say()
