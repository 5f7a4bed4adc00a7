import factory

from tellonce.domain.education_settings import TYPICAL_YEARS, SettingPhase
from tellonce.organisations.models import HealthProvider, LocalAuthority, Locality, Setting, Team


class LocalAuthorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LocalAuthority
        django_get_or_create = ("code",)

    name = "Northbridge Council"
    code = "999"


class LocalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Locality

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    name = factory.Sequence(lambda n: f"Locality {n}")


class SettingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Setting

    name = factory.Sequence(lambda n: f"Riverside Primary School {n}")
    urn = factory.Sequence(lambda n: f"{100000 + n}")
    phase = "primary"
    setting_type = "mainstream"
    lowest_year = factory.LazyAttribute(lambda s: TYPICAL_YEARS[SettingPhase(s.phase)].lowest)
    highest_year = factory.LazyAttribute(lambda s: TYPICAL_YEARS[SettingPhase(s.phase)].highest)
    has_sixth_form = factory.LazyAttribute(lambda s: TYPICAL_YEARS[SettingPhase(s.phase)].sixth_form)
    local_authority = factory.SubFactory(LocalAuthorityFactory)


class HealthProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HealthProvider

    name = factory.Sequence(lambda n: f"Community Health Trust {n}")
    local_authority = factory.SubFactory(LocalAuthorityFactory)


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    name = factory.Sequence(lambda n: f"Speech and language therapy team {n}")
    service = "speech_and_language_therapy"
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    provider = factory.SubFactory(
        HealthProviderFactory, local_authority=factory.SelfAttribute("..local_authority")
    )
