"""Where an EHC needs assessment stands, what is due next, and whether each step was on time.

Source: SEND Regulations 2014 regs 4-13 and 27; SEND Code of Practice chapter 9 (the flow from
request to final plan); DfE "Education, health and care plans" methodology for the 20-week
measure, published including and excluding exceptions (send-rules.md section 10).
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from tellonce.domain import timescales as t


class Decision(StrEnum):
    ASSESS = "assess"
    REFUSE = "refuse"


class Stage(StrEnum):
    AWAITING_DECISION = "awaiting_decision"
    REFUSED = "refused"
    ASSESSING = "assessing"
    DRAFT_ISSUED = "draft_issued"
    NOT_ISSUED = "not_issued"
    FINAL_ISSUED = "final_issued"
    WITHDRAWN = "withdrawn"


STAGE_LABELS = {
    Stage.AWAITING_DECISION: "Waiting for a decision on whether to assess",
    Stage.REFUSED: "Decided not to assess",
    Stage.ASSESSING: "Needs assessment under way",
    Stage.DRAFT_ISSUED: "Draft plan sent to the family",
    Stage.NOT_ISSUED: "Decided not to issue a plan",
    Stage.FINAL_ISSUED: "Final plan issued",
    Stage.WITHDRAWN: "Request withdrawn",
}
OPEN_STAGES = frozenset({Stage.AWAITING_DECISION, Stage.ASSESSING, Stage.DRAFT_ISSUED})


class OutOfOrder(ValueError):
    """Dates that cannot all be true, such as a final plan before the request."""


@dataclass(frozen=True, slots=True)
class CaseFacts:
    start: date  # the day the council received the request, or became responsible (s24)
    reassessment: bool = False
    decision: Decision | None = None
    decision_notified: date | None = None
    draft_issued: date | None = None
    not_to_issue_notified: date | None = None
    final_issued: date | None = None
    withdrawn: date | None = None
    exceptions: tuple[t.ClaimedException, ...] = field(default_factory=tuple)


def problems(facts: CaseFacts) -> list[str]:
    """Every way the dates or decisions contradict each other (empty when the case is coherent)."""
    found = []
    named = {
        "decision_notified": facts.decision_notified,
        "draft_issued": facts.draft_issued,
        "not_to_issue_notified": facts.not_to_issue_notified,
        "final_issued": facts.final_issued,
        "withdrawn": facts.withdrawn,
    }
    for name, value in named.items():
        if value is not None and value < facts.start:
            found.append(f"{name} ({value}) is before the request was received ({facts.start})")
    if facts.decision is None and facts.decision_notified is not None:
        found.append("decision_notified is given but there is no decision")
    assessed_on = {
        n: on
        for n in ("draft_issued", "not_to_issue_notified", "final_issued")
        if (on := named[n]) is not None
    }
    assessed = list(assessed_on)
    if facts.decision is Decision.REFUSE and assessed:
        found.append(f"the council decided not to assess, so {', '.join(assessed)} cannot be recorded")
    if facts.decision is None and assessed and not facts.reassessment:
        found.append(f"{', '.join(assessed)} is recorded but there is no decision to assess")
    if facts.decision_notified:
        for name, on in assessed_on.items():
            if on < facts.decision_notified:
                found.append(f"{name} ({on}) is before the decision was notified ({facts.decision_notified})")
    if facts.not_to_issue_notified and (facts.final_issued or facts.draft_issued):
        found.append("a case cannot both issue a plan and decide not to issue one")
    if facts.draft_issued and facts.final_issued and facts.final_issued < facts.draft_issued:
        found.append(f"final_issued ({facts.final_issued}) is before draft_issued ({facts.draft_issued})")
    for exception in facts.exceptions:
        if exception.ends is not None and exception.ends < exception.starts:
            found.append(
                f"the {exception.reason} exception ends ({exception.ends}) before it starts ({exception.starts})"
            )
    return found


def stage_of(facts: CaseFacts) -> Stage:
    if facts.final_issued:
        return Stage.FINAL_ISSUED
    if facts.not_to_issue_notified:
        return Stage.NOT_ISSUED
    if facts.withdrawn:
        return Stage.WITHDRAWN
    if facts.decision is Decision.REFUSE:
        return Stage.REFUSED
    if facts.draft_issued:
        return Stage.DRAFT_ISSUED
    if facts.decision is Decision.ASSESS or facts.reassessment:
        return Stage.ASSESSING
    return Stage.AWAITING_DECISION


@dataclass(frozen=True, slots=True)
class CaseClock:
    stage: Stage
    decision: t.Deadline
    not_to_issue: t.Deadline
    final: t.Deadline
    draft_response: t.Deadline | None
    next_deadline: t.Deadline | None
    decision_on_time: bool | None
    final_on_time: bool | None
    has_exception: bool  # SEN2 Week20: a lawful exception applies to the 20-week limit

    @property
    def is_open(self) -> bool:
        return self.stage in OPEN_STAGES


def _stopped_by(facts: CaseFacts, due: date) -> bool:
    """Withdrawn on or before the due date: the step is no longer owed, so it is neither on time nor late."""
    return facts.withdrawn is not None and facts.withdrawn <= due


def clock(facts: CaseFacts, today: date) -> CaseClock:
    """Every deadline of the case, what is due next, and the on-time flags as at `today`."""
    decision = t.decision_due(facts.start)
    final = t.reassessment_due(facts.start) if facts.reassessment else t.final_plan_due(facts.start)
    not_to_issue = t.reassessment_due(facts.start) if facts.reassessment else t.not_to_issue_due(facts.start)
    stage = stage_of(facts)
    decision_on_time = (
        None
        if facts.reassessment
        else t.is_on_time(
            decision.due, facts.decision_notified, today, not_needed=_stopped_by(facts, decision.due)
        )
    )
    final_not_needed = (
        facts.decision is Decision.REFUSE
        or facts.not_to_issue_notified is not None
        or _stopped_by(facts, final.due)
    )
    final_on_time = t.is_on_time(final.due, facts.final_issued, today, not_needed=final_not_needed)
    return CaseClock(
        stage=stage,
        decision=decision,
        not_to_issue=not_to_issue,
        final=final,
        draft_response=t.draft_response_ends(facts.draft_issued) if facts.draft_issued else None,
        next_deadline=_next(stage, facts, decision, not_to_issue, final),
        decision_on_time=decision_on_time,
        final_on_time=final_on_time,
        has_exception=any(e.excuses(final, facts.start) for e in facts.exceptions),
    )


def _next(
    stage: Stage, facts: CaseFacts, decision: t.Deadline, not_to_issue: t.Deadline, final: t.Deadline
) -> t.Deadline | None:
    if stage is Stage.AWAITING_DECISION:
        return decision
    if stage is Stage.ASSESSING:
        return not_to_issue if not facts.reassessment else final
    if stage is Stage.DRAFT_ISSUED:
        return final
    return None


@dataclass(frozen=True, slots=True)
class TwentyWeekMeasure:
    """DfE's headline timeliness for plans issued in a calendar year."""

    year: int
    issued: int
    within_20_weeks: int
    issued_excluding_exceptions: int
    within_20_weeks_excluding_exceptions: int

    @property
    def percent_including_exceptions(self) -> float | None:
        return 100 * self.within_20_weeks / self.issued if self.issued else None

    @property
    def percent_excluding_exceptions(self) -> float | None:
        n = self.issued_excluding_exceptions
        return 100 * self.within_20_weeks_excluding_exceptions / n if n else None


