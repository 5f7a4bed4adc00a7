"""Worked cases for the SEN2 tests, in the 2026 collection (census Thursday 15 January 2026,
flows for calendar year 2025)."""

from datetime import date

from tellonce.domain.assessment import CaseFacts, Decision
from tellonce.domain.sen2 import records as r
from tellonce.domain.sen2.census import collection
from tellonce.domain.sen2.scope import PlanFacts, RequestFacts

C2026 = collection(2026)
D = date


def refused_in_year() -> RequestFacts:
    return RequestFacts(
        CaseFacts(start=D(2025, 3, 3), decision=Decision.REFUSE, decision_notified=D(2025, 4, 10)),
        source_code="1",
    )


def issued_in_year() -> RequestFacts:
    plan = PlanFacts(started=D(2025, 7, 14), named=(r.Placement(rank="1", urn="123456"),), source="plan-1")
    case = CaseFacts(
        start=D(2025, 2, 3),
        decision=Decision.ASSESS,
        decision_notified=D(2025, 3, 10),
        draft_issued=D(2025, 6, 2),
        final_issued=D(2025, 6, 16),
    )
    return RequestFacts(case, source_code="2", plan=plan, source="assessment-1")


def long_standing_plan() -> RequestFacts:
    case = CaseFacts(
        start=D(2019, 1, 7),
        decision=Decision.ASSESS,
        decision_notified=D(2019, 2, 1),
        final_issued=D(2019, 5, 20),
    )
    return RequestFacts(case, source_code="1", plan=PlanFacts(started=D(2019, 5, 20), source="plan-old"))
