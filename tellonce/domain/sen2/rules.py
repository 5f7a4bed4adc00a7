"""Business rules for the SEN2 return beyond what the schema checks: each has an id, a
plain-English message and the record it concerns, so a page can list each failing record with a
link to where it is fixed.

Source: the DfE guide's notes on each item (send-rules.md section 9.2: the DfE's own rule list
was not published with the schema, so these ids are Tellonce's) and the census-day scope.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from tellonce.domain import codes
from tellonce.domain.identifiers import la_code_problem, uln_problem
from tellonce.domain.sen2 import records as r


class Concerns(StrEnum):
    """The kind of Tellonce record to open to fix a failing rule."""

    HEADER = "header"
    CHILD = "child"
    ASSESSMENT = "assessment"
    PLAN = "plan"
    PLACEMENT = "placement"
    REVIEW = "review"


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    concerns: Concerns


@dataclass(frozen=True, slots=True)
class Failure:
    rule: Rule
    message: str
    person: int | None  # position of the Person in the return, from 1; None for the header
    source: str  # the id of the Tellonce record to open, "" for the header

    @property
    def rule_id(self) -> str:
        return self.rule.id


RULES = {
    rule.id: rule
    for rule in (
        Rule("SEN2-H01", "The council's LA code is 3 digits", Concerns.HEADER),
        Rule("SEN2-H02", "Designated officers in post are recorded", Concerns.HEADER),
        Rule("SEN2-P01", "A UPN, a ULN or the reason there is neither", Concerns.CHILD),
        Rule("SEN2-P02", "One plan in force per person", Concerns.CHILD),
        Rule("SEN2-P03", "Needs ranked 1 and 2: exactly one rank 1 and no repeats", Concerns.CHILD),
        Rule("SEN2-R01", "A request has its source", Concerns.ASSESSMENT),
        Rule("SEN2-R02", "A request is received before it is decided", Concerns.ASSESSMENT),
        Rule(
            "SEN2-A01",
            "An assessment is decided after the request and dated when decided",
            Concerns.ASSESSMENT,
        ),
        Rule(
            "SEN2-A02",
            "A plan issued in the year says whether a 20-week exception applies",
            Concerns.ASSESSMENT,
        ),
        Rule("SEN2-N01", "A plan starts on or after the decision to assess", Concerns.PLAN),
        Rule("SEN2-N02", "A ceased plan has its reason", Concerns.PLAN),
        Rule("SEN2-N03", "A plan ceases after it starts", Concerns.PLAN),
        Rule(
            "SEN2-L01",
            "Each placement gives exactly one of URN, UKPRN or type of setting",
            Concerns.PLACEMENT,
        ),
        Rule("SEN2-L02", "An 'other' setting is described in words", Concerns.PLACEMENT),
        Rule("SEN2-L03", "Placement ranks are unique", Concerns.PLACEMENT),
        Rule("SEN2-L04", "A placement is entered before it is left", Concerns.PLACEMENT),
        Rule("SEN2-V01", "A review meeting comes before its decision", Concerns.REVIEW),
        Rule("SEN2-C01", "Nothing is dated after census day", Concerns.CHILD),
        Rule("SEN2-C02", "A plan reported as active is in force on census day", Concerns.PLAN),
    )
}
OTHER_IN_WORDS = frozenset({"OTH", "NIEO"})


def _fail(rule_id: str, message: str, person: int | None = None, source: str = "") -> Failure:
    return Failure(RULES[rule_id], message, person, source)


def check_header(header: r.Header) -> list[Failure]:
    found = []
    if la_code_problem(header.lea):
        found.append(_fail("SEN2-H01", f"The council's LA code '{header.lea}' is not 3 digits"))
    for item, value in (("DMO", header.dmo), ("DCO", header.dco), ("DSCO", header.dsco)):
        if value not in codes.OFFICER_IN_POST.codes:
            found.append(
                _fail("SEN2-H02", f"Record whether the designated officer ({item}) is in post: Y, N or R")
            )
    return found


def check_person(person: r.Person, position: int, reference_date: date) -> list[Failure]:
    """Every rule that fails on one Person and the records under it."""
    return list(_person_failures(person, position, reference_date))


def _person_failures(person: r.Person, at: int, census: date) -> Iterator[Failure]:
    child = person.source
    if not (person.upn or person.uln or person.upn_unknown):
        yield _fail("SEN2-P01", "Record the UPN, the ULN or the reason there is neither", at, child)
    elif person.uln and uln_problem(person.uln):
        yield _fail("SEN2-P01", f"The ULN '{person.uln}' is not a valid 10-digit ULN", at, child)
    active = [
        req.assessment.plan
        for req in person.requests
        if req.assessment and req.assessment.plan and req.assessment.plan.cease_date is None
    ]
    if len(active) > 1:
        yield _fail(
            "SEN2-P02",
            f"This person has {len(active)} plans reported in force; a person has one at a time",
            at,
            child,
        )
    for request in person.requests:
        yield from _request_failures(request, at, child, census)


def _request_failures(request: r.Request, at: int, child: str, census: date) -> Iterator[Failure]:
    here = request.source or child
    if request.outcome != "H" and not request.source_code:
        yield _fail("SEN2-R01", "Record who asked for the assessment", at, here)
    if request.received_date and request.outcome_date and request.outcome_date < request.received_date:
        yield _fail(
            "SEN2-R02", "The decision on the request is dated before the request was received", at, here
        )
    for label, day in _dates(request):
        if day > census:
            yield _fail("SEN2-C01", f"The {label} is after census day", at, child)
    assessment = request.assessment
    if assessment is not None:
        yield from _assessment_failures(request, assessment, at, here, census)
    if request.active_plans is not None:
        yield from _active_failures(request.active_plans, at, child)


def _assessment_failures(
    request: r.Request, assessment: r.Assessment, at: int, here: str, census: date
) -> Iterator[Failure]:
    if assessment.outcome in ("Y", "N") and assessment.outcome_date is None:
        yield _fail("SEN2-A01", "Record the date the assessment was decided", at, here)
    after = request.outcome_date or request.received_date
    if assessment.outcome_date and after and assessment.outcome_date < after:
        yield _fail("SEN2-A01", "The assessment is decided before the request was", at, here)
    if assessment.outcome == "Y" and assessment.week20 is None:
        yield _fail("SEN2-A02", "Say whether a 20-week exception applies", at, here)
    plan = assessment.plan
    if plan is not None:
        yield from _plan_failures(request, plan, at, census)


def _plan_failures(request: r.Request, plan: r.NamedPlan, at: int, census: date) -> Iterator[Failure]:
    here = plan.source
    after = request.outcome_date or request.received_date
    if plan.cease_date is None and (plan.start_date is None or plan.start_date > census):
        yield _fail("SEN2-C02", "The plan is reported as active but was not in force on census day", at, here)
    if plan.start_date and after and plan.start_date < after:
        yield _fail("SEN2-N01", "The plan starts before the request was decided", at, here)
    if plan.cease_date and not plan.cease_reason:
        yield _fail("SEN2-N02", "Record why the plan ceased", at, here)
    if plan.cease_date and plan.start_date and plan.cease_date < plan.start_date:
        yield _fail("SEN2-N03", "The plan ceases before it starts", at, here)
    yield from _placement_failures(plan.details, at, here, "named placement")


def _active_failures(active: r.ActivePlans, at: int, child: str) -> Iterator[Failure]:
    yield from _placement_failures(active.placements, at, active.source, "attended placement")
    ranks = [need.rank for need in active.needs]
    types = [need.type for need in active.needs]
    if ranks.count(1) != 1 or len(set(ranks)) != len(ranks) or len(set(types)) != len(types):
        yield _fail(
            "SEN2-P03", "Record one primary need, and any secondary need different from it", at, child
        )
    if active.review_meeting and active.last_review and active.last_review < active.review_meeting:
        yield _fail(
            "SEN2-V01", "The review decision is dated before the review meeting", at, active.review_source
        )


def _placement_failures(
    placements: tuple[r.Placement, ...], at: int, here: str, kind: str
) -> Iterator[Failure]:
    for placement in placements:
        given = [item for item in (placement.urn, placement.ukprn, placement.sen_setting) if item]
        if len(given) != 1:
            yield _fail(
                "SEN2-L01",
                f"{_article(kind)} {kind} must give exactly one of URN, UKPRN or type of setting",
                at,
                here,
            )
        if placement.sen_setting in OTHER_IN_WORDS and not placement.sen_setting_other.strip():
            yield _fail("SEN2-L02", f"Describe the {kind} in words", at, here)
        if placement.entry_date and placement.leaving_date and placement.leaving_date < placement.entry_date:
            yield _fail("SEN2-L04", f"{_article(kind)} {kind} is left before it is entered", at, here)
    if _ranks_clash(placements):
        yield _fail("SEN2-L03", f"Two {kind}s share a rank at the same time", at, here)


def _article(kind: str) -> str:
    return "An" if kind[0] in "aeiou" else "A"


def _ranks_clash(placements: tuple[r.Placement, ...]) -> bool:
    for i, one in enumerate(placements):
        for other in placements[i + 1 :]:
            if one.rank == other.rank and _overlap(one, other):
                return True
    return False


def _overlap(one: r.Placement, other: r.Placement) -> bool:
    first, last = date.min, date.max
    return (one.entry_date or first) <= (other.leaving_date or last) and (other.entry_date or first) <= (
        one.leaving_date or last
    )


def _dates(request: r.Request) -> Iterator[tuple[str, date]]:
    named: list[tuple[str, date | None]] = [
        ("request", request.received_date),
        ("decision on the request", request.outcome_date),
    ]
    if request.assessment:
        named.append(("assessment decision", request.assessment.outcome_date))
        plan = request.assessment.plan
        if plan:
            named += [("plan's start", plan.start_date), ("plan's cease date", plan.cease_date)]
    if request.active_plans:
        active = request.active_plans
        named += [("review meeting", active.review_meeting), ("review decision", active.last_review)]
        named += [("placement's entry date", p.entry_date) for p in active.placements]
    yield from ((label, day) for label, day in named if day is not None)
