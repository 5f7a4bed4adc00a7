"""Pages for the EHC needs assessment: the caseload of open cases, a case and each of its steps.
Cases are reached only through AssessmentRequest.objects.visible_to(user) or editable_by(user)."""

from datetime import date, timedelta

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.accounts.policy import Capability, Scope, requires, scope
from tellonce.assessments import forms, measures, services
from tellonce.assessments.models import FACT_COLUMNS, AssessmentRequest
from tellonce.assessments.presenters import CaseRow, advice_rows, deadline_rows, family_sentences
from tellonce.audit.services import record_read
from tellonce.audit.shown import listed, shown
from tellonce.core.forms import service_kwargs
from tellonce.core.replica import reporting_page
from tellonce.core.time import uk_today
from tellonce.core.views import attempt, edit_conflict, form_page
from tellonce.domain import timescales as t
from tellonce.domain.assessment import OPEN_STAGES, STAGE_LABELS
from tellonce.organisations.models import Locality
from tellonce.people.models import Child

PAGE_SIZE = 50


def _status_bounds(today: date) -> dict[t.Status, Q]:
    """timescales.status_on as conditions on the kept due date of the next step."""
    soon = today + timedelta(days=t.DUE_SOON_DAYS)
    return {
        t.Status.OVERDUE: Q(next_step_due__lt=today),
        t.Status.DUE_SOON: Q(next_step_due__gte=today, next_step_due__lte=soon),
        t.Status.ON_TRACK: Q(next_step_due__gt=soon),
    }


def open_cases(user, *, coordinator="", stage="", locality=""):
    """The open cases `user` may work on (their own on a caseload scope), filtered, soonest
    deadline first, from each case's kept next step (tellonce.assessments.stored, ADR 0077)."""
    cases = AssessmentRequest.objects.editable_by(user).filter(stage__in=[s.value for s in OPEN_STAGES])
    if scope(user, Capability.WORK_CASELOAD) == Scope.CASELOAD:
        cases = cases.filter(coordinator=user)
    elif coordinator:
        cases = cases.filter(coordinator_id=coordinator)
    if locality:
        cases = cases.filter(child__locality_id=locality)
    if stage:
        cases = cases.filter(stage=stage)
    return cases.order_by("next_step_due", "ref")


def status_counts(cases, *, today: date) -> dict[t.Status, int]:
    """How many of `cases` are overdue, due soon and on track, in one query."""
    counts = cases.order_by().aggregate(
        **{status.value: Count("pk", filter=q) for status, q in _status_bounds(today).items()}
    )
    return {status: counts[status.value] for status in t.Status}


def with_status(cases, status: str, *, today: date):
    return cases.filter(_status_bounds(today)[t.Status(status)]) if status else cases


def page_rows(cases, *, today: date) -> list[CaseRow]:
    """One page's CaseRows, the clock worked out for these cases alone."""
    return [
        CaseRow.of(case, today)
        for case in cases.select_related("child", "coordinator").only(
            "id",
            "ref",
            *FACT_COLUMNS,
            "child__id",
            "child__given_name",
            "child__preferred_name",
            "child__family_name",
            "coordinator__first_name",
            "coordinator__last_name",
            "coordinator__username",
        )
    ]


