"""Ceasing a plan (consider, decide and notify, appeal, or keep it after all) and moves between
councils (transfer out, transfer in)."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.audit.shown import shown
from tellonce.core.forms import service_kwargs
from tellonce.core.time import uk_today
from tellonce.core.views import form_page
from tellonce.people.models import Child
from tellonce.reviews import forms, services
from tellonce.reviews.models import Ceasing
from tellonce.reviews.views.common import attempt, editable_plan


def _plan_reviews(plan) -> str:
    return reverse("reviews:plan", kwargs={"pk": plan.pk})


def _plan_step(request, plan, form, act, *, title: str, done: str, intro: str = ""):
    """A step on a plan's page: saved and back to the plan's reviews, or the form (again)."""
    back = _plan_reviews(plan)
    return attempt(request, form, act, done=done, to=back, child=plan.child) or form_page(
        request,
        form,
        title=title,
        caption=f"{plan.child.full_name}, {plan.ref}",
        button="Save",
        back=back,
        intro=intro,
    )


@requires(Capability.RUN_REVIEW)
def consider(request, pk):
    plan = editable_plan(request, pk)
    today = uk_today()
    form = forms.ConsiderCeasingForm(request.POST or None, today=today, initial={"considered_on": today})

    def act(d):
        return services.consider_ceasing(plan, by=Actor.of(request), today=today, **service_kwargs(d))

    return _plan_step(
        request,
        plan,
        form,
        act,
        title="Consider ceasing the plan",
        done="Recorded that ceasing the plan is being considered",
        intro="Tell the family and consult them and the school or college before deciding (reg. 31).",
    )


CEASING_STEPS = {
    "decide": (forms.CeaseForm, "Decide to cease the plan", "Decision to cease recorded"),
    "appeal": (forms.AppealForm, "Record an appeal", "Appeal recorded"),
    "keep": (forms.WithdrawForm, "Keep the plan", "Recorded that the plan is kept"),
}


@requires(Capability.RUN_REVIEW)
def ceasing_step(request, pk, step):
    if step not in CEASING_STEPS:
        raise Http404
    plan = editable_plan(request, pk)
    ceasing = get_object_or_404(
        Ceasing, plan=plan, pk=request.GET.get("ceasing") or request.POST.get("ceasing")
    )
    today = uk_today()
    form_class, title, done = CEASING_STEPS[step]
    form = form_class(request.POST or None, today=today, initial={"version": ceasing.version})

    step_service = {
        "decide": services.decide_to_cease,
        "appeal": services.record_appeal,
        "keep": services.withdraw_ceasing,
    }[step]

    def act(d):
        return step_service(ceasing, by=Actor.of(request), today=today, **service_kwargs(d))

    return _plan_step(request, plan, form, act, title=title, done=done)


@requires(Capability.RUN_REVIEW)
def move_out(request, pk):
    plan = editable_plan(request, pk)
    today = uk_today()
    form = forms.MoveOutForm(request.POST or None, today=today)

    def act(d):
        return services.record_move_out(plan, by=Actor.of(request), today=today, **service_kwargs(d))

    return _plan_step(
        request,
        plan,
        form,
        act,
        title="Record a move to another council",
        done="Move recorded",
        intro="Transfer the plan on the day of the move if you knew 15 working days before; otherwise within 15 working days "
        "of finding out (reg. 15(2)).",
    )


@requires(Capability.RUN_REVIEW)
def move_in(request, child_pk):
    child = get_object_or_404(Child.objects.within_scope(request.user, Capability.RUN_REVIEW), pk=child_pk)
    shown(request, child)
    today = uk_today()
    form = forms.MoveInForm(request.POST or None, today=today)
    created = {}

    def act(d):
        created["plan"] = services.record_move_in(
            child, by=Actor.of(request), today=today, **service_kwargs(d)
        )

    saved = attempt(
        request,
        form,
        act,
        done="Plan transferred in",
        to=reverse("workspace:child", kwargs={"pk": child.pk}),
        child=child,
    )
    if saved and "plan" in created:
        saved["Location"] = _plan_reviews(created["plan"])
    return saved or form_page(
        request,
        form,
        title="Record a plan transferred from another council",
        caption=child.full_name,
        button="Save",
        back=reverse("workspace:child", kwargs={"pk": child.pk}),
        intro="Tell the family within 6 weeks whether you will reassess and when you will review; review by the later of "
        "12 months from the last review and 3 months from the transfer (reg. 15).",
    )
