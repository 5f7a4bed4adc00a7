"""Recording mediation, appeals to the SEND Tribunal and the Tribunal's orders. Every step checks its
dates make sense, saves with a version check and writes the audit row in one transaction. An appeal
or a mediation certificate about a decision to cease also updates the ceasing record
(reviews.services), so the plan stays in force for as long as an appeal can be made or is heard
(CFA 2014 s45(4))."""

from datetime import date

from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.appeals.models import FOR_THE_FAMILY, Appeal, Mediation, TribunalOrder
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.services import record_change
from tellonce.core.refusals import InvalidStep
from tellonce.domain import appeals as rules
from tellonce.people.models import Child
from tellonce.people.services import add_timeline_event
from tellonce.plans.models import Plan
from tellonce.reviews import services as review_services
from tellonce.reviews.models import Ceasing

SECTIONS = frozenset(rules.APPEALABLE_SECTIONS)


def _not_future(day: date | None, today: date, what: str) -> list[str]:
    return [f"{what} must be today or in the past"] if day and day > today else []


def _not_before(day: date | None, earlier: date | None, what: str, than: str) -> list[str]:
    return [f"{what} cannot be before {than}"] if day and earlier and day < earlier else []


def _check(problems: list[str]) -> None:
    if problems:
        raise InvalidStep(problems)


def _about_problems(
    child: Child,
    ground: str,
    assessment: AssessmentRequest | None,
    plan: Plan | None,
    ceasing: Ceasing | None,
) -> list[str]:
    problems = []
    if ground not in rules.Ground.__members__.values():
        problems.append("Select what it is about")
    for record, owner in ((assessment, "assessment"), (plan, "plan"), (ceasing, "ceasing")):
        child_id = record.plan.child_id if isinstance(record, Ceasing) else getattr(record, "child_id", None)
        if record is not None and child_id != child.pk:
            problems.append(f"The {owner} must be this child's")
    if ground == rules.Ground.CEASING and ceasing is None:
        problems.append("Select the decision to cease the plan")
    if ceasing is not None and ceasing.notice_sent_on is None:
        problems.append("Record the decision to cease the plan before mediation or an appeal about it")
    return problems


def _ceasing_now(ceasing: Ceasing) -> Ceasing:
    """The ceasing as it is now, so its version check is against the latest save."""
    return Ceasing.objects.select_related("plan__child").get(pk=ceasing.pk)


# Mediation ----------------------------------------------------------------------------------------


@transaction.atomic
def record_mediation(
    child: Child,
    *,
    by: Actor,
    ground: str,
    decision_on: date,
    contacted_on: date | None = None,
    assessment: AssessmentRequest | None = None,
    plan: Plan | None = None,
    ceasing: Ceasing | None = None,
    notes: str = "",
    today: date,
) -> Mediation:
    """The family contacted the mediation adviser about a decision (reg. 33)."""
    problems = _not_future(decision_on, today, "The date of the decision") + _not_future(
        contacted_on, today, "The date the family contacted the adviser"
    )
    problems += _not_before(contacted_on, decision_on, "The contact", "the decision")
    problems += _about_problems(child, ground, assessment, plan, ceasing)
    _check(problems)
    mediation = Mediation.objects.create(
        child=child,
        ground=ground,
        decision_on=decision_on,
        contacted_on=contacted_on,
        assessment=assessment,
        plan=plan or (ceasing.plan if ceasing else None),
        ceasing=ceasing,
        notes=notes,
        by=by.user,
    )
    record_change(by, child, f"Recorded mediation about {mediation.ground_phrase()}")
    return mediation


