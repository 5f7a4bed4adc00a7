"""What each commitment keeps for the follow-up pages and My work (ADR 96) equals what the domain
rules give from its rows, one commitment at a time, for every commitment of a demo area: after the
demo's build, after each kind of write through the services (delivery recorded short, delivered
in full, a family's report, a follow-up), and after the rebuild command puts back what was lost.
The follow-up list holds the commitments the reference says need the coordinator."""

from collections import defaultdict
from datetime import date
from fractions import Fraction
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command

from tellonce.accounts.models import User
from tellonce.conftest import acting
from tellonce.core.work import WorkList
from tellonce.delivery import overview, services, work
from tellonce.delivery.expectations import current_half_term, expected_in
from tellonce.delivery.models import Commitment, DeliveryRecord, FamilyReport, FollowUp
from tellonce.domain import delivery as rules

TODAY = date(2026, 11, 22)


def _reference() -> dict[object, tuple[Fraction, bool]]:
    """Each commitment's weeks missed in half-terms that ended after the coordinator's latest
    follow-up, by domain.delivery.missed_weeks, and whether the family reported provision not
    received after it: read from the rows, one commitment at a time."""
    last: dict[object, FollowUp] = {}
    for done in FollowUp.objects.order_by("made_at", "pk"):
        last[done.commitment_id] = done
    missed: dict[object, Fraction] = defaultdict(Fraction)
    for record in DeliveryRecord.objects.all():
        acted = last.get(record.commitment_id)
        if record.delivered < record.expected and (acted is None or record.half_term_ends_on > acted.on):
            missed[record.commitment_id] += rules.missed_weeks(
                record.expected, record.delivered, Fraction(record.school_weeks)
            )
    reported = {
        report.commitment_id
        for report in FamilyReport.objects.all()
        if (acted := last.get(report.commitment_id)) is None or report.reported_at > acted.made_at
    }
    return {pk: (missed[pk], pk in reported) for pk in Commitment.objects.values_list("pk", flat=True)}


def _kept_equal_the_reference() -> dict[object, tuple[Fraction, bool]]:
    want = _reference()
    have = {
        pk: (weeks, reported)
        for pk, weeks, reported in Commitment.objects.values_list(
            "pk", "missed_weeks_since_action", "reported_since_action"
        )
    }
    assert set(have) == set(want)
    for pk, (weeks, reported) in want.items():
        assert have[pk][0] == pytest.approx(float(weeks), abs=1e-9), pk
        assert have[pk][1] is reported, pk
    return want


def _list_equals_the_reference(manager, want) -> None:
    """The follow-up page's list: the current commitments the reference says need the coordinator."""
    current = set(Commitment.objects.current().values_list("pk", flat=True))
    needing = {pk for pk, (weeks, reported) in want.items() if pk in current and (weeks > 0 or reported)}
    listed = list(overview.needing_follow_up(manager))
    assert {c.pk for c in listed} == needing
    assert [c.missed_weeks for c in listed] == sorted((c.missed_weeks for c in listed), reverse=True)
    for c in listed:
        assert (c.missed_weeks, c.reported) == (c.missed_weeks_since_action, c.reported_since_action)


def _a_commitment_to_record(half_term):
    """A current commitment of the demo with more than one session expected in the half-term under
    way and nothing recorded for it yet."""
    recorded = DeliveryRecord.objects.filter(half_term_starts_on=half_term.starts_on).values("commitment")
    for commitment in Commitment.objects.current().exclude(pk__in=recorded).order_by("pk"):
        found = expected_in(commitment, half_term)
        if found is not None and found.sessions > 1:
            return commitment, found.sessions
    raise AssertionError("the demo has no commitment to record")


@pytest.mark.django_db
def test_every_commitment_keeps_what_the_domain_rules_say_after_the_demo_and_each_write():
    with time_machine.travel(TODAY):
        call_command("demo", children=120, seed=2, today=TODAY, stdout=StringIO())
        want = _kept_equal_the_reference()
        assert sum(1 for weeks, _ in want.values() if weeks > 0) > 10
        manager = User.objects.get(username="manager")
        _list_equals_the_reference(manager, want)
        coordinator = User.objects.get(username="coordinator")
        by = acting(coordinator)
        half_term = current_half_term(coordinator.local_authority_id, TODAY)
        commitment, sessions = _a_commitment_to_record(half_term)
        before = want[commitment.pk][0]

        def record(outcome, delivered=None, reason=""):
            services.record_delivery(
                commitment,
                half_term,
                outcome=outcome,
                delivered=delivered,
                reason=reason,
                reason_text="",
                by=by,
                today=TODAY,
            )

        # delivered short: the half-term under way ends after any follow-up, so its weeks count
        record("partly", delivered=1, reason="staff_absence")
        want = _kept_equal_the_reference()
        assert want[commitment.pk][0] > before
        record("delivered")  # the second record replaces the first: delivered in full
        want = _kept_equal_the_reference()
        assert want[commitment.pk][0] == before
        services.report_not_received(
            commitment,
            text="No sessions this term",
            half_term_label="",
            sessions_missed=2,
            by=by,
            today=TODAY,
        )
        want = _kept_equal_the_reference()
        assert want[commitment.pk][1] is True
        _list_equals_the_reference(manager, want)
        missed = next(pk for pk, (weeks, _) in want.items() if weeks > 0 and pk != commitment.pk)
        for acted_on in (commitment, Commitment.objects.get(pk=missed)):
            services.follow_up(acted_on, action="make_up", text="", by=by, today=TODAY)
        want = _kept_equal_the_reference()
        assert want[commitment.pk] == (0, False) and want[missed][0] == 0
        _list_equals_the_reference(manager, want)
        # My work's first, read on the kept values, is the whole list's first and count
        whole = WorkList.of(work.work_for(coordinator, today=TODAY), today=TODAY, shown=50)
        first = work.first_for(coordinator, today=TODAY, shown=50)
        assert first.items and (first.items, first.tallies) == (whole.items, whole.tallies)


@pytest.mark.django_db
def test_the_rebuild_command_puts_back_what_each_commitment_keeps_with_its_progress():
    with time_machine.travel(TODAY):
        call_command("demo", children=60, seed=3, today=TODAY, stdout=StringIO())
        want = dict(Commitment.objects.values_list("pk", "missed_weeks_since_action"))
        reported = set(Commitment.objects.filter(reported_since_action=True).values_list("pk", flat=True))
        assert any(want.values())
        Commitment.objects.update(missed_weeks_since_action=0, reported_since_action=False)
        out = StringIO()
        call_command("rebuild-delivery-follow-up", stdout=out)
        assert "commitments: " in out.getvalue() and "worked out" in out.getvalue()
        _kept_equal_the_reference()
        assert dict(Commitment.objects.values_list("pk", "missed_weeks_since_action")) == pytest.approx(want)
        assert (
            set(Commitment.objects.filter(reported_since_action=True).values_list("pk", flat=True))
            == reported
        )
