"""The demo area's provision delivery: each commitment's latest outcome, current wait and school
year's totals, kept on the commitment when its records are written, say what its records say
(ADR 72), before and after a record is corrected through the service; the board's shares from
them are those from the records; and the nightly check puts right any that do not."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.delivery import overview, services
from tellonce.delivery.expectations import half_terms_around
from tellonce.delivery.models import Commitment, DeliveryRecord
from tellonce.domain import delivery as rules

TODAY = date(2026, 11, 22)


def _what_the_records_say() -> dict:
    """For each commitment: its latest record's outcome and reason, the first half-term of the
    unbroken run of half-terms not delivered at all that ends with its latest, the school year
    (from 1 September) of its latest record and that year's sessions expected and delivered,
    records and records delivered in full (read oldest first)."""
    said: dict = {
        pk: ("", "", None, None, 0, 0, 0, 0) for pk in Commitment.objects.values_list("pk", flat=True)
    }
    runs: dict = {}
    years: dict = {}
    for record in DeliveryRecord.objects.order_by("half_term_starts_on"):
        pk = record.commitment_id
        if record.outcome == rules.Outcome.NOT_DELIVERED:
            runs.setdefault(pk, record.half_term_starts_on)
        else:
            runs.pop(pk, None)
        starts = record.half_term_starts_on
        year = starts.year - (starts < date(starts.year, 9, 1))
        if years.get(pk, (None,))[0] != year:
            years[pk] = (year, 0, 0, 0, 0)
        _, expected, delivered, count, in_full = years[pk]
        years[pk] = (
            year,
            expected + record.expected,
            delivered + record.delivered,
            count + 1,
            in_full + (record.outcome == rules.Outcome.DELIVERED),
        )
        said[pk] = (record.outcome, record.reason, runs.get(pk), *years[pk])
    return said


def _kept() -> dict:
    fields = ["latest_outcome", "latest_reason", "waiting_since", "counted_year"]
    fields += ["year_expected", "year_delivered", "year_records", "year_in_full"]
    return {pk: tuple(kept) for pk, *kept in Commitment.objects.values_list("pk", *fields)}


@pytest.mark.django_db
def test_every_commitment_of_the_demo_keeps_what_its_records_say_even_after_a_correction():
    call_command("demo", children=300, seed=4, today=TODAY, stdout=StringIO())
    said = _what_the_records_say()
    assert _kept() == said
    waiting = [pk for pk, values in said.items() if values[2] is not None]
    # the board's shares for this school year from the commitments are those from the records
    board = User.objects.get(username="board")
    year = [h for h in half_terms_around(board.local_authority_id, TODAY, back=0) if h.starts_on <= TODAY]
    from_records = overview.shares(board, year[0].starts_on, year[-1].starts_on)
    assert overview.shares_this_year(board, 2026) == from_records
    assert from_records["overall"][0].records > 0
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
    assert _kept()[commitment.pk][:3] == ("not_delivered", "vacancy", said[commitment.pk][2])


@pytest.mark.django_db
def test_the_nightly_check_puts_right_a_commitment_whose_kept_values_were_lost():
    call_command("demo", children=120, seed=5, today=TODAY, stdout=StringIO())
    assert services.check_latest(chunk=50) == 0
    waiting = Commitment.objects.filter(waiting_since__isnull=False)
    lost = set(waiting.values_list("pk", flat=True)[:3])
    Commitment.objects.filter(pk__in=lost).update(
        latest_outcome="", latest_reason="", waiting_since=None, year_records=0
    )
    assert services.check_latest(chunk=50) == len(lost) > 0
    assert _kept() == _what_the_records_say()
