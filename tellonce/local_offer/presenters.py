"""Listings as page-ready values: who a service is for, how to get it, where and when, and how old
the information is."""

from dataclasses import dataclass
from datetime import date

from tellonce.core.formatting import govuk_date
from tellonce.domain.listings import check_due, is_stale
from tellonce.local_offer.forms import DAYS
from tellonce.local_offer.models import Cost, Service

DAY_NAMES = dict(DAYS)


def ages(service: Service) -> str:
    low, high = service.minimum_age, service.maximum_age
    if low is None and high is None:
        return "Any age"
    if low is None:
        return f"Up to {high} years"
    if high is None:
        return f"{low} years and over"
    if low == high:
        return f"{low} years"
    return f"{low} to {high} years"


def cost(service: Service) -> str:
    label = Cost(service.cost).label
    return f"{label}: {service.fees_description}" if service.fees_description else label


def when(service: Service) -> str:
    parts = []
    if service.days:
        names = [DAY_NAMES.get(d, d) for d in service.days.split(",") if d]
        parts.append(", ".join(names))
    if service.opens_at and service.closes_at:
        parts.append(f"{service.opens_at:%H:%M} to {service.closes_at:%H:%M}")
    if service.schedule_description:
        parts.append(service.schedule_description)
    return ". ".join(parts) or "Contact the service"


def referral_route(service: Service) -> str:
    routes = []
    if service.self_referral:
        routes.append("Families and young people can refer themselves")
    if service.who_can_refer:
        routes.append(
            f"Also by: {service.who_can_refer}"
            if service.self_referral
            else f"Referral by: {service.who_can_refer}"
        )
    if service.online_referral and service.referral_email:
        routes.append("You can refer online through the Local Offer")
    return ". ".join(routes) or "Contact the service"


def checked(service: Service, today: date) -> tuple[str, bool]:
    added = service.created_at.date()
    stale = is_stale(service.last_checked, added=added, today=today)
    text = f"Last checked {govuk_date(service.last_checked)}" if service.last_checked else "Not yet checked"
    return text, stale


@dataclass(frozen=True)
class Row:
    key: str
    value: str
    href: str = ""


def rows(service: Service, venues: list) -> dict[str, list[Row]]:
    """The service page's sections, each a list of rows; empty rows are left out."""
    needs = ", ".join(t.name for t in service.needs.all())
    who = [
        Row("Ages", ages(service)),
        Row("Needs", needs),
        Row("Who it is for", service.eligibility_description),
        Row("Areas", ", ".join(loc.name for loc in service.localities.all()) or "The whole area"),
    ]
    access = [
        Row("How to get it", service.application_process),
        Row("Who can refer", referral_route(service)),
        Row("Cost", cost(service)),
    ]
    where = [Row("When", when(service))]
    for location in venues:
        address = ", ".join(
            p for p in (location.name, location.address_1, location.city, location.postcode) if p
        )
        where.append(Row("Where", address))
        if location.accessibility:
            where.append(Row("Accessibility of the venue", location.accessibility))
    contact = [
        Row("Contact", service.contact_name),
        Row("Phone", service.phone),
        Row("Email", service.email, f"mailto:{service.email}" if service.email else ""),
        Row("Website", service.url, service.url),
        Row("Languages", ", ".join(service.language_list())),
        Row("Film about the service", "Watch the film" if service.film_url else "", service.film_url),
        Row("Accessible formats", service.accessible_formats),
        Row("Provided by", service.provider.name),
    ]
    return {
        "Who it is for": [r for r in who if r.value],
        "How to get it": [r for r in access if r.value],
        "Where and when": [r for r in where if r.value],
        "Contact": [r for r in contact if r.value],
    }


def summary_rows(section: list[Row]) -> list[dict]:
    out = []
    for row in section:
        safe = row.href.startswith(("https://", "http://", "mailto:"))
        value = (
            {"html": f'<a class="govuk-link" href="{_attr(row.href)}">{_text(row.value)}</a>'}
            if safe
            else {"text": row.value}
        )
        out.append({"key": {"text": row.key}, "value": value})
    return out


def _text(value: str) -> str:
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")


def listing_state(service: Service, today: date) -> dict:
    text, stale = checked(service, today)
    due = check_due(service.last_checked, added=service.created_at.date())
    return {"checked": text, "stale": stale, "due": due}
