"""The decision panel's pages. Panels and meetings are reached through their council
(`Panel.objects.within_scope`), cases, papers and decisions through their child's scope
(`PanelCase.objects.within_scope(user, capability)`); outside either the answer is 404."""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.advice.models import AdviceRequest
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.shown import exported, listed, shown
from tellonce.core.formatting import govuk_date
from tellonce.core.forms import service_kwargs
from tellonce.core.time import uk_today, working_days
from tellonce.core.views import attempt, edit_conflict, form_page
from tellonce.domain import panels as rules
from tellonce.panels import forms, presenters, services
from tellonce.panels.models import (
    Attendance,
    DecisionKind,
    Panel,
    PanelCase,
    PanelMeeting,
    PanelMember,
    Paper,
)
from tellonce.plans import documents

C = Capability
TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _panel(request, pk, capability: Capability) -> Panel:
    return get_object_or_404(Panel.objects.within_scope(request.user, capability), pk=pk)


def _meeting(request, pk, capability: Capability) -> PanelMeeting:
    return get_object_or_404(
        PanelMeeting.objects.within_scope(request.user, capability).select_related("panel"), pk=pk
    )


def _case(request, pk, capability: Capability) -> PanelCase:
    case = get_object_or_404(
        PanelCase.objects.within_scope(request.user, capability).select_related(
            "child__local_authority", "assessment__coordinator", "meeting__panel", "presented_by"
        ),
        pk=pk,
    )
    shown(request, case.child)
    return case


def _decision(case: PanelCase):
    return getattr(case, "decision", None)


@requires(C.SIT_ON_PANEL)
def home(request):
    today = uk_today()
    panels = Panel.objects.within_scope(request.user, C.SIT_ON_PANEL).prefetch_related("members")
    meetings = list(
        PanelMeeting.objects.within_scope(request.user, C.SIT_ON_PANEL)
        .select_related("panel")
        .order_by("held_on")
    )
    return render(
        request,
        "panels/home.jinja",
        {
            "title": "Decision panels",
            "panels": panels,
            "upcoming": [m for m in meetings if m.held_on >= today],
            "past": [m for m in reversed(meetings) if m.held_on < today][:20],
            "can_run": allows(request.user, C.RUN_PANELS),
        },
    )


@requires(C.RUN_PANELS)
def panel_new(request):
    form = forms.PanelForm(request.POST or None)
    today = uk_today()
    saved = attempt(
        request,
        form,
        lambda d: services.create_panel(by=Actor.of(request), today=today, **d),
        done="Panel added",
        to=reverse("panels:home"),
        on_conflict=lambda: edit_conflict(request, back=reverse("panels:home")),
    )
    return saved or form_page(
        request, form, title="Add a panel", button="Add the panel", back=reverse("panels:home")
    )


@requires(C.SIT_ON_PANEL)
def panel(request, pk):
    found = _panel(request, pk, C.SIT_ON_PANEL)
    return render(
        request,
        "panels/panel.jinja",
        {
            "title": found.name,
            "panel": found,
            "members": found.members.all(),
            "meetings": found.meetings.order_by("-held_on")[:30],
            "can_run": allows(request.user, C.RUN_PANELS),
            "back_link": reverse("panels:home"),
        },
    )


@requires(C.RUN_PANELS)
def panel_change(request, pk):
    found = _panel(request, pk, C.RUN_PANELS)
    today = uk_today()
    form = forms.ChangePanelForm(
        request.POST or None, initial={"name": found.name, "decides": found.decides, "version": found.version}
    )
    back = reverse("panels:panel", kwargs={"pk": found.pk})
    saved = attempt(
        request,
        form,
        lambda d: services.change_panel(found, by=Actor.of(request), today=today, **service_kwargs(d)),
        done="Panel changed",
        to=back,
        on_conflict=lambda: edit_conflict(request, back=back),
    )
    return saved or form_page(request, form, title=f"Change {found.name}", button="Save", back=back)


@requires(C.RUN_PANELS)
def member_new(request, pk):
    found = _panel(request, pk, C.RUN_PANELS)
    form = forms.MemberForm(request.POST or None)
    today = uk_today()
    back = reverse("panels:panel", kwargs={"pk": found.pk})
    saved = attempt(
        request,
        form,
        lambda d: services.add_member(found, by=Actor.of(request), today=today, **d),
        done="Member added",
        to=back,
        on_conflict=lambda: edit_conflict(request, back=back),
    )
    return saved or form_page(
        request, form, title="Add a member", caption=found.name, button="Add the member", back=back
    )


@requires(C.RUN_PANELS)
def member_stand_down(request, pk):
    member = get_object_or_404(
        PanelMember.objects.filter(panel__in=Panel.objects.within_scope(request.user, C.RUN_PANELS)), pk=pk
    )
    back = reverse("panels:panel", kwargs={"pk": member.panel_id})
    if request.method != "POST":
        return redirect(back)
    services.stand_down(member, by=Actor.of(request), today=uk_today(), expected_version=member.version)
    messages.success(request, f"{member.name} no longer sits on the panel")
    return redirect(back)


