"""The administrator's pages for records management: a child's subject access export, legal holds,
the report of what the retention schedule makes due, and disposal."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, requires
from tellonce.audit.shown import listed, shown
from tellonce.core.time import uk_today
from tellonce.core.views import attempt, edit_conflict, form_page
from tellonce.jobs.prepared import request_file
from tellonce.organisations.councils import council_id
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child
from tellonce.records import retention, services
from tellonce.records.forms import DisposeForm, HoldForm, ReleaseForm, SubjectAccessForm
from tellonce.records.models import DisposalRecord, LegalHold
from tellonce.records.prepared import SUBJECT_ACCESS


def _child(request, pk, capability: Capability) -> Child:
    child = get_object_or_404(Child.objects.within_scope(request.user, capability), pk=pk)
    shown(request, child)
    return child


def _council(request) -> LocalAuthority:
    return get_object_or_404(LocalAuthority, pk=council_id(request.user))


@requires(Capability.EXPORT_RECORD)
def subject_access(request, pk):
    child = _child(request, pk, Capability.EXPORT_RECORD)
    form = SubjectAccessForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        actor = Actor.of(request)
        services.record_subject_access(child, by=actor, asked_by=form.cleaned_data["asked_by"])
        prepared = request_file(
            SUBJECT_ACCESS,
            by=actor,
            council_id=council_id(request.user),
            title=f"Everything held about {child.full_name}",
            child=child,
        )
        return redirect("files:prepared", pk=prepared.pk)
    return form_page(
        request,
        form,
        title=f"Everything held about {child.full_name}",
        caption="Subject access request",
        intro=(
            "Prepare one ZIP file with the whole record: the child's details, family, consent, "
            "All about me, timeline, assessments, advice and its reports, every plan version as a "
            "PDF, reviews, waiting-list referrals, feedback and the access log, with an index that "
            "says what each file is. It is prepared away from this page, which shows you when it is "
            "ready; it is kept for you alone for a limited time. The export and each download are "
            "written in the child's access log."
        ),
        button="Prepare the record",
        back=reverse("workspace:child", args=[child.pk]),
    )


@requires(Capability.MANAGE_RETENTION)
def retention_report(request):
    council = _council(request)
    today = uk_today()
    kept = retention.kept_children(council)
    kinds = [
        (found, found.count(), found.held(kept), found.oldest())
        for found in retention.due(council, today=today)
    ]
    holds = list(LegalHold.objects.of_council(council.pk).current().select_related("child", "placed_by"))
    listed(request, [hold.child for hold in holds], what="Listed among the records on legal hold")
    context = {
        "title": "Retention and disposal",
        "kinds": kinds,
        "holds": holds,
        "disposals": DisposalRecord.objects.filter(local_authority=council).select_related("by")[:20],
        "today": today,
    }
    return render(request, "records/retention.jinja", context)


@requires(Capability.MANAGE_RETENTION)
def dispose(request):
    council = _council(request)
    form = DisposeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = services.dispose(council, by=Actor.of(request), today=uk_today())
        total = sum(each.count for each in done)
        messages.success(request, f"{total:,} records disposed of; each kind is in the disposal record")
        return redirect("records:retention")
    return form_page(
        request,
        form,
        title="Dispose of the records that are due",
        intro=(
            "Everything the retention schedule makes due today is disposed of, except the records of "
            "children with a legal hold or an appeal in progress. Children's records are anonymised, "
            "keeping only what the statistics need; the rest is deleted."
        ),
        button="Dispose of them",
        back=reverse("records:retention"),
    )


@requires(Capability.MANAGE_RETENTION)
def place_hold(request, pk):
    child = _child(request, pk, Capability.MANAGE_RETENTION)
    form = HoldForm(request.POST or None)
    by = Actor.of(request)
    done = attempt(
        request,
        form,
        lambda data: services.place_hold(child, by=by, reason=data["reason"]),
        done=f"{child.full_name}'s record will be kept until the hold is released",
        to=reverse("records:retention"),
        on_conflict=lambda: edit_conflict(request, child),
    )
    return done or form_page(
        request,
        form,
        title=f"Place a legal hold on {child.full_name}'s record",
        intro="Nothing of this child's is disposed of while the hold stands, whatever the schedule says.",
        button="Place the hold",
        back=reverse("workspace:child", args=[child.pk]),
    )


@requires(Capability.MANAGE_RETENTION)
def release_hold(request, pk):
    holds = LegalHold.objects.of_council(council_id(request.user)).current().select_related("child")
    hold = get_object_or_404(holds, pk=pk)
    shown(request, hold.child)
    form = ReleaseForm(request.POST or None)
    by = Actor.of(request)
    done = attempt(
        request,
        form,
        lambda data: services.release_hold(hold, by=by, reason=data["reason"]),
        done="The hold is released: the record follows the retention schedule again",
        to=reverse("records:retention"),
        on_conflict=lambda: edit_conflict(request, hold.child),
    )
    return done or form_page(
        request,
        form,
        title=f"Release the legal hold on {hold.child.full_name}'s record",
        intro=f"Placed because: {hold.reason}",
        button="Release the hold",
        back=reverse("records:retention"),
    )