@transaction.atomic
def update_mediation(
    mediation: Mediation,
    *,
    by: Actor,
    contacted_on: date | None,
    certificate_kind: str,
    certificate_on: date | None,
    held_on: date | None,
    outcome: str,
    notes: str = "",
    expected_version: int,
    today: date,
) -> Mediation:
    """The adviser's certificate, the mediation held and its outcome. A certificate about a decision
    to cease gives the family a month from it to appeal, and keeps the plan in force that long."""
    problems = []
    for day, what in (
        (contacted_on, "The date the family contacted the adviser"),
        (certificate_on, "The date of the certificate"),
        (held_on, "The date of the mediation"),
    ):
        problems += _not_future(day, today, what)
    problems += _not_before(contacted_on, mediation.decision_on, "The contact", "the decision")
    problems += _not_before(certificate_on, mediation.decision_on, "The certificate", "the decision")
    problems += _not_before(held_on, contacted_on, "The mediation", "the family contacted the adviser")
    if bool(certificate_kind) != bool(certificate_on):
        problems.append("Give both what the certificate says and the date it was issued")
    if certificate_kind == rules.CertificateKind.HELD and held_on is None:
        problems.append("Give the date mediation was held")
    if outcome and held_on is None:
        problems.append("Give the date mediation was held before its outcome")
    _check(problems)
    certificate_changed = certificate_on != mediation.certificate_on
    mediation.contacted_on, mediation.certificate_kind, mediation.certificate_on = (
        contacted_on,
        certificate_kind,
        certificate_on,
    )
    mediation.held_on, mediation.outcome, mediation.notes = held_on, outcome, notes
    mediation.save_versioned(
        expected_version=expected_version,
        fields=["contacted_on", "certificate_kind", "certificate_on", "held_on", "outcome", "notes"],
    )
    record_change(by, mediation.child, f"Recorded mediation about {mediation.ground_phrase()}")
    if certificate_changed and mediation.ceasing_id:
        ceasing = _ceasing_now(mediation.ceasing)
        review_services.record_mediation_certificate(
            ceasing, by=by, certificate_on=certificate_on, expected_version=ceasing.version, today=today
        )
    return mediation


# Appeals ------------------------------------------------------------------------------------------


def _sections(ground: str, sections: str) -> tuple[str, list[str]]:
    chosen = "".join(s for s in rules.APPEALABLE_SECTIONS if s in sections.upper())
    if ground == rules.Ground.PLAN_CONTENT and not chosen:
        return chosen, ["Select the sections the appeal is about"]
    if ground == rules.Ground.PLACEMENT:
        chosen = "I"
    return chosen, []


@transaction.atomic
def register_appeal(
    child: Child,
    *,
    by: Actor,
    ground: str,
    decision_on: date,
    registered_on: date,
    response_due_on: date | None = None,
    tribunal_ref: str = "",
    sections: str = "",
    mediation: Mediation | None = None,
    assessment: AssessmentRequest | None = None,
    plan: Plan | None = None,
    ceasing: Ceasing | None = None,
    notes: str = "",
    today: date,
) -> Appeal:
    """The Tribunal registered the family's appeal. An appeal against ceasing keeps the plan in
    force until it is decided."""
    problems = _not_future(decision_on, today, "The date of the decision") + _not_future(
        registered_on, today, "The date the appeal was registered"
    )
    problems += _not_before(registered_on, decision_on, "The appeal", "the decision")
    problems += _not_before(response_due_on, registered_on, "The response date", "the appeal was registered")
    problems += _about_problems(child, ground, assessment, plan, ceasing)
    if mediation is not None and mediation.child_id != child.pk:
        problems.append("The mediation must be this child's")
    chosen, missing = _sections(ground, sections)
    _check(problems + missing)
    appeal = Appeal.objects.create(
        child=child,
        ground=ground,
        decision_on=decision_on,
        registered_on=registered_on,
        response_due_on=response_due_on,
        tribunal_ref=tribunal_ref.strip(),
        sections=chosen,
        mediation=mediation,
        assessment=assessment,
        plan=plan or (ceasing.plan if ceasing else None),
        ceasing=ceasing,
        notes=notes,
        by=by.user,
    )
    record_change(by, child, f"Recorded an appeal about {appeal.ground_phrase()}")
    add_timeline_event(
        child,
        kind="plan",
        title="An appeal was registered with the SEND Tribunal",
        occurred_on=registered_on,
        by=by,
    )
    if ceasing is not None:
        current = _ceasing_now(ceasing)
        review_services.record_appeal(
            current, by=by, lodged_on=registered_on, expected_version=current.version, today=today
        )
    return appeal


