"""Reads one council's records into the SEN2 return's domain records (domain.sen2), a chunk of
children at a time with the same number of queries for each chunk, so the return of any size
area streams in constant memory.

Where each item comes from is in docs/sen2-return.md."""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from importlib import metadata

from django.db.models import Exists, OuterRef

from tellonce.appeals.models import Appeal, Mediation
from tellonce.assessments.models import SEN2_REQUEST_SOURCE, AssessmentRequest, Kind, TimescaleException
from tellonce.domain import appeals as appeal_rules
from tellonce.domain import plan_content
from tellonce.domain.sen2 import records as r
from tellonce.domain.sen2 import scope
from tellonce.domain.sen2.census import Collection
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child
from tellonce.plans.models import Placement, Plan, PlanSection, PlanVersion, Status
from tellonce.reviews.models import (
    FACT_COLUMNS,
    AnnualReview,
    Ceasing,
    Direction,
    PlanMove,
    amended_issued_on,
    facts_from,
)

CHUNK = 500
SOFTWARE = "Tellonce"


def release() -> str:
    try:
        return metadata.version("tellonce")
    except metadata.PackageNotFoundError:
        return "unknown"


def header(council: LocalAuthority, census: Collection, *, serial: int = 1, now: datetime) -> r.Header:
    return r.Header(
        year=census.year,
        reference_date=census.reference_date,
        lea=council.code,
        software_code=SOFTWARE,
        release=release(),
        serial_no=f"{serial:03d}",
        date_time=now.replace(microsecond=0, tzinfo=None),
        dmo=council.designated_medical_officer,
        dco=council.designated_clinical_officer,
        dsco=council.designated_social_care_officer,
    )


def children_in_return(council: LocalAuthority, within=None):
    """The council's children with a request or a plan: those the return may report. A page
    passes `within`, the children its user may see (Child.objects.within_scope)."""
    has_case = Exists(AssessmentRequest.objects.filter(child=OuterRef("pk"), kind=Kind.INITIAL))
    has_plan = Exists(Plan.objects.filter(child=OuterRef("pk")))
    children = Child.objects.all() if within is None else within
    return children.filter(local_authority=council).filter(has_case | has_plan)


@dataclass(frozen=True, slots=True)
class Reported:
    """A person as the return reports them, and the child they came from (for links and the log)."""

    person: r.Person
    child_id: object


def persons(
    council: LocalAuthority, census: Collection, *, chunk: int = CHUNK, within=None
) -> Iterator[Reported]:
    """Every person in the council's return, in a stable order, read `chunk` children at a time."""
    last = None
    children = children_in_return(council, within).order_by("pk")
    while True:
        batch = list((children.filter(pk__gt=last) if last else children)[:chunk])
        if not batch:
            return
        yield from _chunk(batch, census)
        last = batch[-1].pk


def _chunk(children: list[Child], census: Collection) -> Iterator[Reported]:
    ids = [child.pk for child in children]
    cases = list(
        AssessmentRequest.objects.filter(
            child_id__in=ids, kind=Kind.INITIAL, received_on__lte=census.reference_date
        )
    )
    exceptions = defaultdict(list)
    for exception in TimescaleException.objects.filter(assessment__in=[c.pk for c in cases]):
        exceptions[exception.assessment_id].append(exception)
    plans = _plans(ids, census)
    disputes = _disputes(ids, census)
    by_child_cases = defaultdict(list)
    for case in cases:
        by_child_cases[case.child_id].append(case)
    by_child_plans = defaultdict(list)
    for plan_id, (child_id, assessment_id, facts) in plans.items():
        by_child_plans[child_id].append((plan_id, assessment_id, facts))
    for child in children:
        requests = _requests(by_child_cases[child.pk], by_child_plans[child.pk], exceptions, disputes)
        needs = scope.needs_of(child.primary_need, child.secondary_need)
        reported = scope.requests_in_return(tuple(requests), needs, census)
        if reported:
            yield Reported(_person(child, reported), child.pk)


def _person(child: Child, requests: tuple[r.Request, ...]) -> r.Person:
    return r.Person(
        surname=child.family_name,
        forename=child.given_name,
        birth_date=child.date_of_birth,
        sex=child.sex,
        ethnicity=child.ethnicity,
        postcode=child.postcode,
        upn=child.upn,
        uln=child.uln,
        upn_unknown=child.upn_unknown,
        requests=requests,
        source=str(child.pk),
    )


def _requests(cases, plans, exceptions, disputes) -> list[scope.RequestFacts]:
    """A request's facts for each initial request, paired with the plan it led to; a plan with no
    request here (transferred in, or from an older system) stands on its own."""
    plan_of = {assessment_id: (plan_id, facts) for plan_id, assessment_id, facts in plans if assessment_id}
    found = []
    for case in sorted(cases, key=lambda c: (c.received_on, c.ref)):
        plan_id, plan = plan_of.pop(case.pk, (None, None))
        found.append(
            scope.RequestFacts(
                case.facts(exceptions[case.pk]),
                source_code=SEN2_REQUEST_SOURCE.get(case.requested_by, ""),
                youth_accommodation=case.youth_accommodation,
                exported_to=case.exported_to,
                disputes=disputes.of(case.pk, plan_id),
                plan=plan,
                source=str(case.pk),
            )
        )
    paired = {plan_id for plan_id, _ in plan_of.values()}
    for plan_id, assessment_id, facts in plans:
        if assessment_id is None or plan_id in paired:
            found.append(scope.RequestFacts(None, disputes=disputes.of(None, plan_id), plan=facts, source=""))
    return found


