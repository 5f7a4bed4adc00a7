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
from tellonce.organisations.models import LocalAuthority, Setting
from tellonce.people.models import Child
from tellonce.plans.models import Placement, Plan, PlanSection, PlanVersion, Status
from tellonce.reviews.models import (
    AnnualReview,
    Ceasing,
    Direction,
    PlanMove,
    sen2_review_facts,
)

CHUNK = 1000
CHILD_FIELDS = (
    "pk",
    "family_name",
    "given_name",
    "date_of_birth",
    "sex",
    "ethnicity",
    "postcode",
    "upn",
    "uln",
    "upn_unknown",
    "primary_need",
    "secondary_need",
)
CASE_FIELDS = (
    "pk",
    "ref",
    "child_id",
    "kind",
    "requested_by",
    "received_on",
    "decision",
    "decision_notified_on",
    "draft_issued_on",
    "not_to_issue_notified_on",
    "final_issued_on",
    "withdrawn_on",
    "youth_accommodation",
    "exported_to",
)
PLAN_FIELDS = (
    "pk",
    "child_id",
    "assessment_id",
    "ceased_on",
    "cease_reason",
    "residential",
    "work_based",
    "personal_budget",
    "organised_arrangements",
    "direct_payments",
    "assessment__kind",
    "assessment__final_issued_on",
)
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
    # Each subquery names the council's key, so PostgreSQL hashes the council's requests and plans,
    # not every council's, for each chunk
    has_case = Exists(
        AssessmentRequest.objects.filter(local_authority=council, child=OuterRef("pk"), kind=Kind.INITIAL)
    )
    has_plan = Exists(Plan.objects.filter(local_authority=council, child=OuterRef("pk")))
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
    children = children_in_return(council, within).order_by("pk").only(*CHILD_FIELDS)
    while True:
        batch = list((children.filter(pk__gt=last) if last else children)[:chunk])
        if not batch:
            return
        yield from _chunk(batch, census, _Span(council.pk, last, batch[-1].pk))
        last = batch[-1].pk


@dataclass(frozen=True, slots=True)
class _Span:
    """A chunk's children as a range of ids within the council, so each query of the chunk names a
    range rather than a list of a thousand ids (children in the range but not in the chunk have
    no rows the chunk reads). The council is named by each row's own key, which is always its
    child's council (ADR 80), so PostgreSQL reads the council's rows rather than joining every
    council's to their children (ADR 97)."""

    council: int
    after: object
    last: object

    def of(self, path: str = "child") -> dict:
        found = {"local_authority_id": self.council, f"{path}_id__lte": self.last}
        if self.after is not None:
            found[f"{path}_id__gt"] = self.after
        return found


def _chunk(children: list[Child], census: Collection, span: _Span) -> Iterator[Reported]:
    cases = list(
        AssessmentRequest.objects.filter(
            **span.of(), kind=Kind.INITIAL, received_on__lte=census.reference_date
        ).only(*CASE_FIELDS)
    )
    exceptions = defaultdict(list)
    for exception in TimescaleException.objects.filter(**span.of("assessment__child")):
        exceptions[exception.assessment_id].append(exception)
    plans = _plans(span, census)
    disputes = _disputes(span, census)
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


def _plans(span: _Span, census: Collection) -> dict:
    """Each made plan of these children: (child id, assessment id, PlanFacts)."""
    of_chunk = Plan.objects.filter(**span.of())
    plans = list(of_chunk.select_related("assessment").only(*PLAN_FIELDS))
    # The rows of these plans, read by their plan's index from the plans found by the council's key:
    # found by the children's range, PostgreSQL read every council's plans of children in the range
    # (ids interleave across councils)
    in_span = {"plan_id__in": of_chunk.values("pk")}
    started, in_force = {}, {}
    for plan_id, version_id, issued_on in (
        PlanVersion.objects.filter(**in_span, status=Status.ISSUED)
        .order_by("plan_id", "number")
        .values_list("plan_id", "pk", "issued_on")
    ):
        started.setdefault(plan_id, issued_on)
        if issued_on and issued_on <= census.reference_date:
            in_force[plan_id] = version_id
    wanted = set(in_force.values())
    sections: dict = defaultdict(dict)
    issued = PlanVersion.objects.filter(**in_span, status=Status.ISSUED).values("pk")
    for version_id, code, data in (
        PlanSection.objects.filter(plan_version_id__in=issued, code__in=("I", "J"))
        .order_by()  # not the sections' own order, which joins their versions and plans
        .values_list("plan_version_id", "code", "data")
    ):
        if version_id in wanted:
            sections[version_id][code] = data
    content = {plan_id: plan_content.from_data(sections.get(v, {})) for plan_id, v in in_force.items()}
    settings = _settings_named(span.council, {c.placement.name.strip() for c in content.values()} - {""})
    placements = defaultdict(lambda: ([], []))
    for p in Placement.objects.filter(**in_span).order_by("plan_id", "rank", "entry_on"):
        placements[p.plan_id][0 if p.named else 1].append(_placement(p))
    reviews = sen2_review_facts(AnnualReview.objects.filter(**in_span))
    moves = {
        m.plan_id: m for m in PlanMove.objects.filter(**in_span, direction=Direction.IN).order_by("moves_on")
    }
    reasons = dict(
        Ceasing.objects.filter(**in_span, withdrawn_on__isnull=True)
        .order_by("considered_on")
        .values_list("plan_id", "reason")
    )
    found = {}
    for plan in plans:
        start = started.get(plan.pk) or (plan.assessment.final_issued_on if plan.assessment else None)
        if start is None:
            continue  # never made: a plan being written is not yet a plan
        written = content.get(plan.pk) or plan_content.from_data({})
        pb, oa, dp = scope.budget_items(written.personal_budget)
        move = moves.get(plan.pk)
        named, attended = placements[plan.pk]
        if not named and written.placement.name.strip() in settings:
            named = [settings[written.placement.name.strip()]]
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


def _settings_named(council_id, names: set[str]) -> dict[str, r.Placement]:
    """Section I's school or college, when it names one of the council's settings with a URN (or a
    UKPRN): the plan's named placement when none is recorded."""
    if not names:
        return {}
    found = {}
    for name, urn, ukprn in Setting.objects.filter(local_authority_id=council_id, name__in=names).values_list(
        "name", "urn", "ukprn"
    ):
        if urn or ukprn:
            found[name] = r.Placement(rank="1", urn=urn, ukprn="" if urn else ukprn)
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


def _disputes(span: _Span, census: Collection) -> _Disputes:
    """Items 2.6-2.7 and 3.3-3.6: a mediation held, or an appeal registered, by census day; those
    about other decisions (the plan's content, placement, amending, ceasing) in the year to it."""
    by_assessment: dict = defaultdict(set)
    by_plan: dict = defaultdict(set)
    held = Mediation.objects.filter(**span.of(), held_on__lte=census.reference_date)
    made = Appeal.objects.filter(**span.of(), registered_on__lte=census.reference_date)
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
