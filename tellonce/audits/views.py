"""The audit pages: the tool, rounds, grading, moderation, feedback and the reports."""

import random

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.accounts.policy import Capability as C
from tellonce.accounts.policy import Scope, allows, requires, scope
from tellonce.audit.shown import listed, shown
from tellonce.audits import forms, reports, services
from tellonce.audits.agencies import AGENCY_OF_ROLE
from tellonce.audits.models import Assignment, Audit, AuditRound, AuditTool, FollowUp, Status
from tellonce.audits.sampling import AGES, KINDS, Sample
from tellonce.audits.tool import SECTION_NAMES
from tellonce.core.spreadsheets import csv_download
from tellonce.core.time import uk_today
from tellonce.core.views import attempt, edit_conflict
from tellonce.domain import plan_quality
from tellonce.organisations.councils import council_id
from tellonce.organisations.models import Setting, Team
from tellonce.people import choices

HOME = (C.RUN_AUDITS, C.AUDIT_PLANS, C.RECEIVE_AUDIT_FEEDBACK)


@requires(*HOME)
def home(request):
    user = request.user
    mine = (
        Assignment.objects.within_scope(user, C.AUDIT_PLANS)
        .filter(auditor=user, submitted_on__isnull=True)
        .select_related("audit__child", "audit__round")
    )
    received = Audit.objects.within_scope(user, C.RECEIVE_AUDIT_FEEDBACK).select_related("child", "round")
    rounds = AuditRound.objects.within_scope(user, C.RUN_AUDITS)
    listed(request, [a.audit.child for a in mine] + [a.child for a in received])
    return render(
        request,
        "audits/home.jinja",
        {
            "title": "Plan audits",
            "assignments": mine,
            "received": received,
            "rounds": rounds,
            "can_run": allows(user, C.RUN_AUDITS),
        },
    )


@requires(C.RUN_AUDITS)
def tools(request):
    la_id = council_id(request.user)
    found = AuditTool.objects.within_scope(request.user, C.RUN_AUDITS)
    if request.method == "POST" and not found.exists():
        services.adopt_default_tool(request.user.local_authority, by=Actor.of(request), today=uk_today())
        return redirect("audits:tools")
    return render(request, "audits/tools.jinja", {"title": "Audit tool", "tools": found, "la_id": la_id})


@requires(C.RUN_AUDITS)
def tool(request, pk):
    found = get_object_or_404(AuditTool.objects.within_scope(request.user, C.RUN_AUDITS), pk=pk)
    return render(
        request,
        "audits/tool.jinja",
        {"title": str(found), "tool": found, "questions": found.questions.all(), "sections": SECTION_NAMES},
    )


@requires(C.RUN_AUDITS)
def change_question(request, pk, order):
    found = get_object_or_404(AuditTool.objects.within_scope(request.user, C.RUN_AUDITS).current(), pk=pk)
    question = get_object_or_404(found.questions, order=order)
    initial = {"version": found.version, "text": question.text} | {
        f"d_{code}": words for code, words in question.descriptors.items()
    }
    form = forms.QuestionForm(request.POST or None, initial=initial, scale=found.scale)
    saved = attempt(
        request,
        form,
        lambda d: services.change_question(
            found,
            order=order,
            text=d["text"],
            descriptors={g["code"]: d.get(f"d_{g['code']}", "") for g in found.scale},
            by=Actor.of(request),
            today=uk_today(),
            expected_version=d["version"],
        ),
        done="The question has been changed in a new version of the tool",
        to=reverse("audits:tools"),
        on_conflict=lambda: edit_conflict(request, back=reverse("audits:tools")),
    )
    return saved or render(
        request,
        "core/form_page.jinja",
        {
            "title": f"Change the question for {SECTION_NAMES.get(question.section, question.section)}",
            "form": form,
            "button": "Save as a new version",
            "intro": "Audits already graded keep the version they were graded on.",
            "back_link": reverse("audits:tool", kwargs={"pk": found.pk}),
        },
    )


def _sample_values(user) -> list[tuple[str, str]]:
    la_id = council_id(user)
    coordinators = User.objects.filter(local_authority_id=la_id, role="ehc_coordinator", is_active=True)
    values = [(str(u.pk), f"Coordinator: {u.get_full_name()}") for u in coordinators.order_by("last_name")]
    values += [
        (str(t.pk), f"Team: {t.name}") for t in Team.objects.filter(local_authority_id=la_id).order_by("name")
    ]
    values += [
        (str(s.pk), f"Setting: {s.name}")
        for s in Setting.objects.filter(local_authority_id=la_id).order_by("name")
    ]
    values += [(code, f"Need: {label}") for code, label in choices.SEN_TYPE]
    values += [(p, f"Phase: {label}") for p, label in Setting._meta.get_field("phase").choices]
    values += [(key, f"Issued: {key.replace('_', ' ')} years ago") for key in AGES]
    values += [(key, f"Plans: {key}") for key in KINDS]
    return values


