"""Checking the plans and reviews in an import-cases file: each problem with its position, and the
review rules from domain.reviews."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef

from tellonce.assessments.models import AssessmentRequest
from tellonce.core.interchange import FileChecker, position
from tellonce.domain import reviews as rules
from tellonce.interchange.plans.details import parse_details
from tellonce.plans.models import Plan
from tellonce.reviews.models import ReviewKind

DECISIONS = {d.value: d for d in rules.Decision} | {
    code.lower(): d for d, code in rules.SEN2_REVIEW_OUTCOME.items()
}


@dataclass
class _References:
    """What the plans may refer to (children and assessments in the file or already in Tellonce),
    and what the plans checked so far have claimed."""

    children: dict[str, dict]
    known_children: dict[str, dict]
    assessments: dict[str, tuple[str, date]]
    assessment_refs_in_file: set[str]
    known_assessments: dict[str, dict] = field(default_factory=dict)
    plans_in_force: dict[object, str] = field(default_factory=dict)
    plan_refs: set[str] = field(default_factory=set)
    seen: dict[str, str] = field(default_factory=dict)
    linked: dict[str, str] = field(default_factory=dict)
    in_force: dict[tuple, str] = field(default_factory=dict)

    def child_key(self, child_ref: str) -> tuple | None:
        """The same child, whether named by a reference in the file or already in Tellonce."""
        if child_ref in self.children:
            return ("file", child_ref)
        if child_ref in self.known_children:
            return ("tellonce", self.known_children[child_ref]["pk"])
        return None

    def born(self, child_ref: str) -> date | None:
        return (self.children.get(child_ref) or self.known_children.get(child_ref) or {}).get("date_of_birth")


def _load_tellonce(refs: _References, rows: list, today: date) -> None:
    """What Tellonce already holds, read whole rather than by long lists of references (which
    SQLite limits), and only when the file refers to it."""
    rows = [row for row in rows if isinstance(row, dict)]
    if not rows:
        return
    refs.plan_refs = set(Plan.objects.values_list("ref", flat=True))
    if any(row.get("assessment_ref") for row in rows):
        refs.known_assessments = {
            ref: {"pk": pk, "child": ("tellonce", child_id), "received": received, "has_plan": has_plan}
            for ref, pk, child_id, received, has_plan in AssessmentRequest.objects.annotate(
                has_plan=Exists(Plan.objects.filter(assessment=OuterRef("pk")))
            ).values_list("ref", "pk", "child_id", "received_on", "has_plan")
        }
    if any(str(row.get("child_ref")) in refs.known_children for row in rows):
        refs.plans_in_force = dict(Plan.objects.not_ceased_by(today).values_list("child_id", "ref"))


def parse_plans(
    data,
    check: FileChecker,
    *,
    children: dict[str, dict],
    known_children: dict[str, dict],
    assessments: dict[str, tuple[str, date]],
) -> list[dict]:
    """Check the file's "plans"; `assessments` maps each valid assessment in the file to its child's
    reference and the day its request was received. Returns the plans that are valid."""
    rows = check.rows(data, "plans")
    raw_assessments = data.get("assessments") if isinstance(data.get("assessments"), list) else []
    refs = _References(
        children,
        known_children,
        assessments,
        {str(row.get("ref")) for row in raw_assessments if isinstance(row, dict)},
    )
    _load_tellonce(refs, rows, check.today)
    plans = []
    for i, row in enumerate(rows):
        where = position("plans", i, row)
        if not isinstance(row, dict):
            check.error(where, "must be an object")
        elif plan := _parse_plan(row, where, check, refs):
            plans.append(plan)
    return plans


def _parse_plan(row: dict, where: str, check: FileChecker, refs: _References) -> dict | None:
    errors_before = len(check.errors)
    plan = {
        "ref": check.text(row, where, "ref", max_length=40),
        "child_ref": check.text(row, where, "child_ref", max_length=60),
        "assessment_ref": check.text(row, where, "assessment_ref", required=False, max_length=60),
        "issued": check.day(row, where, "issued", required=True),
        "ceased": check.day(row, where, "ceased", allow_future=True),
        "transferred_in": check.day(row, where, "transferred_in"),
        "transferred_from": check.text(row, where, "transferred_from", required=False, max_length=120),
    }
    _check_references(plan, where, check, refs)
    plan["assessment_pk"] = _check_assessment(plan, where, check, refs)
    _check_dates(plan, where, check, refs)
    parse_details(row, where, check, plan)
    plan["reviews"] = _parse_reviews(row, where, plan, check)
    return plan if len(check.errors) == errors_before else None


def _check_references(plan: dict, where: str, check: FileChecker, refs: _References) -> None:
    """The plan's own reference is new; its child exists and has no other plan in force."""
    ref, child_ref = plan["ref"], plan["child_ref"]
    if ref in refs.seen:
        check.error(where, f"the reference {ref!r} is used by more than one plan (first at {refs.seen[ref]})")
    elif ref in refs.plan_refs:
        check.error(where, f"a plan with the reference {ref!r} is already in Tellonce")
    elif ref:
        refs.seen[ref] = where
    key = refs.child_key(child_ref)
    if child_ref and key is None:
        check.error(where, f"child_ref {child_ref!r} is not a child in this file or in Tellonce")
    if key is None or plan["ceased"] is not None and plan["ceased"] < check.today:
        return
    if key in refs.in_force:
        check.error(
            where,
            f"the child {child_ref!r} has another plan in force in this file ({refs.in_force[key]}): "
            "give the earlier plan the date it ceased",
        )
    elif key[0] == "tellonce" and key[1] in refs.plans_in_force:
        check.error(
            where,
            f"the child {child_ref!r} already has a plan in force in Tellonce ({refs.plans_in_force[key[1]]}): "
            "give this plan the date it ceased",
        )
    refs.in_force.setdefault(key, where)


