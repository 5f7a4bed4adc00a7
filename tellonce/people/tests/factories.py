from datetime import date

import factory

from tellonce.organisations.tests.factories import LocalAuthorityFactory, SettingFactory
from tellonce.people.models import Child, FamilyMember, ProfessionalInvolvement


class ChildFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Child

    given_name = factory.Sequence(lambda n: f"Sam{n}")
    family_name = "Okafor"
    date_of_birth = date(2016, 3, 14)
    ethnicity = "WBRI"
    first_language = "English"
    sen_status = "SEN_SUPPORT"
    primary_need = "SLCN"
    local_authority = factory.SubFactory(LocalAuthorityFactory)
    setting = factory.SubFactory(SettingFactory)


class FamilyMemberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FamilyMember

    child = factory.SubFactory(ChildFactory)
    given_name = "Grace"
    family_name = "Okafor"
    relationship = "mother"
    parental_responsibility = True
    main_contact = True


class InvolvementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProfessionalInvolvement

    child = factory.SubFactory(ChildFactory)
    reason = "Speech and language therapy assessment"
    started_on = date(2025, 9, 1)
