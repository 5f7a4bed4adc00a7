"""SEN support (ADR 74): a school's pupils on SEN support with their census history and the
graduated approach (a SENCO their own school's; the council's staff any school's); a pupil's page;
starting and reviewing a cycle; the census upload and its matching queue; the figures. Children
are reached only through `Child.objects.within_scope(user, capability)`, census rows and cycles
through their own `within_scope`."""

from django.contrib import messages
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, Scope, allows, requires, scope
from tellonce.audit.shown import listed, shown
from tellonce.core.limits import accepts_uploads
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.time import uk_today
from tellonce.core.views import edit_conflict, form_page, show_problems
from tellonce.domain.identifiers import normalise_upn
from tellonce.domain.sen_support import Provision, changes, need_label
from tellonce.organisations.councils import council_id
from tellonce.organisations.models import Setting
from tellonce.people.models import Child
from tellonce.sen_support import census as census_files
from tellonce.sen_support import forms, measures, services
from tellonce.sen_support.models import CensusImport, CensusRecord, Cycle, UnmatchedCensusRow

C = Capability


def _posted(request):
    return request.POST if request.method == "POST" else None


def _schools(user):
    """The schools whose pupils the user may see: a SENCO's own, the council's for its staff."""
    if scope(user, C.SEE_SEN_SUPPORT) == Scope.SCHOOL:
        return Setting.objects.filter(pk=user.setting_id)
    return Setting.objects.filter(local_authority_id=council_id(user)).order_by("name")


@requires(C.SEE_SEN_SUPPORT)
def pupils(request):
    schools = list(_schools(request.user))
    chosen = next(
        (s for s in schools if str(s.pk) == request.GET.get("school")), schools[0] if schools else None
    )
    rows = []
    if chosen is not None:
        children = list(
            Child.objects.within_scope(request.user, C.SEE_SEN_SUPPORT)
            .filter(setting=chosen)
            .filter(
                Q(sen_status__in=["SEN_SUPPORT", "EHC_PLAN"])
                | Q(census_records__provision__in=["K", "E"])
                | Q(support_cycles__isnull=False)
            )
            .distinct()
            .order_by("family_name", "given_name")[:500]
        )
        listed(request, children)
        latest = {}
        for record in (
            CensusRecord.objects.within_scope(request.user)
            .filter(child__in=children)
            .select_related("census")
        ):
            latest[record.child_id] = record  # ordered by census day: the last is the latest
        cycles = {}
        for cycle in (
            Cycle.objects.within_scope(request.user).filter(child__in=children).order_by("started_on")
        ):
            cycles[cycle.child_id] = cycle
        rows = [(c, latest.get(c.pk), cycles.get(c.pk)) for c in children]
    return render(
        request,
        "sen_support/pupils.jinja",
        {
            "title": "SEN support",
            "schools": schools if len(schools) > 1 else [],
            "chosen": chosen,
            "rows": rows,
        },
    )


@requires(C.SEE_SEN_SUPPORT)
def pupil(request, child_pk):
    child = get_object_or_404(
        Child.objects.within_scope(request.user, C.SEE_SEN_SUPPORT).select_related("setting"), pk=child_pk
    )
    shown(request, child)
    records = list(
        CensusRecord.objects.within_scope(request.user).filter(child=child).select_related("census__setting")
    )
    history = [
        (r, need_label(r.need_1) if r.need_1 else "", need_label(r.need_2) if r.need_2 else "")
        for r in records
    ]
    moves = changes([(r.census.census_date, Provision(r.provision)) for r in records])
    cycles = list(Cycle.objects.within_scope(request.user).filter(child=child).select_related("setting"))
    can_record = Child.objects.within_scope(request.user, C.RECORD_SEN_SUPPORT).filter(pk=child.pk).exists()
    return render(
        request,
        "sen_support/pupil.jinja",
        {
            "title": f"SEN support: {child.full_name}",
            "child": child,
            "history": history,
            "moves": moves,
            "cycles": cycles,
            "can_record": can_record,
            "back_link": reverse("sen_support:pupils"),
        },
    )


@requires(C.RECORD_SEN_SUPPORT)
def cycle_new(request, child_pk):
    child = get_object_or_404(Child.objects.within_scope(request.user, C.RECORD_SEN_SUPPORT), pk=child_pk)
    shown(request, child)
    today = uk_today()
    form = forms.CycleForm(_posted(request), today=today)
    if request.method == "POST" and form.is_valid():
        try:
            made = services.start_cycle(child, by=Actor.of(request), today=today, details=form.cleaned_data)
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(request, "SEN support cycle recorded")
            return redirect("sen_support:cycle", pk=made.pk)
    return form_page(
        request,
        form,
        title="Record a cycle of SEN support",
        button="Save the cycle",
        caption=child.full_name,
        back=reverse("sen_support:pupil", kwargs={"child_pk": child.pk}),
        intro="Assess, plan, do, review (SEND Code of Practice, 6.44 to 6.56). Record the review when it has happened.",
    )


@requires(C.SEE_SEN_SUPPORT)
def cycle(request, pk):
    found = get_object_or_404(
        Cycle.objects.within_scope(request.user).select_related("child", "setting"), pk=pk
    )
    shown(request, found.child)
    return render(
        request,
        "sen_support/cycle.jinja",
        {
            "title": f"SEN support from {found.started_on:%-d %B %Y}",
            "cycle": found,
            "can_review": not found.reviewed_on
            and Cycle.objects.editable_by(request.user).filter(pk=found.pk).exists(),
            "can_request": allows(request.user, C.MAKE_REQUEST),
            "back_link": reverse("sen_support:pupil", kwargs={"child_pk": found.child_id}),
        },
    )


