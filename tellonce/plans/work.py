"""A coordinator's plan work, for the plans they coordinate: the family's comments and requests
still to answer, and drafts or proposed amendments whose 15 days for comments end in the next 2
weeks, or have ended with the version still to issue. `first_for` counts them in SQL and reads
the rows shown."""

from datetime import date, timedelta

from django.db.models import Count, Exists, OuterRef, Q, Window
from django.urls import reverse

from tellonce.accounts.policy import Capability, scope
from tellonce.core.council_key import same_council
from tellonce.core.work import Tally, WorkItem, WorkList
from tellonce.domain import timescales
from tellonce.people.models import Child
from tellonce.people.querysets import own_council
from tellonce.plans.models import PlanComment, PlanVersion, Status

AHEAD = timedelta(weeks=2)
KIND = "Family comments"
# The family's days to comment end this long after the version was served (`comments_until`).
COMMENTING = timescales.draft_response_ends(date(2000, 1, 1)).due - date(2000, 1, 1)


def _served(user):
    """The versions of the user's children's plans sent to the family and still work: until a later
    version of the plan is issued."""
    issued_since = PlanVersion.objects.filter(
        plan=OuterRef("plan"), number__gt=OuterRef("number"), status=Status.ISSUED
    )
    return (
        PlanVersion.objects.within_scope(user, Capability.EDIT_PLAN)
        # the user's children of the council joined to the council's plans, not to every council's
        # (ADR 97, 106), whatever the user's scope
        .filter(same_council("plan"), same_council("plan__child"))
        .filter(plan__child__coordinator=user, plan__ceased_on=None)
        .exclude(Exists(issued_since))
        .filter(status=Status.SERVED)
    )


def _comments(user):
    """The family's comments still to answer on the versions of `_served`. The few unanswered
    comments of the user's council are read first, by their own index, and only their versions
    are then checked: asked in one statement, PostgreSQL expected one draft sent to the user's
    families where 70 came, worked them all out and then looked up their comments (10 ms at
    640,000 children against 1.5; ADR 106)."""
    waiting = PlanComment.objects.filter(
        answered_on__isnull=True, **own_council(user, scope(user, Capability.EDIT_PLAN))
    )
    versions = set(waiting.values_list("plan_version_id", flat=True))
    return PlanComment.objects.filter(
        plan_version__in=_served(user).filter(pk__in=versions), answered_on__isnull=True
    )


def _comment_item(comment) -> WorkItem:
    version = comment.plan_version
    return WorkItem(
        kind=KIND,
        what=f"Answer the family's {comment.get_kind_display().lower()} on {version.label.lower()}",
        url=reverse("plans:version", args=[version.plan_id, version.number]),
        child_id=version.plan.child_id,
        child_name=version.plan.child.full_name,
        due_on=None,
    )


def _version_item(version, today: date) -> WorkItem:
    ends = version.comments_until()
    return WorkItem(
        kind=KIND,
        what=(
            f"Issue {version.label.lower()}: the family's 15 days to comment have ended"
            if ends < today
            else f"The family's 15 days to comment on {version.label.lower()} end"
        ),
        url=reverse("plans:version", args=[version.plan_id, version.number]),
        child_id=version.plan.child_id,
        child_name=version.plan.child.full_name,
        due_on=ends,
    )


def work_for(user, *, today: date) -> list[WorkItem]:
    comments = (
        _comments(user).select_related("plan_version__plan__child").order_by("made_on", "made_at", "pk")
    )
    items = [_comment_item(comment) for comment in comments]
    for version in _served(user).select_related("plan__child"):
        ends = version.comments_until()
        if ends is not None and ends <= today + AHEAD:
            items.append(_version_item(version, today))
    return items


def first_for(user, *, today: date, shown: int) -> WorkList:
    """The family's comments and the versions whose days to comment end soon, counted in SQL, and
    the `shown` first as the page orders them: the versions by the day their days end (then the
    child's name), then the comments, which have no deadline, by the child's name. Two queries,
    each counting its rows as it reads the first."""
    late = Q(served_on__lt=today - COMMENTING)
    child = ("id", "given_name", "preferred_name", "family_name")
    versions = list(
        _served(user)
        .filter(served_on__isnull=False, served_on__lte=today + AHEAD - COMMENTING)
        .select_related("plan__child")
        .only("id", "plan_id", "number", "kind", "served_on", *(f"plan__child__{c}" for c in child))
        .annotate(total=Window(Count("pk")), late=Window(Count("pk", filter=late)))
        .order_by("served_on", Child.full_name_of("plan__child"), "plan", "number")[: max(shown, 1)]
    )
    items = [_version_item(version, today) for version in versions[:shown]]
    comments = list(
        _comments(user)
        .select_related("plan_version__plan__child")
        .only(
            "id",
            "kind",
            "plan_version__id",
            "plan_version__plan_id",
            "plan_version__number",
            "plan_version__kind",
            *(f"plan_version__plan__child__{c}" for c in child),
        )
        .annotate(total=Window(Count("pk")))
        .order_by(Child.full_name_of("plan_version__plan__child"), "made_on", "made_at", "pk")[
            : max(shown - len(items), 1)
        ]
    )
    items += [_comment_item(comment) for comment in comments[: shown - len(items)]]
    total = (versions[0].total if versions else 0) + (comments[0].total if comments else 0)
    if not total:
        return WorkList()
    return WorkList(items, {KIND: Tally(total, versions[0].late if versions else 0)})
