"""Panels, meetings, cases, attendance and decisions, and what a decision records elsewhere."""

from datetime import date

import pytest

from tellonce.assessments import services as assessments
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import acting
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.finance.models import TopUp
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.panels import services
from tellonce.panels.models import Attendance, Outcome, Panel, PanelDecision
from tellonce.panels.tests.builders import band_table, panel_for, request_for

TODAY = date(2026, 11, 20)
MET = date(2026, 11, 12)


@pytest.fixture
def setup(area):
    panel, members, meeting = panel_for(area, held_on=MET, today=TODAY)
    case = request_for(area, received_on=date(2026, 10, 1), today=TODAY)
    return area, panel, members, meeting, case


def _put(area, meeting, case, kind="assess"):
    return services.put_case(meeting, case, by=acting(area.users["coordinator"]), today=TODAY, kind=kind)


def test_a_panel_belongs_to_the_council_of_the_manager_who_made_it(setup):
    area, panel, *_ = setup
    assert panel.local_authority_id == area.users["manager"].local_authority_id
    assert Panel.objects.within_scope(area.users["coordinator"], "sit_on_panel").get() == panel


def test_a_panel_must_make_at_least_one_decision_and_have_a_name_of_its_own(setup):
    area, *_ = setup
    with pytest.raises(InvalidStep, match="at least one decision"):
        services.create_panel(by=acting(area.users["manager"]), today=TODAY, name="Another", decides=[])
    with pytest.raises(InvalidStep, match="already has a panel"):
        services.create_panel(
            by=acting(area.users["manager"]),
            today=TODAY,
            name="ehc needs assessment panel",
            decides=["assess"],
        )


def test_a_case_is_put_to_a_meeting_once_for_each_decision(setup):
    area, panel, members, meeting, case = setup
    put = _put(area, meeting, case)
    assert put.child == area.child and put.presented_by == area.users["coordinator"]
    with pytest.raises(InvalidStep, match="already on that meeting's agenda"):
        _put(area, meeting, case)


def test_a_case_cannot_go_to_a_panel_that_does_not_make_that_decision(setup):
    area, panel, members, meeting, case = setup
    with pytest.raises(InvalidStep, match="does not make this decision"):
        _put(area, meeting, case, kind="placement")


def test_a_case_cannot_go_to_another_councils_panel(setup):
    area, panel, members, meeting, case = setup
    panel.local_authority = LocalAuthorityFactory(code="998", name="Southfield Council")
    panel.save()
    meeting.refresh_from_db()
    with pytest.raises(InvalidStep, match="your council's panel"):
        _put(area, meeting, case)


def test_attendance_is_kept_for_each_member_and_shows_who_was_there(setup):
    area, panel, members, meeting, case = setup
    statuses = {str(m.pk): "present" for m in members} | {str(members[2].pk): "apologies"}
    services.record_attendance(
        meeting,
        by=acting(area.users["coordinator"]),
        today=TODAY,
        expected_version=meeting.version,
        statuses=statuses,
    )
    assert Attendance.objects.filter(meeting=meeting, status="present").count() == 3
    assert services.present_agencies(meeting) == {"chair", "education", "social_care"}


def test_attendance_cannot_be_recorded_before_the_meeting_or_over_someone_elses(setup):
    area, panel, members, meeting, case = setup
    by = acting(area.users["coordinator"])
    with pytest.raises(InvalidStep, match="once the meeting has been held"):
        services.record_attendance(meeting, by=by, today=date(2026, 11, 1), expected_version=1, statuses={})
    services.record_attendance(meeting, by=by, today=TODAY, expected_version=1, statuses={})
    with pytest.raises(EditConflict):
        services.record_attendance(meeting, by=by, today=TODAY, expected_version=1, statuses={})


