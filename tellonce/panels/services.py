"""Changes to the council's decision panels. Each takes who is acting (`by`), today's date and, for
an edit, the version read. Recording a decision also records it where the law's clock lives: a
decision whether to assess or not to issue on the assessment (assessments.services, which keeps the
statutory checks), a top-up band in finance (finance.services.record_top_up), in one transaction."""

from collections.abc import Iterable
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.assessments import services as assessments
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.services import record_change
from tellonce.core import uploads
from tellonce.core.refusals import InvalidStep
from tellonce.domain import panels as rules
from tellonce.finance import services as finance
from tellonce.finance.models import BandTable
from tellonce.organisations.councils import council_id
from tellonce.panels.models import (
    Attendance,
    DecisionKind,
    Outcome,
    Panel,
    PanelCase,
    PanelDecision,
    PanelMeeting,
    PanelMember,
    Paper,
)
from tellonce.people.services import record_event


def _kinds(decides: Iterable[str]) -> list[str]:
    chosen = [kind for kind in DecisionKind.values if kind in set(decides)]
    if not chosen:
        raise InvalidStep.about({"decides": "Select at least one decision the panel makes"})
    return chosen


@transaction.atomic
def create_panel(*, by: Actor, today: date, name: str, decides: Iterable[str]) -> Panel:
    """A panel of the acting person's council."""
    council = council_id(by.user)
    name = name.strip()
    if not name:
        raise InvalidStep.about({"name": "Enter the panel's name"})
    if Panel.objects.filter(local_authority_id=council, name__iexact=name).exists():
        raise InvalidStep.about({"name": f"The council already has a panel called {name}"})
    return Panel.objects.create(local_authority_id=council, name=name, decides=_kinds(decides))


@transaction.atomic
def change_panel(
    panel: Panel, *, by: Actor, today: date, expected_version: int, name: str, decides: Iterable[str]
) -> Panel:
    name = name.strip()
    taken = Panel.objects.filter(local_authority_id=panel.local_authority_id, name__iexact=name)
    if taken.exclude(pk=panel.pk).exists():
        raise InvalidStep.about({"name": f"The council already has a panel called {name}"})
    panel.name, panel.decides = name, _kinds(decides)
    panel.save_versioned(expected_version=expected_version, fields=["name", "decides"])
    return panel


@transaction.atomic
def add_member(
    panel: Panel, *, by: Actor, today: date, name: str, agency: str, role: str = ""
) -> PanelMember:
    return PanelMember.objects.create(panel=panel, name=name.strip(), agency=agency, role=role.strip())


@transaction.atomic
def stand_down(member: PanelMember, *, by: Actor, today: date, expected_version: int) -> PanelMember:
    """The member no longer sits on the panel; past attendance is kept."""
    member.active = False
    member.save_versioned(expected_version=expected_version, fields=["active"])
    return member


@transaction.atomic
def schedule_meeting(panel: Panel, *, by: Actor, today: date, held_on: date, place: str = "") -> PanelMeeting:
    return PanelMeeting.objects.create(panel=panel, held_on=held_on, place=place.strip())


@transaction.atomic
def put_case(
    meeting: PanelMeeting,
    assessment: AssessmentRequest,
    *,
    by: Actor,
    today: date,
    kind: str,
    summary: str = "",
    presented_by: User | None = None,
    paper: UploadedFile | None = None,
) -> PanelCase:
    """Put a request to a meeting of its council's panel, with an optional paper (checked again here)."""
    problems = {}
    if meeting.panel.local_authority_id != assessment.child.local_authority_id:
        problems["meeting"] = "Choose a meeting of your council's panel"
    elif kind not in meeting.panel.decides:
        problems["kind"] = f"{meeting.panel} does not make this decision: choose another meeting"
    if assessment.panel_cases.filter(meeting=meeting, kind=kind).exists():
        problems["meeting"] = "This request is already on that meeting's agenda for this decision"
    if problems:
        raise InvalidStep.about(problems)
    case = PanelCase.objects.create(
        meeting=meeting,
        child=assessment.child,
        assessment=assessment,
        kind=kind,
        summary=summary.strip(),
        presented_by=presented_by or by.user,
    )
    if paper is not None:
        add_paper(case, by=by, today=today, upload=paper)
    record_event(
        assessment.child,
        by=by,
        what=f"Put to {meeting.panel} on {meeting.held_on} ({assessment.ref}): {case.get_kind_display()}",
        kind="assessment",
        title=f"Request taken to {meeting.panel}",
        occurred_on=today,
        visible_to_family=False,
    )
    return case


