"""The cases a user reaches are those of the children they reach (ADR 97)."""

from datetime import date

from tellonce.accounts.policy import Capability
from tellonce.assessments.models import AssessmentRequest
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.people.models import Child
from tellonce.people.tests.factories import ChildFactory


def test_the_cases_a_user_reaches_are_those_of_the_children_they_reach(area):
    """By the cases' own council key for the council's own staff, by the child's scope for anyone
    else: the same cases either way, and never another council's, even one whose child names this
    council's coordinator."""
    theirs = ChildFactory(
        local_authority=LocalAuthorityFactory(code="998", name="Another council"),
        coordinator=area.users["coordinator"],
    )
    made = [
        AssessmentRequest.objects.create(
            ref=f"SCOPE-{n}", child=child, received_on=date(2026, 9, 1), requested_by="parent"
        )
        for n, child in enumerate((area.child, area.other_child, theirs))
    ]
    for capability in (Capability.VIEW_ASSESSMENT, Capability.RUN_ASSESSMENT, Capability.WORK_CASELOAD):
        for name, user in area.users.items():
            children = Child.objects.within_scope(user, capability)
            reached = set(AssessmentRequest.objects.within_scope(user, capability))
            assert reached == set(AssessmentRequest.objects.filter(child__in=children)), (name, capability)
    assert set(AssessmentRequest.objects.visible_to(area.users["manager"])) >= set(made[:2])
    assert made[2] not in set(AssessmentRequest.objects.visible_to(area.users["manager"]))
    assert made[2] not in set(AssessmentRequest.objects.editable_by(area.users["coordinator"]))
    assert made[0] in set(AssessmentRequest.objects.editable_by(area.users["coordinator"]))
