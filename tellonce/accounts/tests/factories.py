import factory

from tellonce.accounts.models import User
from tellonce.organisations.tests.factories import LocalAuthorityFactory


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Sequence(lambda n: f"Alex{n}")
    last_name = "Morgan"
    role = "ehc_coordinator"
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    password = factory.django.Password("correct-horse-battery")
