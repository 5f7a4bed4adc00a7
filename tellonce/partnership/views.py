"""The partnership dashboard: the board's and senior leaders' page of measures, its tagged PDF for
board papers, the children behind a figure for staff, and the pages where the council sets its
targets and statistical neighbours."""

from datetime import date
from typing import IO

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tellonce.accounts.actors import Actor
from tellonce.accounts.policy import Capability, Scope, allows, requires, scope
from tellonce.accounts.roles import Role
from tellonce.audit.shown import listed
from tellonce.benchmarks import services as benchmarks
from tellonce.benchmarks.models import StatisticalNeighbour
from tellonce.core.formatting import govuk_date
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.core.replica import reporting_page
from tellonce.core.time import uk_today
from tellonce.core.views import edit_conflict, show_problems
from tellonce.domain import partnership as p
from tellonce.jobs.models import PreparedFile
from tellonce.jobs.prepared import Made, Producer, request_file
from tellonce.organisations.models import LocalAuthority
from tellonce.partnership import documents, figures, presenters, services
from tellonce.partnership.forms import NeighbourForm, TargetForm
from tellonce.partnership.models import Target
from tellonce.people.models import Child
from tellonce.people.presenters import need_label, sen_status_label

DASHBOARD_PDF = "partnership-dashboard-pdf"

# The designated clinical and social care officers see the health and social care measures, and
# families' voice; not education's.
OFFICER_AREAS = dict.fromkeys(
    (Role.DESIGNATED_CLINICAL_OFFICER, Role.DESIGNATED_SOCIAL_CARE_OFFICER),
    frozenset({p.Area.HEALTH, p.Area.SOCIAL_CARE, p.Area.FAMILIES}),
)


def _council(user) -> LocalAuthority:
    return get_object_or_404(LocalAuthority, pk=user.local_authority_id)


def _areas(user) -> frozenset[p.Area] | None:
    if scope(user, Capability.SEE_PARTNERSHIP_DASHBOARD) == Scope.COUNCIL:
        return None
    return OFFICER_AREAS.get(Role(user.role), frozenset())


def _context(user, *, with_charts: bool) -> dict:
    """What the dashboard shows this user (the PDF is made from it by the worker, for its asker)."""
    council, today = _council(user), uk_today()
    areas = _areas(user)
    context = presenters.dashboard(council, today=today, areas=areas, with_charts=with_charts)
    whole = areas is None
    context.update(
        {
            "title": "Partnership dashboard",
            "council": council,
            "today": govuk_date(today),
            "whole": whole,
            "drill_down": allows(user, Capability.SEE_CHILDREN_BEHIND_FIGURES),
            "sets_targets": allows(user, Capability.SET_PARTNERSHIP_TARGETS),
            "ceased": presenters.ceased(council, today=today) if whole else None,
            "waits": presenters.waits(council.pk, today) if whole or p.Area.HEALTH in areas else [],
            "voice": presenters.missing_voices(council.pk, today),
            "children": presenters.children_known(council.pk, today) if whole else None,
            "pct": presenters.percent_text,
            "counted": presenters.count_text,
            "status_label": sen_status_label,
            "need_label": need_label,
        }
    )
    return context


@requires(Capability.SEE_PARTNERSHIP_DASHBOARD)
@reporting_page
def dashboard(request):
    return render(request, "partnership/dashboard.jinja", _context(request.user, with_charts=True))


@requires(Capability.SEE_PARTNERSHIP_DASHBOARD)
@require_POST
def dashboard_pdf(request):
    """Counting every measure for the PDF takes the longest of the board's pages: the worker makes it."""
    prepared = request_file(
        DASHBOARD_PDF,
        by=Actor.of(request),
        council_id=_council(request.user).pk,
        title=f"Partnership dashboard as at {govuk_date(uk_today())} (PDF)",
    )
    return redirect("files:prepared", pk=prepared.pk)


def _make_pdf(prepared: PreparedFile, out: IO[bytes]) -> Made:
    out.write(documents.dashboard_pdf(_context(prepared.requested_by, with_charts=False)))
    return Made(
        filename=f"partnership-dashboard-{uk_today():%Y-%m-%d}.pdf",
        content_type="application/pdf",
        outcome=["The dashboard's measures as a tagged PDF for board papers. It names no child."],
    )


dashboard_pdf_producer = Producer(
    name=DASHBOARD_PDF,
    capability=Capability.SEE_PARTNERSHIP_DASHBOARD,
    make=_make_pdf,
    back=lambda prepared: reverse("partnership:dashboard"),
)