@transaction.atomic
def add_paper(case: PanelCase, *, by: Actor, today: date, upload: UploadedFile) -> Paper:
    checked = uploads.check(upload, (uploads.Kind.PDF, uploads.Kind.DOCX))
    paper = Paper.objects.create(
        case=case,
        file=upload,
        original_name=upload.name[:200],
        content_type=checked.content_type,
        size=upload.size,
        uploaded_by=by.user,
        uploaded_on=today,
    )
    record_change(by, case.child, f"Added a paper for the panel: {paper.original_name}")
    return paper


@transaction.atomic
def record_attendance(
    meeting: PanelMeeting,
    *,
    by: Actor,
    today: date,
    expected_version: int,
    statuses: dict[str, str],
) -> PanelMeeting:
    """Who came (member id to Attendance.Status); members not named are left as they were."""
    if meeting.held_on > today:
        raise InvalidStep(["Attendance can be recorded once the meeting has been held"])
    members = {str(m.pk): m for m in meeting.panel.members.all()}
    for member_id, status in statuses.items():
        if member_id not in members or status not in Attendance.Status.values:
            raise InvalidStep(["Choose whether each member was present, sent apologies or was absent"])
    meeting.attendance_recorded_on = today
    meeting.save_versioned(expected_version=expected_version, fields=["attendance_recorded_on"])
    for member_id, status in statuses.items():
        Attendance.objects.update_or_create(
            meeting=meeting, member=members[member_id], defaults={"status": status}
        )
    return meeting


def present_agencies(meeting: PanelMeeting) -> set[str]:
    return {
        row.member.agency
        for row in meeting.attendance.select_related("member")
        if row.status == Attendance.Status.PRESENT
    }


def _on_the_assessment(
    case: PanelCase, *, by: Actor, today: date, outcome: str, notified_on: date | None
) -> None:
    """A decision the law times: recorded on the assessment, whose service checks its dates."""
    chosen = None
    if case.kind == DecisionKind.ASSESS and outcome == Outcome.AGREED:
        chosen = assessments.decide_to_assess
    elif case.kind == DecisionKind.ASSESS and outcome == Outcome.REFUSED:
        chosen = assessments.refuse_to_assess
    elif case.kind == DecisionKind.ISSUE and outcome == Outcome.REFUSED:
        chosen = assessments.decide_not_to_issue
    if chosen is None:
        return
    if notified_on is None:
        raise InvalidStep.about({"notified_on": "Enter the date the family was told the decision"})
    assessment = AssessmentRequest.objects.select_for_update().get(pk=case.assessment_id)
    try:
        chosen(assessment, by=by, notified_on=notified_on, expected_version=assessment.version, today=today)
    except InvalidStep as refused:
        raise InvalidStep(
            [f"The assessment cannot record this decision: {problem}" for problem in refused.problems]
        ) from None