@requires(C.RUN_AUDITS)
def round_new(request):
    current = AuditTool.objects.within_scope(request.user, C.RUN_AUDITS).current().first()
    if current is None:
        return redirect("audits:tools")
    form = forms.RoundForm(request.POST or None, values=_sample_values(request.user))

    def draw(d):
        seed = d["seed"] if d["seed"] is not None else random.SystemRandom().randrange(1, 1_000_000)
        sample = Sample(method=d["method"], size=d["size"], seed=seed, value=d["value"] or "")
        made = services.draw_round(
            request.user.local_authority,
            name=d["name"],
            tool=current,
            sample=sample,
            by=Actor.of(request),
            today=uk_today(),
        )
        request.session["audits_round"] = str(made.pk)

    saved = attempt(
        request,
        form,
        draw,
        done="The plans for the round have been drawn",
        to=reverse("audits:home"),
        on_conflict=lambda: edit_conflict(request, back=reverse("audits:home")),
    )
    if saved:
        return redirect("audits:round", pk=request.session.pop("audits_round"))
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": "Draw a sample of plans to audit",
            "form": form,
            "button": "Draw the sample",
            "back_link": "/audits/",
        },
    )


@requires(C.RUN_AUDITS)
def round_detail(request, pk):
    found = get_object_or_404(AuditRound.objects.within_scope(request.user, C.RUN_AUDITS), pk=pk)
    audits = (
        Audit.objects.within_scope(request.user, C.RUN_AUDITS)
        .filter(round=found)
        .select_related("child", "coordinator", "plan_version__plan")
    )
    listed(request, [a.child for a in audits], what="Listed in an audit round")
    return render(request, "audits/round.jinja", {"title": found.name, "round": found, "audits": audits})


def _audit(request, pk):
    return get_object_or_404(
        Audit.objects.within_scope(request.user, C.RUN_AUDITS).select_related(
            "child", "round__tool", "plan_version__plan", "coordinator"
        ),
        pk=pk,
    )


def _findings_by_section(audit) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in audit.findings.all():
        info = plan_quality.CHECKS.get(finding.code)
        found.setdefault(finding.section[:1] or "overall", []).append(info.title if info else finding.code)
    return found


def _auditors(audit) -> list[tuple[str, str]]:
    people = User.objects.filter(is_active=True, role__in=list(AGENCY_OF_ROLE)).order_by("last_name")
    la_id = audit.child.local_authority_id
    return [
        (str(u.pk), f"{u.get_full_name()} ({AGENCY_OF_ROLE[u.role].label})")
        for u in people.select_related("team", "setting")
        if council_id(u) == la_id
    ]


@requires(C.RUN_AUDITS)
def audit_detail(request, pk):
    audit = _audit(request, pk)
    shown(request, audit.child, what="Viewed a plan audit")
    tool = audit.round.tool
    return render(
        request,
        "audits/audit.jinja",
        {
            "title": f"Audit of {audit.plan_version.plan.ref}",
            "audit": audit,
            "tool": tool,
            "assignments": audit.assignments.select_related("auditor"),
            "agreed": {a.question_id: a for a in audit.agreed.all()},
            "questions": tool.questions.all(),
            "disagreements": services.disagreements(audit),
            "findings": _findings_by_section(audit),
            "sections": SECTION_NAMES,
            "follow_ups": audit.follow_ups.all(),
            "assign_form": forms.AssignForm(initial={"version": audit.version}, auditors=_auditors(audit)),
            "family_form": forms.FamilyViewForm(
                initial={"version": audit.version, "view": audit.family_view}
            ),
            "feedback_form": forms.FeedbackForm(initial={"version": audit.version}),
            "Status": Status,
        },
    )


def _audit_form_page(request, audit, form, title, button):
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": title,
            "caption": f"Audit of {audit.plan_version.plan.ref}",
            "form": form,
            "button": button,
            "back_link": reverse("audits:audit", kwargs={"pk": audit.pk}),
        },
    )


