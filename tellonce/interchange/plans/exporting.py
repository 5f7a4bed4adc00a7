"""Plans and reviews in the export-cases output: the import format plus what Tellonce computes as
at a day (domain.reviews), as JSON records and CSV rows."""

from datetime import date

from django.db.models import OuterRef, Prefetch, Subquery

from tellonce.core.interchange import iso
from tellonce.domain import reviews as rules
from tellonce.plans.models import Placement, Plan, PlanVersion, Status
from tellonce.reviews.models import AnnualReview, Direction, PlanMove
from tellonce.reviews.schedule import schedule_rows

# What a review's record and its facts() read, so the export does not load the meeting's notes.
REVIEW_FIELDS = [
    "plan",
    "kind",
    "external_ref",
    "meeting_on",
    "held_on",
    "decision",
    "decision_notified_on",
    "amendment_version",
    "imported_amendment_notice_on",
    "imported_amended_final_on",
]


def plans_to_export():
    """Every plan that has been made (its first version issued), oldest first, with what its
    record needs prefetched: iterate with `.iterator(chunk_size=...)` and the prefetches are read
    a chunk at a time."""
    made = (
        PlanVersion.objects.filter(plan=OuterRef("pk"), status=Status.ISSUED)
        .order_by("number")
        .values("issued_on")[:1]
    )
    return (
        Plan.objects.annotate(made_on=Subquery(made))
        .filter(made_on__isnull=False)
        .select_related("child__setting", "assessment")
        .prefetch_related(
            Prefetch(
                "reviews",
                queryset=AnnualReview.objects.only(*REVIEW_FIELDS).select_related("amendment_version"),
            ),
            Prefetch("moves", queryset=PlanMove.objects.filter(direction=Direction.IN), to_attr="moves_in"),
            Prefetch("placements", queryset=Placement.objects.order_by("-named", "entry_on", "rank", "pk")),
        )
        .order_by("made_on", "ref")
    )


def child_ref(child) -> str:
    return child.external_ref or str(child.pk)


def plan_records(plans: list[Plan], as_of: date) -> list[dict]:
    """`plans` (a chunk) in the import format, each with its next review and any phase-transfer
    deadline as at `as_of`, exactly as the review schedule shows them (one reading for the chunk's
    plans in force); a plan that ceased before `as_of` has neither."""
    ids = [plan.pk for plan in plans]
    schedule = {
        row.plan_id: row.schedule
        for row in schedule_rows(PlanVersion.objects.filter(plan__in=ids), today=as_of)
    }
    return [_plan_record(plan, child_ref(plan.child), schedule.get(plan.pk), as_of) for plan in plans]


def _plan_record(plan: Plan, child_ref: str, schedule: rules.PlanSchedule | None, as_of: date) -> dict:
    reviews = [(review, review.facts()) for review in plan.reviews.all()]
    held = sorted(
        ((r, f) for r, f in reviews if f.meeting and f.meeting <= as_of),
        key=lambda pair: (pair[1].meeting, pair[0].external_ref or str(pair[0].pk)),
    )
    moved_in = max(plan.moves_in, key=lambda m: m.transferred_on or date.min, default=None)
    transferred_in = moved_in.transferred_on if moved_in else None
    return {
        "ref": plan.ref,
        "child_ref": child_ref,
        "assessment_ref": plan.assessment.ref if plan.assessment_id else None,
        "issued": iso(plan.made_on),
        "ceased": iso(plan.ceased_on),
        "transferred_in": iso(transferred_in),
        "transferred_from": (moved_in.other_council or None) if transferred_in else None,
        "transferred_from_code": (moved_in.other_code or None) if transferred_in else None,
        "cease_reason": plan.cease_reason or None,
        "sen_needs": [need for need in (plan.child.primary_need, plan.child.secondary_need) if need],
        "residential": plan.residential or None,
        "work_based": plan.work_based or None,
        "personal_budget": plan.personal_budget,
        "organised_arrangements": plan.organised_arrangements,
        "direct_payments": plan.direct_payments or None,
        "placements": [_placement_record(placement) for placement in plan.placements.all()],
        "reviews": [_review_record(review, facts, as_of) for review, facts in held],
        "next_review_due": iso(schedule.review_due.due) if schedule else None,
        "phase_transfer": schedule.transfer.value if schedule and schedule.transfer else None,
        "phase_transfer_deadline": iso(schedule.transfer_before) if schedule else None,
    }