def _check_assessment(plan: dict, where: str, check: FileChecker, refs: _References):
    """The assessment the plan came from: the same child, requested before the plan was made, and
    no other plan from it. Returns its primary key when it is already in Tellonce."""
    ref, issued = plan["assessment_ref"], plan["issued"]
    if not ref:
        return None
    pk = None
    if ref in refs.assessments:
        assessed_ref, received = refs.assessments[ref]
        assessed = refs.child_key(assessed_ref)
    elif ref in refs.assessment_refs_in_file:
        return None  # the assessment's own problems are reported with it
    elif ref in refs.known_assessments:
        known = refs.known_assessments[ref]
        assessed, received, pk = known["child"], known["received"], known["pk"]
        if known["has_plan"]:
            check.error(where, f"the assessment {ref!r} already has a plan in Tellonce")
    else:
        check.error(where, f"assessment_ref {ref!r} is not an assessment in this file or in Tellonce")
        return None
    if ref in refs.linked:
        check.error(
            where, f"assessment_ref {ref!r} is used by more than one plan (first at {refs.linked[ref]})"
        )
    refs.linked.setdefault(ref, where)
    child = refs.child_key(plan["child_ref"])
    if child is not None and assessed != child:
        check.error(where, f"assessment_ref {ref!r} is an assessment of another child")
    if issued and received and issued < received:
        check.error(
            where, f"issued ({issued}) is before the request for assessment {ref} was received ({received})"
        )
    return pk


def _check_dates(plan: dict, where: str, check: FileChecker, refs: _References) -> None:
    issued, ceased, moved = plan["issued"], plan["ceased"], plan["transferred_in"]
    born = refs.born(plan["child_ref"])
    if issued and born and issued < born:
        check.error(where, f"issued ({issued}) is before the child was born ({born})")
    if issued and ceased and ceased < issued:
        check.error(where, f"ceased ({ceased}) is before the plan was issued ({issued})")
    if issued and moved and moved < issued:
        check.error(where, f"transferred_in ({moved}) is before the plan was issued ({issued})")
    if plan["transferred_from"] and not moved:
        check.error(where, "transferred_from is given without the date transferred_in")


def _parse_reviews(row: dict, where: str, plan: dict, check: FileChecker) -> list[dict]:
    items = row.get("reviews") or []
    if not isinstance(items, list):
        check.error(where, "reviews must be a list")
        return []
    index = where.split(" ")[0]
    reviews, seen = [], set()
    for k, item in enumerate(items):
        at = f"{index}.reviews[{k}]" + (f" (ref {plan['ref']})" if plan["ref"] else "")
        if not isinstance(item, dict):
            check.error(at, "must be an object")
            continue
        review = _parse_review(item, at, check, issued=plan["issued"], ceased=plan["ceased"])
        if review and review["ref"]:
            if review["ref"] in seen:
                check.error(at, f"the review reference {review['ref']!r} is used more than once in this plan")
            seen.add(review["ref"])
        if review:
            reviews.append(review)
    return reviews


def _parse_review(item: dict, at: str, check: FileChecker, *, issued, ceased) -> dict | None:
    errors_before = len(check.errors)
    ref = check.text(item, at, "ref", required=False, max_length=60)
    kind = str(item.get("kind") or ReviewKind.ANNUAL).strip().lower()
    if kind not in ReviewKind.values:
        check.error(at, f'kind {kind!r} must be "annual", "phase_transfer" or "early"')
    decision = item.get("decision")
    if decision in (None, ""):
        decision = None
    elif str(decision).strip().lower() in DECISIONS:
        decision = DECISIONS[str(decision).strip().lower()]
    else:
        check.error(at, f"decision {decision!r} must be maintain, amend or cease (or SEN2's M, A or C)")
        decision = None
    facts = rules.ReviewFacts(
        meeting=check.day(item, at, "meeting", required=True),
        decision=decision,
        decision_notified=check.day(item, at, "decision_notified"),
        amendment_notice=check.day(item, at, "amendment_notice"),
        amended_final_issued=check.day(item, at, "amended_final_issued"),
    )
    if len(check.errors) > errors_before:
        return None
    for problem in rules.problems(facts, plan_issued=issued):
        check.error(at, problem)
    if ceased and facts.meeting and facts.meeting > ceased:
        check.error(at, f"the meeting ({facts.meeting}) is after the plan ceased ({ceased})")
    return {"ref": ref, "kind": kind, "facts": facts}
