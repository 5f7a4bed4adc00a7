"""What the improvement pages share: a priority reached through its manager's scope, a step that
adds to a priority, and the date a report is for."""

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from tellonce.core.time import uk_today
from tellonce.core.views import attempt, edit_conflict, form_page
from tellonce.improvement import forms
from tellonce.improvement.models import Priority


def managed_priority(request, pk) -> Priority:
    return get_object_or_404(Priority.objects.managed_by(request.user).select_related("plan"), pk=pk)


def priority_step(request, pk, make_form, act, *, title: str, button: str, done: str, intro: str = ""):
    """A form that adds to a priority (an action, an entry, a rating, a measure): `make_form(data)`
    builds it, `act(priority, cleaned_data)` saves it, and the priority's page follows."""
    priority = managed_priority(request, pk)
    back = reverse("improvement:priority", args=[pk])
    form = make_form(request.POST or None, priority)
    saved = attempt(
        request,
        form,
        lambda data: act(priority, data),
        done=done,
        to=back,
        on_conflict=lambda: edit_conflict(request, back=back),
    )
    caption = f"Area {priority.number}"
    return saved or form_page(
        request, form, title=title, button=button, back=back, caption=caption, intro=intro
    )


def report_date(request) -> date:
    form = forms.ReportDateForm(request.GET)
    if not form.is_valid():
        raise Http404
    return form.cleaned_data["on"] or uk_today()