@requires(C.RUN_AUDITS)
def assign(request, pk):
    audit = _audit(request, pk)
    shown(request, audit.child, what="Named an auditor for a plan audit")
    people = _auditors(audit)
    form = forms.AssignForm(request.POST or None, initial={"version": audit.version}, auditors=people)
    saved = attempt(
        request,
        form,
        lambda d: services.assign(
            audit,
            auditor=User.objects.get(pk=d["auditor"]),
            moderation=d["moderation"],
            by=Actor.of(request),
            today=uk_today(),
            expected_version=d["version"],
        ),
        done="The auditor has been named",
        to=reverse("audits:audit", kwargs={"pk": audit.pk}),
        on_conflict=lambda: edit_conflict(request, audit.child),
    )
    return saved or _audit_form_page(request, audit, form, "Name an auditor", "Name the auditor")


@requires(C.RUN_AUDITS)
def resolve(request, pk):
    audit = _audit(request, pk)
    shown(request, audit.child, what="Agreed a moderated audit grade")
    form = forms.ResolveForm(
        request.POST or None, initial={"version": audit.version}, scale=audit.round.tool.scale
    )
    questions = {q.pk: q for q, _, _ in services.disagreements(audit)}
    saved = attempt(
        request,
        form,
        lambda d: services.resolve(
            audit,
            question=questions.get(d["question"]) or audit.round.tool.questions.get(pk=d["question"]),
            grade=d["grade"],
            reason=d["reason"],
            by=Actor.of(request),
            today=uk_today(),
            expected_version=d["version"],
        ),
        done="The grade has been agreed",
        to=reverse("audits:audit", kwargs={"pk": audit.pk}),
        on_conflict=lambda: edit_conflict(request, audit.child),
    )
    return saved or _audit_form_page(request, audit, form, "Agree the grade", "Agree the grade")


@requires(C.RUN_AUDITS)
def family_view(request, pk):
    audit = _audit(request, pk)
    shown(request, audit.child, what="Recorded the family's view for a plan audit")
    form = forms.FamilyViewForm(
        request.POST or None, initial={"version": audit.version, "view": audit.family_view}
    )
    saved = attempt(
        request,
        form,
        lambda d: services.record_family_view(
            audit, view=d["view"], by=Actor.of(request), today=uk_today(), expected_version=d["version"]
        ),
        done="The family's view has been recorded",
        to=reverse("audits:audit", kwargs={"pk": audit.pk}),
        on_conflict=lambda: edit_conflict(request, audit.child),
    )
    return saved or _audit_form_page(request, audit, form, "The family's view", "Save the family's view")


@requires(C.RUN_AUDITS)
def feedback(request, pk):
    audit = _audit(request, pk)
    shown(request, audit.child, what="Sent feedback from a plan audit")
    form = forms.FeedbackForm(request.POST or None, initial={"version": audit.version})
    saved = attempt(
        request,
        form,
        lambda d: services.send_feedback(
            audit,
            feedback=d["feedback"],
            actions=form.actions(),
            by=Actor.of(request),
            today=uk_today(),
            expected_version=d["version"],
        ),
        done="The feedback has been sent to the coordinator",
        to=reverse("audits:audit", kwargs={"pk": audit.pk}),
        on_conflict=lambda: edit_conflict(request, audit.child),
    )
    return saved or _audit_form_page(
        request, audit, form, "Send feedback to the coordinator", "Send the feedback"
    )


@requires(C.AUDIT_PLANS)
def grade(request, pk):
    """The auditor's own questions, with the automatic findings beside each section. A moderator
    never sees the first auditor's grades here: they grade blind."""
    assignment = get_object_or_404(
        Assignment.objects.within_scope(request.user, C.AUDIT_PLANS)
        .filter(auditor=request.user)
        .select_related("audit__child", "audit__round__tool", "audit__plan_version__plan"),
        pk=pk,
    )
    audit = assignment.audit
    shown(request, audit.child, what="Graded a plan audit")
    questions = services.questions_for(assignment)
    tool = audit.round.tool
    form = forms.GradeForm(
        request.POST or None, initial={"version": assignment.version}, questions=questions, scale=tool.scale
    )
    saved = None
    if assignment.submitted_on is None:
        saved = attempt(
            request,
            form,
            lambda d: services.submit_grades(
                assignment,
                grades={q.pk: services.Graded(d[f"q{q.pk}"], d.get(f"c{q.pk}", "")) for q in questions},
                by=Actor.of(request),
                today=uk_today(),
                expected_version=d["version"],
            ),
            done="Your grades have been submitted",
            to=reverse("audits:home"),
            on_conflict=lambda: edit_conflict(request, audit.child),
        )
    own = {g.question_id: g for g in assignment.grades.all()}
    return saved or render(
        request,
        "audits/grade.jinja",
        {
            "title": f"Grade plan {audit.plan_version.plan.ref}",
            "assignment": assignment,
            "audit": audit,
            "form": form,
            "rows": [(q, form[f"q{q.pk}"], form[f"c{q.pk}"], own.get(q.pk)) for q in questions],
            "findings": _findings_by_section(audit),
            "sections": SECTION_NAMES,
            "tool": tool,
            "can_read_plan": allows(request.user, C.VIEW_PLAN),
        },
    )


