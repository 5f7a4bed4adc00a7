"""Mediation, appeals and orders through the services: dates checked, versions checked, audited, and
an appeal or certificate about ceasing keeping the plan in force for as long as the law says."""

from datetime import date

import pytest
import time_machine

from tellonce.appeals import services
from tellonce.appeals.models import Appeal, TribunalOrder
from tellonce.appeals.tests.builders import decided_ceasing, plan_in_force
from tellonce.audit.models import AccessEvent
from tellonce.conftest import acting
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.domain import appeals as rules
from tellonce.plans.models import Plan
from tellonce.reviews.models import Ceasing

TODAY = date(2026, 11, 20)
NOTICE = date(2026, 9, 10)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def frozen_today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def ceasing(area):
    plan = plan_in_force(area, today=TODAY)
    return decided_ceasing(area, plan, notice_on=NOTICE, ceases_on=date(2026, 10, 1), today=TODAY)


def _ceased_on(ceasing) -> date | None:
    return Plan.objects.get(pk=ceasing.plan_id).ceased_on


def _mediation(area, ceasing, **extra):
    return services.record_mediation(
        area.child,
        by=acting(area.users["coordinator"]),
        ground=rules.Ground.CEASING,
        decision_on=NOTICE,
        contacted_on=date(2026, 10, 5),
        ceasing=ceasing,
        today=TODAY,
        **extra,
    )


def test_a_mediation_certificate_about_ceasing_keeps_the_plan_in_force_a_month_after_it(area, ceasing):
    # 2 months from 10 September is Tuesday 10 November 2026.
    assert _ceased_on(ceasing) == date(2026, 11, 10)
    mediation = _mediation(area, ceasing)
    assert mediation.plan_id == ceasing.plan_id
    services.update_mediation(
        mediation,
        by=acting(area.users["coordinator"]),
        contacted_on=date(2026, 10, 5),
        certificate_kind=rules.CertificateKind.HELD,
        certificate_on=date(2026, 11, 14),
        held_on=date(2026, 11, 11),
        outcome="not_agreed",
        expected_version=mediation.version,
        today=TODAY,
    )
    # A month from Saturday 14 November is Monday 14 December 2026.
    assert _ceased_on(ceasing) == date(2026, 12, 14)
    assert Ceasing.objects.get(pk=ceasing.pk).mediation_certificate_on == date(2026, 11, 14)
    assert AccessEvent.objects.filter(child_id=area.child.pk, what__contains="mediation").count() >= 2


def test_an_appeal_against_ceasing_keeps_the_plan_in_force_until_it_is_decided(area, ceasing):
    coordinator = acting(area.users["coordinator"])
    appeal = services.register_appeal(
        area.child,
        by=coordinator,
        ground=rules.Ground.CEASING,
        decision_on=NOTICE,
        registered_on=date(2026, 10, 20),
        response_due_on=date(2026, 12, 1),
        ceasing=ceasing,
        today=TODAY,
    )
    assert _ceased_on(ceasing) is None
    assert Ceasing.objects.get(pk=ceasing.pk).appeal_lodged_on == date(2026, 10, 20)
    services.update_appeal(
        appeal,
        by=coordinator,
        response_due_on=appeal.response_due_on,
        response_sent_on=date(2026, 11, 2),
        hearing_on=date(2026, 11, 18),
        decided_on=date(2026, 11, 19),
        outcome="dismissed",
        expected_version=appeal.version,
        today=TODAY,
    )
    ceasing.refresh_from_db()
    assert (ceasing.appeal_decided_on, ceasing.appeal_upheld) == (date(2026, 11, 19), False)
    assert _ceased_on(ceasing) == date(2026, 11, 19)


def test_an_appeal_against_ceasing_upheld_keeps_the_plan(area, ceasing):
    coordinator = acting(area.users["coordinator"])
    appeal = services.register_appeal(
        area.child,
        by=coordinator,
        ground=rules.Ground.CEASING,
        decision_on=NOTICE,
        registered_on=date(2026, 10, 20),
        ceasing=ceasing,
        today=TODAY,
    )
    services.update_appeal(
        appeal,
        by=coordinator,
        response_due_on=None,
        response_sent_on=None,
        hearing_on=None,
        decided_on=date(2026, 11, 19),
        outcome="upheld",
        expected_version=appeal.version,
        today=TODAY,
    )
    assert _ceased_on(ceasing) is None
    appeal.refresh_from_db()
    with pytest.raises(InvalidStep, match="cannot be changed"):
        services.update_appeal(
            appeal,
            by=coordinator,
            response_due_on=None,
            response_sent_on=None,
            hearing_on=None,
            decided_on=date(2026, 11, 19),
            outcome="dismissed",
            expected_version=appeal.version,
            today=TODAY,
        )


