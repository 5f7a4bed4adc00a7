"""Demo decision panels: the EHC needs assessment panel meeting every Thursday and the placement and
resources panel on the first Tuesday of the month, each with members from education, health and
social care; their meetings of the last 26 weeks with the cases that match the demo's decisions
(whether to assess, not to issue, placements in drafts), attendance (one meeting without health),
the letters sent, and the next meetings with cases waiting."""

import random
from datetime import date, timedelta

from tellonce.assessments.models import AssessmentRequest
from tellonce.demo.steps import DemoArea, Progress, demo_step, seeded_uuid
from tellonce.domain.calendar import add_months
from tellonce.panels.models import (
    Attendance,
    DecisionKind,
    Outcome,
    Panel,
    PanelCase,
    PanelDecision,
    PanelMeeting,
    PanelMember,
)

WEEKS = 26
MEMBERS = {
    "EHC needs assessment panel": [
        ("Marcus Bell", "chair", "SEND team manager"),
        ("Helen Ashworth", "education", "Headteacher, Northbridge primary schools"),
        ("Dr Kofi Mensah", "education", "Principal educational psychologist"),
        ("Ruth Kaye", "health", "Designated clinical officer"),
        ("Gary Holt", "social_care", "Designated social care officer"),
    ],
    "Placement and resources panel": [
        ("Marcus Bell", "chair", "SEND team manager"),
        ("Lena Ortiz", "education", "Special schools lead"),
        ("Ruth Kaye", "health", "Designated clinical officer"),
        ("Priya Nair", "social_care", "Children with disabilities team manager"),
    ],
}
ASSESS_REASONS = (
    "The school's evidence over three cycles of assess, plan, do, review shows needs that SEN support "
    "has not met. The panel agreed the child may need special educational provision through a plan."
)
REFUSE_REASONS = (
    "The school has only recently begun SEN support and the panel has not yet seen its effect. "
    "The panel thinks the child's needs can be met from the school's own resources for now."
)
ADVICE = (
    "Ask the educational psychology service for a consultation, put in place a small-group language "
    "programme three times a week, and review it with the family each half term."
)
NOT_TO_ISSUE_REASONS = (
    "The advice gathered shows needs that the school can meet with the support it already gives and "
    "the outreach service. The panel has set out what the school should do."
)


def _weekday_on_or_before(day: date, weekday: int) -> date:
    return day - timedelta(days=(day.weekday() - weekday) % 7)


