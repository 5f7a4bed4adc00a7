"""The family comments on a draft or proposed amendments, section by section, within the 15 days;
asks for a school or college to be named or for a meeting; the coordinator answers each comment."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.core.formatting import govuk_date
from tellonce.core.formatting import until as until_phrase
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.time import uk_today
from tellonce.core.views import show_problems
from tellonce.plans import forms, services
from tellonce.plans.models import CommentKind, PlanComment, PlanVersion, Status
from tellonce.plans.permissions import speaks_for_child_on
from tellonce.plans.views.common import (
    attempt,
    conflict,
    editable_plan,
    editable_version,
    version_form_page,
    version_url,
    visible_plan,
    visible_version,
)


def _family_version(request, pk, number) -> PlanVersion:
    plan = visible_plan(request, pk)
    version = visible_version(request, plan, number)
    if not speaks_for_child_on(request.user, version):
        raise Http404
    return version


def _closed(form, error: services.CommentWindowClosed) -> None:
    ended = f"on {govuk_date(error.until)}" if error.until else ""
    form.add_error(
        None,
        f"The time to comment ended {ended}. Your comment has not been sent: copy it and send it to your EHC "
        "coordinator, who can still take it into account.",
    )


def _send(request, version, form, **values):
    try:
        services.comment(version, by=Actor.of(request), today=uk_today(), **values)
    except services.CommentWindowClosed as closed:
        _closed(form, closed)
    except InvalidStep as invalid:
        for problem in invalid.problems:
            form.add_error(None, problem)
    else:
        return True
    return False


@requires(Capability.COMMENT_ON_PLAN)
def comment(request, pk, number):
    version = _family_version(request, pk, number)
    form = forms.CommentForm(request.POST or None, initial={"section": request.GET.get("section", "")})
    if request.method == "POST" and form.is_valid():
        if _send(
            request, version, form, text=form.cleaned_data["text"], section=form.cleaned_data["section"]
        ):
            messages.success(request, "Your comment has been sent to the EHC coordinator")
            return redirect(version_url(version))
    until = version.comments_until()
    return version_form_page(
        request,
        version,
        form,
        title="Comment on the plan",
        button="Send comment",
        intro=f"You can comment until {govuk_date(until)}." if until else "",
        status=400 if form.errors else 200,
    )


@requires(Capability.COMMENT_ON_PLAN)
def ask(request, pk, number, kind):
    if kind not in forms.REQUEST_FORMS:
        raise Http404
    version = _family_version(request, pk, number)
    form = forms.REQUEST_FORMS[kind](request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        sent = _send(
            request,
            version,
            form,
            kind=kind,
            text=d.get("text", ""),
            setting_name=d.get("setting_name", ""),
            section="I" if kind == CommentKind.NAMED_SETTING else "",
        )
        if sent:
            messages.success(request, "Your request has been sent to the EHC coordinator")
            return redirect(version_url(version))
    title = (
        "Ask for a school or college to be named"
        if kind == CommentKind.NAMED_SETTING
        else "Ask for a meeting"
    )
    return version_form_page(
        request, version, form, title=title, button="Send request", status=400 if form.errors else 200
    )


@requires(Capability.COMMENT_ON_PLAN)
def finished(request, pk, number):
    version = _family_version(request, pk, number)
    form = forms.Versioned(request.POST or None, initial={"version": version.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.finish_commenting(
                version,
                by=Actor.of(request),
                today=uk_today(),
                expected_version=form.cleaned_data["version"],
            )
        except services.CommentWindowClosed as closed:
            _closed(form, closed)
        except EditConflict:
            return conflict(request, version)
        else:
            messages.success(request, "Thank you. The council can now finish the plan.")
            return redirect(version_url(version))
    return version_form_page(
        request,
        version,
        form,
        title="I have no more comments",
        button="Tell the council",
        intro="The council can then issue the plan without waiting for the 15 days to end.",
    )


@requires(Capability.EDIT_PLAN)
def answer(request, pk, comment_pk):
    plan = editable_plan(request, pk)
    made = get_object_or_404(
        PlanComment.objects.visible_to(request.user)
        .filter(plan_version__plan=plan)
        .select_related("plan_version"),
        pk=comment_pk,
    )
    version = made.plan_version
    version.plan = plan
    form = forms.AnswerForm(request.POST or None)
    saved = attempt(
        request,
        version,
        form,
        lambda d: services.answer(made, by=Actor.of(request), text=d["text"], today=uk_today()),
        done="Answer sent to the family",
    )
    if saved:
        return saved
    return render(
        request,
        "plans/answer.jinja",
        {
            "title": "Answer the family",
            "form": form,
            "comment": made,
            "version": version,
            "button": "Send answer",
            "back_link": version_url(version),
        },
    )


@requires(Capability.EDIT_PLAN)
def record_response(request, pk, number):
    """The coordinator records what the family said by phone, letter, email or at a meeting."""
    version = editable_version(request, pk, number, working=False)
    if version.status != Status.SERVED:
        raise Http404
    today = uk_today()
    form = forms.ResponseForm(request.POST or None, today=today, initial={"received_on": today})
    if request.method == "POST" and form.is_valid():
        try:
            services.record_family_response(version, by=Actor.of(request), today=today, **form.cleaned_data)
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(request, "The family's response has been recorded")
            return redirect(version_url(version))
    until = version.comments_until()
    return version_form_page(
        request,
        version,
        form,
        title="Record the family's response",
        button="Record it",
        intro=(
            f"Sent to the family on {govuk_date(version.served_on)}. "
            f"{until_phrase(until, today, 'They')} to comment."
            if until
            else ""
        ),
        status=400 if form.errors else 200,
    )
