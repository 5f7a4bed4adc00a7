"""The public Local Offer: no sign-in. Content areas, search with filters, service pages, online
referral, "report a problem with this listing" and comments on the Local Offer as a whole."""

from collections import Counter

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from tellonce.accounts.rate_limits import rate_limited
from tellonce.core.access import public
from tellonce.core.time import uk_today
from tellonce.core.views import form_page
from tellonce.domain.service_search import Filters, QueryTooLong
from tellonce.feedback.models import Publication
from tellonce.local_offer import forms, presenters, search, services
from tellonce.local_offer.models import Service, Taxonomy, TaxonomyTerm
from tellonce.organisations.councils import council_for_request

PER_PAGE = 20


def _published(request):
    """The published services of the Local Offer this address is for."""
    return Service.objects.of_council(council_for_request(request).pk).published()


@public
def home(request):
    council = council_for_request(request)
    index = search.current_index(council.pk)
    counts = Counter(cid for doc in index.documents.values() for cid in doc.category_ids)
    areas = TaxonomyTerm.objects.filter(taxonomy__code=Taxonomy.CATEGORIES, parent=None).prefetch_related(
        "children"
    )
    return render(
        request,
        "local_offer/home.jinja",
        {
            "title": "Local Offer",
            "areas": [(area, counts.get(str(area.pk), 0)) for area in areas],
            "form": forms.SearchForm(),
            "total": len(index.documents),
            "published": Publication.objects.of_council(council.pk).filter(topic="local_offer")[:3],
        },
    )


def _filters(data: dict) -> Filters:
    near = search.point_for(data["postcode"]) if data.get("postcode") else None
    within = float(data["within"]) * forms.KM_PER_MILE if data.get("within") else None
    return Filters(
        age=data.get("age"),
        need_ids=frozenset([data["need"]]) if data.get("need") else frozenset(),
        category_ids=frozenset([data["category"]]) if data.get("category") else frozenset(),
        locality_id=data.get("locality") or None,
        free_only=bool(data.get("free")),
        near=near,
        within_km=within,
    )


@public
@rate_limited("search", setting="TELLONCE_RATE_SEARCH")
def results(request):
    form = forms.SearchForm(request.GET or None)
    page = None
    unknown_postcode = False
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        filters = _filters(data)
        unknown_postcode = bool(data.get("postcode")) and filters.near is None
        number = request.GET.get("page", "1")
        try:
            page = search.run(
                council_for_request(request).pk,
                data["q"],
                filters,
                page=int(number) if number.isdigit() else 1,
                per_page=PER_PAGE,
                today=uk_today(),
            )
        except QueryTooLong as error:
            form.add_error("q", str(error))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "local_offer/results.jinja",
        {
            "title": "Search the Local Offer",
            "form": form,
            "page": page,
            "unknown_postcode": unknown_postcode,
            "pagination": _pagination(page, query.urlencode()),
            "category": _chosen_category(form),
        },
    )


def _pagination(page, query: str) -> dict | None:
    if page is None or page.pages < 2:
        return None

    def href(n: int) -> str:
        return f"?{query}&page={n}"

    numbers = [n for n in range(1, page.pages + 1) if n in (1, page.pages) or abs(n - page.number) <= 2]
    items, last = [], 0
    for n in numbers:
        if n - last > 1:
            items.append({"ellipsis": True})
        items.append({"number": n, "href": href(n), "current": n == page.number})
        last = n
    return {
        "previous": {"href": href(page.number - 1)} if page.number > 1 else None,
        "next": {"href": href(page.number + 1)} if page.number < page.pages else None,
        "items": items,
    }


def _chosen_category(form) -> TaxonomyTerm | None:
    value = form.cleaned_data.get("category") if form.is_bound and hasattr(form, "cleaned_data") else None
    return TaxonomyTerm.objects.filter(pk=value).first() if value else None


