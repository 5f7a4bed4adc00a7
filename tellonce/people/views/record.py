"""Pages for the child record. Children are reached only through Child.objects.visible_to(user),
so anything outside a user's scope answers 404."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.models import User
from tellonce.accounts.policy import Capability, Scope, requires, scope
from tellonce.audit import services as audit
from tellonce.audit.models import AccessEvent
from tellonce.audit.shown import exported, listed, shown
from tellonce.core.spreadsheets import csv_download
from tellonce.core.time import uk_today
from tellonce.core.views import attempt, edit_conflict
from tellonce.people import services
from tellonce.people.forms import AllAboutMeForm, ChildDetailsForm, ConsentForm, FindChildForm, WhoDecidesForm
from tellonce.people.models import Child
from tellonce.people.presenters import WhoDecides

PAGE_SIZE = 50


def _child(request, pk, capability: Capability) -> Child:
    """The child, if `capability` reaches them for this user; 404 otherwise."""
    children = Child.objects.within_scope(request.user, capability)
    child = get_object_or_404(
        children.select_related("setting", "next_setting", "locality", "coordinator"), pk=pk
    )
    shown(request, child)
    return child


def _editable_child(request, pk) -> Child:
    return _child(request, pk, Capability.EDIT_CHILD)


def _page(request, queryset):
    """One page of `queryset`, its rows read once (for the access log and the table alike)."""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = list(page.object_list)
    return page


@requires(Capability.WORK_CASELOAD)
def caseload(request):
    own = scope(request.user, Capability.WORK_CASELOAD) == Scope.CASELOAD
    children = Child.objects.within_scope(request.user, Capability.WORK_CASELOAD).filter(anonymised_on=None)
    children = children.select_related("setting")  # the table shows the setting, not the coordinator
    coordinator = request.GET.get("coordinator", "")
    if coordinator and not own:
        children = children.filter(coordinator_id=coordinator)
    coordinators = [] if own else User.coordinators_in(request.user.local_authority_id)
    page = _page(request, children.order_by("family_name", "given_name"))
    listed(request, page.object_list, what="Listed in the caseload")
    return render(
        request,
        "people/caseload.jinja",
        {
            "title": "Children on my caseload" if own else "Children on the team's caseload",
            "page": page,
            "today": uk_today(),
            "coordinators": coordinators,
            "coordinator": coordinator,
        },
    )


@requires(Capability.LIST_CHILDREN_WORKED_WITH)
def child_list(request):
    children = Child.objects.visible_to(request.user).filter(anonymised_on=None).select_related("setting")
    at_school = scope(request.user, Capability.LIST_CHILDREN_WORKED_WITH) == Scope.SCHOOL
    title = "Our pupils" if at_school else "Children I work with"
    page = _page(request, children)
    listed(request, page.object_list, what="Listed among the children they work with")
    return render(
        request,
        "people/child_list.jinja",
        {
            "title": title,
            "page": page,
            "today": uk_today(),
        },
    )


@requires(Capability.SEE_OWN_CHILDREN)
def my_children(request):
    children = Child.objects.visible_to(request.user).select_related("setting")
    if scope(request.user, Capability.SEE_OWN_CHILDREN) == Scope.SELF and len(children) == 1:
        return redirect("workspace:child", pk=children[0].pk)
    listed(request, children, what="Listed among their children")
    return render(
        request,
        "people/my_children.jinja",
        {
            "title": "My children",
            "children": children,
            "not_shared": _no_longer_shared(request.user, children),
            "today": uk_today(),
        },
    )


def _no_longer_shared(user, children) -> list[str]:
    """The first names of the young people linked to this parent whose records they no longer see:
    over compulsory school age, deciding for themselves, and not agreeing (domain.decisions)."""
    links = user.family_links.filter(parental_responsibility=True).exclude(child__in=children)
    return [link.child.preferred_name or link.child.given_name for link in links.select_related("child")]


@requires(Capability.FIND_CHILD)
def find(request):
    form = FindChildForm(request.POST if request.method == "POST" else None)
    results = None
    if form.is_bound and form.is_valid():
        found = (
            Child.objects.visible_to(request.user)
            .filter(anonymised_on=None)
            .find(**form.cleaned_data)
            .select_related("setting")
        )
        results = list(found[:PAGE_SIZE])
        audit.record_listed(Actor.of(request), results)
    return render(
        request,
        "people/find.jinja",
        {
            "title": "Find a child or young person",
            "form": form,
            "results": results,
            "today": uk_today(),
        },
    )


def _change_page(request, child, form, save, *, template: str, title: str, done: str, extra=None):
    """A page that changes part of the child's record with a version check: saved, back to the
    record; someone else saved first, the page that says so."""

    def act(data):
        save(child, by=Actor.of(request), expected_version=data["version"], changes=form.changes())

    saved = attempt(
        request, form, act, done=done, to=child_url(child), on_conflict=lambda: edit_conflict(request, child)
    )
    context = {"title": title, "form": form, "child": child, "back_link": child_url(child)}
    return saved or render(request, template, context | (extra or {}))


@requires(Capability.EDIT_CHILD)
def edit(request, pk):
    child = _editable_child(request, pk)
    today = uk_today()
    initial = {name: getattr(child, name) for name in ChildDetailsForm.base_fields if hasattr(child, name)}
    form = ChildDetailsForm(
        request.POST or None,
        initial=initial | {"version": child.version},
        today=today,
        local_authority_id=child.local_authority_id,
    )
    return _change_page(
        request,
        child,
        form,
        services.update_child,
        template="people/child_edit.jinja",
        title=f"Change {child.full_name}'s details",
        done="The record has been updated",
    )


@requires(Capability.EDIT_CHILD)
def who_decides(request, pk):
    """Capacity and the young person's agreement: with their age, whose consent governs what a
    parent sees (domain.decisions, ADR 54)."""
    child = _editable_child(request, pk)
    today = uk_today()
    initial = {name: getattr(child, name) for name in services.DECISION_FIELDS}
    for name in ("lacks_capacity", "agrees_parent_sees"):
        initial[name] = "yes" if initial[name] else "no"
    form = WhoDecidesForm(request.POST or None, initial=initial | {"version": child.version}, today=today)
    return _change_page(
        request,
        child,
        form,
        services.record_who_decides,
        template="people/who_decides.jinja",
        title="Who decides, and what their parent sees",
        done="Who decides has been recorded",
        extra={"summary": WhoDecides(child, today)},
    )


@requires(Capability.WRITE_ALL_ABOUT_ME)
def edit_all_about_me(request, pk):
    child = _child(request, pk, Capability.WRITE_ALL_ABOUT_ME)
    about = child.all_about_me_or_none()
    initial = {"version": about.version if about else None}
    form = AllAboutMeForm(request.POST or None, instance=about, initial=initial)
    return _change_page(
        request,
        child,
        form,
        services.update_all_about_me,
        template="people/all_about_me_edit.jinja",
        title=f"All about {child.full_name}",
        done="All about me has been saved",
    )


@requires(Capability.EDIT_CHILD)
def record_consent(request, pk):
    child = _editable_child(request, pk)
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_consent(child, by=Actor.of(request), **form.cleaned_data)
        messages.success(request, "The consent decision has been recorded")
        return redirect("workspace:child", pk=child.pk)
    return render(
        request,
        "people/consent_form.jinja",
        {"title": "Record a consent decision", "form": form, "child": child, "back_link": child_url(child)},
    )


def child_url(child) -> str:
    return reverse("workspace:child", kwargs={"pk": child.pk})


@requires(Capability.VIEW_ACCESS_LOG)
def access_log(request, pk):
    child = _child(request, pk, Capability.VIEW_ACCESS_LOG)
    events = AccessEvent.objects.filter(child_id=child.pk).select_related("user")
    page = Paginator(events, 100).get_page(request.GET.get("page"))
    return render(
        request,
        "people/access_log.jinja",
        {
            "title": f"Who has seen or changed {child.full_name}'s record",
            "child": child,
            "page": page,
            "back_link": child_url(child),
        },
    )


LOG_HEADER = ["When", "Who (role)", "For (organisation)", "What", "Why they could (relationship)", "Through"]


@requires(Capability.EXPORT_ACCESS_LOG)
def access_log_csv(request, pk):
    """The child's access log as a file a coordinator can give the family: who by role and
    organisation (not staff names or addresses), when, what and why they were allowed."""
    child = _child(request, pk, Capability.EXPORT_ACCESS_LOG)
    rows = (
        [
            event.at.isoformat(timespec="seconds"),
            event.get_role_display(),
            event.organisation,
            f"{event.get_action_display()}: {event.what}",
            event.relationship,
            event.get_channel_display(),
        ]
        for event in AccessEvent.objects.filter(child_id=child.pk)
        .order_by("at", "pk")
        .iterator(chunk_size=500)
    )
    exported(request, [child], what="Downloaded the record's access log")
    return csv_download(f"access-log-{child.pk}.csv", LOG_HEADER, rows)
