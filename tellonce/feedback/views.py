"""Pages for family voice. Families see only their own invitations and answers; staff run the log;
the board sees aggregates; "You said, we did" is public."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, require_capability, requires
from tellonce.core.access import public
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.domain.identifiers import normalise_nhs_number, normalise_upn
from tellonce.feedback import forms, measures, services
from tellonce.feedback.models import (
    CoProduction,
    FeedbackItem,
    ForumMember,
    Invitation,
    Publication,
    Response,
    Survey,
)
from tellonce.people.models import Child

C = Capability


def _managing(request):
    """The data for a change's form, for those who may make it (False: they see no form); a change
    posted by anyone else is refused."""
    if request.method == "POST":
        require_capability(request.user, C.MANAGE_FEEDBACK)
    return (request.POST or None) if allows(request.user, C.MANAGE_FEEDBACK) else False


@requires(C.ANSWER_SURVEYS, C.SEE_SURVEY_RESULTS)
def surveys(request):
    user = request.user
    if allows(user, C.ANSWER_SURVEYS):
        return render(
            request,
            "feedback/family_surveys.jinja",
            {
                "title": "Surveys",
                "waiting": Invitation.objects.filter(invited=user, response__isnull=True).select_related(
                    "survey", "child"
                ),
                "answered": Response.objects.filter(respondent=user).select_related("survey"),
                "open": Survey.objects.filter(trigger="open", is_active=True),
                "feedback": FeedbackItem.objects.filter(raised_by=user),
            },
        )
    return render(
        request,
        "feedback/surveys.jinja",
        {"title": "Surveys", "surveys": Survey.objects.all(), "staff": allows(user, C.MANAGE_FEEDBACK)},
    )


def _save_answers(request, survey, form, *, child, invitation=None, staff=False):
    data = form.cleaned_data
    profile_from = None
    if staff and data.get("reference"):
        ref = data["reference"].replace(" ", "")
        profile_from = (
            Child.objects.visible_to(request.user).filter(nhs_number=normalise_nhs_number(ref)).first()
            or Child.objects.visible_to(request.user).filter(upn=normalise_upn(ref)).first()
        )
        if profile_from is None:
            form.add_error("reference", "No child you can see has that NHS number or UPN")
            return None
    return services.submit_response(
        survey,
        by=Actor.of(request),
        child=profile_from if staff else child,
        answers=form.answers(),
        on=uk_today(),
        route=data.get("route", "online"),
        on_paper=staff,
        anonymous=data.get("anonymous", False),
        invitation=invitation,
        profile={key: data.get(key, "") for key in ("ethnicity", "first_language")},
    )


@requires(C.ANSWER_SURVEYS)
def answer_invitation(request, pk):
    invitation = get_object_or_404(
        Invitation.objects.filter(invited=request.user, response__isnull=True).select_related(
            "survey", "child"
        ),
        pk=pk,
    )
    form = forms.SurveyForm(request.POST or None, survey=invitation.survey)
    if request.method == "POST" and form.is_valid():
        _save_answers(request, invitation.survey, form, child=invitation.child, invitation=invitation)
        messages.success(request, "Thank you. Your answers have been sent")
        return redirect("feedback:surveys")
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": invitation.survey.title,
            "caption": invitation.reason,
            "form": form,
            "button": "Send answers",
            "back_link": reverse("feedback:surveys"),
            "intro": "Your answers help the SEND partnership improve. You can send them without your name.",
        },
    )


@requires(C.ANSWER_SURVEYS)
def answer_open(request, pk):
    survey = get_object_or_404(Survey.objects.filter(trigger="open", is_active=True), pk=pk)
    form = forms.SurveyForm(
        request.POST or None, survey=survey, children=Child.objects.visible_to(request.user)
    )
    if request.method == "POST" and form.is_valid():
        _save_answers(request, survey, form, child=form.cleaned_data["child"])
        messages.success(request, "Thank you. Your answers have been sent")
        return redirect("feedback:surveys")
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": survey.title,
            "form": form,
            "button": "Send answers",
            "back_link": reverse("feedback:surveys"),
        },
    )


@requires(C.MANAGE_FEEDBACK)
def enter_paper(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    form = forms.SurveyForm(request.POST or None, survey=survey, staff=True)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_answers(request, survey, form, child=None, staff=True)
    ):
        messages.success(request, "The answers have been entered")
        return redirect("feedback:results", pk=survey.pk)
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": f"Enter answers from paper or phone: {survey.title}",
            "form": form,
            "button": "Enter the answers",
            "back_link": reverse("feedback:surveys"),
            "intro": "So that families without internet access are counted too.",
        },
    )


@requires(C.SEE_SURVEY_RESULTS)
def results(request, pk):
    survey = get_object_or_404(Survey, pk=pk)
    return render(
        request,
        "feedback/results.jinja",
        {
            "title": f"Results: {survey.title}",
            "survey": survey,
            "rates": measures.response_rates(survey),
            "results": measures.results(survey),
            "routes": measures.routes(survey),
            "answers": Response.objects.filter(survey=survey).count(),
            "back_link": reverse("feedback:surveys"),
        },
    )


@requires(C.ANSWER_SURVEYS)
def forget(request, pk):
    response = get_object_or_404(Response.objects.filter(respondent=request.user), pk=pk)
    if request.method == "POST":
        services.forget_response(response, by=Actor.of(request))
        messages.success(request, "Your answers have been deleted")
        return redirect("feedback:surveys")
    return render(
        request,
        "feedback/forget.jinja",
        {"title": "Delete your answers", "response": response, "back_link": reverse("feedback:surveys")},
    )


@requires(C.SEE_FEEDBACK)
def feedback_log(request):
    return render(
        request,
        "feedback/log.jinja",
        {
            "title": "Feedback log",
            "items": FeedbackItem.objects.select_related("owner")[:200],
            "quarter": measures.quarter_of(uk_today()),
        },
    )


@requires(C.MANAGE_FEEDBACK)
def feedback_new(request):
    form = forms.FeedbackForm(request.POST or None, today=uk_today())
    if request.method == "POST" and form.is_valid():
        item = services.log_feedback(by=Actor.of(request), **form.cleaned_data)
        messages.success(request, "Feedback logged")
        return redirect("feedback:item", pk=item.pk)
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": "Log feedback from a family",
            "form": form,
            "button": "Log it",
            "back_link": reverse("feedback:log"),
        },
    )


@requires(C.SEE_FEEDBACK)
def feedback_item(request, pk):
    item = get_object_or_404(FeedbackItem.objects.select_related("owner"), pk=pk)
    data = _managing(request)
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
            "can_publish": allows(request.user, C.PUBLISH_FEEDBACK),
            "back_link": reverse("feedback:log"),
        },
    )


@requires(C.PUBLISH_FEEDBACK)
def feedback_publish(request, pk):
    item = get_object_or_404(FeedbackItem, pk=pk)
    form = forms.PublishForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.publish(item, by=Actor.of(request), on=uk_today(), **form.cleaned_data)
        messages.success(request, "Published on You said, we did")
        return redirect("feedback:item", pk=item.pk)
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": "Publish on You said, we did",
            "form": form,
            "button": "Publish",
            "back_link": reverse("feedback:item", args=[item.pk]),
            "intro": f"What the family said: {item.summary}",
        },
    )


@requires(C.SEE_SURVEY_RESULTS)
def report(request):
    quarter = request.GET.get("quarter") or measures.quarter_of(uk_today())
    if len(quarter) != 7 or not quarter[:4].isdigit() or quarter[4:6] != " Q" or quarter[-1] not in "1234":
        raise Http404
    return render(
        request,
        "feedback/report.jinja",
        {"title": f"Feedback report, {quarter}", "report": measures.quarterly_report(quarter)},
    )


@requires(C.SEE_SURVEY_RESULTS)
def whose_voice(request):
    dimension = request.GET.get("by", "ethnicity")
    if dimension not in measures.DIMENSIONS:
        raise Http404
    return render(
        request,
        "feedback/whose_voice.jinja",
        {
            "title": "Whose voice is missing",
            "dimension": dimension,
            "dimensions": measures.DIMENSIONS,
            "groups": measures.whose_voice(request.user.local_authority_id, dimension),
        },
    )


@requires(C.SEE_FEEDBACK)
def co_production(request):
    data = _managing(request)
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
            "records": CoProduction.objects.all(),
            "members": ForumMember.objects.count(),
        },
    )


@public
def you_said_we_did(request):
    """Public: no sign-in."""
    return render(
        request,
        "feedback/you_said_we_did.jinja",
        {
            "title": "You said, we did",
            "entries": Publication.objects.filter(topic="feedback")[:100],
            "local_offer": Publication.objects.filter(topic="local_offer")[:100],
        },
    )


@requires(C.ANSWER_SURVEYS)
def tell_us(request):
    children = Child.objects.visible_to(request.user)
    form = forms.FamilyFeedbackForm(request.POST or None, children=children)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.log_feedback(
            by=Actor.of(request),
            raised_by=request.user,
            raised_on=uk_today(),
            route="online",
            service=data["service"],
            summary=data["summary"],
            child=data["child"],
        )
        messages.success(request, "Thank you. The SEND team will look at what you told us")
        return redirect("feedback:surveys")
    return render(
        request,
        "core/form_page.jinja",
        {
            "title": "Tell us what you think",
            "form": form,
            "button": "Send",
            "back_link": reverse("feedback:surveys"),
        },
    )


@requires(C.ANSWER_SURVEYS)
def forget_feedback(request, pk):
    item = get_object_or_404(FeedbackItem.objects.filter(raised_by=request.user), pk=pk)
    if request.method == "POST":
        services.forget_feedback(item, by=Actor.of(request))
        messages.success(request, "What you told us has been deleted")
        return redirect("feedback:surveys")
    return render(
        request,
        "feedback/forget_feedback.jinja",
        {"title": "Delete what you told us", "item": item, "back_link": reverse("feedback:surveys")},
    )


@requires(C.SEE_FEEDBACK)
def forum_members(request):
    data = _managing(request)
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
            "members": ForumMember.objects.all(),
            "back_link": reverse("feedback:co-production"),
        },
    )