def twenty_week_measure(cases: Iterable[CaseFacts], year: int) -> TwentyWeekMeasure:
    """New plans issued in `year`: within 20 weeks, counted with and without the cases where an
    exception applies (the DfE headline excludes them from both sides of the fraction)."""
    return twenty_week_measure_between(cases, date(year, 1, 1), date(year, 12, 31))


def twenty_week_measure_between(cases: Iterable[CaseFacts], first: date, last: date) -> TwentyWeekMeasure:
    """The same measure for plans issued from `first` to `last` inclusive (a rolling year, say);
    `year` is the last day's year."""
    issued = within = issued_ex = within_ex = 0
    for facts in cases:
        outcome = twenty_week_outcome(facts)
        if outcome is None or not first <= outcome.issued <= last:
            continue
        issued += 1
        within += outcome.on_time
        if not outcome.excepted:
            issued_ex += 1
            within_ex += outcome.on_time
    return TwentyWeekMeasure(last.year, issued, within, issued_ex, within_ex)


@dataclass(frozen=True, slots=True)
class TwentyWeekOutcome:
    """One new plan as the 20-week measure counts it: the day it was issued, whether within 20
    weeks of the request, and whether a lawful exception takes it out of the headline."""

    issued: date
    on_time: bool
    excepted: bool


def twenty_week_outcome(facts: CaseFacts) -> TwentyWeekOutcome | None:
    """How the DfE 20-week measure counts this case, or None when it is not a new plan issued."""
    if facts.reassessment or not facts.final_issued:
        return None
    final = t.final_plan_due(facts.start)
    return TwentyWeekOutcome(
        issued=facts.final_issued,
        on_time=facts.final_issued <= final.due,
        excepted=any(e.excuses(final, facts.start) for e in facts.exceptions),
    )


@dataclass(frozen=True, slots=True)
class DecisionMeasure:
    """Requests decided in a calendar year, and how many within 6 weeks (DfE request_outcome_six_weeks)."""

    year: int
    decided: int
    within_6_weeks: int

    @property
    def percent(self) -> float | None:
        return 100 * self.within_6_weeks / self.decided if self.decided else None


def decision_measure(cases: Iterable[CaseFacts], year: int) -> DecisionMeasure:
    decided = within = 0
    for facts in cases:
        outcome = decision_outcome(facts)
        if outcome is None or outcome[0].year != year:
            continue
        decided += 1
        within += outcome[1]
    return DecisionMeasure(year, decided, within)


def decision_outcome(facts: CaseFacts) -> tuple[date, bool] | None:
    """How the 6-week measure counts this request: the day its decision was notified and whether
    within 6 weeks of the request; None for a reassessment or a request not yet decided."""
    if facts.reassessment or not facts.decision_notified:
        return None
    return facts.decision_notified, facts.decision_notified <= t.decision_due(facts.start).due
