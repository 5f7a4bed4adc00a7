"""The Open Referral UK 3.0 API: the 9 GET endpoints of schema/openapi.json, open access (ORUK
compliance: anonymous, CORS for any origin), only published listings, paged with the HSDS `Page`
wrapper. Filters combine with AND (HSDS API reference). `search` uses the Local Offer's own search,
thesaurus and typo tolerance included; `postcode` with `proximity` (metres) uses the local table
of postcode district centres."""

import json
import math
import re
import uuid
from datetime import time
from functools import wraps

from django.db.models import Q
from django.http import JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from tellonce.accounts.rate_limits import rate_limited
from tellonce.core.access import public
from tellonce.domain.service_search import Filters, QueryTooLong
from tellonce.local_offer import search as local_search
from tellonce.local_offer.models import Service, ServiceAtLocation, Taxonomy, TaxonomyTerm
from tellonce.local_offer.oruk import serialise
from tellonce.local_offer.oruk.schemas import FOLDER
from tellonce.organisations.councils import council_for_request

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 500
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
DAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"


class BadRequest(ValueError):
    pass


def oruk(view):
    """Open to anyone from any origin; bad parameters answer 400 with the reason, too many requests
    from one address 429."""

    limited = rate_limited("oruk", setting="TELLONCE_RATE_API", as_json=True)(require_safe(view))

    @csrf_exempt  # reads only: any other method answers 405, not the CSRF failure's 403
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if request.method == "OPTIONS":
            response = JsonResponse({})
        else:
            try:
                response = limited(request, *args, **kwargs)
            except BadRequest as error:
                response = JsonResponse({"error": str(error)}, status=400)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Content-Type"
        return response

    return public(wrapped)


def _not_found(what: str) -> JsonResponse:
    return JsonResponse({"error": f"No {what} with that id"}, status=404)


def _integer(
    request, name: str, default: int | None = None, low: int = 1, high: int | None = None
) -> int | None:
    raw = request.GET.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a whole number") from None
    if value < low or (high is not None and value > high):
        raise BadRequest(f"{name} must be from {low}" + (f" to {high}" if high else " up"))
    return value


def _number(request, name: str) -> float | None:
    raw = request.GET.get(name)
    if raw in (None, ""):
        return None
    try:
        value = float(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a number") from None
    if not math.isfinite(value):
        # float() reads "nan", "inf" and "1e309", which no database column holds.
        raise BadRequest(f"{name} must be a number") from None
    return value


def _page(request, items: list, *, count) -> JsonResponse:
    per_page = _integer(request, "per_page", DEFAULT_PER_PAGE, high=MAX_PER_PAGE)
    number = _integer(request, "page", 1)
    chosen = items[(number - 1) * per_page : number * per_page]
    return _paged(request, [count(x) for x in chosen], len(items), number, per_page)


def _published(request):
    """The published services of the Local Offer this address is for."""
    return Service.objects.of_council(council_for_request(request).pk).published()


def _filtered_services(request):
    services = _published(request)
    if term := request.GET.get("taxonomy_term_id"):
        services = services.filter(_term_q(term))
    if tax := request.GET.get("taxonomy_id"):
        services = services.filter(_taxonomy_q(tax))
    if (low := _number(request, "minimum_age")) is not None:
        services = services.filter(minimum_age__gte=low)
    if (high := _number(request, "maximum_age")) is not None:
        services = services.filter(maximum_age__lte=high)
    if day := request.GET.get("day"):
        if day not in DAYS and day not in DAY_NAMES:
            raise BadRequest("day must be a day of the week, like MO or Monday")
        services = services.filter(days__contains=day[:2].upper())
    for name, lookup in (("start_time", "opens_at__gte"), ("end_time", "closes_at__lte")):
        if value := request.GET.get(name):
            services = services.filter(**{lookup: _time(name, value)})
    return services.distinct()


def _time(name: str, value: str) -> str:
    if not re.match(TIME, value):
        raise BadRequest(f"{name} must be a time, like 09:30")
    return time.fromisoformat(value).isoformat()


def _uuid_or_400(name: str, value: str) -> str:
    try:
        return str(uuid.UUID(value))
    except ValueError:
        raise BadRequest(f"{name} must be a UUID") from None


def _term_q(value):
    pk = _uuid_or_400("taxonomy_term_id", value)
    ids = [pk, *TaxonomyTerm.objects.filter(parent_id=pk).values_list("pk", flat=True)]
    return Q(categories__in=ids) | Q(needs__in=ids)


def _taxonomy_q(value):
    pk = _uuid_or_400("taxonomy_id", value)
    return Q(categories__taxonomy_id=pk) | Q(needs__taxonomy_id=pk)


def _ranked(request, services, near=None, within_km=None) -> list:
    """Ids in order: by relevance when searching, else by name; limited by distance if asked."""
    query = request.GET.get("search", "")
    if not query and near is None:
        return list(services.order_by("name", "pk").values_list("pk", flat=True))
    allowed = set(services.values_list("pk", flat=True))
    try:
        index = local_search.current_index(council_for_request(request).pk)
        results = index.search(query, Filters(near=near, within_km=within_km))
    except QueryTooLong as error:
        raise BadRequest(str(error)) from None
    return [key for h in results.hits if (key := uuid.UUID(h.id)) in allowed]


@oruk
def root(request):
    return JsonResponse(
        {
            "version": serialise.ORUK_VERSION,
            "profile": serialise.PROFILE_URL,
            "openapi_url": request.build_absolute_uri(reverse("oruk:openapi")),
        }
    )


# What each parameter may be, as this API checks it (the standard says only "string" or "integer").
LIMITS = {
    "page": {"type": "integer", "minimum": 1},
    "per_page": {"type": "integer", "minimum": 1, "maximum": MAX_PER_PAGE},
    "search": {"type": "string", "maxLength": 200},
    "taxonomy_term_id": {"type": "string", "format": "uuid"},
    "taxonomy_id": {"type": "string", "format": "uuid"},
    "proximity": {"type": "number", "minimum": 0},
    "start_time": {"type": "string", "pattern": TIME},
    "end_time": {"type": "string", "pattern": TIME},
    "day": {"type": "string", "enum": DAYS + DAY_NAMES},
}
ERROR = {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]}


