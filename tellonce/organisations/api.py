from ninja import Router, Schema

from tellonce.accounts.policy import api_requires
from tellonce.organisations.councils import council_id
from tellonce.organisations.models import HealthProvider, Locality, Setting, Team

router = Router(tags=["organisations"])


class LocalityOut(Schema):
    id: int
    name: str
    postcode_districts: str


class SettingOut(Schema):
    id: int
    name: str
    urn: str
    ukprn: str
    phase: str
    setting_type: str
    lowest_year: int
    highest_year: int
    has_sixth_form: bool
    locality_id: int | None
    postcode: str


class TeamOut(Schema):
    id: int
    name: str
    service: str
    provider_id: int | None
    locality_id: int | None


class HealthProviderOut(Schema):
    id: int
    name: str
    ods_code: str


class Problem(Schema):
    detail: str


ERRORS = {401: Problem}


@router.get("/localities", response={200: list[LocalityOut], **ERRORS})
@api_requires()
def localities(request):
    """The caller's council's localities."""
    return Locality.objects.filter(local_authority_id=council_id(request.auth))


@router.get("/settings", response={200: list[SettingOut], **ERRORS})
@api_requires()
def settings(request, phase: str | None = None):
    """The caller's council's schools, colleges and early years settings."""
    found = Setting.objects.filter(local_authority_id=council_id(request.auth))
    return found.filter(phase=phase) if phase else found


@router.get("/teams", response={200: list[TeamOut], **ERRORS})
@api_requires()
def teams(request):
    """The caller's council's teams."""
    return Team.objects.filter(local_authority_id=council_id(request.auth))


@router.get("/health-providers", response={200: list[HealthProviderOut], **ERRORS})
@api_requires()
def health_providers(request):
    """The caller's council's health providers."""
    return HealthProvider.objects.filter(local_authority_id=council_id(request.auth))
