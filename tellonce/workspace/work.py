"""A person's work, gathered from every app that gives them some: "My work" and its count in the
menu. Each app's `work.py` lists its own items (`tellonce/core/work.py`); this is the one place
that knows them all."""

from collections.abc import Callable
from datetime import date

from django.core.cache import cache
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from tellonce.accounts.policy import Capability, allows, scope
from tellonce.advice import work as advice
from tellonce.appeals import work as appeals
from tellonce.assessments import work as assessments
from tellonce.assessments.models import AssessmentRequest
from tellonce.audits import work as audits
from tellonce.core.work import WorkItem, WorkList
from tellonce.delivery import work as delivery
from tellonce.early_years import work as early_years
from tellonce.front_door import work as front_door
from tellonce.inclusion import work as inclusion
from tellonce.panels import work as panels
from tellonce.people.models import Child
from tellonce.people.querysets import own_council
from tellonce.plans import work as plans
from tellonce.plans.models import Plan
from tellonce.reviews import work as reviews

SOURCES: tuple[Callable[..., list[WorkItem]], ...] = (
    front_door.work_for,
    assessments.work_for,
    advice.work_for,
    plans.work_for,
    reviews.work_for,
    panels.work_for,
    appeals.work_for,
    early_years.work_for,
    inclusion.work_for,
    audits.work_for,
    delivery.work_for,
)
# The apps whose long lists are read in SQL for the page: their first items of each kind and tallies.
FIRST: dict[Callable[..., list[WorkItem]], Callable[..., WorkList]] = {
    assessments.work_for: assessments.first_for,
    reviews.work_for: reviews.first_for,
    delivery.work_for: delivery.first_for,
    early_years.work_for: early_years.first_for,
    plans.work_for: plans.first_for,
}
COUNT_KEPT_SECONDS = 120


def work_for(user, *, today: date) -> list[WorkItem]:
    """All of the user's work, soonest first (the overdue reminders; the reference for `first_for`)."""
    if not allows(user, Capability.WORK_CASELOAD):
        return []
    items = [item for source in SOURCES for item in source(user, today=today)]
    items.sort(key=lambda item: item.sort_key)
    cache.set(_count_key(user), len(items), COUNT_KEPT_SECONDS)
    return items


def first_for(user, *, today: date, shown: int) -> WorkList:
    """What "My work" shows: the `shown` items of each kind due soonest, soonest first, and how many
    there are of each kind. An app's own `first_for` reads its part in SQL; the others' whole lists
    are cut here."""
    if not allows(user, Capability.WORK_CASELOAD):
        return WorkList()
    gathered = WorkList()
    for source in SOURCES:
        first = FIRST.get(source)
        if first is not None:
            gathered += first(user, today=today, shown=shown)
        else:
            gathered += WorkList.of(source(user, today=today), today=today, shown=shown)
    work = WorkList(WorkList.of(gathered.items, today=today, shown=shown).items, gathered.tallies)
    cache.set(_count_key(user), work.total, COUNT_KEPT_SECONDS)
    return work


def count_for(user, *, today: date) -> int:
    """The number in the menu: kept for two minutes, so pages do not gather the work each time."""
    count = cache.get(_count_key(user))
    if count is None:
        count = first_for(user, today=today, shown=0).total
    return count


def _count_key(user) -> str:
    return f"my-work-count:{user.pk}:{user.date_joined.timestamp()}"


def unallocated(user):
    """The council's children with open work (an assessment or a plan) and no coordinator. The
    children are found from the council's open work (its own key, `own_council`), not by testing
    every child without a coordinator for some: most children have none, and tested that way the
    queue read every council's children without one and every council's open work (129 ms for one
    council of 32 at 640,000 children)."""
    own = own_council(user, scope(user, Capability.ALLOCATE_CASES))
    open_cases = AssessmentRequest.objects.open().filter(**own).values("child_id")
    plans = Plan.objects.filter(ceased_on__isnull=True, **own).values("child_id")
    return Child.objects.within_scope(user, Capability.ALLOCATE_CASES).filter(
        coordinator__isnull=True, pk__in=open_cases.union(plans)
    )


def caseload_size() -> Coalesce:
    """How many children each coordinator of a queryset of coordinators has (the allocation queue
    shows it beside each name), counted for each coordinator from the index on the child's
    coordinator; a join of the coordinators to the council's children, grouped, read every child
    (9.5 against 1.6 ms at 20,000 children)."""
    theirs = Child.objects.filter(coordinator=OuterRef("pk")).order_by().values("coordinator")
    return Coalesce(Subquery(theirs.annotate(n=Count("*")).values("n")), 0)