@pytest.mark.parametrize(
    ("changes", "problem"),
    [
        ({"registered_on": date(2026, 9, 1)}, "cannot be before the decision"),
        ({"registered_on": date(2026, 12, 1)}, "must be today or in the past"),
        ({"ground": rules.Ground.CEASING}, "Select the decision to cease"),
        ({"ground": rules.Ground.PLAN_CONTENT}, "Select the sections"),
        ({"ground": "nonsense"}, "Select what it is about"),
    ],
)
def test_an_appeal_that_does_not_make_sense_is_refused_and_nothing_is_saved(area, changes, problem):
    values = {
        "ground": rules.Ground.REFUSAL_TO_ASSESS,
        "decision_on": NOTICE,
        "registered_on": TODAY,
    } | changes
    with pytest.raises(InvalidStep, match=problem):
        services.register_appeal(area.child, by=acting(area.users["coordinator"]), today=TODAY, **values)
    assert not Appeal.objects.exists()


def test_an_appeal_about_another_childs_plan_is_refused(area):
    plan = plan_in_force(area, today=TODAY)
    with pytest.raises(InvalidStep, match="must be this child's"):
        services.register_appeal(
            area.other_child,
            by=acting(area.users["manager"]),
            ground=rules.Ground.PLAN_CONTENT,
            sections="BF",
            decision_on=NOTICE,
            registered_on=TODAY,
            plan=plan,
            today=TODAY,
        )


def test_an_appeal_about_placement_is_about_section_i(area):
    appeal = services.register_appeal(
        area.child,
        by=acting(area.users["coordinator"]),
        ground=rules.Ground.PLACEMENT,
        decision_on=NOTICE,
        registered_on=TODAY,
        today=TODAY,
    )
    assert appeal.sections == "I"
    assert appeal.sen2_stage == rules.Sen2Stage.OTHER


def test_each_order_gets_its_reg_44_deadline_and_compliance_is_recorded_once(area):
    coordinator = acting(area.users["coordinator"])
    appeal = services.register_appeal(
        area.child,
        by=coordinator,
        ground=rules.Ground.REFUSAL_TO_ASSESS,
        decision_on=NOTICE,
        registered_on=date(2026, 10, 1),
        today=TODAY,
    )
    assess = services.add_order(
        appeal, by=coordinator, kind="assess", ordered_on=date(2026, 11, 2), today=TODAY
    )
    assert assess.due_on == date(2027, 2, 8)  # 14 weeks: the final plan
    unopposed = services.add_order(
        appeal, by=coordinator, kind="make_plan", ordered_on=date(2026, 11, 2), unopposed=True, today=TODAY
    )
    assert unopposed.due_on == date(2027, 1, 18)  # 11 weeks
    assert unopposed.deadlines()[0].regulation.endswith("reg. 45 (unopposed appeal)")
    services.record_compliance(
        assess, by=coordinator, complied_on=date(2026, 11, 16), expected_version=assess.version, today=TODAY
    )
    with pytest.raises(EditConflict):
        services.record_compliance(
            assess, by=coordinator, complied_on=date(2026, 11, 17), expected_version=1, today=TODAY
        )
    assert TribunalOrder.objects.get(pk=assess.pk).complied_on == date(2026, 11, 16)
    with pytest.raises(InvalidStep, match="before the order"):
        services.record_compliance(
            unopposed,
            by=coordinator,
            complied_on=date(2026, 11, 1),
            expected_version=unopposed.version,
            today=TODAY,
        )


def test_a_mediation_certificate_needs_its_kind_and_date_together(area, ceasing):
    mediation = _mediation(area, ceasing)
    with pytest.raises(InvalidStep, match="Give both"):
        services.update_mediation(
            mediation,
            by=acting(area.users["coordinator"]),
            contacted_on=None,
            certificate_kind="declined",
            certificate_on=None,
            held_on=None,
            outcome="",
            expected_version=mediation.version,
            today=TODAY,
        )
    assert _ceased_on(ceasing) == date(2026, 11, 10)


def test_the_appeals_and_mediations_a_user_reaches_are_those_of_the_children_they_reach(area):
    """By their own council key for the council's own staff (ADR 97), by the child's scope for
    anyone else: the same records either way, and never another council's, even one whose child
    names this council's coordinator."""
    from tellonce.accounts.policy import Capability
    from tellonce.appeals.models import Appeal, Mediation
    from tellonce.organisations.tests.factories import LocalAuthorityFactory
    from tellonce.people.models import Child
    from tellonce.people.tests.factories import ChildFactory

    theirs = ChildFactory(
        local_authority=LocalAuthorityFactory(code="998", name="Another council"),
        coordinator=area.users["coordinator"],
    )
    made = {Appeal: [], Mediation: []}
    for child in (area.child, area.other_child, theirs):
        about = {"child": child, "ground": "refuse_assess", "decision_on": date(2026, 9, 1)}
        made[Mediation].append(Mediation.objects.create(**about))
        made[Appeal].append(Appeal.objects.create(**about, registered_on=date(2026, 10, 1)))
    for capability in (Capability.SEE_APPEALS, Capability.RECORD_APPEALS):
        for name, user in area.users.items():
            children = Child.objects.within_scope(user, capability)
            for model in (Appeal, Mediation):
                reached = set(model.objects.within_scope(user, capability))
                assert reached == set(model.objects.filter(child__in=children)), (name, capability, model)
    for model, records in made.items():
        assert set(model.objects.visible_to(area.users["manager"])) == set(records[:2])
        assert set(model.objects.editable_by(area.users["coordinator"])) == {records[0]}
