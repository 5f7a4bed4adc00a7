"""The council's pages: the "New requests" queue, and checking one request: which known child it is
about (a person confirms or rejects each possible match), then recording it as a request for
assessment received on the day it was sent. Requests are reached only through the scope
`triaged_by(user)`: their own council's sent requests."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.audit.shown import listed, shown
from tellonce.core.formatting import govuk_date
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.time import uk_today
from tellonce.core.views import edit_conflict, show_problems
from tellonce.front_door import forms, services
from tellonce.front_door.matching import candidates, match_flags
from tellonce.front_door.models import OnlineRequest, Status
from tellonce.front_door.presenters import answer_rows, status_of
from tellonce.front_door.views.requesting import posted
from tellonce.people.models import Child

NEW_RECORD = "new"


@requires(Capability.TRIAGE_REQUESTS)
def queue(request):
    waiting = list(
        OnlineRequest.objects.triaged_by(request.user)
        .waiting()
        .select_related("requester", "requester__setting")
        .order_by("submitted_on", "ref")
    )
    flags = match_flags(waiting, Child.objects.visible_to(request.user))
    listed(request, [child for found in flags.values() for child in found])
    today = uk_today()
    rows = [(r, status_of(r, today), bool(flags[r.pk])) for r in waiting]
    return render(request, "front_door/queue.jinja", {"title": "New requests", "rows": rows})


@requires(Capability.TRIAGE_REQUESTS)
def check(request, pk):
    found = get_object_or_404(
        OnlineRequest.objects.triaged_by(request.user).select_related(
            "child", "local_authority", "assessment", "requester", "requester__setting"
        ),
        pk=pk,
    )
    possible = candidates(found, Child.objects.visible_to(request.user))
    listed(request, [c.child for c in possible])
    if found.child_id:
        shown(request, found.child)
    form = forms.CheckForm(posted(request), initial={"version": found.version})
    form.fields["child"].choices = [
        *((str(c.child.pk), _described(c)) for c in possible),
        (NEW_RECORD, "None of these: make a new record" if possible else "Make a new record"),
    ]
    if request.method == "POST" and found.status == Status.SUBMITTED and form.is_valid():
        chosen = next((c.child for c in possible if str(c.child.pk) == form.cleaned_data["child"]), None)
        try:
            case = services.accept(
                found,
                by=Actor.of(request),
                expected_version=form.cleaned_data["version"],
                today=uk_today(),
                child=chosen,
            )
        except EditConflict:
            return edit_conflict(request, back=reverse("front_door:queue"))
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(
                request, f"Request recorded as {case.ref}, received {govuk_date(case.received_on)}"
            )
            return redirect("assessments:detail", pk=case.pk)
    return render(
        request,
        "front_door/triage.jinja",
        {
            "title": f"Check request {found.ref}",
            "found": found,
            "form": form,
            "possible": possible,
            "status": status_of(found, uk_today()),
            "rows": answer_rows(found, editable=False),
            "cycles": list(found.cycles.all()),
            "documents": list(found.documents.all()),
            "back_link": reverse("front_door:queue"),
        },
    )


def _described(candidate) -> str:
    child = candidate.child
    where = f", {child.setting.name}" if child.setting_id else ""
    return (
        f"{child.full_name}, born {govuk_date(child.date_of_birth)}{where} ({', '.join(candidate.reasons)})"
    )
