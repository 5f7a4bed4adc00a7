"""Notifications from health (ADR 74): a health professional's notifications and the form to send
one; the early-years team's list, a notification's page and each step on it; the figures.
Notifications are reached only through `Notification.objects.visible_to(user)` (the team: their
council's; a health professional: their own) and `within_scope(user, ACT_ON_NOTIFICATIONS)`; children only through
`Child.objects.visible_to(user)`."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.accounts.policy import Capability, Scope, allows, requires, scope
from tellonce.audit.shown import listed, shown
from tellonce.core.formatting import govuk_date
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.time import uk_today
from tellonce.core.views import edit_conflict, form_page, show_problems
from tellonce.early_years import forms, measures, services
from tellonce.early_years.matching import candidates, mentioned
from tellonce.early_years.models import Notification
from tellonce.organisations.councils import council_id
from tellonce.people.models import Child


def _posted(request):
    return request.POST if request.method == "POST" else None


PAGE_SIZE = 50


@requires(Capability.NOTIFY_EARLY_YEARS, Capability.ACT_ON_NOTIFICATIONS)
def notifications(request):
    """Health's own notifications, or the team's list: open ones first, oldest first, counted and
    paged in SQL, 50 a page (the council's list grows by every notification ever made)."""
    page = Paginator(
        Notification.objects.visible_to(request.user)
        .select_related("officer", "notified_by")
        .order_by("outcome", "notified_on", "ref"),
        PAGE_SIZE,
    ).get_page(request.GET.get("page"))
    found = list(page.object_list)
    listed(request, mentioned(found))
    team = allows(request.user, Capability.ACT_ON_NOTIFICATIONS)
    rows = [(n, *measures.due_dates(n.notified_on)) for n in found]
    return render(
        request,
        "early_years/notifications.jinja",
        {
            "title": "Notifications from health" if team else "Your notifications to the council",
            "rows": rows,
            "page": page,
            "team": team,
            "can_notify": allows(request.user, Capability.NOTIFY_EARLY_YEARS),
        },
    )


@requires(Capability.NOTIFY_EARLY_YEARS)
def notify(request):
    today = uk_today()
    form = forms.NotificationForm(_posted(request), today=today)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.notify(by=Actor.of(request), today=today, details=form.cleaned_data)
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(request, f"The council has been notified. The reference is {made.ref}")
            return redirect("early_years:notification", pk=made.pk)
    return form_page(
        request,
        form,
        title="Tell the council about a young child who may have SEND",
        button="Notify the council",
        back=reverse("early_years:notifications"),
        intro=(
            "Use this when you think a child under compulsory school age has, or probably has, special "
            "educational needs or a disability (Children and Families Act 2014, section 23). Tell the "
            "parent first, and tell them about the information, advice and support service."
        ),
    )


def _notification(request, pk) -> Notification:
    found = get_object_or_404(
        Notification.objects.visible_to(request.user).select_related("child", "officer", "notified_by"), pk=pk
    )
    if found.child_id and Child.objects.visible_to(request.user).filter(pk=found.child_id).exists():
        shown(request, found.child)
    listed(request, mentioned([found]))
    return found


@requires(Capability.NOTIFY_EARLY_YEARS, Capability.ACT_ON_NOTIFICATIONS)
def notification(request, pk):
    found = _notification(request, pk)
    team = scope(request.user, Capability.ACT_ON_NOTIFICATIONS) == Scope.COUNCIL
    possible = candidates(found, Child.objects.visible_to(request.user)) if team else []
    listed(request, [c.child for c in possible])
    acknowledge_by, contact_by = measures.due_dates(found.notified_on)
    return render(
        request,
        "early_years/notification.jinja",
        {
            "title": f"Notification {found.ref}",
            "found": found,
            "team": team,
            "possible": possible,
            "timeliness": measures.timeliness_of(found),
            "acknowledge_by": acknowledge_by,
            "contact_by": contact_by,
            "child_visible": bool(found.child_id) and team,
            "back_link": reverse("early_years:notifications"),
        },
    )


STEPS = {
    "acknowledge": (forms.AcknowledgeForm, "Acknowledge the notification", "Acknowledge"),
    "allocate": (forms.AllocateForm, "Allocate an officer", "Allocate"),
    "contact": (forms.ContactForm, "Record the first contact with the family", "Save"),
    "outcome": (forms.OutcomeForm, "Record the outcome", "Save the outcome"),
    "link": (forms.LinkForm, "Link the notification to the child's record", "Link"),
}


def _officers(user):
    la = council_id(user)
    staff = User.objects.filter(local_authority_id=la, is_active=True).order_by("first_name", "last_name")
    return [u for u in staff if scope(u, Capability.ACT_ON_NOTIFICATIONS) == Scope.COUNCIL]


@requires(Capability.ACT_ON_NOTIFICATIONS)
def step(request, pk, step):
    found = get_object_or_404(
        Notification.objects.within_scope(request.user, Capability.ACT_ON_NOTIFICATIONS).select_related(
            "child", "local_authority"
        ),
        pk=pk,
    )
    if step not in STEPS:
        return redirect("early_years:notification", pk=found.pk)
    form_class, title, button = STEPS[step]
    kwargs = {"today": uk_today()} if issubclass(form_class, forms.DatedForm) else {}
    form = form_class(_posted(request), initial={"version": found.version}, **kwargs)
    officers, possible = [], []
    if step == "allocate":
        officers = _officers(request.user)
        form.fields["officer"].choices = [("", "Choose"), *((str(u.pk), str(u)) for u in officers)]
    if step == "link":
        possible = candidates(found, Child.objects.visible_to(request.user))
        listed(request, [c.child for c in possible])
        form.fields["child"].choices = [
            *((str(c.child.pk), _described(c)) for c in possible),
            (forms.NEW_RECORD, "None of these: make a new record" if possible else "Make a new record"),
        ]
    listed(request, mentioned([found]))
    if found.child_id:
        shown(request, found.child)
    if request.method == "POST" and form.is_valid():
        try:
            _act(request, found, step, form.cleaned_data, officers, possible)
        except EditConflict:
            return edit_conflict(request, back=reverse("early_years:notification", kwargs={"pk": found.pk}))
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(request, f"{title}: saved")
            return redirect("early_years:notification", pk=found.pk)
    return form_page(
        request,
        form,
        title=title,
        button=button,
        caption=f"{found.ref}: {found.child_name}, born {govuk_date(found.date_of_birth)}",
        back=reverse("early_years:notification", kwargs={"pk": found.pk}),
    )


def _described(candidate) -> str:
    child = candidate.child
    where = f", {child.setting.name}" if child.setting_id else ""
    return (
        f"{child.full_name}, born {govuk_date(child.date_of_birth)}{where} ({', '.join(candidate.reasons)})"
    )


def _act(request, found, step, data, officers, possible) -> None:
    by, today, version = Actor.of(request), uk_today(), data["version"]
    if step == "acknowledge":
        services.acknowledge(found, by=by, expected_version=version, on=data["acknowledged_on"], today=today)
    elif step == "allocate":
        officer = next(u for u in officers if str(u.pk) == data["officer"])
        services.allocate(found, by=by, expected_version=version, officer=officer, today=today)
    elif step == "contact":
        services.record_contact(
            found,
            by=by,
            expected_version=version,
            on=data["first_contact_on"],
            offered=data["offered"],
            today=today,
        )
    elif step == "outcome":
        services.record_outcome(
            found,
            by=by,
            expected_version=version,
            outcome=data["outcome"],
            on=data["outcome_on"],
            today=today,
        )
    else:
        chosen = next((c.child for c in possible if str(c.child.pk) == data["child"]), None)
        services.link_child(found, by=by, expected_version=version, child=chosen, today=today)


@requires(Capability.SEE_EARLY_YEARS_FIGURES)
def figures(request):
    years = measures.by_year(council_id(request.user))
    return render(
        request,
        "early_years/figures.jinja",
        {
            "title": "Notifications from health: timeliness and outcomes",
            "years": [(year, summary, measures.outcome_rows(summary)) for year, summary in years],
        },
    )
