"""Questions about many commitments, answered in SQL: what needs the coordinator (weeks missed since
they last acted, reports from the family), the share delivered by kind of provision, provider and
locality, the children waiting longest, and a plan's delivery since its last review."""

from dataclasses import dataclass
from datetime import UTC, date, datetime
from fractions import Fraction

from django.db.models import (
    Count,
    DateField,
    DateTimeField,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Coalesce

from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.core.council_key import same_council
from tellonce.delivery.models import (
    HEALTH_SECTIONS,
    KIND_OF_SECTION,
    Commitment,
    DeliveryRecord,
    DeliveryRules,
    FamilyReport,
    FollowUp,
)
from tellonce.domain import delivery as rules
from tellonce.organisations.councils import council_id
from tellonce.organisations.models import Locality, Setting, Team

LONG_AGO = date(1900, 1, 1)
LONG_AGO_AT = datetime(1900, 1, 1, tzinfo=UTC)


def _last_action(field: str):
    """The coordinator's latest follow-up's `field`, for the commitment two queries out (the one
    whose records or reports the query inside reads)."""
    of = OuterRef(OuterRef("pk"))
    return Subquery(FollowUp.objects.filter(commitment=of).order_by("-made_at").values(field)[:1])


def missed_since_action():
    """Weeks missed in half-terms that ended after the coordinator last acted, for the outer
    query's commitment (0 when none): kept on each commitment as `missed_weeks_since_action`
    (delivery.kept)."""
    missed = (
        DeliveryRecord.objects.filter(
            commitment=OuterRef("pk"),
            expected__gt=0,
            delivered__lt=F("expected"),
            half_term_ends_on__gt=Coalesce(_last_action("on"), Value(LONG_AGO, output_field=DateField())),
        )
        .order_by()
        .values("commitment")
        .annotate(
            weeks=Sum(
                Cast(F("school_weeks") * (F("expected") - F("delivered")), FloatField())
                / Cast(F("expected"), FloatField())
            )
        )
        .values("weeks")
    )
    return Coalesce(Subquery(missed, output_field=FloatField()), Value(0.0))


def reports_since_action():
    """Whether the family reported provision not received since the coordinator last acted, for the
    outer query's commitment: kept as `reported_since_action` (delivery.kept)."""
    return Exists(
        FamilyReport.objects.filter(
            commitment=OuterRef("pk"),
            reported_at__gt=Coalesce(
                _last_action("made_at"),
                Value(LONG_AGO_AT, output_field=DateTimeField()),
            ),
        )
    )


NEEDS_FOLLOW_UP = Q(missed_weeks_since_action__gt=0) | Q(reported_since_action=True)


def needing_follow_up(user, capability: Capability = Capability.FOLLOW_UP_DELIVERY):
    """Commitments in the user's scope with provision missed or reported missing since the
    coordinator last acted, with `missed_weeks`, `reported` and `escalated` (the council's
    threshold reached or the family reported it), most weeks missed first. Read from the values
    each commitment keeps (delivery.kept, ADR 96)."""
    commitments = (
        Commitment.objects.within_scope(user, capability)
        .current()
        .filter(NEEDS_FOLLOW_UP)
        .annotate(missed_weeks=F("missed_weeks_since_action"), reported=F("reported_since_action"))
        .select_related("child", "setting", "team")
        .order_by("-missed_weeks_since_action", "child__family_name", "pk")
    )
    return commitments


def with_escalation(commitments, local_authority_id) -> list:
    threshold = DeliveryRules.weeks_for(local_authority_id)
    found = list(commitments)
    for commitment in found:
        commitment.escalated = commitment.reported or commitment.missed_weeks >= threshold - 1e-9
        commitment.threshold = threshold
    return found


@dataclass(frozen=True, slots=True)
class Share:
    label: str
    expected: int
    delivered: int
    records: int
    in_full: int

    @property
    def sessions_share(self) -> Fraction | None:
        return rules.share(self.delivered, self.expected)

    @property
    def records_share(self) -> Fraction | None:
        return rules.share(self.in_full, self.records)


def _records_in_scope(user, first: date, last: date):
    """The records of the half-terms from `first` to `last` that the figures reach: the council's
    (health's sections for the designated clinical officer) as a join, not a list of commitments."""
    records = DeliveryRecord.objects.filter(half_term_starts_on__gte=first, half_term_starts_on__lte=last)
    match scope(user, Capability.SEE_DELIVERY_FIGURES):
        case Scope.COUNCIL:
            return records.filter(commitment__local_authority_id=council_id(user))
        case Scope.HEALTH:
            return records.filter(
                commitment__local_authority_id=council_id(user), commitment__section__in=HEALTH_SECTIONS
            )
    return records.within_scope(user, Capability.SEE_DELIVERY_FIGURES)


_TOTALS = {
    "expected_sum": Coalesce(Sum("expected"), 0),
    "delivered_sum": Coalesce(Sum("delivered"), 0),
    "records": Count("id"),
    "in_full": Count("id", filter=Q(outcome=rules.Outcome.DELIVERED)),
}


def _shares(rows, label) -> list[Share]:
    return [
        Share(label(row), row["expected_sum"], row["delivered_sum"], row["records"], row["in_full"])
        for row in rows
    ]


def shares(user, first: date, last: date) -> dict[str, list[Share]]:
    """The share delivered in the half-terms starting from `first` to `last`: overall, by kind of
    provision (education, health, social care), by provider and by locality. One query, grouped by
    section, provider and locality together, added up here."""
    rows = (
        _records_in_scope(user, first, last)
        .order_by()
        .annotate(
            provider=Coalesce(
                "commitment__setting__name", "commitment__team__name", Value("No provider named")
            ),
            locality=Coalesce("commitment__child__locality__name", Value("No locality")),
        )
        .values("commitment__section", "provider", "locality")
        .annotate(**_TOTALS)
    )
    return _added_up(rows)


def _added_up(rows) -> dict[str, list[Share]]:
    """Rows grouped by section, provider and locality added up overall, by kind, provider, locality."""
    groups: dict[str, dict[str, list[int]]] = {"overall": {}, "kind": {}, "provider": {}, "locality": {}}
    for row in rows:
        labels = {
            "overall": "All provision",
            "kind": KIND_OF_SECTION.get(row["commitment__section"], "Other"),
            "provider": row["provider"],
            "locality": row["locality"],
        }
        for grouping, label in labels.items():
            totals = groups[grouping].setdefault(label, [0, 0, 0, 0])
            for i, key in enumerate(("expected_sum", "delivered_sum", "records", "in_full")):
                totals[i] += row[key]
    groups["overall"].setdefault("All provision", [0, 0, 0, 0])
    return {
        grouping: [Share(label, *totals) for label, totals in sorted(found.items())]
        for grouping, found in groups.items()
    }


def shares_this_year(user, school_year: int) -> dict[str, list[Share]]:
    """The same figures as `shares` over a whole school year's half-terms (the board's page: this
    school year so far, records being refused for half-terms not yet started), from the totals
    each commitment keeps for the school year of its latest record: one aggregate over
    commitments, no records read (ADR 72)."""
    rows = list(
        Commitment.objects.within_scope(user, Capability.SEE_DELIVERY_FIGURES)
        .filter(counted_year=school_year)
        # the children for the locality read from the commitments' own council, not every
        # council's children (104 against 8 ms at 640,000 children)
        .filter(same_council("child"))
        .order_by()
        # grouped by keys, not names: the names of the few settings, teams and localities after
        .values("section", "setting_id", "team_id", "child__locality_id")
        .annotate(
            expected_sum=Coalesce(Sum("year_expected"), 0),
            delivered_sum=Coalesce(Sum("year_delivered"), 0),
            records=Coalesce(Sum("year_records"), 0),
            in_full=Coalesce(Sum("year_in_full"), 0),
        )
    )
    settings = dict(
        Setting.objects.filter(pk__in={r["setting_id"] for r in rows} - {None}).values_list("pk", "name")
    )
    teams = dict(Team.objects.filter(pk__in={r["team_id"] for r in rows} - {None}).values_list("pk", "name"))
    localities = dict(
        Locality.objects.filter(pk__in={r["child__locality_id"] for r in rows} - {None}).values_list(
            "pk", "name"
        )
    )
    return _added_up(
        {
            **row,
            "commitment__section": row["section"],
            "provider": settings.get(row["setting_id"]) or teams.get(row["team_id"]) or "No provider named",
            "locality": localities.get(row["child__locality_id"]) or "No locality",
        }
        for row in rows
    )


def waiting_longest(user, *, limit: int = 20):
    """Current commitments whose latest half-terms were not delivered at all, longest first, with
    `waiting_since` (the first half-term of the run) and `latest_reason`: both kept on the
    commitment when its records are saved, so this is one indexed sort (ADR 72)."""
    return (
        Commitment.objects.within_scope(user, Capability.SEE_DELIVERY_FIGURES)
        .current()
        .filter(waiting_since__isnull=False)
        .select_related("child__locality", "setting", "team")
        .order_by("waiting_since", "pk")[:limit]
    )


@dataclass(frozen=True, slots=True)
class ItemSummary:
    commitment: Commitment
    expected: int
    delivered: int
    half_terms: int
    reasons: tuple[str, ...]
    family_reports: int
    follow_ups: tuple[str, ...]

    @property
    def share(self) -> Fraction | None:
        return rules.share(self.delivered, self.expected)


def summary_since(plan_id, since: date | None) -> list[ItemSummary]:
    """Each provision item's delivery since `since` (the last review, or ever): sessions expected and
    delivered, the reasons given, the family's reports and what the coordinator did. Four queries."""
    start = since or LONG_AGO
    commitments = list(Commitment.objects.filter(plan_id=plan_id).select_related("setting", "team"))
    totals = {
        row["commitment"]: row
        for row in DeliveryRecord.objects.filter(commitment__plan_id=plan_id, half_term_ends_on__gte=start)
        .order_by()
        .values("commitment")
        .annotate(e=Sum("expected"), d=Sum("delivered"), n=Count("id"))
    }
    reasons: dict[object, list[str]] = {}
    for commitment_id, reason in (
        DeliveryRecord.objects.filter(commitment__plan_id=plan_id, half_term_ends_on__gte=start)
        .exclude(reason="")
        .order_by("half_term_starts_on")
        .values_list("commitment", "reason")
    ):
        label = rules.REASON_LABELS[rules.Reason(reason)]
        if label not in reasons.setdefault(commitment_id, []):
            reasons[commitment_id].append(label)
    reports = dict(
        FamilyReport.objects.filter(commitment__plan_id=plan_id, reported_on__gte=start)
        .order_by()
        .values("commitment")
        .annotate(n=Count("id"))
        .values_list("commitment", "n")
    )
    actions: dict[object, list[str]] = {}
    for done in FollowUp.objects.filter(commitment__plan_id=plan_id, on__gte=start).order_by("on"):
        actions.setdefault(done.commitment_id, []).append(done.get_action_display())
    return [
        ItemSummary(
            commitment=c,
            expected=totals.get(c.pk, {}).get("e") or 0,
            delivered=totals.get(c.pk, {}).get("d") or 0,
            half_terms=totals.get(c.pk, {}).get("n") or 0,
            reasons=tuple(reasons.get(c.pk, ())),
            family_reports=reports.get(c.pk, 0),
            follow_ups=tuple(actions.get(c.pk, ())),
        )
        for c in commitments
        if c.ended_on is None or c.ended_on >= start
    ]