def _error_response(description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": ERROR}}}


def described(document: dict, base_url: str) -> dict:
    """The standard's API document as this API answers it: where it is (`servers`), and the
    answers the standard leaves out: 400 with the reason for a parameter it cannot use, 404 for an
    id it does not publish, 429 when one address asks too often."""
    document = dict(document, servers=[{"url": base_url}])
    parameters = document.get("components", {}).get("parameters", {})
    for name, schema in LIMITS.items():
        if name in parameters:
            parameters[name] = dict(parameters[name], schema=schema)
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            responses = operation.setdefault("responses", {})
            responses.setdefault("429", _error_response("Too many requests from this address: wait a minute"))
            if "{id}" in path:
                responses.setdefault("404", _error_response("No published record has this id"))
            elif operation.get("parameters"):
                responses.setdefault(
                    "400", _error_response("A parameter is not one the API can use, and why")
                )
    return document


@oruk
def openapi(request):
    standard = json.loads((FOLDER / "openapi.json").read_text())
    return JsonResponse(described(standard, request.build_absolute_uri(reverse("oruk:root")).rstrip("/")))


@oruk
def services(request):
    ids = _ranked(request, _filtered_services(request))
    per_page = _integer(request, "per_page", DEFAULT_PER_PAGE, high=MAX_PER_PAGE)
    number = _integer(request, "page", 1)
    chosen = ids[(number - 1) * per_page : number * per_page]
    by_id = Service.objects.select_related("provider").in_bulk(chosen)
    items = [serialise.service_list_item(by_id[i]) for i in chosen if i in by_id]
    return _paged(request, items, len(ids), number, per_page)


def _paged(request, contents, total, number, per_page) -> JsonResponse:
    pages = max(1, -(-total // per_page))
    return JsonResponse(
        {
            "total_items": total,
            "total_pages": pages,
            "page_number": number,
            "size": len(contents),
            "first_page": number == 1,
            "last_page": number >= pages,
            "empty": total == 0,
            "contents": contents,
        }
    )


def _lookup(model_qs, pk: str):
    try:
        key = uuid.UUID(pk)
    except ValueError:
        return None
    return model_qs.filter(pk=key).first()


@oruk
def service(request, pk):
    found = _lookup(serialise.full_queryset(_published(request)), pk)
    return JsonResponse(serialise.service_full(found)) if found else _not_found("service")


@oruk
def service_at_locations(request):
    near, within = None, None
    if postcode := request.GET.get("postcode"):
        near = local_search.point_for(postcode)
        if near is None:
            raise BadRequest("postcode is not a postcode we know")
        metres = _number(request, "proximity")
        if metres is not None and metres < 0:
            raise BadRequest("proximity must be a distance in metres, 0 or more")
        within = metres / 1000 if metres is not None else None
    ids = _ranked(request, _filtered_services(request), near, within)
    order = {pk: n for n, pk in enumerate(ids)}
    sals = sorted(
        ServiceAtLocation.objects.filter(service_id__in=ids).select_related("location", "service__provider"),
        key=lambda s: (order[s.service_id], str(s.pk)),
    )
    return _page(request, sals, count=lambda s: serialise.sal_item(s, with_service=True))


@oruk
def service_at_location(request, pk):
    qs = ServiceAtLocation.objects.filter(service__in=_published(request)).select_related("location")
    found = _lookup(qs, pk)
    if not found:
        return _not_found("service at location")
    full = serialise.full_queryset(Service.objects.filter(pk=found.service_id)).get()
    return JsonResponse(
        serialise.sal_item(found, with_service=False) | {"service": serialise.service_full(full)}
    )


@oruk
def taxonomies(request):
    return _page(request, list(Taxonomy.objects.order_by("name", "pk")), count=serialise.taxonomy)


@oruk
def taxonomy(request, pk):
    found = _lookup(Taxonomy.objects.all(), pk)
    if not found:
        return _not_found("taxonomy")
    terms = [serialise.taxonomy_term(t, {found.pk: found}) for t in found.terms.all()]
    return JsonResponse(serialise.taxonomy(found) | ({"taxonomy_terms": terms} if terms else {}))


@oruk
def taxonomy_terms(request):
    taxes = {t.pk: t for t in Taxonomy.objects.all()}
    terms = list(TaxonomyTerm.objects.order_by("taxonomy__name", "order", "name", "pk"))
    return _page(request, terms, count=lambda t: serialise.taxonomy_term(t, taxes))


@oruk
def taxonomy_term(request, pk):
    found = _lookup(TaxonomyTerm.objects.select_related("taxonomy"), pk)
    return JsonResponse(serialise.taxonomy_term(found)) if found else _not_found("taxonomy term")
