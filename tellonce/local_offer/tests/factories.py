import factory

from tellonce.core.time import uk_today
from tellonce.local_offer.models import (
    IndexState,
    Location,
    PostcodeDistrict,
    Provider,
    Service,
    ServiceAtLocation,
    Taxonomy,
    TaxonomyTerm,
)
from tellonce.organisations.tests.factories import LocalAuthorityFactory


class ProviderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Provider

    local_authority = factory.SubFactory(LocalAuthorityFactory)
    name = factory.Sequence(lambda n: f"Provider {n}")
    description = "A provider of services"
    email = factory.Sequence(lambda n: f"provider{n}@example.org")


class ServiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Service
        skip_postgeneration_save = True

    provider = factory.SubFactory(ProviderFactory)
    name = factory.Sequence(lambda n: f"Service {n}")
    description = "Support for children and young people."
    is_public = True
    minimum_age = 0
    maximum_age = 25
    application_process = "Phone the team."
    last_checked = factory.LazyFunction(uk_today)

    @factory.post_generation
    def terms(self, create, extracted, **kwargs):
        for term in extracted or []:
            (self.needs if term.taxonomy.code == Taxonomy.NEEDS else self.categories).add(term)
        IndexState.bump(self.provider.local_authority_id)


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    name = "Civic Centre"
    address_1 = "1 High Street"
    city = "Northbridge"
    postcode = "NB1 1AA"
    latitude = 52.0
    longitude = -1.0


def place(service, **kwargs) -> Location:
    location = LocationFactory(**kwargs)
    ServiceAtLocation.objects.create(service=service, location=location)
    IndexState.bump(service.provider.local_authority_id)
    return location


def term(code: str) -> TaxonomyTerm:
    return TaxonomyTerm.objects.get(code=code)


def district(name: str, latitude: float, longitude: float) -> PostcodeDistrict:
    return PostcodeDistrict.objects.create(district=name, latitude=latitude, longitude=longitude)
