"""The Local Offer's search index, held in memory in each process (ADR 0030).

`IndexState.generation` is raised by every change to a listing or the thesaurus; each search reads
it (one indexed single-row query) and rebuilds the index when it has moved, so all gunicorn workers
and the ORUK API see a change on their next search, on SQLite and PostgreSQL alike."""

import threading
from dataclasses import dataclass

from django.db.models import Prefetch

from tellonce.domain.service_search import Document, Filters, Point, Results, SearchIndex, SynonymRing
from tellonce.local_offer.models import (
    Cost,
    IndexState,
    Location,
    PostcodeDistrict,
    Service,
    TaxonomyTerm,
    ThesaurusEntry,
    UnmatchedSearch,
)

_lock = threading.Lock()
_cached: dict = {"generation": None, "index": None}


def _ancestors(term: TaxonomyTerm, by_id: dict) -> list[TaxonomyTerm]:
    chain, seen = [], set()
    while term is not None and term.pk not in seen:
        chain.append(term)
        seen.add(term.pk)
        term = by_id.get(term.parent_id)
    return chain


def documents() -> list[Document]:
    terms = {t.pk: t for t in TaxonomyTerm.objects.all()}
    services = Service.objects.published().prefetch_related(
        "categories",
        "needs",
        "localities",
        Prefetch("service_at_locations__location", queryset=Location.objects.all()),
    )
    docs = []
    for s in services:
        categories = [a for c in s.categories.all() for a in _ancestors(terms.get(c.pk, c), terms)]
        needs = [a for n in s.needs.all() for a in _ancestors(terms.get(n.pk, n), terms)]
        points = tuple(
            Point(sal.location.latitude, sal.location.longitude)
            for sal in s.service_at_locations.all()
            if sal.location.latitude is not None and sal.location.longitude is not None
        )
        docs.append(
            Document(
                id=str(s.pk),
                name=s.name,
                alternate_name=s.alternate_name,
                description=f"{s.description}\n{s.eligibility_description}",
                categories=tuple(dict.fromkeys(t.name for t in categories + needs)),
                category_ids=frozenset(str(t.pk) for t in categories),
                need_ids=frozenset(str(t.pk) for t in needs),
                locality_ids=frozenset(str(loc.pk) for loc in s.localities.all()),
                minimum_age=s.minimum_age,
                maximum_age=s.maximum_age,
                free=s.cost != Cost.CHARGE,
                points=points,
            )
        )
    return docs


def rings() -> list[SynonymRing]:
    return [SynonymRing(e.preferred, e.labels()) for e in ThesaurusEntry.objects.all()]


def current_index() -> SearchIndex:
    generation = IndexState.current()
    with _lock:
        if _cached["generation"] != generation or _cached["index"] is None:
            _cached["index"] = SearchIndex.build(documents(), rings())
            _cached["generation"] = generation
        return _cached["index"]


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


def run(query: str, filters: Filters, *, page: int = 1, per_page: int = 20, today=None) -> Page:
    """Search, log a search that found nothing, and load the services of one page of results."""
    results = current_index().search(query, filters)
    if not results.hits and query.strip() and today is not None:
        log_unmatched(query, today)
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


def log_unmatched(query: str, today) -> None:
    text = " ".join(query.split())[:200].casefold()
    row, created = UnmatchedSearch.objects.get_or_create(
        query=text, defaults={"first_seen": today, "last_seen": today}
    )
    if not created:
        UnmatchedSearch.objects.filter(pk=row.pk).update(
            times=row.times + 1, last_seen=today, resolved_on=None
        )