@requires(Capability.WORK_CASELOAD)
def caseload(request, overdue_only=False):
    today = uk_today()
    form = forms.CaseloadFilterForm(request.GET or None)
    is_manager = scope(request.user, Capability.WORK_CASELOAD) == Scope.COUNCIL
    if is_manager:
        form.fields["coordinator"].choices = [("", "Everyone")] + [
            (str(u.pk), str(u)) for u in User.coordinators_in(request.user.local_authority_id)
        ]
    else:
        del form.fields["coordinator"]  # a coordinator's caseload is their own: no list of the team
    form.fields["stage"].choices = [("", "Any stage")] + [(s.value, STAGE_LABELS[s]) for s in OPEN_STAGES]
    form.fields["locality"].choices = [("", "Anywhere")] + [
        (str(loc.pk), loc.name)
        for loc in Locality.objects.filter(local_authority_id=request.user.local_authority_id)
    ]
    form.fields["status"].choices = [("", "Any status")] + [(s.value, t.STATUS_LABELS[s]) for s in t.Status]
    chosen = form.cleaned_data if form.is_valid() else {}
    cases = open_cases(
        request.user,
        coordinator=chosen.get("coordinator", "") if is_manager else "",
        stage=chosen.get("stage", ""),
        locality=chosen.get("locality", ""),
    )
    status = t.Status.OVERDUE if overdue_only else chosen.get("status", "")
    counts = status_counts(with_status(cases, status, today=today), today=today)
    total = sum(counts.values())
    paginator = Paginator(with_status(cases, status, today=today), PAGE_SIZE)
    paginator.count = total  # counted above with the statuses: no second count
    page = paginator.get_page(request.GET.get("page"))
    page.object_list = page_rows(page.object_list, today=today)
    listed(request, [row.case.child_id for row in page.object_list], what="Listed in the caseload")
    query = "".join(f"&{k}={v}" for k, v in chosen.items() if v)
    if overdue_only:
        title = "Overdue steps"
    else:
        title = "Team caseload" if is_manager else "My caseload"
    return render(
        request,
        "assessments/caseload.jinja",
        {
            "title": title,
            "form": form,
            "page": page,
            "counts": counts,
            "total": total,
            "query": query,
            "is_manager": is_manager,
            "overdue_only": overdue_only,
            "status_labels": t.STATUS_LABELS,
        },
    )


def _editable_case(request, pk) -> AssessmentRequest:
    case = get_object_or_404(
        AssessmentRequest.objects.editable_by(request.user).select_related("child"), pk=pk
    )
    shown(request, case.child)
    return case


@requires(Capability.RUN_ASSESSMENT)
def start(request, child_pk):
    child = get_object_or_404(
        Child.objects.within_scope(request.user, Capability.RUN_ASSESSMENT), pk=child_pk
    )
    shown(request, child)
    today = uk_today()
    form = forms.RequestForm(request.POST or None, today=today)
    if request.method == "POST" and form.is_valid():
        case = services.record_request(child, by=Actor.of(request), today=today, **form.cleaned_data)
        messages.success(request, f"Request {case.ref} recorded")
        return redirect("assessments:detail", pk=case.pk)
    return form_page(
        request,
        form,
        title="Record a request for an EHC needs assessment",
        back=reverse("workspace:child", kwargs={"pk": child.pk}),
        button="Record the request",
        caption=child.full_name,
    )


@requires(Capability.VIEW_ASSESSMENT)
def detail(request, pk):
    case = get_object_or_404(
        AssessmentRequest.objects.visible_to(request.user).select_related("child"), pk=pk
    )
    record_read(Actor.of(request), case.child, what=f"Viewed assessment {case.ref}")
    today = uk_today()
    clock = case.clock(today)
    return render(
        request,
        "assessments/detail.jinja",
        {
            "title": f"EHC needs assessment {case.ref}",
            "case": case,
            "child": case.child,
            "clock": clock,
            "stage_label": STAGE_LABELS[clock.stage],
            "rows": deadline_rows(case, today),
            "today": today,
            "sentences": family_sentences(case, today),
            "next_row": CaseRow(case, clock, today) if clock.next_deadline else None,
            "advice": advice_rows(case, today),
            "exceptions": case.exceptions.all(),
            "consultations": case.consultations.select_related("setting"),
            "can_edit": AssessmentRequest.objects.editable_by(request.user).filter(pk=case.pk).exists(),
            "plan": case.plans.visible_to(request.user).first(),  # the plan it led to, if any
            "back_link": reverse("workspace:child", kwargs={"pk": case.child_id}),
        },
    )


