"""What the improvement pages share: a priority reached through its manager's scope, and the date
a report is for."""

from datetime import date

from django.http import Http404
from django.shortcuts import get_object_or_404

from tellonce.core.time import uk_today
from tellonce.improvement import forms
from tellonce.improvement.models import Priority


def managed_priority(request, pk) -> Priority:
    return get_object_or_404(Priority.objects.managed_by(request.user).select_related("plan"), pk=pk)


def report_date(request) -> date:
    form = forms.ReportDateForm(request.GET)
    if not form.is_valid():
        raise Http404
    return form.cleaned_data["on"] or uk_today()
