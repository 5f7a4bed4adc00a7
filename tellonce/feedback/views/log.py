"""The feedback log: what families told us, its owner, actions and outcome, published as "You said, we
did" (public); a family tells us something and may delete it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.audit.shown import listed
from tellonce.core.access import public
from tellonce.core.formatting import govuk_date
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.core.views import form_page
from tellonce.feedback import forms, measures, services
from tellonce.feedback.models import (
    FeedbackItem,
    Publication,
)
from tellonce.feedback.views.common import forget_page, managing
from tellonce.organisations.councils import council_for_request
from tellonce.people.models import Child


@requires(Capability.SEE_FEEDBACK)
def feedback_log(request):
    return render(
        request,
        "feedback/log.jinja",
        {
            "title": "Feedback log",
            "items": FeedbackItem.objects.within_scope(request.user, Capability.SEE_FEEDBACK).select_related(
                "owner"
            )[:200],
            "quarter": measures.quarter_of(uk_today()),
        },
    )


@requires(Capability.MANAGE_FEEDBACK)
def feedback_new(request):
    form = forms.FeedbackForm(request.POST or None, today=uk_today())
    if request.method == "POST" and form.is_valid():
        item = services.log_feedback(
            by=Actor.of(request), local_authority=request.user.local_authority, **form.cleaned_data
        )
        messages.success(request, "Feedback logged")
        return redirect("feedback:item", pk=item.pk)
    return form_page(
        request, form, title="Log feedback from a family", button="Log it", back=reverse("feedback:log")
    )


@requires(Capability.SEE_FEEDBACK)
def feedback_item(request, pk):
    items = FeedbackItem.objects.within_scope(request.user, Capability.SEE_FEEDBACK)
    item = get_object_or_404(items.select_related("owner"), pk=pk)
    data = managing(request)
    form = data is not False and forms.FeedbackUpdateForm(
        data,
        initial={
            "version": item.version,
            "status": item.status,
            "actions": item.actions,
            "outcome": item.outcome,
        },
    )
    if form and request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in ("status", "actions", "outcome")}
        try:
            services.update_feedback(
                item,
                by=Actor.of(request),
                expected_version=form.cleaned_data["version"],
                changes=changes,
            )
        except EditConflict:
            form.add_error(
                None,
                "Someone else changed this feedback after you opened it. Nothing was saved: "
                "open it again to see their change.",
            )
        else:
            messages.success(request, "Feedback updated")
            return redirect("feedback:item", pk=item.pk)
    return render(
        request,
        "feedback/item.jinja",
        {
            "title": f"Feedback about {item.service}",
            "item": item,
            "form": form,
            "publications": item.publications.all(),
            "can_publish": allows(request.user, Capability.PUBLISH_FEEDBACK),
            "back_link": reverse("feedback:log"),
        },
    )


@requires(Capability.PUBLISH_FEEDBACK)
def feedback_publish(request, pk):
    item = get_object_or_404(
        FeedbackItem.objects.within_scope(request.user, Capability.PUBLISH_FEEDBACK), pk=pk
    )
    form = forms.PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.publish(item, by=Actor.of(request), on=uk_today(), **form.cleaned_data)
        messages.success(request, "Published on You said, we did")
        return redirect("feedback:item", pk=item.pk)
    return form_page(
        request,
        form,
        title="Publish on You said, we did",
        button="Publish",
        back=reverse("feedback:item", args=[item.pk]),
        intro=f"What the family said: {item.summary}",
    )


@public
def you_said_we_did(request):
    """Public: no sign-in."""
    published = Publication.objects.of_council(council_for_request(request).pk)
    return render(
        request,
        "feedback/you_said_we_did.jinja",
        {
            "title": "You said, we did",
            "entries": published.filter(topic="feedback")[:100],
            "local_offer": published.filter(topic="local_offer")[:100],
        },
    )


@requires(Capability.ANSWER_SURVEYS)
def tell_us(request):
    children = Child.objects.visible_to(request.user).select_related("local_authority")
    if not children.exists():
        raise Http404("There is no record of a child to tell us about")
    form = forms.FamilyFeedbackForm(request.POST or None, children=children)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.log_feedback(
            by=Actor.of(request),
            local_authority=(data["child"] or children.first()).local_authority,
            raised_by=request.user,
            raised_on=uk_today(),
            route="online",
            service=data["service"],
            summary=data["summary"],
            child=data["child"],
        )
        messages.success(request, "Thank you. The SEND team will look at what you told us")
        return redirect("feedback:surveys")
    listed(request, children, what="Offered as who the feedback is about")
    return form_page(
        request, form, title="Tell us what you think", button="Send", back=reverse("feedback:surveys")
    )


@requires(Capability.ANSWER_SURVEYS)
def forget_feedback(request, pk):
    item = get_object_or_404(FeedbackItem.objects.filter(raised_by=request.user), pk=pk)
    return forget_page(
        request,
        item,
        services.forget_feedback,
        title="Delete what you told us",
        what=f"What you told us about {item.service} on {govuk_date(item.raised_on)}",
        button="Delete it",
        done="What you told us has been deleted",
    )
