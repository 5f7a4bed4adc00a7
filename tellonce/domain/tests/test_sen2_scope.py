"""Which records are in the return and what each item says: worked cases from the DfE guide's
definitions (2025 guide v1.4, modules 2 to 5), in the 2026 collection."""

from datetime import date

from tellonce.domain import reviews as review_rules
from tellonce.domain import timescales as t
from tellonce.domain.assessment import CaseFacts, Decision
from tellonce.domain.sen2 import records as r
from tellonce.domain.sen2.scope import (
    Disputes,
    PlanFacts,
    RequestFacts,
    ReviewFacts,
    needs_of,
    request_in_scope,
    request_record,
    requests_in_return,
)
from tellonce.domain.tests.sen2_cases import C2026, issued_in_year, long_standing_plan, refused_in_year

D = date
NEEDS = needs_of("ASD", "SLCN")


def record(facts: RequestFacts) -> r.Request:
    return request_record(facts, NEEDS, C2026)


def test_a_request_received_in_the_year_and_refused_is_N_with_its_date_and_no_assessment():
    req = record(refused_in_year())
    assert (req.outcome, req.received_date, req.outcome_date) == ("N", D(2025, 3, 3), D(2025, 4, 10))
    assert (req.source_code, req.mediation, req.tribunal) == ("1", False, False)
    assert req.assessment is None and req.active_plans is None


def test_a_request_assessed_and_issued_within_the_year_is_Y_then_Y_with_the_plan():
    req = record(issued_in_year())
    assert (req.outcome, req.outcome_date) == ("Y", D(2025, 3, 10))
    assessment = req.assessment
    assert (assessment.outcome, assessment.outcome_date, assessment.week20) == ("Y", D(2025, 6, 16), False)
    assert assessment.plan.start_date == D(2025, 7, 14)
    assert assessment.plan.details == (r.Placement(rank="1", urn="123456"),)
    assert req.active_plans.needs == (r.SenNeed("ASD", 1), r.SenNeed("SLCN", 2))


def test_a_request_from_the_year_before_decided_in_the_year_keeps_its_received_date():
    facts = RequestFacts(
        CaseFacts(start=D(2024, 12, 2), decision=Decision.ASSESS, decision_notified=D(2025, 1, 20)),
        source_code="3",
    )
    req = record(facts)
    assert (req.outcome, req.received_date, req.outcome_date) == ("Y", D(2024, 12, 2), D(2025, 1, 20))
    assert (req.assessment.outcome, req.assessment.outcome_date) == ("A", None)


def test_a_plan_issued_years_ago_and_still_in_force_is_historical_twice():
    req = record(long_standing_plan())
    assert (req.outcome, req.received_date, req.outcome_date) == ("H", D(2019, 1, 7), None)
    assert (req.assessment.outcome, req.assessment.outcome_date, req.assessment.week20) == ("H", None, None)
    assert req.assessment.plan.start_date == D(2019, 5, 20) and req.assessment.plan.cease_date is None
    assert req.active_plans is not None


def test_a_plan_ceased_in_the_year_gives_its_cease_date_and_reason():
    facts = long_standing_plan()
    facts = RequestFacts(
        facts.case, plan=PlanFacts(started=D(2019, 5, 20), ceased=D(2025, 7, 31), cease_reason="3")
    )
    plan = record(facts).assessment.plan
    assert (plan.cease_date, plan.cease_reason) == (D(2025, 7, 31), "3")
    assert request_in_scope(facts, C2026)


def test_a_plan_ceased_before_the_year_is_not_in_the_return():
    facts = RequestFacts(
        long_standing_plan().case, plan=PlanFacts(started=D(2019, 5, 20), ceased=D(2024, 7, 31))
    )
    assert not request_in_scope(facts, C2026)


def test_a_plan_transferred_in_in_the_year_is_historical_with_the_old_council():
    plan = PlanFacts(started=D(2023, 9, 1), transferred_in_from="886", transferred_in_on=D(2025, 4, 1))
    req = record(RequestFacts(None, plan=plan))
    assert (req.outcome, req.assessment.outcome, req.received_date, req.youth_accommodation) == (
        "H",
        "H",
        None,
        None,
    )
    assert req.active_plans.transfer_la == "886"


def test_a_plan_transferred_in_before_the_year_gives_no_transfer_council():
    plan = PlanFacts(started=D(2020, 9, 1), transferred_in_from="886", transferred_in_on=D(2021, 4, 1))
    assert record(RequestFacts(None, plan=plan)).active_plans.transfer_la == ""


def test_a_request_withdrawn_in_the_year_is_W_with_nothing_more():
    facts = RequestFacts(CaseFacts(start=D(2025, 5, 1), withdrawn=D(2025, 5, 20)), source_code="1")
    req = record(facts)
    assert (req.outcome, req.outcome_date, req.assessment, req.mediation) == ("W", None, None, None)