@requires(C.RECEIVE_AUDIT_FEEDBACK)
def received(request, pk):
    audit = get_object_or_404(
        Audit.objects.within_scope(request.user, C.RECEIVE_AUDIT_FEEDBACK).select_related(
            "child", "round__tool", "plan_version__plan"
        ),
        pk=pk,
    )
    shown(request, audit.child, what="Read the feedback from a plan audit")
    form = forms.AcknowledgeForm(request.POST or None, initial={"version": audit.version})
    saved = None
    if audit.acknowledged_on is None:
        saved = attempt(
            request,
            form,
            lambda d: services.acknowledge(
                audit, note=d["note"], by=Actor.of(request), today=uk_today(), expected_version=d["version"]
            ),
            done="You have acknowledged the feedback",
            to=reverse("audits:received", kwargs={"pk": audit.pk}),
            on_conflict=lambda: edit_conflict(request, audit.child),
        )
    tool = audit.round.tool
    return saved or render(
        request,
        "audits/received.jinja",
        {
            "title": f"Audit feedback on plan {audit.plan_version.plan.ref}",
            "audit": audit,
            "form": form,
            "agreed": [
                (SECTION_NAMES.get(a.section, a.section), tool.grade_label(a.grade))
                for a in audit.agreed.order_by("question__order")
            ],
            "follow_ups": audit.follow_ups.all(),
            "done_forms": {
                f.pk: forms.DoneForm(initial={"version": f.version}, prefix=str(f.pk))
                for f in audit.follow_ups.all()
            },
        },
    )


@requires(C.RECEIVE_AUDIT_FEEDBACK, C.RUN_AUDITS)
def follow_up_done(request, pk):
    capability = C.RECEIVE_AUDIT_FEEDBACK if allows(request.user, C.RECEIVE_AUDIT_FEEDBACK) else C.RUN_AUDITS
    found = get_object_or_404(
        FollowUp.objects.within_scope(request.user, capability).select_related("audit__child"), pk=pk
    )
    shown(request, found.audit.child, what="Recorded an audit action as done")
    form = forms.DoneForm(request.POST or None, initial={"version": found.version}, prefix=str(found.pk))
    back = (
        reverse("audits:received", kwargs={"pk": found.audit_id})
        if capability == C.RECEIVE_AUDIT_FEEDBACK
        else reverse("audits:audit", kwargs={"pk": found.audit_id})
    )
    saved = attempt(
        request,
        form,
        lambda d: services.complete_follow_up(
            found, note=d["note"], by=Actor.of(request), today=uk_today(), expected_version=d["version"]
        ),
        done="The action has been recorded as done",
        to=back,
        on_conflict=lambda: edit_conflict(request, found.audit.child),
    )
    return saved or render(
        request,
        "core/form_page.jinja",
        {
            "title": "Record the action as done",
            "caption": found.action,
            "form": form,
            "button": "Done",
            "back_link": back,
        },
    )


def _report_scope(user):
    la_id = council_id(user)
    health_only = scope(user, C.SEE_AUDIT_REPORTS) == Scope.HEALTH
    return la_id, health_only


@requires(C.SEE_AUDIT_REPORTS)
def report(request):
    la_id, health_only = _report_scope(request.user)
    return render(
        request,
        "audits/report.jinja",
        {
            "title": "Health's part of plan audits" if health_only else "Plan audit report",
            "health_only": health_only,
            "tables": reports.all_tables(la_id, health_only=health_only),
            "agreement": reports.agreement(la_id, health_only=health_only),
        },
    )


@requires(C.SEE_AUDIT_REPORTS)
def report_csv(request, table):
    la_id, health_only = _report_scope(request.user)
    makers = reports.table_makers(la_id, health_only=health_only)
    if table not in makers:
        raise Http404
    found = makers[table]()
    return csv_download(f"audit-{table}.csv", found.headings, found.rows)
