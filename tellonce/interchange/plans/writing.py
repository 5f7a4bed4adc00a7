"""Writing checked plans and reviews: a Plan with one issued final version (source "imported",
the twelve sections empty), its reviews, any move in, the access log and the timeline."""

from dataclasses import dataclass, field
from datetime import date

from tellonce.accounts.actors import Actor
from tellonce.audit.models import AccessEvent
from tellonce.audit.services import change_event
from tellonce.core.db import insert_new
from tellonce.domain import reviews as rules
from tellonce.domain.plan_content import Section
from tellonce.organisations.models import Setting
from tellonce.people.models import Child, TimelineEvent
from tellonce.plans.models import Kind, Placement, Plan, PlanSection, PlanVersion, Status
from tellonce.reviews import stored
from tellonce.reviews.models import AnnualReview, Direction, PlanMove

DECISION_EVENTS = {
    rules.Decision.MAINTAIN: "The council decided to keep the EHC plan as it is (imported)",
    rules.Decision.AMEND: "The council decided to amend the EHC plan (imported)",
    rules.Decision.CEASE: "The council decided to stop maintaining the EHC plan (imported)",
}
BATCH = 500  # rows a statement; SQLite allows only so many parameters in one
PLANS_AT_A_TIME = 1000


@dataclass
class _Rows:
    plans: list = field(default_factory=list)
    versions: list = field(default_factory=list)
    sections: list = field(default_factory=list)
    reviews: list = field(default_factory=list)
    moves: list = field(default_factory=list)
    placements: list = field(default_factory=list)
    events: list = field(default_factory=list)
    audit: list = field(default_factory=list)

    def event(self, child_id, on: date | None, kind: str, title: str, by: Actor) -> None:
        if on is not None:
            self.events.append(
                TimelineEvent(child_id=child_id, occurred_on=on, kind=kind, title=title, actor=by.user)
            )


def write_plans(
    plans: list[dict], *, by: Actor, child_pk: dict, assessment_pk: dict, today: date, progress=None
) -> tuple[int, int]:
    """Write checked plans and their reviews (inside the import's transaction), a thousand plans at
    a time, telling `progress` how far it has got; the number of plans and of reviews written."""
    coordinators = dict(Child.objects.exclude(coordinator=None).values_list("pk", "coordinator_id"))
    settings = _Settings() if any(row["placements"] for row in plans) else None
    written = reviews = 0
    for first in range(0, len(plans), PLANS_AT_A_TIME):
        rows = _Rows()
        for row in plans[first : first + PLANS_AT_A_TIME]:
            child_id = child_pk[row["child_ref"]]
            plan = Plan(
                ref=row["ref"],
                child_id=child_id,
                assessment_id=row["assessment_pk"] or assessment_pk.get(row["assessment_ref"]),
                coordinator_id=coordinators.get(child_id),
                ceased_on=row["ceased"],
                cease_reason=row["cease_reason"],
                residential=row["residential"],
                work_based=row["work_based"],
                personal_budget=row["personal_budget"],
                organised_arrangements=row["organised_arrangements"],
                direct_payments=row["direct_payments"],
            )
            _add_plan(rows, plan, row, by, today)
            if settings:
                rows.placements += [
                    Placement(plan=plan, setting_id=settings.of(p), **p) for p in row["placements"]
                ]
        _insert(rows, today)
        written, reviews = written + len(rows.plans), reviews + len(rows.reviews)
        if progress and len(plans) > PLANS_AT_A_TIME:
            progress(f"  {written:,} of {len(plans):,} plans written")
    _record_needs(plans, child_pk)
    return written, reviews


class _Settings:
    """The council's settings by URN and UKPRN, so a placement there is linked to its record."""

    def __init__(self):
        self.by_urn, self.by_ukprn = {}, {}
        for pk, urn, ukprn in Setting.objects.values_list("pk", "urn", "ukprn"):
            if urn:
                self.by_urn[urn] = pk
            if ukprn:
                self.by_ukprn[ukprn] = pk

    def of(self, placement: dict):
        if placement["urn"]:
            return self.by_urn.get(placement["urn"])
        return self.by_ukprn.get(placement["ukprn"]) if placement["ukprn"] else None


