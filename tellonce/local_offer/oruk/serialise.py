"""Listings as Open Referral UK 3.0 JSON (HSDS 3.0 names for the fields the UK profile leaves out).

Empty optional fields are left out rather than sent as null (ORUK compliance guidance). Child
objects Tellonce keeps as fields of the service (contact, schedule, cost, languages, phones) get
ids derived from the service's id, so they are stable from one request to the next."""

import uuid

from django.conf import settings

from tellonce.local_offer.models import (
    Cost,
    Location,
    Provider,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)

ORUK_VERSION = "HSDS-UK-3.0"
PROFILE_URL = "https://github.com/OpenReferralUK/uk-profile/blob/main/docs/index.md"


def child_id(parent_id, kind: str) -> str:
    return str(uuid.uuid5(uuid.UUID(str(parent_id)), kind))


def _compact(data: dict) -> dict:
    return {k: v for k, v in data.items() if v not in (None, "", [])}


def _timestamp(moment) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def organization(provider: Provider) -> dict:
    return _compact(
        {
            "id": str(provider.pk),
            "name": provider.name,
            "description": provider.description or provider.name,
            "email": provider.email,
            "website": provider.website,
        }
    )


def taxonomy(tax: Taxonomy) -> dict:
    return _compact(
        {
            "id": str(tax.pk),
            "name": tax.name,
            "description": tax.description or tax.name,
            "uri": tax.uri,
            "version": tax.version,
        }
    )


def taxonomy_term(term: TaxonomyTerm, taxonomies: dict | None = None) -> dict:
    tax = (taxonomies or {}).get(term.taxonomy_id) or term.taxonomy
    return _compact(
        {
            "id": str(term.pk),
            "name": term.name,
            "description": term.description or term.name,
            "parent_id": str(term.parent_id) if term.parent_id else None,
            "taxonomy": tax.name,
            "taxonomy_id": str(term.taxonomy_id),
            "term_uri": term.term_uri,
            "code": term.code,  # HSDS 3.0 taxonomy_term.code
        }
    )


def location(loc: Location) -> dict:
    area = settings.TELLONCE_AREA_NAME or "England"
    addresses = []
    if loc.address_1 and loc.postcode:
        addresses.append(
            {
                "id": child_id(loc.pk, "address"),
                "location_id": str(loc.pk),
                "address_1": loc.address_1,
                "city": loc.city or area,
                "state_province": area,
                "postal_code": loc.postcode,
                "country": loc.country or "GB",
                "address_type": "physical",
            }
        )
    accessibility = (
        [
            {
                "id": child_id(loc.pk, "accessibility"),
                "location_id": str(loc.pk),
                "description": loc.accessibility,
            }
        ]
        if loc.accessibility
        else []
    )
    return _compact(
        {
            "id": str(loc.pk),
            "location_type": loc.location_type,
            "name": loc.name,
            "description": loc.description,
            "latitude": loc.latitude,
            "longitude": loc.longitude,
            "external_identifier": loc.external_identifier,
            "external_identifier_type": loc.external_identifier_type,
            "addresses": addresses,
            "accessibility": accessibility,
        }
    )


def service_list_item(service: Service) -> dict:
    """The one-to-one fields of a service, for list responses (service_list.json)."""
    return _compact(
        {
            "id": str(service.pk),
            "organization_id": str(service.provider_id),
            "name": service.name,
            "alternate_name": service.alternate_name,
            "description": service.description,
            "url": service.url,
            "email": service.email,
            "status": service.status,
            "minimum_age": service.minimum_age,
            "maximum_age": service.maximum_age,
            "eligibility_description": service.eligibility_description,
            "application_process": _application_process(service),
            "fees_description": service.fees_description,
            "assured_date": service.last_checked.isoformat() if service.last_checked else None,
            "assurer_email": service.checked_by,
            "last_modified": _timestamp(service.updated_at),
            "organization": organization(service.provider),
        }
    )


def _application_process(service: Service) -> str:
    parts = [service.application_process]
    if service.self_referral:
        parts.append("Families and young people can refer themselves.")
    if service.who_can_refer:
        parts.append(f"Referrals from: {service.who_can_refer}.")
    if service.online_referral:
        parts.append("Online referral through the Local Offer.")
    return " ".join(p for p in parts if p)


def _schedules(service: Service) -> list[dict]:
    if not (service.days or service.opens_at or service.schedule_description):
        return []
    return [
        _compact(
            {
                "id": child_id(service.pk, "schedule"),
                "service_id": str(service.pk),
                "freq": "WEEKLY" if service.days else None,
                "byday": service.days,
                "opens_at": service.opens_at.strftime("%H:%M:%S") if service.opens_at else None,
                "closes_at": service.closes_at.strftime("%H:%M:%S") if service.closes_at else None,
                "description": service.schedule_description,
            }
        )
    ]


def _cost_options(service: Service) -> list[dict]:
    return [
        _compact(
            {
                "id": child_id(service.pk, "cost"),
                "service_id": str(service.pk),
                "option": Cost(service.cost).label,
                "amount": 0 if service.cost == Cost.FREE else None,
                "amount_description": service.fees_description,
            }
        )
    ]


def sal_item(sal: ServiceAtLocation, *, with_service: bool) -> dict:
    item = {
        "id": str(sal.pk),
        "service_id": str(sal.service_id),
        "location_id": str(sal.location_id),
        "location": location(sal.location),
    }
    if with_service:
        item["service"] = service_list_item(sal.service)
    return item


def service_full(service: Service) -> dict:
    """A fully nested service (service.json), with prefetched relations."""
    sid = str(service.pk)
    terms = [*service.categories.all(), *service.needs.all()]
    attributes = [
        {
            "id": child_id(service.pk, f"attribute:{term.pk}"),
            "link_id": sid,
            "link_type": "service",
            "taxonomy_term_id": str(term.pk),
            "taxonomy_term": taxonomy_term(term),
        }
        for term in terms
    ]
    areas = ", ".join(loc.name for loc in service.localities.all()) or (
        settings.TELLONCE_AREA_NAME or "The whole area"
    )
    data = service_list_item(service) | {
        "schedules": _schedules(service),
        "service_areas": [{"id": child_id(service.pk, "area"), "service_id": sid, "name": areas}],
        "service_at_locations": [
            sal_item(sal, with_service=False) for sal in service.service_at_locations.all()
        ],
        "languages": [
            {"id": child_id(service.pk, f"language:{name}"), "service_id": sid, "name": name}
            for name in service.language_list()
        ],
        "cost_options": _cost_options(service),
        "contacts": [{"id": child_id(service.pk, "contact"), "service_id": sid, "name": service.contact_name}]
        if service.contact_name
        else [],
        "phones": [{"id": child_id(service.pk, "phone"), "service_id": sid, "number": service.phone}]
        if service.phone
        else [],
        "attributes": attributes,
    }
    return _compact(data)


def full_queryset(queryset):
    return queryset.select_related("provider").prefetch_related(
        "localities",
        "service_at_locations__location",
        "categories__taxonomy",
        "needs__taxonomy",
    )
