"""The Local Offer's search index, one for each council's Local Offer, held in memory in each
process (ADR 0030).

A council's `IndexState.generation` is raised by every change to its listings or thesaurus; each
search reads it (one indexed single-row query) and rebuilds that council's index when it has
moved, so all gunicorn workers and the ORUK API see a change on their next search, on SQLite and
PostgreSQL alike. After a rebuild the process's long-lived objects are frozen out of the garbage
collector's full collections."""

import gc
import threading
from dataclasses import dataclass
from typing import NamedTuple

from tellonce.domain.service_search import Document, Filters, Point, Results, SearchIndex, SynonymRing
from tellonce.local_offer.models import (
    Cost,
    IndexState,
    PostcodeDistrict,
    Service,
    ServiceAtLocation,
    TaxonomyTerm,
    ThesaurusEntry,
    UnmatchedSearch,
)

_lock = threading.Lock()
_cached: dict[int, tuple[str, SearchIndex]] = {}  # council -> (generation, index)


class _Term(NamedTuple):
    order: int  # then the name: the taxonomy's order
    name: str
    parent: object


_FIELDS = (
    "pk",
    "name",
    "alternate_name",
    "description",
    "eligibility_description",
    "minimum_age",
    "maximum_age",
    "cost",
)


def documents(local_authority_id: int) -> list[Document]:
    """Every published service of a council's Local Offer as a search `Document`, read as plain
    rows in six queries. (Building 20,000 model instances through prefetches took most of a rebuild,
    and left 285,000 objects of cyclic garbage for whichever search came next to collect.)"""
    published = Service.objects.of_council(local_authority_id).published()
    terms = {
        pk: _Term(order, name, parent)
        for pk, order, name, parent in TaxonomyTerm.objects.values_list("pk", "order", "name", "parent_id")
    }
    categories = _grouped(Service.categories.through.objects.filter(service__in=published), "taxonomyterm_id")
    needs = _grouped(Service.needs.through.objects.filter(service__in=published), "taxonomyterm_id")
    localities = _grouped(Service.localities.through.objects.filter(service__in=published), "locality_id")
    places = ServiceAtLocation.objects.filter(
        service__in=published, location__latitude__isnull=False, location__longitude__isnull=False
    )
    points = _grouped(places, "location__latitude", "location__longitude")
    docs = []
    rows = published.values_list(*_FIELDS)
    for pk, name, alternate, description, eligibility, low, high, cost in rows:
        in_categories = _with_ancestors(categories.get(pk, ()), terms)
        for_needs = _with_ancestors(needs.get(pk, ()), terms)
        docs.append(
            Document(
                id=str(pk),
                name=name,
                alternate_name=alternate,
                description=f"{description}\n{eligibility}",
                categories=tuple(dict.fromkeys(terms[t].name for t in in_categories + for_needs)),
                category_ids=frozenset(str(t) for t in in_categories),
                need_ids=frozenset(str(t) for t in for_needs),
                locality_ids=frozenset(str(loc) for (loc,) in localities.get(pk, ())),
                minimum_age=low,
                maximum_age=high,
                free=cost != Cost.CHARGE,
                points=tuple(Point(lat, lon) for lat, lon in points.get(pk, ())),
            )
        )
    return docs


def _grouped(rows, *fields: str) -> dict:
    """Each service's rows of `fields`, from a query over rows with a service_id."""
    grouped: dict = {}
    for service_id, *values in rows.values_list("service_id", *fields):
        grouped.setdefault(service_id, []).append(tuple(values))
    return grouped


def _with_ancestors(linked: list, terms: dict) -> list:
    """A service's terms in the taxonomy's order (as `service.categories.all()` lists them), each
    followed by its ancestors: a service for "Autism" is found under "Communication" too."""
    chain = []
    for (pk,) in sorted(linked, key=lambda row: terms[row[0]][:2]):
        seen = set()
        while pk is not None and pk not in seen:
            chain.append(pk)
            seen.add(pk)
            pk = terms[pk].parent
    return chain


def rings(local_authority_id: int) -> list[SynonymRing]:
    return [
        SynonymRing(e.preferred, e.labels()) for e in ThesaurusEntry.objects.of_council(local_authority_id)
    ]


def current_index(local_authority_id: int) -> SearchIndex:
    """The council's index as its listings and thesaurus stand now."""
    generation = IndexState.current(local_authority_id)
    with _lock:
        cached = _cached.get(local_authority_id)
        if cached is None or cached[0] != generation:
            cached = (generation, SearchIndex.build(documents(local_authority_id), rings(local_authority_id)))
            _cached[local_authority_id] = cached
            _freeze_long_lived_objects()
        return cached[1]


def _freeze_long_lived_objects() -> None:
    """Keep the collector's full collections from walking the index and the rest of the process.

    A full collection visits every object the garbage collector tracks: in a worker, about 180,000
    for Django and its libraries and 30,000 for an index of 5,000 services, 60 to 100 ms on two busy
    cores, paid by whichever search happens to cross the threshold. Objects frozen here are skipped
    until the next rebuild, which unfreezes them first so that its collection can free any cycles
    among them: nothing frozen outlives two rebuilds without being looked at."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


def point_for(postcode: str) -> Point | None:
    """The centre of a postcode's district ("NB3 4QT" or "NB3"), from the local table."""
    outward = postcode.strip().upper().split()[0] if postcode.strip() else ""
    if " " not in postcode.strip() and len(outward) > 4:
        outward = outward[:-3]
    row = PostcodeDistrict.objects.filter(district=outward).first()
    return Point(row.latitude, row.longitude) if row else None


@dataclass(frozen=True)
class Page:
    results: Results
    services: list
    number: int
    pages: int


def run(
    local_authority_id: int, query: str, filters: Filters, *, page: int = 1, per_page: int = 20, today=None
) -> Page:
    """Search a council's Local Offer, log a search that found nothing, and load the services of
    one page of results."""
    results = current_index(local_authority_id).search(query, filters)
    if not results.hits and query.strip() and today is not None:
        log_unmatched(local_authority_id, query, today)
    pages = max(1, -(-results.total // per_page))
    number = min(max(page, 1), pages)
    chosen = results.hits[(number - 1) * per_page : number * per_page]
    by_id = {
        str(k): v
        for k, v in Service.objects.select_related("provider")
        .only("name", "description", "provider__name")
        .in_bulk([h.id for h in chosen])
        .items()
    }
    return Page(results, [(by_id[h.id], h) for h in chosen if h.id in by_id], number, pages)


def log_unmatched(local_authority_id: int, query: str, today) -> None:
    text = " ".join(query.split())[:200].casefold()
    row, created = UnmatchedSearch.objects.get_or_create(
        local_authority_id=local_authority_id, query=text, defaults={"first_seen": today, "last_seen": today}
    )
    if not created:
        UnmatchedSearch.objects.filter(pk=row.pk).update(
            times=row.times + 1, last_seen=today, resolved_on=None
        )
