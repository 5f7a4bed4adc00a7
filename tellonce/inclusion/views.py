"""Inclusion pages: the measures (the board and council staff, a SENCO their school's), importing
the council's extracts with their matching queue, and the SEND team's list of children with a plan
who are excluded, on a part-time timetable or out of school, each with what was done."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, Scope, allows, requires, scope
from tellonce.audit.shown import listed, shown
from tellonce.core.limits import accepts_uploads
from tellonce.core.refusals import EditConflict
from tellonce.core.time import uk_today
from tellonce.domain import inclusion as rules
from tellonce.domain.identifiers import normalise_nhs_number, normalise_upn
from tellonce.inclusion import forms, measures, services
from tellonce.inclusion.concerns import concerns
from tellonce.inclusion.extracts import columns
from tellonce.inclusion.models import Attendance, Episode, Extract, ExtractKind, InclusionAction
from tellonce.organisations.councils import council_id
from tellonce.people.models import Child


@requires(Capability.SEE_INCLUSION_MEASURES)
def measures_page(request):
    terms = measures.terms_for(request.user)
    term = next((t for t in terms if str(t.code) == request.GET.get("term")), terms[0] if terms else None)
    measure = (
        request.GET.get("measure")
        if request.GET.get("measure") in measures.MEASURES
        else "persistent_absence"
    )
    grouping = request.GET.get("by") if request.GET.get("by") in measures.GROUPINGS else "need"
    school = scope(request.user, Capability.SEE_INCLUSION_MEASURES) == Scope.SCHOOL
    return render(
        request,
        "inclusion/measures.jinja",
        {
            "title": "Inclusion measures",
            "terms": terms,
            "term": term,
            "measure": measure,
            "grouping": grouping,
            "measures": measures.MEASURES,
            "groupings": {
                k: v for k, v in measures.GROUPINGS.items() if not (school and k in ("school", "locality"))
            },
            "summary": measures.summary(request.user, term) if term else [],
            "groups": measures.by_group(request.user, term, measure, grouping) if term else [],
            "labels": rules.SEN_STATUS_LABELS,
            "school": request.user.setting if school else None,
            "suppress_below": rules.SUPPRESS_BELOW,
            "may_import": allows(request.user, Capability.IMPORT_INCLUSION_EXTRACTS),
            "may_see_children": allows(request.user, Capability.SEE_INCLUSION_CHILDREN),
        },
    )


@accepts_uploads
@requires(Capability.IMPORT_INCLUSION_EXTRACTS)
def import_page(request):
    form = forms.ExtractForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.import_extract(
                request.user.local_authority,
                ExtractKind(data["kind"]),
                data["term"],
                data["file"].read().decode("utf-8-sig", "replace"),
                by=Actor.of(request),
                today=uk_today(),
                file_name=data["file"].name,
            )
        except services.ExtractError as bad:
            for error in bad.errors[:50]:
                form.add_error("file", error)
            if len(bad.errors) > 50:
                form.add_error("file", f"and {len(bad.errors) - 50} more problems")
        else:
            messages.success(
                request,
                f"Imported {result.rows:,} rows of {result.extract}: {result.matched:,} matched to a child, "
                f"{result.queued:,} pupils with SEN to match",
            )
            return redirect("inclusion:measures")
    extracts = Extract.objects.within_scope(request.user, Capability.IMPORT_INCLUSION_EXTRACTS)
    return render(
        request,
        "inclusion/import.jinja",
        {
            "title": "Import an inclusion extract",
            "form": form,
            "extracts": extracts,
            "columns": {kind.label: columns(kind) for kind in ExtractKind},
            "unmatched": sum(e.unmatched for e in extracts),
            "back_link": reverse("inclusion:measures"),
        },
    )


def _queued(user):
    """The pupils with SEN whose UPN matched no child, one line a UPN."""
    rows = []
    for model in (Attendance, Episode):
        rows += (
            model.objects.within_scope(user, Capability.IMPORT_INCLUSION_EXTRACTS)
            .filter(child__isnull=True, sen_status__in=services.QUEUED)
            .values("upn", "sen_status", "setting__name")
            .annotate(rows=Count("id"))
            .order_by("upn")
        )
    merged: dict = {}
    for row in rows:
        found = merged.setdefault(row["upn"], dict(row, rows=0))
        found["rows"] += row["rows"]
    return sorted(merged.values(), key=lambda r: r["upn"])


@requires(Capability.IMPORT_INCLUSION_EXTRACTS)
def unmatched(request):
    form = forms.MatchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        wanted = form.cleaned_data["child_upn"]
        found = Child.objects.within_scope(request.user, Capability.FIND_CHILD)
        child = (
            found.filter(upn=normalise_upn(wanted)).first()
            or found.filter(nhs_number=normalise_nhs_number(wanted)).first()
        )
        if child is None:
            form.add_error("child_upn", "No child in Tellonce has that UPN or NHS number")
        else:
            count = services.match_pupil(
                request.user.local_authority, form.cleaned_data["upn"], child, by=Actor.of(request)
            )
            messages.success(request, f"Matched {count} rows to {child.full_name}")
            return redirect("inclusion:unmatched")
    return render(
        request,
        "inclusion/unmatched.jinja",
        {
            "title": "Pupils to match to a child",
            "rows": _queued(request.user),
            "form": form,
            "labels": rules.SEN_STATUS_LABELS,
            "back_link": reverse("inclusion:import"),
        },
    )


@requires(Capability.SEE_INCLUSION_CHILDREN)
def children(request):
    today = uk_today()
    found = concerns(request.user, Capability.SEE_INCLUSION_CHILDREN, today=today)
    listed(
        request, [c.child for c in found], what="Listed among children with a plan out of full-time school"
    )
    sets_threshold = scope(request.user, Capability.ACT_ON_INCLUSION) == Scope.COUNCIL
    threshold = services.threshold_of(council_id(request.user))
    form = None
    if sets_threshold:
        initial = {"out_of_school_days": threshold.out_of_school_days, "version": threshold.version}
        form = forms.ThresholdForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.set_threshold(
                    request.user.local_authority,
                    by=Actor.of(request),
                    days=form.cleaned_data["out_of_school_days"],
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict:
                form.add_error(None, "Someone else changed the number of days. Check it and try again")
            else:
                messages.success(request, "The number of school days is changed")
                return redirect("inclusion:children")
    return render(
        request,
        "inclusion/children.jinja",
        {
            "title": "Children with a plan out of full-time school",
            "concerns": found,
            "threshold": threshold,
            "form": form,
            "back_link": reverse("inclusion:measures"),
        },
    )


@requires(Capability.SEE_INCLUSION_CHILDREN)
def child_page(request, pk):
    child = get_object_or_404(
        Child.objects.within_scope(request.user, Capability.SEE_INCLUSION_CHILDREN), pk=pk
    )
    shown(request, child, what="Viewed the child's attendance, exclusions and timetables")
    today = uk_today()
    acts = Child.objects.within_scope(request.user, Capability.ACT_ON_INCLUSION).filter(pk=child.pk).exists()
    form = forms.ActionForm(request.POST or None, today=today) if acts else None
    if form is not None and request.method == "POST" and form.is_valid():
        services.record_action(child, by=Actor.of(request), today=today, **form.cleaned_data)
        messages.success(request, "What was done is recorded")
        return redirect("inclusion:child", pk=child.pk)
    episodes = (
        Episode.objects.of_children_visible_to(request.user, Capability.SEE_INCLUSION_CHILDREN)
        .filter(child=child)
        .select_related("setting", "extract")
    )
    attendance = (
        Attendance.objects.of_children_visible_to(request.user, Capability.SEE_INCLUSION_CHILDREN)
        .filter(child=child)
        .select_related("setting", "extract")
        .order_by("-extract__term")
    )
    return render(
        request,
        "inclusion/child.jinja",
        {
            "title": child.full_name,
            "child": child,
            "episodes": _once(episodes),
            "attendance": attendance,
            "actions": InclusionAction.objects.visible_to(request.user).filter(child=child),
            "form": form,
            "back_link": reverse("inclusion:children"),
        },
    )


def _once(episodes):
    """An episode running across terms is in each term's extract: shown once."""
    seen, found = set(), []
    for e in episodes:
        key = (e.kind, e.started_on, e.setting_id)
        if key not in seen:
            seen.add(key)
            found.append(e)
    return found
