"""What the review pages share: reaching a review or plan through its scope, and one path for a
posted step (saved, refused with its problems, or the page for a conflicting save)."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.views import edit_conflict
from tellonce.plans.models import Plan
from tellonce.reviews.models import AnnualReview


def visible_review(request, pk) -> AnnualReview:
    reviews = AnnualReview.objects.visible_to(request.user).select_related(
        "plan__child__setting", "plan__coordinator"
    )
    return get_object_or_404(reviews, pk=pk)


def editable_review(request, pk) -> AnnualReview:
    reviews = AnnualReview.objects.editable_by(request.user).select_related(
        "plan__child__setting", "plan__coordinator"
    )
    return get_object_or_404(reviews, pk=pk)


def editable_plan(request, pk) -> Plan:
    return get_object_or_404(Plan.objects.editable_by(request.user).select_related("child__setting"), pk=pk)


def attempt(request, form, act, *, done: str, to: str, child):
    """For a valid posted form, run `act(cleaned_data)` and go to `to`; None shows the form again."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        act(form.cleaned_data)
    except EditConflict:
        return edit_conflict(request, child)
    except InvalidStep as invalid:
        for problem in invalid.problems:
            form.add_error(None, problem)
        return None
    messages.success(request, done)
    return redirect(to)


def form_page(request, form, *, title: str, caption: str, button: str, back: str, intro: str = ""):
    return render(
        request,
        "reviews/form.jinja",
        {
            "title": title,
            "form": form,
            "caption": caption,
            "button": button,
            "back_link": back,
            "intro": intro,
        },
    )


def review_url(review) -> str:
    return reverse("reviews:detail", kwargs={"pk": review.pk})