def test_a_decision_to_assess_is_recorded_on_the_assessment_with_the_day_the_family_was_told(setup):
    area, panel, members, meeting, case = setup
    put = _put(area, meeting, case)
    decision = services.record_decision(
        put,
        by=acting(area.users["coordinator"]),
        today=TODAY,
        expected_version=put.version,
        outcome=Outcome.AGREED,
        reasons="The school's evidence shows needs beyond SEN support.",
        notified_on=date(2026, 11, 13),
    )
    case = AssessmentRequest.objects.get(pk=case.pk)
    assert (case.decision, case.decision_notified_on) == ("assess", date(2026, 11, 13))
    assert decision.decided_on == MET and decision.look_again_on is None
    changes = AccessEvent.objects.filter(child_id=area.child.pk, action=Action.CHANGE)
    assert changes.filter(what__contains="EHC needs assessment panel decided").exists()


def test_a_refusal_keeps_the_advice_to_the_setting_and_looks_again_in_six_months(setup):
    area, panel, members, meeting, case = setup
    put = _put(area, meeting, case)
    decision = services.record_decision(
        put,
        by=acting(area.users["coordinator"]),
        today=TODAY,
        expected_version=put.version,
        outcome=Outcome.REFUSED,
        reasons="Needs can be met at SEN support.",
        notified_on=date(2026, 11, 13),
        advice_to_setting="Speech and language programme three times a week.",
    )
    assert AssessmentRequest.objects.get(pk=case.pk).decision == "refuse"
    assert decision.look_again_on == date(2027, 5, 12)
    assert decision.advice_to_setting.startswith("Speech")


def test_a_decision_needs_reasons_and_for_assessing_the_day_the_family_was_told(setup):
    area, panel, members, meeting, case = setup
    put = _put(area, meeting, case)
    by = acting(area.users["coordinator"])
    with pytest.raises(InvalidStep) as refused:
        services.record_decision(
            put, by=by, today=TODAY, expected_version=put.version, outcome="agreed", reasons=" "
        )
    assert "reasons" in refused.value.fields
    with pytest.raises(InvalidStep) as refused:
        services.record_decision(
            put, by=by, today=TODAY, expected_version=put.version, outcome="agreed", reasons="Yes"
        )
    assert "notified_on" in refused.value.fields
    assert not PanelDecision.objects.filter(case=put).exists()


def test_the_assessments_timescale_checks_refuse_an_impossible_date_and_nothing_is_saved(setup):
    area, panel, members, meeting, case = setup
    put = _put(area, meeting, case)
    with pytest.raises(InvalidStep, match="assessment cannot record this decision"):
        services.record_decision(
            put,
            by=acting(area.users["coordinator"]),
            today=date(2026, 11, 14),
            expected_version=put.version,
            outcome="agreed",
            reasons="Needs are complex",
            notified_on=date(2026, 11, 15),
        )
    assert not AssessmentRequest.objects.get(pk=case.pk).decision


def test_a_decision_cannot_be_recorded_before_the_meeting(area):
    panel, members, meeting = panel_for(area, held_on=date(2026, 12, 3), today=TODAY)
    case = request_for(area, received_on=date(2026, 10, 1), today=TODAY)
    put = _put(area, meeting, case)
    with pytest.raises(InvalidStep, match="once the meeting has been held"):
        services.record_decision(
            put,
            by=acting(area.users["manager"]),
            today=TODAY,
            expected_version=put.version,
            outcome="deferred",
            reasons="More advice needed",
        )


def test_a_top_up_band_decision_is_recorded_in_finance(setup):
    area, panel, members, meeting, case = setup
    band_table(area)
    put = _put(area, meeting, case, kind="top_up")
    decision = services.record_decision(
        put,
        by=acting(area.users["manager"]),
        today=TODAY,
        expected_version=put.version,
        outcome="agreed",
        reasons="Needs one-to-one support for most of the day",
        band="b",
    )
    top_up = TopUp.objects.get(child=area.child)
    assert decision.top_up == top_up and top_up.band.code == "B"


def test_the_letter_is_recorded_as_sent_not_before_the_decision(setup):
    area, panel, members, meeting, case = setup
    put = _put(area, meeting, case)
    by = acting(area.users["coordinator"])
    decision = services.record_decision(
        put,
        by=by,
        today=TODAY,
        expected_version=put.version,
        outcome="deferred",
        reasons="More advice needed",
    )
    with pytest.raises(InvalidStep, match="before the panel decided"):
        services.letter_sent(
            decision, by=by, today=TODAY, expected_version=decision.version, sent_on=date(2026, 11, 1)
        )
    services.letter_sent(decision, by=by, today=TODAY, expected_version=decision.version, sent_on=TODAY)
    decision.refresh_from_db()
    assert decision.letter_sent_on == TODAY


