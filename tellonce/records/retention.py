"""What the retention schedule makes due for disposal in one council, kind by kind: the rows due,
the ones a legal hold or an appeal keeps, and the oldest event among them (domain.retention has
the rules; this module turns each rule's date into a query)."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.conf import settings
from django.db.models import Exists, Min, OuterRef, Q, QuerySet
from django.utils import timezone

from tellonce.audit.models import AccessEvent
from tellonce.core.time import uk_day_starts
from tellonce.domain.retention import RecordKind, Rule, schedule
from tellonce.feedback.models import Answer, FeedbackItem, Response
from tellonce.front_door.models import OnlineRequest
from tellonce.front_door.models import Status as RequestStatus
from tellonce.local_offer.models import OnlineReferral
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child
from tellonce.records.models import AnonymisedChild, LegalHold
from tellonce.reviews.models import Ceasing

# What a feedback item's words become once they are disposed of.
REMOVED = "Removed under the retention schedule."


def rules_for(council: LocalAuthority) -> dict[RecordKind, Rule]:
    """The schedule for one council: the defaults, the installation's settings, the council's own."""
    by_council = getattr(settings, "TELLONCE_RETENTION_BY_COUNCIL", {}).get(council.code, {})
    return schedule(getattr(settings, "TELLONCE_RETENTION", {}), by_council)


def kept_children(council: LocalAuthority) -> QuerySet:
    """The council's children nothing may be disposed of for: a legal hold stands, or an appeal
    against ceasing their plan is lodged and not yet decided."""
    held = LegalHold.objects.current().filter(child=OuterRef("pk"))
    appealing = Ceasing.objects.filter(
        plan__child=OuterRef("pk"), appeal_lodged_on__isnull=False, appeal_decided_on__isnull=True
    )
    return Child.objects.filter(local_authority=council).filter(Exists(held) | Exists(appealing))


def _due_children(council: LocalAuthority, up_to: date) -> QuerySet:
    anonymised = AnonymisedChild.objects.filter(child=OuterRef("pk"))
    return Child.objects.filter(local_authority=council, date_of_birth__lte=up_to).exclude(Exists(anonymised))


def _ended(up_to: date) -> datetime:
    """The moment `up_to` ends in UK time: a record whose moment is before it fell on or before
    `up_to`, written so an index on the moment can answer it (`__date__lte` cannot)."""
    return uk_day_starts(up_to + timedelta(days=1))


def _due_referrals(council: LocalAuthority, up_to: date) -> QuerySet:
    return OnlineReferral.objects.filter(
        service__provider__local_authority=council, submitted_at__lt=_ended(up_to)
    )


def _due_unsent_requests(council: LocalAuthority, up_to: date) -> QuerySet:
    return OnlineRequest.objects.filter(
        local_authority=council, status=RequestStatus.DRAFT, updated_at__lt=_ended(up_to)
    )


def due_responses(council: LocalAuthority, up_to: date) -> QuerySet:
    """Survey answers old enough that still say who gave them or hold their words."""
    worded = Answer.objects.filter(response=OuterRef("pk")).exclude(text="")
    return Response.objects.filter(survey__local_authority=council, submitted_on__lte=up_to).filter(
        Q(child__isnull=False) | Q(respondent__isnull=False) | Exists(worded)
    )


def due_feedback_items(council: LocalAuthority, up_to: date) -> QuerySet:
    return FeedbackItem.objects.filter(local_authority=council, raised_on__lte=up_to).filter(
        Q(child__isnull=False) | Q(raised_by__isnull=False) | ~Q(summary=REMOVED)
    )


def _due_access_events(council: LocalAuthority, up_to: date) -> QuerySet:
    """The council's children's events made on or before `up_to`, read by the log's own council key
    and moment, which its index on (council, time) answers: the largest table of all, read by a
    day worked out from each row, took 30 to 40 ms a query at 20,000 children."""
    return AccessEvent.objects.filter(local_authority=council, child__isnull=False, at__lt=_ended(up_to))


@dataclass(frozen=True)
class Due:
    """One kind of record in one council: the rows due and those of them that must be kept."""

    rule: Rule
    up_to: date  # records whose event fell on or before this day are due
    parts: tuple[tuple[QuerySet, str], ...]  # (rows due, the field naming their child, or "")
    event_fields: tuple[str, ...]  # each part's event, for the oldest date

    def disposable(self, kept: QuerySet) -> tuple[QuerySet, ...]:
        return tuple(rows.exclude(**{f"{via}__in": kept}) if via else rows for rows, via in self.parts)

    def held(self, kept: QuerySet) -> int:
        return sum(rows.filter(**{f"{via}__in": kept}).count() for rows, via in self.parts if via)

    def count(self) -> int:
        return sum(rows.count() for rows, _ in self.parts)

    def oldest(self) -> date | None:
        found = []
        for (rows, _), field in zip(self.parts, self.event_fields, strict=True):
            value = rows.aggregate(oldest=Min(field))["oldest"]
            if value is not None:
                found.append(timezone.localdate(value) if isinstance(value, datetime) else value)
        return min(found, default=None)


def due(council: LocalAuthority, *, today: date) -> list[Due]:
    """Every kind of record in the schedule, with what of it is due on `today`."""
    found = []
    for kind, rule in rules_for(council).items():
        up_to = rule.latest_due_event(today)
        match kind:
            case RecordKind.EHC_RECORD:
                parts, fields = ((_due_children(council, up_to), "pk"),), ("date_of_birth",)
            case RecordKind.ONLINE_REFERRAL:
                parts, fields = ((_due_referrals(council, up_to), ""),), ("submitted_at",)
            case RecordKind.UNSENT_REQUEST:
                parts, fields = ((_due_unsent_requests(council, up_to), ""),), ("updated_at",)
            case RecordKind.FEEDBACK:
                parts = (
                    (due_responses(council, up_to), "child"),
                    (due_feedback_items(council, up_to), "child"),
                )
                fields = ("submitted_on", "raised_on")
            case RecordKind.ACCESS_LOG:
                parts, fields = ((_due_access_events(council, up_to), "child_id"),), ("at",)
        found.append(Due(rule, up_to, parts, fields))
    return found


def report(council: LocalAuthority, *, today: date) -> str:
    """The report in words, for the commands."""
    kept = kept_children(council)
    lines = [f"Due for disposal in {council.name} on {today:%d %B %Y}:"]
    for found in due(council, today=today):
        oldest = found.oldest()
        lines.append(
            f"  {found.rule.describe()}: {found.count():,} due"
            f" ({found.held(kept):,} kept by a legal hold or an appeal)"
            + (f", oldest {oldest:%d %B %Y}" if oldest else "")
        )
    return "\n".join(lines)
