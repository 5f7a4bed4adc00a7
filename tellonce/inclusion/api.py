"""/api/v1/inclusion: the inclusion measures of a term (aggregates only: no pupil is named, groups
under 10 pupils suppressed as on the page) and the SEND team's list of children with a plan who
are excluded, on a part-time timetable or out of school (ADR 75), read-only and scoped as the
pages are: the measures for the council's staff and the board, a SENCO their school's; the list
for those the policy lets see the children (the board never). Each child listed is in the access
log."""

import uuid
from datetime import date
from typing import Literal

from ninja import Router, Schema

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, Scope, api_requires, scope
from tellonce.audit import services as audit
from tellonce.core.time import uk_today
from tellonce.domain import inclusion as rules
from tellonce.inclusion import measures
from tellonce.inclusion.concerns import concerns

router = Router(tags=["inclusion"])
C = Capability
MeasureName = Literal[tuple(measures.MEASURES)]  # type: ignore[valid-type]
GroupingName = Literal[tuple(measures.GROUPINGS)]  # type: ignore[valid-type]


class Problem(Schema):
    detail: str


class RateOut(Schema):
    pupils: int | None
    count: int | None
    percent: float | None
    interval_low: float | None
    interval_high: float | None
    suppressed: bool


class LineOut(Schema):
    label: str
    ehc_plan: RateOut
    sen_support: RateOut
    no_sen: RateOut
    all_send: RateOut
    send_against_no_sen: str
    times_the_rate: float | None


class TermOut(Schema):
    code: int
    label: str


class MeasuresOut(Schema):
    term: TermOut | None
    terms: list[TermOut]
    suppressed_below: int
    summary: list[LineOut]
    measure: str
    grouping: str
    groups: list[LineOut]


class EpisodeOut(Schema):
    kind: str
    started_on: date
    ended_on: date | None
    school: str


class ConcernOut(Schema):
    child_id: uuid.UUID
    given_name: str
    family_name: str
    reasons: list[str]
    look_again_on: date | None
    episodes: list[EpisodeOut]


def _rate(r: rules.Rate) -> dict:
    interval = r.interval
    return {
        "pupils": None if r.suppressed else r.total,
        "count": None if r.suppressed else r.count,
        "percent": r.percent,
        "interval_low": interval[0] if interval else None,
        "interval_high": interval[1] if interval else None,
        "suppressed": r.suppressed,
    }


def _line(line: measures.Line) -> dict:
    return {
        "label": line.label,
        "ehc_plan": _rate(line.rates[rules.SenStatus.EHC_PLAN]),
        "sen_support": _rate(line.rates[rules.SenStatus.SEN_SUPPORT]),
        "no_sen": _rate(line.rates[rules.SenStatus.NONE]),
        "all_send": _rate(line.send),
        "send_against_no_sen": line.verdict.value,
        "times_the_rate": line.ratio,
    }


def _term(term: rules.Term) -> dict:
    return {"code": term.code, "label": term.label}


@router.get("/measures", response={200: MeasuresOut, 401: Problem, 403: Problem})
@api_requires(C.SEE_INCLUSION_MEASURES)
def inclusion_measures(
    request,
    term: int | None = None,
    measure: MeasureName = "persistent_absence",
    by: GroupingName = "need",
):
    """Every measure for a term (the latest when none is given, or when the term has no extract)
    by SEN status, and one measure by need, phase, school or locality; a SENCO's figures are their
    school's, by need or phase. A group of fewer than 10 pupils is suppressed: no count, no rate."""
    user = request.auth
    terms = measures.terms_for(user)
    chosen = next((t for t in terms if t.code == term), terms[0] if terms else None)
    school = scope(user, C.SEE_INCLUSION_MEASURES) == Scope.SCHOOL
    if school and by in ("school", "locality"):
        by = "need"
    return {
        "term": _term(chosen) if chosen else None,
        "terms": [_term(t) for t in terms],
        "suppressed_below": rules.SUPPRESS_BELOW,
        "summary": [_line(line) for line in measures.summary(user, chosen)] if chosen else [],
        "measure": measure,
        "grouping": by,
        "groups": [_line(line) for line in measures.by_group(user, chosen, measure, by)] if chosen else [],
    }


@router.get("/children", response={200: list[ConcernOut], 401: Problem, 403: Problem})
@api_requires(C.SEE_INCLUSION_CHILDREN)
def children_to_act_on(request):
    """The children with a plan the caller may see who are excluded, on a part-time timetable or
    out of school longer than the council allows, and not waiting for the day to look again."""
    found = concerns(request.auth, C.SEE_INCLUSION_CHILDREN, today=uk_today())
    audit.record_listed(
        Actor.of(request),
        [c.child for c in found],
        what="Listed by the API among children with a plan out of full-time school",
    )
    return [
        {
            "child_id": c.child.pk,
            "given_name": c.child.given_name,
            "family_name": c.child.family_name,
            "reasons": [str(r) for r in c.reasons],
            "look_again_on": c.look_again_on,
            "episodes": [
                {"kind": e.kind, "started_on": e.started_on, "ended_on": e.ended_on, "school": e.setting.name}
                for e in c.episodes
            ],
        }
        for c in found
    ]
