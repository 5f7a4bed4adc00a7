"""Which requests, assessments and plans are in a SEN2 return, and what each item says, from
plain facts about a child's cases. The same functions serve every collection year.

Source: DfE "SEN2 person level survey 2025: guide for local authorities" v1.4, modules 2 to 5
(send-rules.md section 9). In the return:
* every plan in force on census day, and every plan ceased in the calendar year before it;
* every request or assessment decided, withdrawn or finished in that year or up to census day,
  and every one still open on census day;
* the placements attended at any time from the start of that year to census day.
Nothing dated after census day is reported: a decision made after it is "not yet decided" (A).
RequestOutcome and AssessmentOutcome are H (historical) when decided before the year, and both
are H for a plan transferred in from another council, which made no request here.
"""

from dataclasses import dataclass, field
from datetime import date

from tellonce.domain import assessment as case_rules
from tellonce.domain import reviews as review_rules
from tellonce.domain.phase_transfer import transfer_after, transfer_deadline
from tellonce.domain.plan_content import BudgetForm, BudgetOutcome, PersonalBudget
from tellonce.domain.school_years import academic_year_start
from tellonce.domain.sen2 import records as r
from tellonce.domain.sen2.census import Collection, collection

ASSESSED = frozenset({"Y", "H"})


@dataclass(frozen=True, slots=True)
class Disputes:
    """Mediations held and appeals made about a request's decisions (items 2.6-2.7, 3.3-3.6)."""

    request_mediation: bool = False
    request_tribunal: bool = False
    assessment_mediation: bool = False
    assessment_tribunal: bool = False
    other_mediation: bool = False
    other_tribunal: bool = False


@dataclass(frozen=True, slots=True)
class ReviewFacts:
    meeting: date | None
    decision: review_rules.Decision | None = None
    decision_notified: date | None = None
    draft_amendment: date | None = None
    source: str = ""
    phase_transfer_year: int | None = None  # a phase-transfer review: the child's NC year at the meeting
    amended_final: date | None = None


@dataclass(frozen=True, slots=True)
class PlanFacts:
    started: date | None  # the first final plan's issue date (or the day it came from another council)
    ceased: date | None = None
    cease_reason: str = ""
    transferred_in_from: str = ""  # the old council's code, when it came with the child
    transferred_in_on: date | None = None
    residential: str = ""
    work_based: str = ""
    personal_budget: bool | None = None
    organised_arrangements: bool | None = None
    direct_payments: str = ""
    named: tuple[r.Placement, ...] = ()
    attended: tuple[r.Placement, ...] = ()
    reviews: tuple[ReviewFacts, ...] = ()
    source: str = ""

    def in_force_on(self, day: date) -> bool:
        return self.started is not None and self.started <= day and (self.ceased is None or self.ceased > day)


@dataclass(frozen=True, slots=True)
class RequestFacts:
    """An initial request for assessment and what followed it, or (case None) a plan that came
    from another council or an older system with no request recorded here."""

    case: case_rules.CaseFacts | None
    source_code: str = ""
    youth_accommodation: bool = False
    exported_to: str = ""
    disputes: Disputes = field(default_factory=Disputes)
    plan: PlanFacts | None = None
    source: str = ""


def _known(day: date | None, census: Collection) -> date | None:
    """A date as the return sees it: None when it falls after census day."""
    return day if day is not None and day <= census.reference_date else None


def _decided(day: date | None, census: Collection) -> str | None:
    """H when decided before the year, None when not decided by census day, else "" (in the year)."""
    known = _known(day, census)
    if known is None:
        return None
    return "H" if known < census.flow_start else ""


def request_outcome(facts: RequestFacts, census: Collection) -> tuple[str, date | None]:
    """Item 2.5 and its date (2.4): Y assess, N not, A not yet decided, W withdrawn, H historical."""
    case = facts.case
    if case is None:
        return "H", None
    decided = _decided(case.decision_notified, census) if case.decision else None
    if decided == "H":
        return "H", None
    if decided == "":
        code = "Y" if case.decision is case_rules.Decision.ASSESS else "N"
        return code, case.decision_notified
    if _known(case.withdrawn, census):
        return "W", None
    return "A", None


def assessment_outcome(facts: RequestFacts, census: Collection) -> tuple[str, date | None]:
    """Item 3.1 and its date (3.2): Y issued, N not to issue, A not yet decided, W withdrawn,
    H issued before the year or transferred in."""
    case = facts.case
    if case is None:
        return "H", None
    for done, code in ((case.final_issued, "Y"), (case.not_to_issue_notified, "N")):
        decided = _decided(done, census)
        if decided is not None:
            return (decided or code), (None if decided else done)
    if _known(case.withdrawn, census):
        return "W", None
    return "A", None