def _plans(child_ids, census: Collection) -> dict:
    """Each made plan of these children: (child id, assessment id, PlanFacts)."""
    plans = list(Plan.objects.filter(child_id__in=child_ids).select_related("assessment"))
    plan_ids = [plan.pk for plan in plans]
    started, in_force = {}, {}
    for version in (
        PlanVersion.objects.filter(plan_id__in=plan_ids, status=Status.ISSUED)
        .order_by("plan_id", "number")
        .only("pk", "plan_id", "issued_on", "number")
    ):
        started.setdefault(version.plan_id, version.issued_on)
        if version.issued_on and version.issued_on <= census.reference_date:
            in_force[version.plan_id] = version.pk
    section_j = {
        s.plan_version_id: s.data
        for s in PlanSection.objects.filter(plan_version_id__in=in_force.values(), code="J").only(
            "plan_version_id", "data"
        )
    }
    placements = defaultdict(lambda: ([], []))
    for p in Placement.objects.filter(plan_id__in=plan_ids).order_by("plan_id", "rank", "entry_on"):
        placements[p.plan_id][0 if p.named else 1].append(_placement(p))
    reviews = _reviews(plan_ids)
    moves = {
        m.plan_id: m
        for m in PlanMove.objects.filter(plan_id__in=plan_ids, direction=Direction.IN).order_by("moves_on")
    }
    reasons = {
        c.plan_id: c.reason
        for c in Ceasing.objects.filter(plan_id__in=plan_ids, withdrawn_on__isnull=True).order_by(
            "considered_on"
        )
    }
    found = {}
    for plan in plans:
        start = started.get(plan.pk) or (plan.assessment.final_issued_on if plan.assessment else None)
        if start is None:
            continue  # never made: a plan being written is not yet a plan
        budget = plan_content.from_data({"J": section_j.get(in_force.get(plan.pk), {})}).personal_budget
        pb, oa, dp = scope.budget_items(budget)
        move = moves.get(plan.pk)
        named, attended = placements[plan.pk]
        facts = scope.PlanFacts(
            started=start,
            ceased=plan.ceased_on,
            cease_reason=plan.cease_reason or reasons.get(plan.pk, ""),
            transferred_in_from=move.other_code if move else "",
            transferred_in_on=(move.transferred_on or move.moves_on) if move else None,
            residential=plan.residential,
            work_based=plan.work_based,
            personal_budget=plan.personal_budget if plan.personal_budget is not None else pb,
            organised_arrangements=plan.organised_arrangements
            if plan.organised_arrangements is not None
            else oa,
            direct_payments=plan.direct_payments or dp,
            named=tuple(named),
            attended=tuple(attended),
            reviews=reviews[plan.pk],
            source=str(plan.pk),
        )
        assessment = plan.assessment if plan.assessment and plan.assessment.kind == Kind.INITIAL else None
        found[plan.pk] = (plan.child_id, assessment.pk if assessment else None, facts)
    return found


def _placement(p: Placement) -> r.Placement:
    return r.Placement(
        rank=p.rank,
        urn=p.urn,
        ukprn=p.ukprn,
        sen_setting=p.sen_setting,
        sen_setting_other=p.sen_setting_other,
        sen_unit=p.sen_unit,
        resourced_provision=p.resourced_provision,
        entry_date=None if p.named else p.entry_on,
        leaving_date=None if p.named else p.leaving_on,
        residential="" if p.named else p.residential,
        work_based="" if p.named else p.work_based,
    )


def _reviews(plan_ids) -> dict:
    rows = list(AnnualReview.objects.filter(plan_id__in=plan_ids).values_list("pk", "plan_id", *FACT_COLUMNS))
    amended = amended_issued_on(
        [row[2 + FACT_COLUMNS.index("amendment_version_id")] for row in rows if row[6]]
    )
    found: dict = defaultdict(tuple)
    for pk, plan_id, *values in rows:
        facts = facts_from(tuple(values), amended)
        found[plan_id] += (
            scope.ReviewFacts(
                facts.meeting, facts.decision, facts.decision_notified, facts.amendment_notice, source=str(pk)
            ),
        )
    return found


@dataclass(frozen=True, slots=True)
class _Disputes:
    """Mediations held and appeals made, by the request or plan they concern."""

    by_assessment: dict
    by_plan: dict

    def of(self, assessment_id, plan_id) -> scope.Disputes:
        stages = self.by_assessment.get(assessment_id, set()) | self.by_plan.get(plan_id, set())
        return scope.Disputes(
            request_mediation=("mediation", "request") in stages,
            request_tribunal=("appeal", "request") in stages,
            assessment_mediation=("mediation", "assessment") in stages,
            assessment_tribunal=("appeal", "assessment") in stages,
            other_mediation=("mediation", "other") in stages,
            other_tribunal=("appeal", "other") in stages,
        )


def _disputes(child_ids, census: Collection) -> _Disputes:
    """Items 2.6-2.7 and 3.3-3.6: a mediation held, or an appeal registered, by census day; those
    about other decisions (the plan's content, placement, amending, ceasing) in the year to it."""
    by_assessment: dict = defaultdict(set)
    by_plan: dict = defaultdict(set)
    held = Mediation.objects.filter(child_id__in=child_ids, held_on__lte=census.reference_date)
    made = Appeal.objects.filter(child_id__in=child_ids, registered_on__lte=census.reference_date)
    for kind, rows, dated in (("mediation", held, "held_on"), ("appeal", made, "registered_on")):
        for assessment_id, plan_id, ground, on in rows.values_list(
            "assessment_id", "plan_id", "ground", dated
        ):
            stage = appeal_rules.sen2_stage(appeal_rules.Ground(ground)).value
            if stage == "other":
                if plan_id and on >= census.flow_start:
                    by_plan[plan_id].add((kind, stage))
            elif assessment_id:
                by_assessment[assessment_id].add((kind, stage))
    return _Disputes(by_assessment, by_plan)