def _placement_record(placement: Placement) -> dict:
    return {
        "named": placement.named,
        "urn": placement.urn or None,
        "ukprn": placement.ukprn or None,
        "sen_setting": placement.sen_setting or None,
        "sen_setting_other": placement.sen_setting_other or None,
        "rank": int(placement.rank),
        "entry": iso(placement.entry_on),
        "leaving": iso(placement.leaving_on),
        "sen_unit": placement.sen_unit,
        "resourced_provision": placement.resourced_provision,
        "residential": placement.residential or None,
        "work_based": placement.work_based or None,
    }


def _review_record(review: AnnualReview, facts: rules.ReviewFacts, as_of: date) -> dict:
    c = rules.clock(facts, as_of)
    return {
        "ref": review.external_ref or str(review.pk),
        "kind": review.kind,
        "meeting": iso(facts.meeting),
        "decision": facts.decision.value if facts.decision else None,
        "decision_notified": iso(facts.decision_notified),
        "amendment_notice": iso(facts.amendment_notice),
        "amended_final_issued": iso(facts.amended_final_issued),
        "decision_due": iso(c.decision_due.due) if c.decision_due else None,
        "decision_on_time": c.decision_on_time,
        "amended_final_due": iso(c.amended_final_due.due) if c.amended_final_due else None,
        "amended_final_on_time": c.amended_final_on_time,
    }


PLAN_COLUMNS = [
    "ref",
    "child_ref",
    "assessment_ref",
    "issued",
    "ceased",
    "transferred_in",
    "transferred_from",
    "transferred_from_code",
    "cease_reason",
    "sen_needs",
    "residential",
    "work_based",
    "personal_budget",
    "organised_arrangements",
    "direct_payments",
    "placements",
    "reviews",
    "next_review_due",
    "phase_transfer",
    "phase_transfer_deadline",
]
REVIEW_COLUMNS = [
    "plan_ref",
    "child_ref",
    "ref",
    "kind",
    "meeting",
    "decision",
    "decision_notified",
    "amendment_notice",
    "amended_final_issued",
    "decision_due",
    "decision_on_time",
    "amended_final_due",
    "amended_final_on_time",
]


def plan_rows(plans: list[dict]) -> tuple[list[str], list[dict]]:
    """One CSV row a plan, its reviews counted."""
    return PLAN_COLUMNS, [
        {
            **{k: v for k, v in plan.items() if k in PLAN_COLUMNS},
            "sen_needs": " ".join(plan["sen_needs"]),
            "placements": len(plan["placements"]),
            "reviews": len(plan["reviews"]),
        }
        for plan in plans
    ]


def review_rows(plans: list[dict]) -> tuple[list[str], list[dict]]:
    """One CSV row a review, with its plan's and child's references."""
    return REVIEW_COLUMNS, [
        {"plan_ref": plan["ref"], "child_ref": plan["child_ref"], **review}
        for plan in plans
        for review in plan["reviews"]
    ]


PLACEMENT_COLUMNS = [
    "plan_ref",
    "child_ref",
    "named",
    "urn",
    "ukprn",
    "sen_setting",
    "sen_setting_other",
    "rank",
    "entry",
    "leaving",
    "sen_unit",
    "resourced_provision",
    "residential",
    "work_based",
]


def placement_rows(plans: list[dict]) -> tuple[list[str], list[dict]]:
    """One CSV row a placement, named or attended, with its plan's and child's references."""
    return PLACEMENT_COLUMNS, [
        {"plan_ref": plan["ref"], "child_ref": plan["child_ref"], **placement}
        for plan in plans
        for placement in plan["placements"]
    ]