def plan_in_scope(plan: PlanFacts, census: Collection) -> bool:
    """In force on census day, or ceased in the year before it."""
    return plan.in_force_on(census.reference_date) or census.in_flow(plan.ceased)


def request_in_scope(facts: RequestFacts, census: Collection) -> bool:
    if facts.plan is not None and plan_in_scope(facts.plan, census):
        return True
    case = facts.case
    if case is None or case.start > census.reference_date:
        return False
    steps = (case.decision_notified, case.final_issued, case.not_to_issue_notified, case.withdrawn)
    finished = case_rules.stage_of(_as_at(case, census)) not in case_rules.OPEN_STAGES
    in_year = any(day is not None and census.flow_start <= day <= census.reference_date for day in steps)
    return in_year or not finished


def _as_at(case: case_rules.CaseFacts, census: Collection) -> case_rules.CaseFacts:
    """The case as it stood on census day: later steps not yet taken."""
    return case_rules.CaseFacts(
        start=case.start,
        decision=case.decision if _known(case.decision_notified, census) else None,
        decision_notified=_known(case.decision_notified, census),
        draft_issued=_known(case.draft_issued, census),
        not_to_issue_notified=_known(case.not_to_issue_notified, census),
        final_issued=_known(case.final_issued, census),
        withdrawn=_known(case.withdrawn, census),
        exceptions=case.exceptions,
    )


def week20(case: case_rules.CaseFacts, census: Collection) -> bool:
    """Item 3.7: a lawful exception applies to the 20-week limit (the assessment clock's own test)."""
    return case_rules.clock(case, census.reference_date).has_exception


def latest_review(plan: PlanFacts, census: Collection) -> ReviewFacts | None:
    held = [review for review in plan.reviews if _known(review.meeting, census)]
    return max(held, key=lambda review: review.meeting or census.flow_start, default=None)


def reported_review_decision(plan: PlanFacts, year: int) -> tuple[date, bool] | None:
    """The DfE's annual review measure for one plan and calendar year (send-rules.md section 10):
    the review the next January's return reports for the plan (its latest meeting by census day,
    items 5.4a-b), counted when its decision was notified in `year`: (that day, whether it was
    within 4 weeks of the meeting). None when the plan is not in that return or no decision counts.
    One review a plan a year, as the DfE counts: a plan reviewed twice counts once."""
    census = collection(year + 1)
    if not plan_in_scope(plan, census):
        return None
    review = latest_review(plan, census)
    notified = _known(review.decision_notified, census) if review else None
    if review is None or review.meeting is None or notified is None or notified.year != year:
        return None
    return notified, notified <= review_rules.decision_due(review.meeting).due


def phase_transfer(plan: PlanFacts, census: Collection) -> tuple[date | None, date | None]:
    """Items 5.6a-b: for the latest phase-transfer review by census day, the date the amended plan
    was due (15 February, or 31 March from Year 11; reg. 18(1)) when that fell in the year or
    after it, and the day the final amended plan was issued, if by census day."""
    held = [
        review
        for review in plan.reviews
        if review.phase_transfer_year is not None and _known(review.meeting, census)
    ]
    latest = max(held, key=lambda review: review.meeting or census.flow_start, default=None)
    if latest is None or latest.meeting is None or latest.phase_transfer_year is None:
        return None, None
    transfer = transfer_after(latest.phase_transfer_year, None)
    if transfer is None:
        return None, None
    due = transfer_deadline(transfer, academic_year_start(latest.meeting)).before
    if due < census.flow_start:
        return None, None
    return due, _known(latest.amended_final, census)


def named_plan(plan: PlanFacts, census: Collection) -> r.NamedPlan:
    ceased = _known(plan.ceased, census)
    return r.NamedPlan(
        start_date=plan.started,
        details=plan.named,
        residential=plan.residential,
        work_based=plan.work_based,
        personal_budget=plan.personal_budget,
        organised_arrangements=plan.organised_arrangements,
        direct_payments=plan.direct_payments,
        cease_date=ceased,
        cease_reason=plan.cease_reason if ceased else "",
        source=plan.source,
    )


def attended_in_period(plan: PlanFacts, census: Collection) -> tuple[r.Placement, ...]:
    """Placements attended at any time from the start of the year to census day."""
    return tuple(
        p
        for p in plan.attended
        if (p.entry_date is None or p.entry_date <= census.reference_date)
        and (p.leaving_date is None or p.leaving_date >= census.flow_start)
    )


