"""The plan's "Placements and personal budget" page (docs/plans.md): the settings named in section I
and those attended while the plan is in force, and what the SEN2 return says of the plan; the
forms that add, change and end a placement and record the plan's residential placement, work-based
learning, personal budget and direct payments (plans/placements.py)."""

from django.shortcuts import get_object_or_404, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core import views as core_views
from tellonce.core.time import uk_today
from tellonce.core.views import form_page
from tellonce.domain import codes
from tellonce.plans import forms
from tellonce.plans import placements as services
from tellonce.plans.models import Placement, Plan
from tellonce.plans.views.common import editable_plan, visible_plan


def placements_url(plan: Plan) -> str:
    return reverse("plans:placements", kwargs={"pk": plan.pk})


def _label(code_list, code: str) -> str:
    return code_list.label_of(code) if code else ""


def _row(placement: Placement) -> dict:
    notes = [
        text
        for text, on in (
            ("SEN unit", placement.sen_unit),
            ("resourced provision", placement.resourced_provision),
            (_label(codes.RESIDENTIAL, placement.residential), placement.residential),
            (_label(codes.WORK_BASED, placement.work_based), placement.work_based),
        )
        if on
    ]
    return {
        "placement": placement,
        "where": services.describe(placement),
        "identifier": placement.urn
        and f"URN {placement.urn}"
        or placement.ukprn
        and f"UKPRN {placement.ukprn}",
        "rank": "Main" if placement.rank == "1" else "Second",
        "notes": ", ".join(notes),
    }


def _yes_no(value: bool | None) -> str:
    return {True: "Yes", False: "No", None: "Not recorded"}[value]


@requires(Capability.VIEW_PLAN)
def placements(request, pk):
    plan = visible_plan(request, pk)
    rows = [
        _row(p) for p in plan.placements.select_related("setting").order_by("-named", "rank", "-entry_on")
    ]
    details = [
        ("Residential placement", _label(codes.RESIDENTIAL, plan.residential) or "No"),
        ("Work-based learning", _label(codes.WORK_BASED, plan.work_based) or "No"),
        ("Personal budget taken up", _yes_no(plan.personal_budget)),
        ("Organised arrangements", _yes_no(plan.organised_arrangements)),
        ("Direct payments cover", _label(codes.DIRECT_PAYMENT, plan.direct_payments) or "No direct payments"),
    ]
    return render(
        request,
        "plans/placements.jinja",
        {
            "title": "Placements and personal budget",
            "plan": plan,
            "child": plan.child,
            "named": [row for row in rows if row["placement"].named],
            "attended": [row for row in rows if not row["placement"].named],
            "details": details,
            "can_edit": Plan.objects.editable_by(request.user).filter(pk=plan.pk).exists(),
            "made_on": services.made_on(plan),
            "back_link": reverse("plans:detail", kwargs={"pk": plan.pk}),
        },
    )


def _caption(plan: Plan) -> str:
    return f"{plan.child.full_name}, {plan.ref}"


def _attempt(request, plan: Plan, form, act, *, done: str):
    return core_views.attempt(
        request,
        form,
        act,
        done=done,
        to=placements_url(plan),
        on_conflict=lambda: core_views.edit_conflict(request, back=placements_url(plan)),
    )


def _placement_form(request, plan: Plan, *, initial: dict):
    return forms.PlacementRecordForm(
        request.POST or None,
        initial=initial,
        today=uk_today(),
        local_authority_id=plan.child.local_authority_id,
    )


@requires(Capability.EDIT_PLAN)
def add_placement(request, pk):
    plan = editable_plan(request, pk)
    named = "named" if request.GET.get("named") == "1" else "attended"
    form = _placement_form(request, plan, initial={"version": plan.version, "named": named, "rank": "1"})
    saved = _attempt(
        request,
        plan,
        form,
        lambda d: services.add_placement(
            plan, details=form.details(), by=Actor.of(request), today=uk_today()
        ),
        done="Placement added",
    )
    return saved or form_page(
        request,
        form,
        title="Add a placement",
        button="Add placement",
        back=placements_url(plan),
        caption=_caption(plan),
        intro="Name the setting in section I of the plan, or record one they attended, with the day they "
        "started. Give one of: a setting from the list, a URN, a UKPRN, or a type of setting.",
    )


def _placement(request, pk, placement_pk) -> tuple[Plan, Placement]:
    plan = editable_plan(request, pk)
    placement = get_object_or_404(Placement.objects.select_related("setting"), plan=plan, pk=placement_pk)
    placement.plan = plan
    return plan, placement


@requires(Capability.EDIT_PLAN)
def change_placement(request, pk, placement_pk):
    plan, placement = _placement(request, pk, placement_pk)
    initial = {
        "version": placement.version,
        "named": "named" if placement.named else "attended",
        "setting": placement.setting,
        "urn": "" if placement.setting_id else placement.urn,
        "ukprn": "" if placement.setting_id else placement.ukprn,
        **{
            name: getattr(placement, name)
            for name in (
                "sen_setting",
                "sen_setting_other",
                "rank",
                "entry_on",
                "leaving_on",
                "sen_unit",
                "resourced_provision",
                "residential",
                "work_based",
            )
        },
    }
    form = _placement_form(request, plan, initial=initial)
    saved = _attempt(
        request,
        plan,
        form,
        lambda d: services.change_placement(
            placement,
            details=form.details(),
            by=Actor.of(request),
            today=uk_today(),
            expected_version=d["version"],
        ),
        done="Placement changed",
    )
    return saved or form_page(
        request,
        form,
        title=f"Change the placement: {services.describe(placement)}",
        button="Save changes",
        back=placements_url(plan),
        caption=_caption(plan),
    )


@requires(Capability.EDIT_PLAN)
def end_placement(request, pk, placement_pk):
    plan, placement = _placement(request, pk, placement_pk)
    form = forms.EndPlacementForm(
        request.POST or None,
        initial={"version": placement.version, "leaving_on": placement.leaving_on},
        today=uk_today(),
    )
    saved = _attempt(
        request,
        plan,
        form,
        lambda d: services.end_placement(
            placement,
            leaving_on=d["leaving_on"],
            by=Actor.of(request),
            today=uk_today(),
            expected_version=d["version"],
        ),
        done="The day they left has been recorded",
    )
    return saved or form_page(
        request,
        form,
        title=f"When did they leave {services.describe(placement)}?",
        button="Save",
        back=placements_url(plan),
        caption=_caption(plan),
    )


@requires(Capability.EDIT_PLAN)
def return_details(request, pk):
    plan = editable_plan(request, pk)

    def answer(value: bool | None) -> str:
        return {True: "yes", False: "no", None: ""}[value]

    form = forms.ReturnDetailsForm(
        request.POST or None,
        initial={
            "version": plan.version,
            "residential": plan.residential,
            "work_based": plan.work_based,
            "personal_budget": answer(plan.personal_budget),
            "organised_arrangements": answer(plan.organised_arrangements),
            "direct_payments": plan.direct_payments,
        },
    )
    saved = _attempt(
        request,
        plan,
        form,
        lambda d: services.set_return_details(
            plan, **form.changes(), by=Actor.of(request), expected_version=d["version"]
        ),
        done="Residential, work-based learning and personal budget saved",
    )
    return saved or form_page(
        request,
        form,
        title="Residential placement, work-based learning and personal budget",
        button="Save",
        back=placements_url(plan),
        caption=_caption(plan),
    )
