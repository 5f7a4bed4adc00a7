"""Several councils in one installation: every record that belongs to a council carries it, and
nobody reaches another council's records.

Staff pages take the council from the user (`council_id`: the council they work for, or the
council of their school or team). Public pages (the Local Offer, "You said, we did", the Open
Referral UK API) take it from the address they were reached at: `TELLONCE_COUNCIL_HOSTS` maps host
names to councils' DfE codes; an installation with one council needs no mapping."""

from django.conf import settings
from django.db import models
from django.http import Http404

from tellonce.accounts.policy import Capability, scope
from tellonce.organisations.models import LocalAuthority


def council_id(user) -> int | None:
    """The council a signed-in user works for: their own, or their school's or team's."""
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    if user.local_authority_id:
        return user.local_authority_id
    if user.setting_id:
        return user.setting.local_authority_id
    if user.team_id:
        return user.team.local_authority_id
    return None


def _hosts() -> dict[str, str]:
    """TELLONCE_COUNCIL_HOSTS: "host=code,host=code" (e.g. "localoffer.kent.gov.uk=886")."""
    mapping = {}
    for pair in getattr(settings, "TELLONCE_COUNCIL_HOSTS", "").split(","):
        host, _, code = pair.partition("=")
        if host.strip() and code.strip():
            mapping[host.strip().lower()] = code.strip()
    return mapping


def council_for_request(request) -> LocalAuthority:
    """The council whose public pages this request is for: by its host name, or the only council;
    404 when the installation holds several councils and this address is not set up for one."""
    code = _hosts().get(request.get_host().split(":")[0].lower())
    if code is not None:
        found = LocalAuthority.objects.filter(code=code).first()
        if found is not None:
            return found
        raise Http404("This address is not set up for a council")
    councils = list(LocalAuthority.objects.order_by("pk")[:2])
    if len(councils) == 1:
        return councils[0]
    raise Http404("This address is not set up for a council")


class UnknownCouncil(LookupError):
    """No council has the code given, or several councils share the installation and none was named."""


def council_named(code: str | None) -> LocalAuthority:
    """For a command: the council with this DfE code, or the only council when none is given."""
    if code:
        found = LocalAuthority.objects.filter(code=code).first()
        if found is None:
            raise UnknownCouncil(f"No council has the code {code!r}")
        return found
    councils = list(LocalAuthority.objects.order_by("pk")[:2])
    if len(councils) != 1:
        raise UnknownCouncil("Say which council with --council CODE (its 3-digit DfE code)")
    return councils[0]


class CouncilQuerySet(models.QuerySet):
    """Rows that belong to one council (a `local_authority` column): a user whose capability
    reaches their council sees their own council's rows and no other's."""

    def within_scope(self, user, capability: Capability):
        if scope(user, capability) is None:
            return self.none()
        return self.of_council(council_id(user))

    def of_council(self, local_authority_id: int | None):
        return self.filter(local_authority_id=local_authority_id) if local_authority_id else self.none()
