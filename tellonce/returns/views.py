"""The "SEN2 return" page: choose the collection year, see the return counted by module and each
failing business rule with a link to the page where it is fixed, and download the XML."""

import tempfile
from pathlib import Path

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from tellonce.accounts.policy import Capability, requires
from tellonce.audit.shown import exported, listed
from tellonce.core.replica import reporting_page
from tellonce.core.time import uk_today
from tellonce.domain.sen2.census import collection
from tellonce.domain.sen2.rules import Concerns
from tellonce.organisations.councils import council_id
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child
from tellonce.returns import schema, sen2, writer

PAGE_SIZE = 50
FIX_PAGES = {
    Concerns.CHILD: "people:edit",
    Concerns.ASSESSMENT: "assessments:detail",
    Concerns.PLAN: "plans:detail",
    Concerns.PLACEMENT: "plans:placements",
    Concerns.REVIEW: "reviews:detail",
}
CAPABILITY = Capability.PREPARE_STATUTORY_RETURNS


def _years(today) -> list[int]:
    """The collection years a council may prepare or look back on, newest first: the next one
    (this January's until its census day has passed) back to the first Tellonce has a schema for."""
    latest = today.year + 1 if today > collection(today.year).reference_date else today.year
    return list(range(latest, schema.YEARS[0] - 1, -1))


def _prepared(request, year: int) -> sen2.Prepared:
    council = get_object_or_404(LocalAuthority, pk=council_id(request.user))
    within = Child.objects.within_scope(request.user, CAPABILITY)
    return sen2.prepare(council, year, within=within)


def _year(request, years: list[int]) -> int:
    try:
        year = int(request.GET.get("year") or years[0])
    except ValueError:
        raise Http404("No such collection year") from None
    if year not in years:
        raise Http404("No such collection year")
    return year


def _link(failure, child_of: dict) -> str | None:
    """The page where the failing record is fixed: the child's details, the assessment, the plan
    or the review; the council's details for the header."""
    concerns = failure.rule.concerns
    if concerns is Concerns.HEADER:
        return reverse("administration:council")
    if failure.source:
        return reverse(FIX_PAGES[concerns], args=[failure.source])
    return reverse("people:edit", args=[child_of[failure.person]]) if failure.person else None


@requires(CAPABILITY)
@reporting_page
def sen2_return(request):
    years = _years(uk_today())
    year = _year(request, years)
    prepared = _prepared(request, year)
    checked = sen2.check(prepared)
    page = Paginator(checked.failures, PAGE_SIZE).get_page(request.GET.get("page"))
    names = _names(request, checked, page)
    listed(
        request,
        {checked.child_of[f.person] for f in page if f.person},
        what="Listed in the SEN2 return's checks",
    )
    rows = [(failure, names.get(failure.person, ""), _link(failure, checked.child_of)) for failure in page]
    context = {
        "title": "SEN2 return",
        "council": prepared.council,
        "census": prepared.census,
        "years": years,
        "year": year,
        "modules": [(label, checked.counts[name]) for name, label in sen2.MODULES],
        "checked": checked,
        "rows": rows,
        "page": page,
        "schema_errors": checked.schema_errors[:PAGE_SIZE],
    }
    return render(request, "returns/sen2_return.jinja", context)


def _names(request, checked: sen2.Checked, page) -> dict[int, str]:
    """The name of each person on this page of failures, read in one query."""
    wanted = {f.person: checked.child_of[f.person] for f in page if f.person}
    found = {
        pk: f"{given} {family}"
        for pk, given, family in Child.objects.within_scope(request.user, CAPABILITY)
        .filter(pk__in=wanted.values())
        .values_list("pk", "given_name", "family_name")
        .order_by()
    }
    return {position: found.get(child_id, "") for position, child_id in wanted.items()}


@requires(CAPABILITY)
def sen2_download(request):
    years = _years(uk_today())
    year = _year(request, years)
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