@demo_step(name="decision panels", order=125)
def panels(area: DemoArea, rng: random.Random, progress: Progress) -> None:
    la, today = area.local_authority, area.today
    assessing = Panel.objects.create(
        id=seeded_uuid(rng),
        local_authority=la,
        name="EHC needs assessment panel",
        decides=["assess", "issue"],
    )
    placing = Panel.objects.create(
        id=seeded_uuid(rng),
        local_authority=la,
        name="Placement and resources panel",
        decides=["placement", "top_up"],
    )
    members = {}
    for panel in (assessing, placing):
        members[panel.pk] = PanelMember.objects.bulk_create(
            PanelMember(id=seeded_uuid(rng), panel=panel, name=name, agency=agency, role=role)
            for name, agency, role in MEMBERS[panel.name]
        )
    thursdays = [_weekday_on_or_before(today, 3) - timedelta(weeks=w) for w in range(WEEKS, -1, -1)]
    thursdays = [d for d in thursdays if d < today]
    next_thursday = _weekday_on_or_before(today, 3) + timedelta(weeks=1)
    meetings = {
        held: PanelMeeting(
            id=seeded_uuid(rng),
            panel=assessing,
            held_on=held,
            place="Northbridge Civic Centre",
            attendance_recorded_on=held,
        )
        for held in thursdays
    }
    upcoming = PanelMeeting(
        id=seeded_uuid(rng), panel=assessing, held_on=next_thursday, place="Online (Teams)"
    )
    tuesdays = []
    for months in (3, 2, 1, 0):
        first = add_months(date(today.year, today.month, 1), -months)
        tuesday = first + timedelta(days=(1 - first.weekday()) % 7)
        tuesdays.append(tuesday)
    placement_meetings = {
        held: PanelMeeting(
            id=seeded_uuid(rng),
            panel=placing,
            held_on=held,
            place="Northbridge Civic Centre",
            attendance_recorded_on=held if held < today else None,
        )
        for held in tuesdays
    }
    PanelMeeting.objects.bulk_create([*meetings.values(), upcoming, *placement_meetings.values()])

    attendance = []
    without_health = thursdays[-3] if len(thursdays) >= 3 else None
    for held, meeting in [*meetings.items(), *((h, m) for h, m in placement_meetings.items() if h < today)]:
        for member in members[meeting.panel_id]:
            status = Attendance.Status.PRESENT
            if member.agency == "health" and held == without_health:
                status = Attendance.Status.APOLOGIES
            elif member.agency == "education" and rng.random() < 0.15:
                status = Attendance.Status.APOLOGIES
            attendance.append(Attendance(meeting=meeting, member=member, status=status))
    Attendance.objects.bulk_create(attendance)

    since = thursdays[0] if thursdays else today
    cases, decisions = [], []
    found = (
        AssessmentRequest.objects.filter(child__local_authority=la)
        .select_related("child")
        .order_by("received_on", "ref")
    )

    def meeting_before(day: date, received: date) -> PanelMeeting | None:
        held = _weekday_on_or_before(day - timedelta(days=1), 3)
        return meetings.get(held) if held >= received else None

    def decide(case, kind, outcome, reasons, notified, **extra):
        refused = outcome == Outcome.REFUSED
        decisions.append(
            PanelDecision(
                id=seeded_uuid(rng),
                case=case,
                kind=kind,
                outcome=outcome,
                reasons=reasons,
                decided_on=case.meeting.held_on,
                notified_on=notified,
                letter_sent_on=notified if rng.random() < 0.9 else None,
                advice_to_setting=ADVICE if refused else "",
                look_again_on=add_months(case.meeting.held_on, 6) if refused else None,
                decided_by=area.staff["manager"],
                **extra,
            )
        )

    def put(meeting, request, kind, summary):
        case = PanelCase(
            id=seeded_uuid(rng),
            meeting=meeting,
            child=request.child,
            assessment=request,
            kind=kind,
            summary=summary,
            presented_by=request.coordinator,
        )
        cases.append(case)
        return case

    waiting = []
    for request in found:
        notified = request.decision_notified_on
        if (
            notified
            and since < notified <= today
            and (meeting := meeting_before(notified, request.received_on))
        ):
            case = put(
                meeting, request, DecisionKind.ASSESS, "Decide whether to carry out an EHC needs assessment"
            )
            if request.decision == "assess":
                decide(case, DecisionKind.ASSESS, Outcome.AGREED, ASSESS_REASONS, notified)
            else:
                decide(case, DecisionKind.ASSESS, Outcome.REFUSED, REFUSE_REASONS, notified)
        no_plan = request.not_to_issue_notified_on
        if no_plan and since < no_plan <= today and (meeting := meeting_before(no_plan, request.received_on)):
            case = put(meeting, request, DecisionKind.ISSUE, "Decide whether to issue an EHC plan")
            decide(case, DecisionKind.ISSUE, Outcome.REFUSED, NOT_TO_ISSUE_REASONS, no_plan)
        draft = request.draft_issued_on
        if draft and not request.final_issued_on and request.child.setting_id and tuesdays[0] <= draft:
            held = max((t for t in tuesdays if t >= draft and t < today), default=None)
            if held is not None:
                case = put(
                    placement_meetings[held],
                    request,
                    DecisionKind.PLACEMENT,
                    "Agree the school to name in section I",
                )
                setting = request.child.setting
                decide(
                    case,
                    DecisionKind.PLACEMENT,
                    Outcome.AGREED,
                    f"{setting} can meet the child's needs and is the family's preference.",
                    None,
                    placement=str(setting),
                )
        if not request.decision and request.withdrawn_on is None and request.final_issued_on is None:
            waiting.append(request)
    # Cases waiting: one taken to the last meeting with its decision still to record, the rest to the next.
    before_last = [r for r in waiting if thursdays and r.received_on < thursdays[-1]]
    if before_last:
        last = before_last[0]
        put(
            meetings[thursdays[-1]],
            last,
            DecisionKind.ASSESS,
            "Decide whether to carry out an EHC needs assessment",
        )
        waiting.remove(last)
    for request in waiting[:6]:
        put(upcoming, request, DecisionKind.ASSESS, "Decide whether to carry out an EHC needs assessment")
    PanelCase.objects.bulk_create(cases, batch_size=2000)
    PanelDecision.objects.bulk_create(decisions, batch_size=2000)
    progress.say(
        f"2 panels, {len(meetings) + len(placement_meetings) + 1} meetings, {len(cases):,} cases, "
        f"{len(decisions):,} decisions"
    )
