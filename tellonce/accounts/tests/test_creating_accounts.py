"""Given the details of a new account, when it is made, then the role decides what it must act
for, nothing is written when anything is wrong, and the password is one the rules allow."""

import pytest

from tellonce.accounts.models import User
from tellonce.accounts.roles import Role
from tellonce.accounts.services import create_account
from tellonce.core.refusals import InvalidStep
from tellonce.organisations.tests.factories import LocalAuthorityFactory, SettingFactory, TeamFactory

pytestmark = pytest.mark.django_db


def _refused(**details) -> dict[str, str]:
    before = User.objects.count()
    with pytest.raises(InvalidStep) as refused:
        create_account(**{"username": "new.person", "first_name": "Ada", "last_name": "Jones"} | details)
    assert User.objects.count() == before
    return refused.value.fields


def test_a_coordinator_is_made_for_the_council_and_cannot_sign_in_until_a_password_is_set():
    council = LocalAuthorityFactory()
    user = create_account(
        username="ada.jones",
        role=Role.EHC_COORDINATOR,
        first_name=" Ada ",
        last_name="Jones",
        local_authority=council,
    )
    assert (user.local_authority, user.first_name, user.is_active) == (council, "Ada", True)
    assert not user.has_usable_password()


def test_a_therapist_works_for_the_council_of_their_team():
    team = TeamFactory()
    user = create_account(
        username="beth", role=Role.THERAPIST, first_name="Beth", last_name="Cole", team=team
    )
    assert user.team == team and user.local_authority_id == team.local_authority_id


def test_a_senco_acts_for_a_school_and_nothing_else():
    school = SettingFactory()
    user = create_account(
        username="kate", role=Role.SENCO, first_name="Kate", last_name="Moss", setting=school
    )
    assert user.setting == school and user.local_authority is None
    assert set(_refused(role=Role.SENCO)) == {"setting"}
    assert set(
        _refused(role=Role.EHC_COORDINATOR, local_authority=school.local_authority, setting=school)
    ) == {"setting"}


def test_each_kind_of_account_is_refused_without_what_its_role_acts_for():
    assert set(_refused(role=Role.THERAPIST)) == {"team"}
    assert set(_refused(role=Role.SEND_MANAGER)) == {"local_authority"}
    assert set(_refused(role=Role.PARENT, local_authority=LocalAuthorityFactory())) == {"role"}
    assert set(_refused(role="wizard")) == {"role"}


def test_a_team_of_another_council_is_refused():
    team = TeamFactory()
    assert set(
        _refused(
            role=Role.THERAPIST,
            team=team,
            local_authority=LocalAuthorityFactory(code="998", name="Southmoor"),
        )
    ) == {"team"}


def test_a_username_is_taken_whatever_its_letters_case():
    council = LocalAuthorityFactory()
    create_account(
        username="Ada.Jones", role=Role.ANALYST, first_name="Ada", last_name="Jones", local_authority=council
    )
    assert set(_refused(username="ada.jones", role=Role.ANALYST, local_authority=council)) == {"username"}
    assert set(_refused(username="ada jones!", role=Role.ANALYST, local_authority=council)) == {"username"}


def test_a_bad_email_address_and_a_missing_name_are_both_said():
    fields = _refused(role=Role.ANALYST, local_authority=LocalAuthorityFactory(), email="ada@", last_name=" ")
    assert set(fields) == {"email", "name"}


def test_a_password_the_rules_refuse_is_refused_and_a_good_one_signs_in():
    council = LocalAuthorityFactory()
    assert "password" in _refused(role=Role.ANALYST, local_authority=council, password="password")
    user = create_account(
        username="tom",
        role=Role.ANALYST,
        first_name="Tom",
        last_name="Reid",
        local_authority=council,
        password="plum orchard lantern 47",
    )
    assert user.check_password("plum orchard lantern 47")
