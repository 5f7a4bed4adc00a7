"""The coordinator's steps of a review after it is arranged: invitations, advice, papers circulated,
the meeting held and the decision, and starting the amendment a decision to amend leads to."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core.forms import service_kwargs
from tellonce.core.refusals import InvalidStep
from tellonce.core.time import uk_today
from tellonce.core.views import form_page
from tellonce.reviews import forms, services
from tellonce.reviews.views.common import attempt, editable_review, review_url


def _meeting(request, review, today):
    form = forms.MeetingForm(
        request.POST or None,
        today=today,
        attendance=review.attendance.all(),
        initial={"version": review.version, "held_on": review.held_on or review.meeting_on},
    )

    def act(d):
        return services.record_meeting(
            review,
            by=Actor.of(request),
            held_on=d["held_on"],
            attendance=form.attendance(),
            expected_version=d["version"],
            today=today,
        )

    return form, act, "Record the meeting", "Meeting recorded"


def _invitations(request, review, today):
    form = forms.InvitationsForm(
        request.POST or None, today=today, initial={"version": review.version, "sent_on": today}
    )

    def act(d):
        return services.record_invitations(
            review,
            by=Actor.of(request),
            sent_on=d["sent_on"],
            invitees=form.invitees(),
            expected_version=d["version"],
            today=today,
        )

    return form, act, "Send the invitations", "Invitations recorded"


def _advice(request, review, today):
    form = forms.AdviceForm(request.POST or None, today=today, initial={"requested_on": today})

    def act(d):
        return services.request_review_advice(review, by=Actor.of(request), **service_kwargs(d))

    return form, act, "Ask for advice for the review", "Advice requested"


def _circulated(request, review, today):
    form = forms.CirculatedForm(
        request.POST or None, today=today, initial={"version": review.version, "circulated_on": today}
    )

    def act(d):
        return services.record_advice_circulated(
            review, by=Actor.of(request), today=today, **service_kwargs(d)
        )

    return form, act, "Circulate the advice", "Recorded that the advice was circulated"


def _decision(request, review, today):
    form = forms.DecisionForm(
        request.POST or None, today=today, initial={"version": review.version, "notified_on": today}
    )

    def act(d):
        return services.decide(review, by=Actor.of(request), today=today, **service_kwargs(d))

    return form, act, "Decide whether to keep, amend or cease the plan", "Decision recorded"


STEPS = {
    "invitations": _invitations,
    "advice": _advice,
    "circulated": _circulated,
    "meeting": _meeting,
    "decision": _decision,
}


@requires(Capability.RUN_REVIEW)
def step(request, pk, step):
    if step not in STEPS:
        raise Http404
    review = editable_review(request, pk)
    today = uk_today()
    form, act, title, done = STEPS[step](request, review, today)
    child = review.plan.child
    saved = attempt(request, form, act, done=done, to=review_url(review), child=child)
    return saved or form_page(
        request,
        form,
        title=title,
        caption=f"{child.full_name}, {review}",
        button="Save",
        back=review_url(review),
    )


@requires(Capability.RUN_REVIEW)
def start_amendment(request, pk):
    review = editable_review(request, pk)
    if request.method != "POST":
        raise Http404
    try:
        version = services.start_amendment(review, by=Actor.of(request), today=uk_today())
    except InvalidStep as invalid:
        messages.error(request, invalid.problems[0])
        return redirect(review_url(review))
    messages.success(request, "Write the proposed amendments, then send them to the family")
    return redirect("plans:version", pk=review.plan_id, number=version.number)