@transaction.atomic
def record_decision(
    case: PanelCase,
    *,
    by: Actor,
    today: date,
    expected_version: int,
    outcome: str,
    reasons: str,
    notified_on: date | None = None,
    placement: str = "",
    band: str = "",
    advice_to_setting: str = "",
    look_again_on: date | None = None,
) -> PanelDecision:
    """The panel's decision on a case, with its reasons. A refusal keeps the advice to the setting
    and a date to look again (6 months on unless chosen)."""
    meeting = case.meeting
    problems = {}
    if meeting.held_on > today:
        problems["outcome"] = "The decision can be recorded once the meeting has been held"
    if hasattr(case, "decision"):
        problems["outcome"] = "The panel's decision on this case is already recorded"
    if outcome not in Outcome.values:
        problems["outcome"] = "Select the panel's decision"
    if not reasons.strip():
        problems["reasons"] = "Enter the panel's reasons: the family's letter gives them"
    if notified_on is not None and notified_on < meeting.held_on:
        problems["notified_on"] = "The family cannot be told before the panel met"
    if case.kind == DecisionKind.PLACEMENT and outcome == Outcome.AGREED and not placement.strip():
        problems["placement"] = "Enter the school, college or setting the panel agreed"
    if case.kind == DecisionKind.TOP_UP and outcome == Outcome.AGREED and not band.strip():
        problems["band"] = "Enter the band the panel agreed"
    if look_again_on is not None and look_again_on <= meeting.held_on:
        problems["look_again_on"] = "The date to look again must be after the meeting"
    if problems:
        raise InvalidStep.about(problems)
    refused = outcome == Outcome.REFUSED
    case.save_versioned(expected_version=expected_version, fields=[])
    _on_the_assessment(case, by=by, today=today, outcome=outcome, notified_on=notified_on)
    top_up = None
    if case.kind == DecisionKind.TOP_UP and outcome == Outcome.AGREED:
        table = (
            BandTable.objects.of_council(case.child.local_authority_id)
            .filter(status=BandTable.Status.IN_USE)
            .order_by("pk")
            .first()
        )
        if table is None:
            raise InvalidStep.about({"band": "The council has no band table in use"})
        top_up = finance.record_top_up(
            case.child, table=table, levels={}, chosen=band.strip().upper(), reason=reasons.strip(), by=by
        )
    decision = PanelDecision(
        case=case,
        kind=case.kind,
        outcome=outcome,
        reasons=reasons.strip(),
        decided_on=meeting.held_on,
        notified_on=notified_on,
        placement=placement.strip(),
        band=band.strip().upper(),
        top_up=top_up,
        advice_to_setting=advice_to_setting.strip() if refused else "",
        look_again_on=rules.look_again_by(meeting.held_on, look_again_on) if refused else None,
        decided_by=by.user,
    )
    decision.save()
    record_event(
        case.child,
        by=by,
        what=f"{meeting.panel} decided ({case.assessment.ref}): {case.get_kind_display()}, {decision.get_outcome_display()}",
        kind="assessment",
        title=f"{meeting.panel}: {SHORT_OUTCOME[DecisionKind(case.kind), Outcome(outcome)]}",
        occurred_on=meeting.held_on,
        visible_to_family=False,
    )
    return decision


SHORT_OUTCOME = {
    (DecisionKind.ASSESS, Outcome.AGREED): "agreed to carry out an EHC needs assessment",
    (DecisionKind.ASSESS, Outcome.REFUSED): "decided not to carry out an EHC needs assessment",
    (DecisionKind.ISSUE, Outcome.AGREED): "agreed to issue an EHC plan",
    (DecisionKind.ISSUE, Outcome.REFUSED): "decided not to issue an EHC plan",
    (DecisionKind.PLACEMENT, Outcome.AGREED): "agreed the placement",
    (DecisionKind.PLACEMENT, Outcome.REFUSED): "did not agree the placement",
    (DecisionKind.TOP_UP, Outcome.AGREED): "agreed a top-up band",
    (DecisionKind.TOP_UP, Outcome.REFUSED): "did not agree a top-up band",
    **{(kind, Outcome.DEFERRED): "deferred the decision" for kind in DecisionKind},
}


@transaction.atomic
def letter_sent(
    decision: PanelDecision, *, by: Actor, today: date, expected_version: int, sent_on: date
) -> PanelDecision:
    problems = {}
    if sent_on > today:
        problems["sent_on"] = "The date the letter was sent must be today or in the past"
    elif sent_on < decision.decided_on:
        problems["sent_on"] = "The letter cannot be sent before the panel decided"
    if problems:
        raise InvalidStep.about(problems)
    decision.letter_sent_on = sent_on
    decision.save_versioned(expected_version=expected_version, fields=["letter_sent_on"])
    record_event(
        decision.case.child,
        by=by,
        what=f"Letter sent about the panel's decision: {decision.case.get_kind_display()}",
        kind="assessment",
        title="Letter sent about the panel's decision",
        occurred_on=sent_on,
    )
    return decision