@requires(C.RUN_PANELS)
def meeting_new(request, pk):
    found = _panel(request, pk, C.RUN_PANELS)
    today = uk_today()
    form = forms.MeetingForm(request.POST or None, today=today)
    back = reverse("panels:panel", kwargs={"pk": found.pk})
    saved = attempt(
        request,
        form,
        lambda d: services.schedule_meeting(found, by=Actor.of(request), today=today, **d),
        done="Meeting added",
        to=back,
        on_conflict=lambda: edit_conflict(request, back=back),
    )
    return saved or form_page(
        request, form, title="Add a meeting", caption=found.name, button="Add the meeting", back=back
    )


@requires(C.SIT_ON_PANEL)
def meeting(request, pk):
    found = _meeting(request, pk, C.SIT_ON_PANEL)
    today = uk_today()
    cases = list(
        PanelCase.objects.within_scope(request.user, C.SIT_ON_PANEL)
        .filter(meeting=found)
        .select_related("child", "assessment", "presented_by", "decision")
        .prefetch_related("papers")
    )
    listed(request, [case.child for case in cases], what=f"Agenda of {found}")
    attendance = list(found.attendance.select_related("member"))
    present = {row.member.agency for row in attendance if row.status == Attendance.Status.PRESENT}
    return render(
        request,
        "panels/meeting.jinja",
        {
            "title": f"{found.panel.name}",
            "meeting": found,
            "cases": cases,
            "attendance": attendance,
            "warning": rules.quorum_warning(present) if attendance else "",
            "held": found.held_on <= today,
            "can_take": allows(request.user, C.TAKE_TO_PANEL),
            "back_link": reverse("panels:home"),
        },
    )


@requires(C.TAKE_TO_PANEL)
def attendance(request, pk):
    found = _meeting(request, pk, C.TAKE_TO_PANEL)
    today = uk_today()
    members = [m for m in found.panel.members.all() if m.active]
    recorded = {str(row.member_id): row.status for row in found.attendance.all()}
    initial = {"version": found.version} | {f"member_{pk}": status for pk, status in recorded.items()}
    form = forms.AttendanceForm(request.POST or None, members=members, today=today, initial=initial)
    back = reverse("panels:meeting", kwargs={"pk": found.pk})
    saved = attempt(
        request,
        form,
        lambda d: services.record_attendance(
            found, by=Actor.of(request), today=today, expected_version=d["version"], statuses=form.statuses()
        ),
        done="Attendance recorded",
        to=back,
        on_conflict=lambda: edit_conflict(request, back=back),
    )
    return saved or form_page(
        request,
        form,
        title="Who came to the meeting",
        caption=f"{found.panel.name}",
        intro="The meeting is quorate when education, health and social care are each present.",
        button="Save attendance",
        back=back,
    )


@requires(C.TAKE_TO_PANEL)
def put_case(request, pk):
    assessment = get_object_or_404(
        AssessmentRequest.objects.within_scope(request.user, C.TAKE_TO_PANEL).select_related("child"), pk=pk
    )
    shown(request, assessment.child)
    today = uk_today()
    meetings = (
        PanelMeeting.objects.within_scope(request.user, C.TAKE_TO_PANEL)
        .filter(held_on__gte=today, panel__local_authority_id=assessment.child.local_authority_id)
        .select_related("panel")
        .order_by("held_on")
    )
    by_pk = {str(m.pk): m for m in meetings}
    choices = [(pk, f"{m.panel.name}, {govuk_date(m.held_on)}") for pk, m in by_pk.items()]
    form = forms.CaseForm(request.POST or None, request.FILES or None, meetings=choices, today=today)
    back = reverse("assessments:detail", kwargs={"pk": assessment.pk})
    saved = attempt(
        request,
        form,
        lambda d: services.put_case(
            by_pk[d["meeting"]],
            assessment,
            by=Actor.of(request),
            today=today,
            kind=d["kind"],
            summary=d["summary"],
            paper=d["paper"] or None,
        ),
        done="Case put to the panel",
        to=reverse("panels:cases-of", kwargs={"pk": assessment.pk}),
        on_conflict=lambda: edit_conflict(request, assessment.child),
    )
    if saved:
        return saved
    return render(
        request,
        "panels/put_case.jinja",
        {
            "title": "Take this request to a panel",
            "form": form,
            "assessment": assessment,
            "child": assessment.child,
            "no_meetings": not choices,
            "back_link": back,
        },
    )


@requires(C.SIT_ON_PANEL)
def cases_of(request, pk):
    """Every case of one request put to a panel, with its decision: linked from the assessment."""
    assessment = get_object_or_404(
        AssessmentRequest.objects.within_scope(request.user, C.SIT_ON_PANEL).select_related("child"), pk=pk
    )
    shown(request, assessment.child)
    cases = (
        PanelCase.objects.within_scope(request.user, C.SIT_ON_PANEL)
        .filter(assessment=assessment)
        .select_related("meeting__panel", "decision")
        .order_by("-meeting__held_on")
    )
    return render(
        request,
        "panels/cases_of.jinja",
        {
            "title": "Panel decisions",
            "assessment": assessment,
            "child": assessment.child,
            "cases": cases,
            "can_take": allows(request.user, C.TAKE_TO_PANEL),
            "back_link": reverse("assessments:detail", kwargs={"pk": assessment.pk}),
        },
    )


