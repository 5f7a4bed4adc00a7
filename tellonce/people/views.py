"""Pages for the child record. Children are reached only through Child.objects.visible_to(user),
so anything outside a user's scope answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from tellonce.accounts.models import User
from tellonce.accounts.roles import CASEWORKERS, COUNCIL_READERS, FAMILY, PROFESSIONALS, Role
from tellonce.audit import services as audit
from tellonce.audit.models import AccessEvent
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.core.views import edit_conflict
from tellonce.people import services
from tellonce.people.forms import AllAboutMeForm, ChildDetailsForm, ConsentForm, FindChildForm
from tellonce.people.models import Child

PAGE_SIZE = 50


def _visible_child(request, pk) -> Child:
    children = Child.objects.visible_to(request.user).select_related("setting", "locality", "coordinator")
    return get_object_or_404(children, pk=pk)


def _require_role(request, roles) -> None:
    if request.user.role not in roles:
        raise Http404


def _page(request, queryset):
    return Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))


@login_required
def caseload(request):
    _require_role(request, CASEWORKERS)
    children = Child.objects.editable_by(request.user).select_related("setting", "coordinator")
    coordinator = request.GET.get("coordinator", "")
    if request.user.role == Role.EHC_COORDINATOR:
        children = children.filter(coordinator=request.user)
    elif coordinator:
        children = children.filter(coordinator_id=coordinator)
    coordinators = (
        User.objects.filter(
            role=Role.EHC_COORDINATOR, local_authority_id=request.user.local_authority_id
        ).order_by("last_name", "first_name")
        if request.user.role == Role.SEND_MANAGER
        else []
    )
    page = _page(request, children.order_by("family_name", "given_name"))
    return render(
        request,
        "people/caseload.jinja",
        {
            "title": "Children on my caseload"
            if request.user.role == Role.EHC_COORDINATOR
            else "Children on the team's caseload",
            "page": page,
            "today": uk_today(),
            "coordinators": coordinators,
            "coordinator": coordinator,
        },
    )


@login_required
def child_list(request):
    _require_role(request, PROFESSIONALS | {Role.SENCO})
    children = Child.objects.visible_to(request.user).select_related("setting")
    title = "Our pupils" if request.user.role == Role.SENCO else "Children I work with"
    return render(
        request,
        "people/child_list.jinja",
        {
            "title": title,
            "page": _page(request, children),
            "today": uk_today(),
        },
    )


@login_required
def my_children(request):
    _require_role(request, FAMILY)
    children = Child.objects.visible_to(request.user).select_related("setting")
    if request.user.role == Role.YOUNG_PERSON and len(children) == 1:
        return redirect("workspace:child", pk=children[0].pk)
    return render(
        request,
        "people/my_children.jinja",
        {
            "title": "My children",
            "children": children,
            "today": uk_today(),
        },
    )


@login_required
def find(request):
    _require_role(request, COUNCIL_READERS)
    form = FindChildForm(request.GET or None)
    results = None
    if form.is_bound and form.is_valid():
        found = Child.objects.visible_to(request.user).find(**form.cleaned_data).select_related("setting")
        results = list(found[:PAGE_SIZE])
        audit.record_listed(request.user, results, request=request)
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


@login_required
def edit(request, pk):
    child = _visible_child(request, pk)
    if not request.user.has_perm("people.change_child", child):
        raise Http404
    today = uk_today()
    if request.method == "POST":
        form = ChildDetailsForm(request.POST, today=today)
        if form.is_valid():
            try:
                services.update_child(
                    child,
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                    changes=form.changes(),
                    request=request,
                )
            except EditConflict:
                return edit_conflict(request, child)
            messages.success(request, "The record has been updated")
            return redirect("workspace:child", pk=child.pk)
    else:
        initial = {
            name: getattr(child, name) for name in ChildDetailsForm.base_fields if hasattr(child, name)
        }
        form = ChildDetailsForm(initial=initial | {"version": child.version}, today=today)
    return render(
        request,
        "people/child_edit.jinja",
        {
            "title": f"Change {child.full_name}'s details",
            "form": form,
            "child": child,
            "back_link": child_url(child),
        },
    )


@login_required
def edit_all_about_me(request, pk):
    child = _visible_child(request, pk)
    if not request.user.has_perm("people.change_allaboutme", child):
        raise Http404
    about = child.all_about_me_or_none()
    if request.method == "POST":
        form = AllAboutMeForm(request.POST, instance=about)
        if form.is_valid():
            try:
                services.update_all_about_me(
                    child,
                    by=request.user,
                    expected_version=form.cleaned_data["version"],
                    changes=form.changes(),
                    request=request,
                )
            except EditConflict:
                return edit_conflict(request, child)
            messages.success(request, "All about me has been saved")
            return redirect("workspace:child", pk=child.pk)
    else:
        form = AllAboutMeForm(instance=about, initial={"version": about.version if about else None})
    return render(
        request,
        "people/all_about_me_edit.jinja",
        {
            "title": f"All about {child.full_name}",
            "form": form,
            "child": child,
            "back_link": child_url(child),
        },
    )


@login_required
def record_consent(request, pk):
    child = _visible_child(request, pk)
    if not request.user.has_perm("people.change_child", child):
        raise Http404
    form = ConsentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.record_consent(child, by=request.user, request=request, **form.cleaned_data)
        messages.success(request, "The consent decision has been recorded")
        return redirect("workspace:child", pk=child.pk)
    return render(
        request,
        "people/consent_form.jinja",
        {"title": "Record a consent decision", "form": form, "child": child, "back_link": child_url(child)},
    )


def child_url(child) -> str:
    from django.urls import reverse

    return reverse("workspace:child", kwargs={"pk": child.pk})


@login_required
def access_log(request, pk):
    child = _visible_child(request, pk)
    if not request.user.has_perm("audit.view_access_log", child):
        raise Http404
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
