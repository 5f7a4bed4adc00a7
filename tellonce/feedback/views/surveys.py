"""Surveys: families answer their invitations and open surveys and may delete their answers; staff
enter answers given on paper or by phone; council staff and the board read the results, the
quarterly report and whose voice is missing."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, allows, requires
from tellonce.audit.shown import listed
from tellonce.core.formatting import govuk_date
from tellonce.core.time import uk_today
from tellonce.core.views import form_page
from tellonce.domain.identifiers import normalise_nhs_number, normalise_upn
from tellonce.feedback import forms, measures, services
from tellonce.feedback.models import (
    FeedbackItem,
    Invitation,
    Response,
    Survey,
)
from tellonce.feedback.views.common import forget_page
from tellonce.organisations.councils import council_id
from tellonce.people.models import Child


def _open_to(user):
    """The open surveys of the councils of a family's children."""
    councils = Child.objects.visible_to(user).values("local_authority_id")
    return Survey.objects.filter(local_authority_id__in=councils, trigger="open", is_active=True)


@requires(Capability.ANSWER_SURVEYS, Capability.SEE_SURVEY_RESULTS)
def surveys(request):
    user = request.user
    if allows(user, Capability.ANSWER_SURVEYS):
        return render(
            request,
            "feedback/family_surveys.jinja",
            {
                "title": "Surveys",
                "waiting": Invitation.objects.filter(invited=user, response__isnull=True).select_related(
                    "survey", "child"
                ),
                "answered": Response.objects.filter(respondent=user).select_related("survey"),
                "open": _open_to(user),
                "feedback": FeedbackItem.objects.filter(raised_by=user),
            },
        )
    return render(
        request,
        "feedback/surveys.jinja",
        {
            "title": "Surveys",
            "surveys": Survey.objects.within_scope(user, Capability.SEE_SURVEY_RESULTS),
            "staff": allows(user, Capability.MANAGE_FEEDBACK),
        },
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


@requires(Capability.ANSWER_SURVEYS)
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
    return form_page(
        request,
        form,
        title=invitation.survey.title,
        caption=invitation.reason,
        button="Send answers",
        back=reverse("feedback:surveys"),
        intro="Your answers help the SEND partnership improve. You can send them without your name.",
    )


@requires(Capability.ANSWER_SURVEYS)
def answer_open(request, pk):
    survey = get_object_or_404(_open_to(request.user), pk=pk)
    form = forms.SurveyForm(
        request.POST or None, survey=survey, children=Child.objects.visible_to(request.user)
    )
    if request.method == "POST" and form.is_valid():
        _save_answers(request, survey, form, child=form.cleaned_data["child"])
        messages.success(request, "Thank you. Your answers have been sent")
        return redirect("feedback:surveys")
    listed(request, form.fields["child"].queryset, what="Offered as who the answers are about")
    return form_page(
        request, form, title=survey.title, button="Send answers", back=reverse("feedback:surveys")
    )


@requires(Capability.MANAGE_FEEDBACK)
def enter_paper(request, pk):
    survey = get_object_or_404(Survey.objects.within_scope(request.user, Capability.MANAGE_FEEDBACK), pk=pk)
    form = forms.SurveyForm(request.POST or None, survey=survey, staff=True)
    if (
        request.method == "POST"
        and form.is_valid()
        and _save_answers(request, survey, form, child=None, staff=True)
    ):
        messages.success(request, "The answers have been entered")
        return redirect("feedback:results", pk=survey.pk)
    return form_page(
        request,
        form,
        title=f"Enter answers from paper or phone: {survey.title}",
        button="Enter the answers",
        back=reverse("feedback:surveys"),
        intro="So that families without internet access are counted too.",
    )


@requires(Capability.SEE_SURVEY_RESULTS)
def results(request, pk):
    survey = get_object_or_404(
        Survey.objects.within_scope(request.user, Capability.SEE_SURVEY_RESULTS), pk=pk
    )
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


@requires(Capability.ANSWER_SURVEYS)
def forget(request, pk):
    response = get_object_or_404(Response.objects.filter(respondent=request.user), pk=pk)
    return forget_page(
        request,
        response,
        services.forget_response,
        title="Delete your answers",
        what=f"Your answers to {response.survey.title} from {govuk_date(response.submitted_on)}",
        button="Delete my answers",
        done="Your answers have been deleted",
    )


@requires(Capability.SEE_SURVEY_RESULTS)
def report(request):
    quarter = request.GET.get("quarter") or measures.quarter_of(uk_today())
    if len(quarter) != 7 or not quarter[:4].isdigit() or quarter[4:6] != " Q" or quarter[-1] not in "1234":
        raise Http404
    return render(
        request,
        "feedback/report.jinja",
        {
            "title": f"Feedback report, {quarter}",
            "report": measures.quarterly_report(council_id(request.user), quarter),
        },
    )


@requires(Capability.SEE_SURVEY_RESULTS)
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
            "groups": measures.whose_voice(council_id(request.user), dimension),
        },
    )