def _decide(case, *, decision: str, **values):
    chosen = services.decide_to_assess if decision == "assess" else services.refuse_to_assess
    return chosen(case, **values)


def _undated(service):
    """A step whose service takes no `today` (it records what was sent or claimed, not a date's check)."""
    return lambda case, *, today, **values: service(case, **values)


# Each step: its title, its form (named as the service's parameters) and the service that takes it.
STEPS = {
    "decision": ("Record the decision whether to assess", forms.DecisionForm, _decide),
    "draft": (
        "Record that a draft EHC plan written outside Tellonce was sent",
        forms.DraftForm,
        services.issue_draft_plan,
    ),
    "not-to-issue": (
        "Record a decision not to issue a plan",
        forms.NotToIssueForm,
        services.decide_not_to_issue,
    ),
    "final": (
        "Record that a final EHC plan written outside Tellonce was issued",
        forms.FinalForm,
        services.issue_final_plan,
    ),
    "withdraw": ("Record that the request was withdrawn", forms.WithdrawForm, services.withdraw),
    "return-details": (
        "Record youth accommodation or a move to another council",
        forms.ReturnDetailsForm,
        services.record_return_details,
    ),
    "named-setting": (
        "Record the school or college the family asked for",
        forms.NamedSettingForm,
        services.request_named_setting,
    ),
    "exception": (
        "Record an exception to the time limits",
        forms.ExceptionForm,
        _undated(services.claim_exception),
    ),
    "advice": ("Ask for advice", forms.AdviceForm, _undated(services.request_advice)),
    "consult": ("Consult a school or college", forms.ConsultForm, _undated(services.consult_setting)),
}


@requires(Capability.RUN_ASSESSMENT)
def step(request, pk, step):
    if step not in STEPS:
        raise Http404
    case = _editable_case(request, pk)
    title, form_class, act = STEPS[step]
    today = uk_today()
    needs_area = form_class in (forms.ConsultForm, forms.AdviceForm)
    extra = {"local_authority_id": case.child.local_authority_id} if needs_area else {}
    initial = {"version": case.version} | (
        form_class.initial_from(case) if hasattr(form_class, "initial_from") else {}
    )
    form = form_class(request.POST or None, today=today, initial=initial, **extra)
    saved = attempt(
        request,
        form,
        lambda d: act(case, by=Actor.of(request), today=today, **service_kwargs(d)),
        done=f"{title}: saved",
        to=reverse("assessments:detail", kwargs={"pk": case.pk}),
        on_conflict=lambda: edit_conflict(request, case.child),
    )
    return saved or form_page(
        request,
        form,
        title=title,
        button="Save",
        back=reverse("assessments:detail", kwargs={"pk": case.pk}),
        caption=f"{case.child.full_name}, {case.ref}",
    )


@requires(Capability.SEE_ASSESSMENT_TIMELINESS)
@reporting_page
def timeliness(request):
    """Aggregates only, as DfE publishes them, for the council's staff, its partnership board and
    the designated clinical officer."""
    rows = []
    for year, decisions, plans in measures.by_year(
        request.user.local_authority_id, today=uk_today(), years=5
    ):
        rows.append(
            [
                {"text": str(year)},
                {"text": f"{decisions.decided:,}", "format": "numeric"},
                {"text": _percent(decisions.percent), "format": "numeric"},
                {"text": f"{plans.issued:,}", "format": "numeric"},
                {"text": _percent(plans.percent_including_exceptions), "format": "numeric"},
                {"text": f"{plans.issued_excluding_exceptions:,}", "format": "numeric"},
                {"text": _percent(plans.percent_excluding_exceptions), "format": "numeric"},
            ]
        )
    return render(
        request,
        "assessments/timeliness.jinja",
        {"title": "Timeliness of EHC needs assessments", "rows": rows},
    )


def _percent(value: float | None) -> str:
    return "No cases" if value is None else f"{value:.1f}%"