def test_a_request_not_yet_decided_on_census_day_is_A_even_if_decided_later():
    facts = RequestFacts(
        CaseFacts(start=D(2025, 12, 8), decision=Decision.ASSESS, decision_notified=D(2026, 1, 19)),
        source_code="2",
    )
    req = record(facts)
    assert (req.outcome, req.outcome_date, req.assessment) == ("A", None, None)
    assert request_in_scope(facts, C2026)


def test_an_assessment_still_going_on_census_day_is_A():
    facts = RequestFacts(
        CaseFacts(start=D(2025, 9, 1), decision=Decision.ASSESS, decision_notified=D(2025, 10, 6)),
        source_code="1",
    )
    assert record(facts).assessment.outcome == "A"


def test_an_assessment_ending_in_a_decision_not_to_issue_is_N_with_the_notice_date():
    case = CaseFacts(
        start=D(2025, 1, 6),
        decision=Decision.ASSESS,
        decision_notified=D(2025, 2, 10),
        not_to_issue_notified=D(2025, 4, 28),
    )
    req = record(RequestFacts(case, source_code="1", disputes=Disputes(assessment_mediation=True)))
    assert (req.assessment.outcome, req.assessment.outcome_date, req.assessment.plan) == (
        "N",
        D(2025, 4, 28),
        None,
    )
    assert (req.assessment.mediation, req.assessment.tribunal) == (True, False)


def test_an_assessment_withdrawn_after_the_decision_to_assess_is_W():
    case = CaseFacts(
        start=D(2025, 1, 6),
        decision=Decision.ASSESS,
        decision_notified=D(2025, 2, 10),
        withdrawn=D(2025, 3, 1),
    )
    assert record(RequestFacts(case, source_code="1")).assessment.outcome == "W"


def test_a_request_refused_before_the_year_and_finished_is_not_in_the_return():
    case = CaseFacts(start=D(2024, 3, 1), decision=Decision.REFUSE, decision_notified=D(2024, 4, 1))
    assert not request_in_scope(RequestFacts(case), C2026)
    assert requests_in_return((RequestFacts(case), refused_in_year()), NEEDS, C2026) == (
        record(refused_in_year()),
    )


def test_a_request_received_after_census_day_is_not_in_the_return():
    assert not request_in_scope(RequestFacts(CaseFacts(start=D(2026, 1, 16))), C2026)


def test_an_open_request_from_an_earlier_year_is_in_the_return_as_still_to_decide():
    facts = RequestFacts(CaseFacts(start=D(2024, 11, 4)), source_code="5")
    assert request_in_scope(facts, C2026) and record(facts).outcome == "A"


def test_week20_is_set_when_a_lawful_exception_applies_to_the_final_plan():
    facts = issued_in_year()
    case = facts.case
    excepted = CaseFacts(
        start=case.start,
        decision=case.decision,
        decision_notified=case.decision_notified,
        final_issued=D(2025, 8, 1),
        exceptions=(t.ClaimedException(t.ExceptionReason.ABSENT_4WK, D(2025, 4, 1), D(2025, 5, 15)),),
    )
    req = record(RequestFacts(excepted, source_code="1", plan=facts.plan))
    assert req.assessment.week20 is True


def test_the_latest_review_before_census_day_gives_the_review_items():
    reviews = (
        ReviewFacts(D(2024, 5, 1), review_rules.Decision.MAINTAIN, D(2024, 5, 20), source="rv-1"),
        ReviewFacts(D(2025, 5, 1), review_rules.Decision.AMEND, D(2025, 5, 22), D(2025, 6, 2), source="rv-2"),
        ReviewFacts(D(2026, 2, 1), source="rv-3"),
    )
    facts = long_standing_plan()
    plan = PlanFacts(started=D(2019, 5, 20), reviews=reviews, source="plan-old")
    active = record(RequestFacts(facts.case, plan=plan)).active_plans
    assert (active.review_meeting, active.last_review, active.review_outcome) == (
        D(2025, 5, 1),
        D(2025, 5, 22),
        "A",
    )
    assert (active.review_draft, active.review_source) == (D(2025, 6, 2), "rv-2")


def test_a_review_decided_after_census_day_reports_its_meeting_only():
    plan = PlanFacts(
        started=D(2019, 5, 20),
        reviews=(ReviewFacts(D(2026, 1, 5), review_rules.Decision.CEASE, D(2026, 1, 30)),),
    )
    active = record(RequestFacts(long_standing_plan().case, plan=plan)).active_plans
    assert (active.review_meeting, active.last_review, active.review_outcome) == (D(2026, 1, 5), None, "")