@requires(Capability.SEE_CHILDREN_BEHIND_FIGURES)
@reporting_page
def children_behind(request, measure: str, month: str):
    if measure not in p.BY_KEY or measure not in figures.NEEDS:
        raise Http404
    try:
        first = date(int(month[:4]), int(month[5:7]), 1)
    except ValueError:
        raise Http404 from None
    if len(month) != 7 or month not in p.months_to(uk_today()):
        raise Http404
    last = date(first.year + first.month // 12, first.month % 12 + 1, 1).toordinal() - 1
    window = figures.Window(first, date.fromordinal(last), uk_today())
    found = figures.items(request.user.local_authority_id, window, [measure])[measure]
    children = Child.objects.within_scope(request.user, Capability.SEE_CHILDREN_BEHIND_FIGURES).in_bulk(
        [child_id for _, _, child_id in found]
    )
    rows = sorted(
        (
            {"child": children[child_id], "day": govuk_date(day), "on": day, "good": good}
            for day, good, child_id in found
            if child_id in children and good is not None
        ),
        key=lambda r: (r["good"], r["on"], r["child"].full_name),
    )
    listed(request, [r["child"] for r in rows], what=f"Listed behind the figure {p.BY_KEY[measure].title}")
    return render(
        request,
        "partnership/children_behind.jinja",
        {
            "title": f"{p.BY_KEY[measure].title}: {presenters.month_label(month)}",
            "measure": p.BY_KEY[measure],
            "rows": rows,
            "back_link": reverse("partnership:dashboard") + f"#{measure}",
        },
    )


@requires(Capability.SET_PARTNERSHIP_TARGETS)
def targets(request):
    council = _council(request.user)
    current = {t.measure: t for t in Target.objects.filter(local_authority=council)}
    chosen = request.POST.get("measure", "") if request.method == "POST" else ""
    forms_by_key = {}
    for measure in p.MEASURES:
        target = current.get(measure.key)
        initial = {
            "percent": target.percent if target else None,
            "version": target.version if target else None,
        }
        bound = request.POST if chosen == measure.key else None
        forms_by_key[measure.key] = TargetForm(bound, initial=initial, prefix=measure.key)
    if request.method == "POST":
        if chosen not in p.BY_KEY:
            raise Http404
        form = forms_by_key[chosen]
        if form.is_valid():
            try:
                services.set_target(
                    council,
                    chosen,
                    form.cleaned_data["percent"],
                    by=Actor.of(request),
                    today=uk_today(),
                    expected_version=form.cleaned_data["version"],
                )
            except EditConflict:
                return edit_conflict(request, back=reverse("partnership:targets"))
            messages.success(request, f"Target saved for {p.BY_KEY[chosen].title}")
            return redirect("partnership:targets")
    return render(
        request,
        "partnership/targets.jinja",
        {
            "title": "Partnership targets",
            "rows": [(m, forms_by_key[m.key], current.get(m.key)) for m in p.MEASURES],
        },
    )


@requires(Capability.SET_PARTNERSHIP_TARGETS)
def neighbours(request):
    council = _council(request.user)
    form = NeighbourForm(request.POST or None, councils=benchmarks.known_councils())
    if request.method == "POST" and form.is_valid():
        try:
            services.add_neighbour(
                council, form.cleaned_data["la_code"], by=Actor.of(request), today=uk_today()
            )
        except InvalidStep as invalid:
            show_problems(form, invalid)
        else:
            messages.success(request, "Neighbour added")
            return redirect("partnership:neighbours")
    return render(
        request,
        "partnership/neighbours.jinja",
        {
            "title": "Statistical neighbours",
            "form": form,
            "neighbours": StatisticalNeighbour.objects.filter(local_authority=council),
        },
    )


@requires(Capability.SET_PARTNERSHIP_TARGETS)
def change_neighbour(request, pk: int):
    neighbour = get_object_or_404(
        StatisticalNeighbour, pk=pk, local_authority_id=request.user.local_authority_id
    )
    if request.method != "POST":
        return redirect("partnership:neighbours")
    action = request.POST.get("action")
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        if action == "remove":
            services.remove_neighbour(
                neighbour, by=Actor.of(request), today=uk_today(), expected_version=version
            )
            messages.success(request, f"{neighbour.la_name} removed")
        elif action in ("up", "down"):
            services.move_neighbour(
                neighbour, up=action == "up", by=Actor.of(request), today=uk_today(), expected_version=version
            )
    except EditConflict:
        return edit_conflict(request, back=reverse("partnership:neighbours"))
    return redirect("partnership:neighbours")
