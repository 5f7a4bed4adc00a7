"""Which children a user may see or change. Views and the API reach children only through
`Child.objects.visible_to(user)` and the other scopes here, which ask the permission policy
(accounts/policy.py) how far the user's capability reaches and turn that into a filter."""

from datetime import date

from django.db import models
from django.db.models import Q

from tellonce.accounts.policy import Capability, Scope, scope
from tellonce.core.council_key import same_council
from tellonce.core.time import uk_today
from tellonce.domain import decisions
from tellonce.domain.identifiers import normalise_nhs_number, normalise_upn


def own_council(user, reach: Scope | None) -> dict:
    """For the council's own staff (the whole council or a caseload), a filter on a record's own
    council key (ADR 80), added beside the child's scope: every child they reach is their council's,
    and a record's key always equals its child's (tests/test_council_keys.py), so it narrows
    nothing; but it lets a table holding many councils be read from the council's rows alone rather
    than from every council's (ADR 80, amended). For anyone else the child's scope alone decides: a
    school or a professional may work with children of several councils."""
    if reach in (Scope.COUNCIL, Scope.CASELOAD):
        return {"local_authority_id": user.local_authority_id}
    return {}


def by_own_key(user, reach: Scope | None, child: str) -> Q | None:
    """For the council's own staff, the child's scope written on a record's own council key, with
    no join to the child for the council (ADR 97): the key always equals the child's council, which
    never changes (ADR 80; tests/test_council_keys.py), so the rows are the same as the child's scope
    gives. A caseload adds the child's coordinator, through `child` (the relation to the child). For
    other reaches, None: the child's scope alone decides. A list whose rows need nothing of the
    child but its name then counts and orders the council's records from their own index, and reads
    the child only for the rows it shows, however many councils the table holds. A caseload's join
    to the child through records between (a panel decision's case) carries the council key of each
    of them, and of the child, equal to the record's (`same_council`): it narrows nothing, but lets
    PostgreSQL read those rows by the council's key rather than every council's (ADR 106)."""
    key = own_council(user, reach)
    if not key:
        return None
    if reach != Scope.CASELOAD:
        return Q(**key)
    key[f"{child}__coordinator"] = user
    hops = child.split("__")
    # through records between: each of them and the child; a record's own child is read by the
    # coordinator's index alone (ADR 97)
    between = [same_council("__".join(hops[: n + 1])) for n in range(len(hops))] if len(hops) > 1 else []
    return Q(*between, **key)


def records_reached(records: models.QuerySet, child: str, user, capability: Capability) -> models.QuerySet:
    """Those of `records` (each with its own council key, and its child through `child`) whose
    child `capability` reaches for this user: by the records' own key for the council's own staff
    (`by_own_key`, ADR 97), by the child's scope for anyone else."""
    from tellonce.people.models import Child

    reach = scope(user, capability)
    own = by_own_key(user, reach, child)
    return records.filter(own if own is not None else Child.objects.reached_through(child, user, reach))


def _own_columns(user, reach: Scope | None, prefix: str = "") -> Q | None:
    """The child's scope for the council's own staff as a condition on the child's own columns,
    through `prefix` (a relation to the child, ending in `__`, or nothing); None for other reaches."""
    match reach:
        case Scope.COUNCIL:
            return Q(**{f"{prefix}local_authority_id": user.local_authority_id})
        case Scope.CASELOAD:
            return Q(**{f"{prefix}coordinator": user, f"{prefix}local_authority_id": user.local_authority_id})
    return None


class ChildQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ChildQuerySet":
        return self.within_scope(user, Capability.VIEW_CHILD)

    def editable_by(self, user) -> "ChildQuerySet":
        """Caseworkers change the record: a coordinator their own caseload, a manager the council's."""
        return self.within_scope(user, Capability.EDIT_CHILD)

    def within_scope(self, user, capability: Capability) -> "ChildQuerySet":
        """The children `capability` reaches for this user (none if they do not have it)."""
        return self.in_scope(user, scope(user, capability))

    def in_scope(self, user, reach: Scope | None) -> "ChildQuerySet":
        own = _own_columns(user, reach)
        if own is not None:
            return self.filter(own)
        match reach:
            case Scope.SCHOOL:
                return self.filter(setting_id=user.setting_id)
            case Scope.INVOLVED:
                return self.filter(pk__in=self._involving(user, uk_today()))
            case Scope.FAMILY:
                return self.filter(pk__in=self._with_parent(user, uk_today()))
            case Scope.SELF:
                return self.filter(account=user)
        return self.none()

    def reached_through(self, relation: str, user, reach: Scope | None) -> Q:
        """A condition on a record that points at its child through `relation` (a foreign key, such
        as a plan's `child`): the child is among `in_scope(user, reach)`. For the council's own
        staff it is written on the child's columns through the join, not as `relation IN (the
        children in scope)`: the same rows, but the one join then both scopes the records and gives
        what a page reads or sorts of the child, so PostgreSQL reads the council's children once,
        by the council's key, rather than all children of every council beside the subquery (ADR 88)."""
        own = _own_columns(user, reach, f"{relation}__")
        if own is not None:
            return own
        return Q(**{f"{relation}__in": self.in_scope(user, reach)})

    def find(self, *, name: str = "", date_of_birth: date | None = None, upn: str = "", nhs_number: str = ""):
        found = self
        for word in name.split():
            found = found.filter(
                Q(given_name__icontains=word)
                | Q(family_name__icontains=word)
                | Q(preferred_name__icontains=word)
            )
        if date_of_birth:
            found = found.filter(date_of_birth=date_of_birth)
        if upn:
            found = found.filter(upn=normalise_upn(upn))
        if nhs_number:
            found = found.filter(nhs_number=normalise_nhs_number(nhs_number))
        return found

    def _related(self, name: str) -> type[models.Model]:
        """The model behind one of Child's reverse relations (models.py imports this module)."""
        return self.model._meta.get_field(name).related_model

    def parent_sees(self, today: date) -> "ChildQuerySet":
        """The children whose parent sees their record (Child.parent_sees_record, in SQL): under
        compulsory school age, or over it and lacking capacity (the parent is their representative),
        or over it and agreeing to it. Everyone born on or after the threshold is still of
        compulsory school age (domain.decisions)."""
        return self.filter(self._parent_sees(today))

    @staticmethod
    def _parent_sees(today: date, prefix: str = "") -> Q:
        threshold = decisions.youngest_over_compulsory_school_age(today)
        return (
            Q(**{f"{prefix}date_of_birth__gte": threshold})
            | Q(**{f"{prefix}lacks_capacity": True})
            | Q(**{f"{prefix}agrees_parent_sees": True})
        )

    def _with_parent(self, user, today: date):
        family = self._related("family")._default_manager
        linked = family.filter(account=user, parental_responsibility=True)
        return linked.filter(self._parent_sees(today, "child__")).values("child_id")

    def _involving(self, user, today: date):
        who = Q(professional=user)
        if user.team_id:
            who |= Q(team_id=user.team_id)
        current = Q(ended_on__isnull=True) | Q(ended_on__gte=today)
        involvements = self._related("involvements")._default_manager
        return involvements.filter(who, current, started_on__lte=today).values("child_id")