@requires(C.RECORD_SEN_SUPPORT)
def cycle_review(request, pk):
    found = get_object_or_404(Cycle.objects.editable_by(request.user).select_related("child"), pk=pk)
    shown(request, found.child)
    today = uk_today()
    form = forms.ReviewForm(_posted(request), initial={"version": found.version}, today=today)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.review_cycle(
                found,
                by=Actor.of(request),
                expected_version=data["version"],
                reviewed_on=data["reviewed_on"],
                review=data["review"],
                outcome=data["outcome"],
                today=today,
            )
        except EditConflict:
            return edit_conflict(request, back=reverse("sen_support:cycle", kwargs={"pk": found.pk}))
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(request, "Review recorded")
            return redirect("sen_support:cycle", pk=found.pk)
    return form_page(
        request,
        form,
        title="Record the review",
        button="Save the review",
        caption=f"{found.child.full_name}: SEN support from {found.started_on:%-d %B %Y}",
        back=reverse("sen_support:cycle", kwargs={"pk": found.pk}),
    )


@accepts_uploads
@requires(C.IMPORT_SCHOOL_CENSUS)
def census(request):
    schools = list(Setting.objects.filter(local_authority_id=council_id(request.user)).order_by("name"))
    uploading = request.method == "POST"
    form = forms.CensusForm(request.POST if uploading else None, request.FILES if uploading else None)
    form.fields["setting"].choices = [
        ("", "Choose"),
        *((str(s.pk), f"{s.name} (URN {s.urn})") for s in schools),
    ]
    if uploading and form.is_valid():
        school = next(s for s in schools if str(s.pk) == form.cleaned_data["setting"])
        upload = form.cleaned_data["file"]
        try:
            result = census_files.import_census(
                school,
                upload.read().decode("utf-8-sig", "replace"),
                by=Actor.of(request),
                today=uk_today(),
                file_name=upload.name or "",
            )
        except census_files.CensusFileError as bad:
            for error in bad.errors[:50]:
                form.add_error("file", error[:1].upper() + error[1:])
            if len(bad.errors) > 50:
                form.add_error("file", f"And {len(bad.errors) - 50} more problems. Nothing was imported")
        else:
            messages.success(
                request,
                f"{school.name}, {result.census.term}: {result.census.pupils} pupils, {result.matched} matched, "
                f"{result.unmatched} to match"
                + (" (the earlier file for that day was replaced)" if result.replaced else ""),
            )
            return redirect("sen_support:census")
    recent = CensusImport.objects.within_scope(request.user, C.IMPORT_SCHOOL_CENSUS).select_related(
        "setting", "imported_by"
    )[:40]
    waiting = UnmatchedCensusRow.objects.within_scope(request.user).waiting().count()
    return render(
        request,
        "sen_support/census.jinja",
        {"title": "School census extracts", "form": form, "recent": recent, "waiting": waiting},
    )


@requires(C.IMPORT_SCHOOL_CENSUS)
def to_match(request):
    rows = list(
        UnmatchedCensusRow.objects.within_scope(request.user)
        .waiting()
        .select_related("census__setting")[:200]
    )
    council_children = Child.objects.within_scope(request.user, C.IMPORT_SCHOOL_CENSUS)
    _log_alike(request, rows, council_children)
    form = forms.MatchForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        row = next((r for r in rows if r.pk == form.cleaned_data["row"]), None)
        if row is None:
            raise Http404("No such row waiting")
        by = Actor.of(request)
        if form.cleaned_data["action"] == "set-aside":
            census_files.set_aside(row, by=by, today=uk_today())
            messages.success(request, f"Line {row.line} of {row.census} set aside")
            return redirect("sen_support:to-match")
        child = council_children.filter(upn=normalise_upn(form.cleaned_data["upn"] or "")).first()
        if child is None:
            form.add_error("upn", "No child of the council has that UPN in Tellonce")
        else:
            census_files.match_row(row, child, by=by)
            messages.success(request, f"Line {row.line} of {row.census} matched to {child.full_name}")
            return redirect("sen_support:to-match")
    return render(
        request,
        "sen_support/to_match.jinja",
        {
            "title": "Census rows to match",
            "rows": rows,
            "form": form,
            "back_link": reverse("sen_support:census"),
        },
    )


def _log_alike(request, rows, children) -> None:
    """The council's children a queued row's name and date of birth may be: the page shows them."""
    alike = Q()
    for row in rows:
        if row.date_of_birth and row.family_name:
            alike |= Q(date_of_birth=row.date_of_birth, family_name__iexact=row.family_name)
    if alike:
        listed(request, children.filter(alike).values_list("pk", flat=True))


@requires(C.SEE_SEN_SUPPORT_FIGURES)
def figures(request):
    censuses = CensusImport.objects.within_scope(request.user, C.SEE_SEN_SUPPORT_FIGURES)
    return render(
        request,
        "sen_support/figures.jinja",
        {
            "title": "Pupils on SEN support and with EHC plans",
            "found": measures.comparison(censuses),
            "history": measures.history(censuses),
        },
    )
