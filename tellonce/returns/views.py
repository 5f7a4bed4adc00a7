"""The "SEN2 return" page: choose the collection year, see the return counted by module and each
failing business rule with a link to the page where it is fixed, and download the XML."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from tellonce.accounts.policy import Capability, requires
from tellonce.audit.shown import exported, listed
from tellonce.core.time import uk_today
from tellonce.domain.sen2.census import collection
from tellonce.domain.sen2.rules import Concerns
from tellonce.organisations.councils import council_id
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child
from tellonce.returns import schema, sen2, services, writer
from tellonce.returns.models import ReturnCheck, ReturnFinding

PAGE_SIZE = 50
FIX_PAGES = {
    Concerns.CHILD: "people:edit",
    Concerns.ASSESSMENT: "assessments:detail",
    Concerns.PLAN: "plans:detail",
    Concerns.PLACEMENT: "plans:placements",
    Concerns.REVIEW: "reviews:detail",
}
CAPABILITY = Capability.PREPARE_STATUTORY_RETURNS


def years_offered(today) -> list[int]:
    """The collection years a council may prepare or look back on, newest first: the next one
    (this January's until its census day has passed) back to the first Tellonce has a schema for."""
    latest = today.year + 1 if today > collection(today.year).reference_date else today.year
    return list(range(latest, schema.YEARS[0] - 1, -1))


def _prepared(request, year: int) -> sen2.Prepared:  # for the download
    council = get_object_or_404(LocalAuthority, pk=council_id(request.user))
    within = Child.objects.within_scope(request.user, CAPABILITY)
    return sen2.prepare(council, year, within=within)


def _year(chosen: str | None, years: list[int], *, newest_if_none: bool = True) -> int:
    """The collection year asked for, if it is one offered (the newest when none is, for a page)."""
    try:
        year = int(chosen or years[0]) if newest_if_none else int(chosen or "")
    except ValueError:
        raise Http404("No such collection year") from None
    if year not in years:
        raise Http404("No such collection year")
    return year


def _link(finding: ReturnFinding) -> str | None:
    """The page where the failing record is fixed: the child's details, the assessment, the plan
    or the review; the council's details for the header."""
    concerns = finding.rule.concerns
    if concerns is Concerns.HEADER:
        return reverse("administration:council")
    if finding.source:
        return reverse(FIX_PAGES[concerns], args=[finding.source])
    return reverse("people:edit", args=[finding.child_id]) if finding.child_id else None


@requires(CAPABILITY)
def sen2_return(request):
    """The return as last checked (ADR 101): its counts and one page of its findings, read from the
    kept check, never by building the return; "Check the return" builds and checks it again. Read
    from the primary, so that the page shows the check just kept."""
    years = years_offered(uk_today())
    year = _year(request.GET.get("year"), years)
    council = get_object_or_404(LocalAuthority, pk=council_id(request.user))
    kept = ReturnCheck.objects.filter(local_authority=council, year=year).select_related("checked_by").first()
    context = {
        "title": "SEN2 return",
        "council": council,
        "census": collection(year),
        "years": years,
        "year": year,
        "kept": kept,
    }
    if kept is not None:
        paginator = Paginator(kept.findings.order_by("position"), PAGE_SIZE)
        paginator.count = kept.failures  # counted when the check was kept: no count query
        page = paginator.get_page(request.GET.get("page"))
        names = _names(request, page)
        listed(request, {f.child_id for f in page if f.child_id}, what="Listed in the SEN2 return's checks")
        context |= {
            "modules": [(label, kept.counts.get(name, 0)) for name, label in sen2.MODULES],
            "rows": [(finding, names.get(finding.child_id, ""), _link(finding)) for finding in page],
            "page": page,
        }
    return render(request, "returns/sen2_return.jinja", context)


@requires(CAPABILITY)
@require_POST
def sen2_check(request):
    """Build and check the return for the year chosen, keep the check and show it."""
    years = years_offered(uk_today())
    year = _year(request.POST.get("year"), years, newest_if_none=False)
    council = get_object_or_404(LocalAuthority, pk=council_id(request.user))
    within = Child.objects.within_scope(request.user, CAPABILITY)
    kept = services.check_return(council, year, by=request.user, within=within)
    messages.success(request, _outcome(kept))
    return redirect(f"{reverse('returns:sen2')}?year={year}")


def _outcome(kept: ReturnCheck) -> str:
    if kept.passes:
        return "The return was checked. Every record passes every business rule and the schema."
    said = []
    if kept.failures:
        said.append(
            f"{kept.failures:,} {'record fails' if kept.failures == 1 else 'records fail'} a business rule"
        )
    if kept.schema_error_count:
        errors = kept.schema_error_count
        said.append(f"{errors:,} {'error breaks' if errors == 1 else 'errors break'} the schema")
    return f"The return was checked: {' and '.join(said)}."


def _names(request, page) -> dict:
    """The name of each child on this page of findings, read in one query through the user's scope."""
    wanted = {f.child_id for f in page if f.child_id}
    return {
        pk: f"{given} {family}"
        for pk, given, family in Child.objects.within_scope(request.user, CAPABILITY)
        .filter(pk__in=wanted)
        .values_list("pk", "given_name", "family_name")
        .order_by()
    }


@requires(CAPABILITY)
def sen2_download(request):
    years = years_offered(uk_today())
    year = _year(request.GET.get("year"), years)
    prepared = _prepared(request, year)
    children: list = []
    failures = 0

    def persons():
        nonlocal failures
        for position, reported in enumerate(prepared.reported(), start=1):
            children.append(reported.child_id)
            failures += len(
                sen2.rules.check_person(reported.person, position, prepared.census.reference_date)
            )
            yield reported.person

    folder = tempfile.TemporaryDirectory()
    output = Path(folder.name) / f"sen2-{prepared.council.code}-{year}.xml"
    try:
        writer.write_checked(output, prepared.header, persons())
    except writer.SchemaInvalid:
        folder.cleanup()
        messages.error(
            request, "The return breaks the schema, so it cannot be downloaded. Fix the errors listed."
        )
        return redirect(f"{reverse('returns:sen2')}?year={year}")
    failures += len(sen2.rules.check_header(prepared.header))
    if failures and request.GET.get("anyway") != "1":
        folder.cleanup()
        messages.error(request, "The return fails business rules. Fix them, or download it anyway.")
        return redirect(f"{reverse('returns:sen2')}?year={year}")
    exported(request, children, what=f"Downloaded the SEN2 {year} return")
    response = FileResponse(
        output.open("rb"), as_attachment=True, filename=output.name, content_type="application/xml"
    )
    response._resource_closers.append(folder.cleanup)
    return response
