"""Actions: their owners update them; plan managers change their wording, owner or due date."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.core.views import attempt, edit_conflict, form_page
from tellonce.improvement import forms, presenters, services
from tellonce.improvement.models import Action, Priority


@requires(Capability.MANAGE_IMPROVEMENT_PLAN, Capability.UPDATE_OWN_ACTIONS)
def action_update(request, pk):
    action = get_object_or_404(
        Action.objects.updatable_by(request.user).select_related("priority__plan"), pk=pk
    )
    sees_plan = Priority.objects.visible_to(request.user).filter(pk=action.priority_id).exists()
    back = (
        reverse("improvement:priority", args=[action.priority_id])
        if sees_plan
        else reverse("improvement:my-actions")
    )
    form = forms.ActionUpdateForm(
        request.POST or None, initial={"version": action.version, "status": action.status}
    )
    if request.method == "POST" and not action.withdrawn and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_action(
                action,
                by=Actor.of(request),
                expected_version=data["version"],
                status=data["status"],
                note=data["note"],
                on=uk_today(),
            )
        except EditConflict:
            return edit_conflict(request, back=back)
        messages.success(request, "Action updated")
        return redirect(back)
    return render(
        request,
        "improvement/action.jinja",
        {
            "title": "Update an action",
            "action": presenters.action_view(action, uk_today()),
            "can_change": Priority.objects.managed_by(request.user).filter(pk=action.priority_id).exists(),
            "form": form,
            "back_link": back,
        },
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def action_change(request, pk):
    """Plan managers reword an action, change its owner or partner, or move its due date."""
    managed = Action.objects.filter(priority__in=Priority.objects.managed_by(request.user))
    action = get_object_or_404(managed.select_related("priority__plan"), pk=pk)
    priority = action.priority
    back = reverse("improvement:priority", args=[priority.pk])
    initial = {
        "version": action.version,
        "text": action.text,
        "owner": action.owner_id,
        "partner_agency": action.partner_agency,
        "due_on": action.due_on,
    }
    form = forms.ActionChangeForm(
        request.POST or None,
        initial=initial,
        due_on=action.due_on,
        local_authority_id=priority.plan.local_authority_id,
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.change_action(
                action, by=Actor.of(request), on=uk_today(), expected_version=data.pop("version"), **data
            )
        except EditConflict:
            return edit_conflict(request, back=back)
        messages.success(request, "Action changed")
        return redirect(back)
    return form_page(
        request, form, title="Change an action", button="Save", back=back, caption=f"Area {priority.number}"
    )


@requires(Capability.MANAGE_IMPROVEMENT_PLAN)
def action_withdraw(request, pk):
    """Plan managers withdraw an action, saying why: no longer needed, or merged into another."""
    managed = Action.objects.filter(priority__in=Priority.objects.managed_by(request.user))
    action = get_object_or_404(managed.live().select_related("priority__plan"), pk=pk)
    back = reverse("improvement:priority", args=[action.priority_id])
    form = forms.WithdrawForm(request.POST or None, initial={"version": action.version}, action=action)
    saved = attempt(
        request,
        form,
        lambda d: services.withdraw_action(
            action,
            by=Actor.of(request),
            today=uk_today(),
            expected_version=d["version"],
            reason=d["reason"],
            merged_into=d["merged_into"],
            note=d["note"],
        ),
        done="Action withdrawn",
        to=back,
        on_conflict=lambda: edit_conflict(request, back=back),
    )
    return saved or form_page(
        request,
        form,
        title="Withdraw an action",
        button="Withdraw the action",
        back=back,
        caption=f"Area {action.priority.number}",
        intro=f"Action: {action.text}",
    )


@requires(Capability.UPDATE_OWN_ACTIONS)
def my_actions(request):
    actions = Action.objects.live().filter(owner=request.user).select_related("priority__plan")
    return render(
        request,
        "improvement/my_actions.jinja",
        {
            "title": "My improvement actions",
            "actions": [presenters.action_view(a, uk_today()) for a in actions],
        },
    )
