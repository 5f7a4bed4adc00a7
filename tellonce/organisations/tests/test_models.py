"""A setting's identifiers and years are checked as the SEN2 return and the phase-transfer rules
need them: URN up to 6 digits, UKPRN 8, a full postcode, years in order that fit its phase."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tellonce.domain.education_settings import SettingPhase, SettingYears
from tellonce.organisations.tests.factories import SettingFactory

pytestmark = pytest.mark.django_db


def test_a_setting_says_what_it_teaches_as_the_phase_transfer_rules_read_it():
    school = SettingFactory(phase="secondary", lowest_year=7, highest_year=13, has_sixth_form=True)
    assert school.years == SettingYears(7, 13, True, SettingPhase.SECONDARY)
    assert school.get_phase_display() == "Secondary school"


def test_a_primary_school_from_the_factory_teaches_reception_to_year_6():
    assert SettingFactory().years == SettingYears(0, 6, False, SettingPhase.PRIMARY)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("urn", "1234567", "up to 6 digits"),
        ("ukprn", "1234", "8 digits starting with 1"),
        ("postcode", "SW1A", "full UK postcode"),
    ],
)
def test_identifiers_in_the_wrong_format_are_refused(field, value, message):
    school = SettingFactory.build(**{field: value})
    with pytest.raises(ValidationError) as refused:
        school.full_clean(exclude=["local_authority"])
    assert message in str(refused.value.message_dict[field])


def test_years_that_do_not_fit_the_phase_are_refused():
    school = SettingFactory.build(phase="infant", lowest_year=0, highest_year=6)
    with pytest.raises(ValidationError) as refused:
        school.full_clean(exclude=["local_authority"])
    assert "Infant schools do not teach Reception to Year 6" in str(refused.value)


def test_the_database_refuses_a_lowest_year_after_the_highest():
    with pytest.raises(IntegrityError), transaction.atomic():
        SettingFactory(lowest_year=7, highest_year=6)
