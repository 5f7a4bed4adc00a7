"""Which children a user may see or change. Views and the API reach children only through
`Child.objects.visible_to(user)`, so scope is decided here once."""

from datetime import date

from django.db import models
from django.db.models import Q

from tellonce.accounts.roles import COUNCIL_READERS, PROFESSIONALS, Role
from tellonce.core.time import uk_today
from tellonce.domain.identifiers import normalise_nhs_number, normalise_upn


class ChildQuerySet(models.QuerySet):
    def visible_to(self, user) -> "ChildQuerySet":
        if not (user.is_authenticated and user.is_active):
            return self.none()
        role = user.role
        if role in COUNCIL_READERS:
            return self.filter(local_authority_id=user.local_authority_id)
        if role == Role.SENCO:
            return self.filter(setting_id=user.setting_id)
        if role in PROFESSIONALS:
            return self.filter(pk__in=self._involving(user, uk_today()))
        if role == Role.PARENT:
            return self.filter(pk__in=self._with_parent(user))
        if role == Role.YOUNG_PERSON:
            return self.filter(account=user)
        return self.none()

    def editable_by(self, user) -> "ChildQuerySet":
        """Caseworkers change the record: a coordinator their own caseload, a manager the council's."""
        if not (user.is_authenticated and user.is_active):
            return self.none()
        if user.role == Role.SEND_MANAGER:
            return self.filter(local_authority_id=user.local_authority_id)
        if user.role == Role.EHC_COORDINATOR:
            return self.filter(coordinator=user, local_authority_id=user.local_authority_id)
        return self.none()

    def with_parent(self, user) -> "ChildQuerySet":
        return self.filter(pk__in=self._with_parent(user))

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

    def _with_parent(self, user):
        family = self._related("family")._default_manager
        return family.filter(account=user, parental_responsibility=True).values("child_id")

    def _involving(self, user, today: date):
        who = Q(professional=user)
        if user.team_id:
            who |= Q(team_id=user.team_id)
        current = Q(ended_on__isnull=True) | Q(ended_on__gte=today)
        involvements = self._related("involvements")._default_manager
        return involvements.filter(who, current, started_on__lte=today).values("child_id")