@transaction.atomic
def update_appeal(
    appeal: Appeal,
    *,
    by: Actor,
    response_due_on: date | None,
    response_sent_on: date | None,
    hearing_on: date | None,
    decided_on: date | None,
    outcome: str,
    tribunal_ref: str = "",
    notes: str = "",
    expected_version: int,
    today: date,
) -> Appeal:
    """The response, the hearing and the decision. Deciding an appeal against ceasing tells the
    ceasing record: upheld (or conceded) the plan continues; dismissed or withdrawn it may stop."""
    problems = _not_future(response_sent_on, today, "The date the response was sent") + _not_future(
        decided_on, today, "The date of the decision"
    )
    problems += _not_before(
        response_due_on, appeal.registered_on, "The response date", "the appeal was registered"
    )
    problems += _not_before(hearing_on, appeal.registered_on, "The hearing", "the appeal was registered")
    problems += _not_before(decided_on, appeal.registered_on, "The decision", "the appeal was registered")
    if bool(outcome) != bool(decided_on):
        problems.append("Give both the outcome and the date the appeal was decided or ended")
    if (
        appeal.decided_on
        and appeal.ceasing_id
        and (decided_on, outcome) != (appeal.decided_on, appeal.outcome)
    ):
        problems.append("The outcome of an appeal against ceasing has been recorded and cannot be changed")
    _check(problems)
    newly_decided = decided_on is not None and appeal.decided_on is None
    appeal.response_due_on, appeal.response_sent_on, appeal.hearing_on = (
        response_due_on,
        response_sent_on,
        hearing_on,
    )
    appeal.decided_on, appeal.outcome = decided_on, outcome
    appeal.tribunal_ref, appeal.notes = tribunal_ref.strip(), notes
    appeal.save_versioned(
        expected_version=expected_version,
        fields=[
            "response_due_on",
            "response_sent_on",
            "hearing_on",
            "decided_on",
            "outcome",
            "tribunal_ref",
            "notes",
        ],
    )
    record_change(by, appeal.child, f"Recorded the appeal about {appeal.ground_phrase()}")
    if newly_decided:
        add_timeline_event(
            appeal.child,
            kind="plan",
            title=f"The appeal to the SEND Tribunal: {appeal.get_outcome_display().lower()}",
            occurred_on=decided_on,
            by=by,
        )
        if appeal.ceasing_id:
            ceasing = _ceasing_now(appeal.ceasing)
            review_services.record_appeal(
                ceasing,
                by=by,
                decided_on=decided_on,
                upheld=outcome in FOR_THE_FAMILY,
                expected_version=ceasing.version,
                today=today,
            )
    return appeal


@transaction.atomic
def add_order(
    appeal: Appeal, *, by: Actor, kind: str, ordered_on: date, unopposed: bool = False, today: date
) -> TribunalOrder:
    """An order of the Tribunal, or what the council agreed to do by not opposing the appeal, with
    its compliance deadline (reg. 44, 45)."""
    problems = _not_future(ordered_on, today, "The date of the order")
    problems += _not_before(ordered_on, appeal.registered_on, "The order", "the appeal was registered")
    if kind not in rules.OrderKind.__members__.values():
        problems.append("Select what the Tribunal ordered")
    _check(problems)
    due = rules.compliance_due(rules.OrderKind(kind), ordered_on, unopposed=unopposed)
    order = TribunalOrder.objects.create(
        appeal=appeal, kind=kind, ordered_on=ordered_on, unopposed=unopposed, due_on=due.due, by=by.user
    )
    record_change(by, appeal.child, f"Recorded the Tribunal's order: {order.get_kind_display().lower()}")
    return order


@transaction.atomic
def record_compliance(
    order: TribunalOrder, *, by: Actor, complied_on: date, expected_version: int, today: date
) -> TribunalOrder:
    """The council did what the order asked."""
    problems = _not_future(complied_on, today, "The date") + _not_before(
        complied_on, order.ordered_on, "The date", "the order"
    )
    _check(problems)
    order.complied_on = complied_on
    order.save_versioned(expected_version=expected_version, fields=["complied_on"])
    record_change(
        by, order.appeal.child, f"Complied with the Tribunal's order: {order.get_kind_display().lower()}"
    )
    return order
