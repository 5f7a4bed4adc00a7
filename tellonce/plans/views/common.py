"""What every plan page shares: reaching a plan or a version only through its scope, the
conflict page that keeps what the user typed, and the form page."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from tellonce.audit.shown import shown
from tellonce.core.time import working_days
from tellonce.core.views import attempt as core_attempt
from tellonce.core.views import form_page
from tellonce.plans import presenters
from tellonce.plans.models import Plan, PlanVersion, Status


def visible_plan(request, pk) -> Plan:
    plans = Plan.objects.visible_to(request.user).select_related(
        "child__setting",
        "child__next_setting",
        "child__local_authority",
        "named_officer",
        "coordinator",
        "assessment",
    )
    plan = get_object_or_404(plans, pk=pk)
    shown(request, plan.child)
    return plan


def visible_version(request, plan: Plan, number: int) -> PlanVersion:
    version = get_object_or_404(PlanVersion.objects.visible_to(request.user).filter(plan=plan), number=number)
    version.plan = plan
    return version


def editable_plan(request, pk) -> Plan:
    plans = Plan.objects.editable_by(request.user).select_related(
        "child__setting", "child__next_setting", "named_officer", "coordinator", "assessment"
    )
    plan = get_object_or_404(plans, pk=pk)
    shown(request, plan.child)
    return plan


def editable_version(request, pk, number: int, *, working: bool = True) -> PlanVersion:
    plan = editable_plan(request, pk)
    versions = PlanVersion.objects.editable_by(request.user).filter(plan=plan)
    if working:
        versions = versions.filter(status=Status.WORKING)
    version = get_object_or_404(versions, number=number)
    version.plan = plan
    return version


def conflict(request, version: PlanVersion, form=None):
    """Someone else saved first: nothing was saved, and what this user typed is shown to copy."""
    typed = []
    if form is not None:
        for bf in form:
            value = form.data.get(bf.html_name, "")
            if not bf.is_hidden and isinstance(value, str) and value.strip():
                typed.append((bf.label, value))
    return render(
        request,
        "plans/conflict.jinja",
        {"title": "Someone else changed this part of the plan", "version": version, "typed": typed},
        status=409,
    )


def version_form_page(
    request, version: PlanVersion, form, *, title: str, button: str, intro: str = "", status: int = 200
):
    return form_page(
        request,
        form,
        title=title,
        button=button,
        intro=intro,
        back=version_url(version),
        caption=f"{version.plan.child.full_name}, {version.plan.ref}, {version.label.lower()}",
        status=status,
    )


def version_url(version: PlanVersion) -> str:
    return reverse("plans:version", kwargs={"pk": version.plan_id, "number": version.number})


def area_name(plan: Plan) -> str:
    return plan.child.local_authority.name


def letter_for(version: PlanVersion) -> tuple:
    """The letter that went with a version once it was sent or issued; none while it is written."""
    if version.status == Status.WORKING:
        return ()
    return presenters.letter(version, calendar=working_days(), area_name=area_name(version.plan))


def attempt(request, version: PlanVersion, form, act, *, done: str, then: str = ""):
    """core.views.attempt for a version: back to the version when it saves, or the page that keeps
    what the user typed when someone else saved first."""
    return core_attempt(
        request,
        form,
        act,
        done=done,
        to=version_url(version) + then,
        on_conflict=lambda: conflict(request, version, form),
    )