@requires(C.SIT_ON_PANEL)
def case(request, pk):
    found = _case(request, pk, C.SIT_ON_PANEL)
    advice = AdviceRequest.objects.visible_to(request.user).filter(assessment_id=found.assessment_id)
    return render(
        request,
        "panels/case.jinja",
        {
            "title": found.get_kind_display(),
            "case": found,
            "child": found.child,
            "decision": _decision(found),
            "papers": found.papers.all(),
            "advice": advice,
            "held": found.meeting.held_on <= uk_today(),
            "can_take": PanelCase.objects.within_scope(request.user, C.TAKE_TO_PANEL)
            .filter(pk=found.pk)
            .exists(),
            "back_link": reverse("panels:meeting", kwargs={"pk": found.meeting_id}),
        },
    )


@requires(C.SIT_ON_PANEL)
def paper(request, pk):
    found = get_object_or_404(
        Paper.objects.within_scope(request.user, C.SIT_ON_PANEL).select_related("case__child"), pk=pk
    )
    exported(request, [found.case.child], what=f"Downloaded the panel paper {found.original_name}")
    response = FileResponse(
        found.file.open("rb"),
        as_attachment=True,
        filename=found.original_name,
        content_type=found.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


@requires(C.TAKE_TO_PANEL)
def decide(request, pk):
    found = _case(request, pk, C.TAKE_TO_PANEL)
    back = reverse("panels:case", kwargs={"pk": found.pk})
    if _decision(found) is not None:
        messages.info(request, "The panel's decision on this case is already recorded")
        return redirect(back)
    today = uk_today()
    form = forms.DecisionForm(
        request.POST or None, kind=found.kind, today=today, initial={"version": found.version}
    )
    saved = attempt(
        request,
        form,
        lambda d: services.record_decision(found, by=Actor.of(request), today=today, **service_kwargs(d)),
        done="Decision recorded",
        to=back,
        on_conflict=lambda: edit_conflict(request, found.child),
    )
    intro = ""
    if found.kind in (DecisionKind.ASSESS, DecisionKind.ISSUE):
        intro = "A decision whether to assess, or not to issue a plan, is also recorded on the assessment."
    return saved or form_page(
        request,
        form,
        title="Record the panel's decision",
        caption=f"{found.child.full_name}, {found.get_kind_display().lower()}",
        intro=intro,
        button="Record the decision",
        back=back,
    )


def _letter_context(request, found: PanelCase):
    decision = _decision(found)
    if decision is None:
        raise Http404
    area = found.child.local_authority.name
    return decision, area, presenters.letter(decision, calendar=working_days(), area_name=area)


@requires(C.SIT_ON_PANEL)
def letter(request, pk):
    found = _case(request, pk, C.SIT_ON_PANEL)
    decision, area, blocks = _letter_context(request, found)
    return render(
        request,
        "panels/letter.jinja",
        {
            "title": "Letter to the family",
            "case": found,
            "child": found.child,
            "decision": decision,
            "area_name": area,
            "blocks": blocks,
            "can_take": PanelCase.objects.within_scope(request.user, C.TAKE_TO_PANEL)
            .filter(pk=found.pk)
            .exists(),
            "back_link": reverse("panels:case", kwargs={"pk": found.pk}),
        },
    )


@requires(C.SIT_ON_PANEL)
def letter_download(request, pk, extension):
    if extension not in TYPES:
        raise Http404
    found = _case(request, pk, C.SIT_ON_PANEL)
    decision, area, _ = _letter_context(request, found)
    exported(request, [found.child], what=f"Downloaded the panel's letter ({extension})")
    document = presenters.document(decision, calendar=working_days(), area_name=area)
    render_file = documents.pdf_bytes if extension == "pdf" else documents.docx_bytes
    response = HttpResponse(render_file(document, (), area_name=area), content_type=TYPES[extension])
    response["Content-Disposition"] = (
        f'attachment; filename="{found.assessment.ref}-panel-letter.{extension}"'
    )
    return response


@requires(C.TAKE_TO_PANEL)
def letter_sent(request, pk):
    found = _case(request, pk, C.TAKE_TO_PANEL)
    decision, _, _ = _letter_context(request, found)
    today = uk_today()
    form = forms.LetterSentForm(request.POST or None, today=today, initial={"version": decision.version})
    back = reverse("panels:letter", kwargs={"pk": found.pk})
    saved = attempt(
        request,
        form,
        lambda d: services.letter_sent(decision, by=Actor.of(request), today=today, **service_kwargs(d)),
        done="Letter recorded as sent",
        to=reverse("panels:case", kwargs={"pk": found.pk}),
        on_conflict=lambda: edit_conflict(request, found.child),
    )
    return saved or form_page(
        request,
        form,
        title="Record that the letter was sent",
        caption=found.child.full_name,
        button="Save",
        back=back,
    )