def active_plans(plan: PlanFacts, needs: tuple[r.SenNeed, ...], census: Collection) -> r.ActivePlans:
    review = latest_review(plan, census)
    notified = _known(review.decision_notified, census) if review else None
    transferred = plan.transferred_in_from if census.in_flow(plan.transferred_in_on) else ""
    transfer_due, transfer_final = phase_transfer(plan, census)
    return r.ActivePlans(
        transfer_la=transferred,
        placements=attended_in_period(plan, census),
        needs=needs,
        review_meeting=review.meeting if review else None,
        review_outcome=(
            review_rules.SEN2_REVIEW_OUTCOME[review.decision]
            if review and notified and review.decision
            else ""
        ),
        review_draft=_known(review.draft_amendment, census) if review else None,
        phase_transfer_due=transfer_due,
        phase_transfer_final=transfer_final,
        last_review=notified,
        source=plan.source,
        review_source=review.source if review else "",
    )


def request_record(facts: RequestFacts, needs: tuple[r.SenNeed, ...], census: Collection) -> r.Request:
    """The Requests element (module 2) with its Assessment and ActivePlans branches."""
    outcome, outcome_date = request_outcome(facts, census)
    case = facts.case
    flows = outcome in ("Y", "N")
    assessment = None
    refused = case is not None and case.decision is case_rules.Decision.REFUSE
    # A child exported to another council before the assessment finished: nothing more (item 2.8).
    if (outcome == "Y" or (outcome == "H" and not refused)) and not facts.exported_to:
        assessment = _assessment(facts, census)
    plan = facts.plan
    active = None
    if plan is not None and plan_in_scope(plan, census) and assessment and assessment.plan:
        active = active_plans(plan, needs, census)
    return r.Request(
        outcome=outcome,
        # Not required for H, but given when known: the DfE times a plan issued in the year from it.
        received_date=case.start if case is not None else None,
        source_code=facts.source_code,
        youth_accommodation=facts.youth_accommodation if case is not None else None,
        outcome_date=outcome_date,
        mediation=facts.disputes.request_mediation if flows else None,
        tribunal=facts.disputes.request_tribunal if flows else None,
        exported=facts.exported_to,
        assessment=assessment,
        active_plans=active,
        source=facts.source,
    )


def _assessment(facts: RequestFacts, census: Collection) -> r.Assessment:
    outcome, outcome_date = assessment_outcome(facts, census)
    decided = outcome in ("Y", "N")
    has_plan = outcome in ASSESSED and facts.plan is not None and facts.plan.started is not None
    disputes = facts.disputes
    return r.Assessment(
        outcome=outcome,
        outcome_date=outcome_date,
        mediation=disputes.assessment_mediation if decided else None,
        tribunal=disputes.assessment_tribunal if decided else None,
        other_mediation=disputes.other_mediation if has_plan else None,
        other_tribunal=disputes.other_tribunal if has_plan else None,
        week20=week20(facts.case, census) if outcome == "Y" and facts.case else None,
        plan=named_plan(facts.plan, census) if has_plan and facts.plan else None,
    )


def needs_of(primary: str, secondary: str) -> tuple[r.SenNeed, ...]:
    """Item 5.8: the primary need ranked 1 and any secondary need ranked 2."""
    return tuple(r.SenNeed(code, rank) for rank, code in ((1, primary), (2, secondary)) if code)


def requests_in_return(
    cases: tuple[RequestFacts, ...], needs: tuple[r.SenNeed, ...], census: Collection
) -> tuple[r.Request, ...]:
    """The person's Requests elements, oldest request first; empty when nothing is in scope."""
    return tuple(request_record(facts, needs, census) for facts in cases if request_in_scope(facts, census))


def budget_items(budget: PersonalBudget) -> tuple[bool | None, bool | None, str]:
    """Items 4.4a-c from section J when the plan's own fields are blank: a personal budget taken
    up (agreed), organised arrangements (an arrangement, or a third party's), and what direct
    payments cover when section J names one of E, S, H or I."""
    if budget.outcome is None:
        return None, None, ""
    if budget.outcome is not BudgetOutcome.AGREED:
        return False, None, ""
    arranged = bool({BudgetForm.ARRANGEMENT, BudgetForm.THIRD_PARTY} & set(budget.forms))
    covers = budget.covers.strip().upper()
    paid = BudgetForm.DIRECT_PAYMENT in budget.forms and covers in {"E", "S", "H", "I"}
    return True, arranged, covers if paid else ""
