"""Co-production: the service developments worked on with families, and the parent carer forum's
members, kept with their consent."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core.time import uk_today
from tellonce.feedback import forms, services
from tellonce.feedback.models import (
    CoProduction,
    ForumMember,
)
from tellonce.feedback.views.common import managing


@requires(Capability.SEE_FEEDBACK)
def co_production(request):
    data = managing(request)
    form = data is not False and forms.CoProductionForm(data)
    if form and request.method == "POST" and form.is_valid():
        services.record_co_production(by=Actor.of(request), **form.cleaned_data)
        messages.success(request, "Recorded")
        return redirect("feedback:co-production")
    return render(
        request,
        "feedback/co_production.jinja",
        {
            "title": "Co-production and the parent carer forum",
            "form": form,
            "records": CoProduction.objects.within_scope(request.user, Capability.SEE_FEEDBACK),
            "members": ForumMember.objects.within_scope(request.user, Capability.SEE_FEEDBACK).count(),
        },
    )


@requires(Capability.SEE_FEEDBACK)
def forum_members(request):
    data = managing(request)
    form = data is not False and forms.ForumMemberForm(data)
    if form and request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.add_forum_member(
            by=Actor.of(request),
            name=data["name"],
            email=data["email"],
            ethnicity=data["ethnicity"],
            first_language=data["first_language"],
            joined_on=uk_today(),
        )
        messages.success(request, "Member added")
        return redirect("feedback:forum")
    return render(
        request,
        "feedback/forum.jinja",
        {
            "title": "Parent carer forum members",
            "form": form,
            "members": ForumMember.objects.within_scope(request.user, Capability.SEE_FEEDBACK),
            "back_link": reverse("feedback:co-production"),
        },
    )