def _record_needs(plans: list[dict], child_pk: dict) -> None:
    """Each child's primary and secondary need from the latest plan in the file that gives them,
    one statement for each pair of needs however many children have it."""
    latest: dict = {}
    for row in sorted(plans, key=lambda row: row["issued"]):
        if row["sen_needs"]:
            latest[child_pk[row["child_ref"]]] = (row["sen_needs"] + [""])[:2]
    pairs: dict[tuple, list] = {}
    for child_id, (primary, secondary) in latest.items():
        pairs.setdefault((primary, secondary), []).append(child_id)
    for (primary, secondary), children in pairs.items():
        for start in range(0, len(children), BATCH):
            Child.objects.filter(pk__in=children[start : start + BATCH]).update(
                primary_need=primary, secondary_need=secondary
            )


def _insert(rows: _Rows, today: date) -> None:
    for model, items in (
        (Plan, rows.plans),
        (PlanVersion, rows.versions),
        (PlanSection, rows.sections),
        (AnnualReview, rows.reviews),
        (PlanMove, rows.moves),
        (Placement, rows.placements),
        (TimelineEvent, rows.events),
        (AccessEvent, rows.audit),
    ):
        insert_new(model, items)
    # Written without signals: work out what each new plan keeps for the list pages (ADR 0076).
    stored.refresh(Plan.objects.filter(pk__in=[p.pk for p in rows.plans]), today=today)
    in_force = sorted({p.child_id for p in rows.plans if p.ceased_on is None or p.ceased_on >= today})
    for start in range(0, len(in_force), BATCH):
        Child.objects.filter(pk__in=in_force[start : start + BATCH]).exclude(sen_status="EHC_PLAN").update(
            sen_status="EHC_PLAN"
        )


def _add_plan(rows: _Rows, plan: Plan, row: dict, by: Actor, today: date) -> None:
    rows.plans.append(plan)
    version = PlanVersion(
        plan=plan,
        number=1,
        kind=Kind.FINAL,
        status=Status.ISSUED,
        issued_on=row["issued"],
        created_by=by.user,
        source="imported",
    )
    rows.versions.append(version)
    rows.sections += [PlanSection(plan_version=version, code=s.value, data={}) for s in Section]
    rows.event(plan.child_id, row["issued"], "plan", "EHC plan issued (imported)", by)
    if row["transferred_in"]:
        rows.moves.append(
            PlanMove(
                plan=plan,
                direction=Direction.IN,
                other_council=row["transferred_from"],
                other_code=row["transferred_from_code"],
                moves_on=row["transferred_in"],
                known_on=row["transferred_in"],
                transferred_on=row["transferred_in"],
                by=by.user,
            )
        )
        source = f" from {row['transferred_from']}" if row["transferred_from"] else ""
        rows.event(
            plan.child_id, row["transferred_in"], "plan", f"EHC plan transferred{source} (imported)", by
        )
    for review in row["reviews"]:
        _add_review(rows, plan, review, by)
    if row["ceased"] and row["ceased"] <= today:  # a plan ceasing on a later day has not ceased yet
        rows.event(plan.child_id, row["ceased"], "plan", "EHC plan ceased (imported)", by)
    count = len(row["reviews"])
    rows.audit.append(
        change_event(
            by, plan.child_id, f"Imported EHC plan {plan.ref}" + (f" and {count} review(s)" if count else "")
        )
    )


def _add_review(rows: _Rows, plan: Plan, review: dict, by: Actor) -> None:
    facts: rules.ReviewFacts = review["facts"]
    item = AnnualReview(
        plan=plan,
        kind=review["kind"],
        meeting_on=facts.meeting,
        held_on=facts.meeting,
        decision=facts.decision.value if facts.decision else "",
        decision_notified_on=facts.decision_notified,
        imported_amendment_notice_on=facts.amendment_notice,
        imported_amended_final_on=facts.amended_final_issued,
        external_ref=review["ref"],
    )
    rows.reviews.append(item)
    child_id = plan.child_id
    rows.event(child_id, facts.meeting, "review", f"{item.get_kind_display()} meeting held (imported)", by)
    if facts.decision:
        rows.event(child_id, facts.decision_notified, "review", DECISION_EVENTS[facts.decision], by)
    rows.event(child_id, facts.amendment_notice, "review", "Proposed amendments sent (imported)", by)
    rows.event(child_id, facts.amended_final_issued, "plan", "Amended EHC plan issued (imported)", by)