def test_a_decision_not_to_issue_a_plan_is_recorded_on_the_assessment_being_carried_out(setup):
    area, panel, members, meeting, case = setup
    by = acting(area.users["coordinator"])
    assessments.decide_to_assess(
        case, by=by, notified_on=date(2026, 10, 20), expected_version=case.version, today=TODAY
    )
    put = _put(area, meeting, case, kind="issue")
    services.record_decision(
        put,
        by=by,
        today=TODAY,
        expected_version=put.version,
        outcome="refused",
        reasons="The advice shows the school can meet the needs.",
        notified_on=date(2026, 11, 16),
    )
    assert AssessmentRequest.objects.get(pk=case.pk).not_to_issue_notified_on == date(2026, 11, 16)


def test_agreeing_to_issue_a_plan_leaves_the_assessment_to_its_draft(setup):
    area, panel, members, meeting, case = setup
    by = acting(area.users["coordinator"])
    assessments.decide_to_assess(
        case, by=by, notified_on=date(2026, 10, 20), expected_version=case.version, today=TODAY
    )
    put = _put(area, meeting, case, kind="issue")
    decision = services.record_decision(
        put, by=by, today=TODAY, expected_version=put.version, outcome="agreed", reasons="Needs are complex."
    )
    case = AssessmentRequest.objects.get(pk=case.pk)
    assert (
        decision.outcome == "agreed"
        and case.not_to_issue_notified_on is None
        and case.draft_issued_on is None
    )


def test_the_cases_and_decisions_a_user_reaches_are_those_of_the_children_they_reach(setup):
    """For the council's own staff the panel's cases, papers and decisions are reached by their own
    council key (with the child's coordinator for a caseload, ADR 97); for everyone each reaches
    exactly the records of the children the capability reaches. Another council's case is out of
    reach even when its child names this council's coordinator."""
    from tellonce.accounts.policy import Capability
    from tellonce.panels.models import PanelCase, Paper
    from tellonce.people.models import Child
    from tellonce.people.tests.factories import ChildFactory

    area, panel, members, meeting, case = setup
    mine = _put(area, meeting, case)
    other = assessments.record_request(
        area.other_child,
        by=acting(area.users["other coordinator"]),
        received_on=MET,
        requested_by="parent",
        today=TODAY,
    )
    theirs_child = ChildFactory(
        local_authority=LocalAuthorityFactory(code="998", name="Southfield Council"),
        coordinator=area.users["coordinator"],
    )
    theirs = AssessmentRequest.objects.create(child=theirs_child, received_on=MET, requested_by="parent")
    cases = [
        mine,
        _put(area, meeting, other),
        PanelCase.objects.create(meeting=meeting, child=theirs_child, assessment=theirs, kind="assess"),
    ]
    for made in cases:
        PanelDecision.objects.create(
            case=made, kind="assess", outcome="agreed", reasons="Met", decided_on=MET
        )
    assert cases[2].local_authority_id != cases[0].local_authority_id == cases[1].local_authority_id
    for capability in (Capability.TAKE_TO_PANEL, Capability.VIEW_CHILD, Capability.EDIT_CHILD):
        for name, user in area.users.items():
            children = Child.objects.within_scope(user, capability)
            for model, child in (
                (PanelCase, "child"),
                (PanelDecision, "case__child"),
                (Paper, "case__child"),
            ):
                reached = set(model.objects.within_scope(user, capability))
                expected = set(model.objects.filter(**{f"{child}__in": children}))
                assert reached == expected, (name, capability, model)
    manager, coordinator = area.users["manager"], area.users["coordinator"]
    assert set(PanelCase.objects.within_scope(manager, Capability.TAKE_TO_PANEL)) == set(cases[:2])
    assert set(PanelDecision.objects.within_scope(coordinator, Capability.EDIT_CHILD)) == {mine.decision}