@public
def category(request, code):
    term = get_object_or_404(TaxonomyTerm, taxonomy__code=Taxonomy.CATEGORIES, code=code)
    return redirect(f"{reverse('local_offer:search')}?category={term.pk}")


@public
def service_detail(request, pk):
    service = get_object_or_404(
        _published(request).select_related("provider").prefetch_related("needs", "localities"), pk=pk
    )
    venues = [sal.location for sal in service.service_at_locations.select_related("location")]
    return render(
        request,
        "local_offer/service.jinja",
        {
            "title": service.name,
            "service": service,
            "sections": {k: presenters.summary_rows(v) for k, v in presenters.rows(service, venues).items()},
            "state": presenters.listing_state(service, uk_today()),
            "categories": service.categories.select_related("parent"),
            "back_link": request.GET.get("back")
            if (request.GET.get("back") or "").startswith("/local-offer/")
            else reverse("local_offer:home"),
        },
    )


@public
@rate_limited("forms", setting="TELLONCE_RATE_FORMS", only_posts=True)
@require_http_methods(["GET", "POST"])
def refer(request, pk):
    service = get_object_or_404(_published(request), pk=pk)
    if not (service.online_referral and service.referral_email):
        raise Http404
    form = forms.ReferralForm(request.POST if request.method == "POST" else None, today=uk_today())
    if request.method == "POST" and form.is_valid():
        referral = services.refer(service, data=form.referral())
        request.session["referral_sent"] = referral.reference
        return redirect("local_offer:referral-sent", pk=service.pk)
    return form_page(
        request,
        form,
        title=f"Refer to {service.name}",
        caption="Online referral",
        intro="The service will contact you about what happens next. Fields marked optional can be "
        "left empty.",
        button="Send the referral",
        back=reverse("local_offer:service", args=[service.pk]),
    )


@public
def referral_sent(request, pk):
    service = get_object_or_404(_published(request), pk=pk)
    reference = request.session.get("referral_sent")
    if not reference:
        return redirect("local_offer:service", pk=service.pk)
    return render(
        request,
        "local_offer/sent.jinja",
        {
            "title": "Referral sent",
            "panel": f"Your reference is {reference}",
            "body": f"We have sent your referral to {service.name} and emailed you a copy. The service will "
            "contact you about what happens next.",
            "service": service,
        },
    )


@public
@rate_limited("forms", setting="TELLONCE_RATE_FORMS", only_posts=True)
@require_http_methods(["GET", "POST"])
def report(request, pk):
    service = get_object_or_404(_published(request), pk=pk)
    form = forms.ReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.report_problem(service, today=uk_today(), **form.cleaned_data)
        return render(
            request,
            "local_offer/sent.jinja",
            {
                "title": "Thank you for telling us",
                "panel": "",
                "body": f"We have told the people who keep the listing for {service.name}, and the Local Offer "
                "team will check it.",
                "service": service,
            },
        )
    return form_page(
        request,
        form,
        title="Report a problem with this listing",
        caption=service.name,
        button="Send",
        back=reverse("local_offer:service", args=[service.pk]),
    )


@public
@rate_limited("forms", setting="TELLONCE_RATE_FORMS", only_posts=True)
@require_http_methods(["GET", "POST"])
def comment(request):
    form = forms.CommentForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.comment(
            local_authority=council_for_request(request),
            about=form.cleaned_data["about"],
            text=form.cleaned_data["text"],
            today=uk_today(),
        )
        return render(
            request,
            "local_offer/sent.jinja",
            {
                "title": "Thank you for your comment",
                "panel": "",
                "body": "The Local Offer team reads every comment. We publish what people tell us and what we "
                "did about it on You said, we did.",
                "service": None,
            },
        )
    return form_page(
        request,
        form,
        title="Tell us what you think of the Local Offer",
        intro="Tell us about what it says, services that are missing, or how easy it is to use. To "
        "complain about a service, use the complaints information in the Local Offer instead.",
        button="Send your comment",
        back=reverse("local_offer:home"),
    )
