"""The council's own details as the SEN2 header needs them: a 3-digit LA code no other council has,
and the designated medical, clinical and social care officers in post (Y, N or R)."""

import pytest

from tellonce.accounts.tests.factories import UserFactory
from tellonce.conftest import acting
from tellonce.core.refusals import InvalidStep
from tellonce.organisations import services
from tellonce.organisations.models import LocalAuthority
from tellonce.organisations.tests.factories import LocalAuthorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def council():
    return LocalAuthorityFactory(name="Northbridge Council", code="999")


@pytest.fixture
def admin(council):
    return acting(UserFactory(role="administrator", local_authority=council))


def test_the_council_changes_its_name_and_la_code(council, admin):
    services.change_council_details(council, by=admin, name="  Northbridge   Borough Council ", code="886")
    assert LocalAuthority.objects.filter(name="Northbridge Borough Council", code="886").exists()


@pytest.mark.parametrize(
    ("name", "code", "field", "message"),
    [
        ("Northbridge", "88", "code", "3 digits"),
        ("Northbridge", "E10", "code", "3 digits"),
        ("Northbridge", "8861", "code", "3 digits"),
        ("", "886", "name", "Enter the council's name"),
        ("Northbridge", "314", "code", "Another council already has the LA code 314"),
    ],
)
def test_a_code_sen2_could_not_carry_or_another_councils_code_is_refused(
    council, admin, name, code, field, message
):
    LocalAuthorityFactory(name="Kingston", code="314")
    with pytest.raises(InvalidStep) as refused:
        services.change_council_details(council, by=admin, name=name, code=code)
    assert message in refused.value.fields[field]
    council.refresh_from_db()
    assert (council.name, council.code) == ("Northbridge Council", "999")


def test_the_designated_officers_in_post_are_recorded_as_the_sen2_header_codes_them(council, admin):
    services.record_designated_officers(council, by=admin, medical="Y", clinical="r", social_care="N")
    council.refresh_from_db()
    assert (
        council.designated_medical_officer,
        council.designated_clinical_officer,
        council.designated_social_care_officer,
    ) == ("Y", "R", "N")
    assert council.get_designated_clinical_officer_display() == "Recruitment in progress"


def test_an_officer_not_yet_known_is_left_blank_and_any_other_answer_is_refused(council, admin):
    services.record_designated_officers(council, by=admin, medical="Y", clinical="", social_care="")
    with pytest.raises(InvalidStep) as refused:
        services.record_designated_officers(council, by=admin, medical="Yes", clinical="N", social_care="X")
    assert set(refused.value.fields) == {"designated_medical_officer", "designated_social_care_officer"}
    council.refresh_from_db()
    assert (council.designated_medical_officer, council.designated_clinical_officer) == ("Y", "")
