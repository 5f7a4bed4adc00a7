"""/api/v1/sen-support: pupils on SEN support or with a plan, with their status at each school
census and their cycles of assess, plan, do, review (ADR 74), read-only and scoped as the pages
are: a SENCO their own school's pupils, the council's staff every school's
(`Child.objects.within_scope(user, SEE_SEN_SUPPORT)`, census rows and cycles through their own
`within_scope`). Each pupil listed or read is in the access log."""

import uuid
from datetime import date
from decimal import Decimal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, api_requires
from tellonce.audit import services as audit
from tellonce.people.models import Child
from tellonce.sen_support.models import CensusRecord, Cycle

router = Router(tags=["SEN support"])
MAX_RESULTS = 200
C = Capability


class Problem(Schema):
    detail: str


class CensusStatusOut(Schema):
    census_date: date
    term: str
    school_urn: str
    school: str
    provision: str
    need_1: str
    need_2: str


class CycleOut(Schema):
    id: uuid.UUID
    school: str
    started_on: date
    assess: str
    plan: str
    do: str
    provision: str
    cost: Decimal
    review_by: date
    reviewed_on: date | None
    review: str
    outcome: str | None


class PupilBrief(Schema):
    child_id: uuid.UUID
    given_name: str
    family_name: str
    school: str | None
    latest_census: CensusStatusOut | None
    cycles: int


class PupilOut(Schema):
    child_id: uuid.UUID
    given_name: str
    family_name: str
    school: str | None
    censuses: list[CensusStatusOut]
    cycles: list[CycleOut]


def _census(record: CensusRecord) -> dict:
    return {
        "census_date": record.census.census_date,
        "term": record.census.term,
        "school_urn": record.census.setting.urn,
        "school": record.census.setting.name,
        "provision": record.provision,
        "need_1": record.need_1,
        "need_2": record.need_2,
    }


def _cycle(cycle: Cycle) -> dict:
    return {
        "id": cycle.pk,
        "school": cycle.setting.name,
        "started_on": cycle.started_on,
        "assess": cycle.assess,
        "plan": cycle.plan,
        "do": cycle.do,
        "provision": cycle.provision,
        "cost": cycle.cost,
        "review_by": cycle.review_by,
        "reviewed_on": cycle.reviewed_on,
        "review": cycle.review,
        "outcome": cycle.outcome or None,
    }


@router.get("/pupils", response={200: list[PupilBrief], 401: Problem, 403: Problem})
@api_requires(C.SEE_SEN_SUPPORT)
def list_pupils(request, school_urn: str = ""):
    """The pupils on SEN support or with a plan the caller may see (at most 200, by name), each
    with their latest census status and how many cycles are recorded; filter by school."""
    children = (
        Child.objects.within_scope(request.auth, C.SEE_SEN_SUPPORT)
        .filter(
            Q(sen_status__in=["SEN_SUPPORT", "EHC_PLAN"])
            | Q(census_records__provision__in=["K", "E"])
            | Q(support_cycles__isnull=False)
        )
        .distinct()
        .select_related("setting")
        .order_by("family_name", "given_name", "pk")
    )
    if school_urn:
        children = children.filter(setting__urn=school_urn.strip())
    found = list(children[:MAX_RESULTS])
    audit.record_listed(Actor.of(request), found, what="SEN support pupils listed by the API")
    latest = {}
    for record in (
        CensusRecord.objects.within_scope(request.auth)
        .filter(child__in=found)
        .select_related("census__setting")
    ):
        latest[record.child_id] = record  # ordered by census day: the last is the latest
    cycles: dict = {}
    for child_id in (
        Cycle.objects.within_scope(request.auth).filter(child__in=found).values_list("child_id", flat=True)
    ):
        cycles[child_id] = cycles.get(child_id, 0) + 1
    return [
        {
            "child_id": c.pk,
            "given_name": c.given_name,
            "family_name": c.family_name,
            "school": c.setting.name if c.setting else None,
            "latest_census": _census(latest[c.pk]) if c.pk in latest else None,
            "cycles": cycles.get(c.pk, 0),
        }
        for c in found
    ]


@router.get("/pupils/{child_id}", response={200: PupilOut, 401: Problem, 403: Problem, 404: Problem})
@api_requires(C.SEE_SEN_SUPPORT)
def pupil_detail(request, child_id: uuid.UUID):
    """One pupil's status at every census the caller may see, and their cycles of SEN support."""
    child = get_object_or_404(
        Child.objects.within_scope(request.auth, C.SEE_SEN_SUPPORT).select_related("setting"), pk=child_id
    )
    audit.record_read(Actor.of(request), child, what="Read SEN support through the API")
    records = CensusRecord.objects.within_scope(request.auth).filter(child=child)
    cycles = Cycle.objects.within_scope(request.auth).filter(child=child)
    return {
        "child_id": child.pk,
        "given_name": child.given_name,
        "family_name": child.family_name,
        "school": child.setting.name if child.setting else None,
        "censuses": [_census(r) for r in records.select_related("census__setting")],
        "cycles": [_cycle(c) for c in cycles.select_related("setting")],
    }