def test_placements_attended_during_the_year_are_reported_and_earlier_ones_are_not():
    left_before = r.Placement(rank="1", urn="100001", entry_date=D(2020, 9, 1), leaving_date=D(2024, 7, 20))
    left_during = r.Placement(rank="1", urn="100002", entry_date=D(2024, 9, 1), leaving_date=D(2025, 7, 20))
    current = r.Placement(rank="1", urn="100003", entry_date=D(2025, 9, 1))
    future = r.Placement(rank="1", urn="100004", entry_date=D(2026, 4, 1))
    plan = PlanFacts(started=D(2019, 5, 20), attended=(left_before, left_during, current, future))
    active = record(RequestFacts(long_standing_plan().case, plan=plan)).active_plans
    assert active.placements == (left_during, current)


def test_mediation_and_appeals_are_reported_at_the_stage_they_concern():
    facts = issued_in_year()
    disputes = Disputes(other_mediation=True, other_tribunal=True)
    req = record(RequestFacts(facts.case, source_code="2", plan=facts.plan, disputes=disputes))
    assert (req.mediation, req.tribunal) == (False, False)
    assert (req.assessment.mediation, req.assessment.other_mediation, req.assessment.other_tribunal) == (
        False,
        True,
        True,
    )


def test_a_child_moving_away_before_the_assessment_finished_gives_the_new_council():
    case = CaseFacts(
        start=D(2025, 3, 3),
        decision=Decision.ASSESS,
        decision_notified=D(2025, 4, 1),
        withdrawn=D(2025, 5, 1),
    )
    req = record(RequestFacts(case, source_code="1", exported_to="314"))
    assert (req.outcome, req.exported, req.assessment) == ("Y", "314", None)


def test_needs_are_ranked_primary_then_secondary_and_a_missing_one_is_left_out():
    assert needs_of("SEMH", "") == (r.SenNeed("SEMH", 1),)
    assert needs_of("", "") == ()


def test_a_request_decided_before_the_year_with_its_plan_issued_in_it_keeps_its_received_date():
    case = CaseFacts(
        start=D(2024, 10, 7),
        decision=Decision.ASSESS,
        decision_notified=D(2024, 11, 18),
        final_issued=D(2025, 2, 24),
    )
    req = record(RequestFacts(case, source_code="1", plan=PlanFacts(started=D(2025, 2, 24))))
    assert (req.outcome, req.received_date, req.assessment.outcome, req.assessment.outcome_date) == (
        "H",
        D(2024, 10, 7),
        "Y",
        D(2025, 2, 24),
    )


def test_section_j_gives_the_budget_items_when_the_plan_leaves_them_blank():
    from tellonce.domain.plan_content import BudgetForm, BudgetOutcome, PersonalBudget
    from tellonce.domain.sen2.scope import budget_items

    agreed = PersonalBudget(outcome=BudgetOutcome.AGREED, forms=(BudgetForm.DIRECT_PAYMENT,), covers="s")
    assert budget_items(agreed) == (True, False, "S")
    assert budget_items(PersonalBudget(outcome=BudgetOutcome.AGREED, forms=(BudgetForm.ARRANGEMENT,))) == (
        True,
        True,
        "",
    )
    assert budget_items(PersonalBudget(outcome=BudgetOutcome.NOT_WANTED)) == (False, None, "")
    assert budget_items(PersonalBudget()) == (None, None, "")


def test_a_phase_transfer_review_in_year_6_gives_the_15_february_due_date_and_the_final_plan():
    review = ReviewFacts(
        D(2024, 11, 12),
        review_rules.Decision.AMEND,
        D(2024, 12, 3),
        D(2024, 12, 3),
        phase_transfer_year=6,
        amended_final=D(2025, 2, 10),
    )
    plan = PlanFacts(started=D(2019, 5, 20), reviews=(review,))
    active = record(RequestFacts(long_standing_plan().case, plan=plan)).active_plans
    assert (active.phase_transfer_due, active.phase_transfer_final) == (D(2025, 2, 15), D(2025, 2, 10))


def test_a_year_11_phase_transfer_is_due_by_31_march_and_one_from_before_the_year_is_not_reported():
    year_11 = ReviewFacts(D(2025, 11, 20), phase_transfer_year=11)
    active = record(
        RequestFacts(long_standing_plan().case, plan=PlanFacts(started=D(2019, 5, 20), reviews=(year_11,)))
    )
    assert (active.active_plans.phase_transfer_due, active.active_plans.phase_transfer_final) == (
        D(2026, 3, 31),
        None,
    )
    old = ReviewFacts(D(2023, 11, 20), phase_transfer_year=6, amended_final=D(2024, 2, 1))
    active = record(
        RequestFacts(long_standing_plan().case, plan=PlanFacts(started=D(2019, 5, 20), reviews=(old,)))
    )
    assert active.active_plans.phase_transfer_due is None
