"""Role fixtures shared by every app's tests: one child in scope ("the child") and one out of
scope ("another child"), and a user for every role on either side of that line. Every test
typesets documents in the fonts bundled in tests/fonts, whatever fonts the machine has.

`Client.force_login` stands for a whole sign-in, as it always has here: for a user who must use a
second factor, it also gives them a confirmed authenticator app (if they have none) and records
it in the session, exactly as entering the app's code does (django_otp.login). Nothing in the
product changes for tests; the sign-in tests sign in through the pages, code and all."""

import os
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.test import Client

from tellonce.accounts.actors import Actor, Channel
from tellonce.accounts.tests.factories import UserFactory
from tellonce.organisations.tests.factories import LocalAuthorityFactory, SettingFactory, TeamFactory
from tellonce.people.tests.factories import ChildFactory, FamilyMemberFactory, InvolvementFactory

FONTCONFIG_FILE = Path(__file__).parent / "tests" / "fonts" / "fonts.conf"


def pytest_configure(config):
    """Point fontconfig at the bundled fonts before anything loads WeasyPrint (and Pango): tests
    read back the text of PDFs they typeset, and how a line breaks, so which words a PDF reader
    finds together, depends on the fonts. Subprocesses (Chromium for the browser tests) inherit it."""
    os.environ["FONTCONFIG_FILE"] = str(FONTCONFIG_FILE)


def _sign_in_wholly() -> None:
    from tellonce.accounts.tests.two_factor import signing_in_with_the_second_factor

    Client.force_login = signing_in_with_the_second_factor(Client.force_login)


_sign_in_wholly()


def acting(user) -> Actor:
    """The actor a service is given when `user` does something on a page."""
    return Actor(user=user, channel=Channel.WEB, via="test")


@dataclass
class Area:
    child: object
    other_child: object
    users: dict


@pytest.fixture
def area(db) -> Area:
    return build_area()


def build_area() -> Area:
    la = LocalAuthorityFactory()
    school, other_school = SettingFactory(local_authority=la), SettingFactory(local_authority=la)
    team, other_team = TeamFactory(local_authority=la), TeamFactory(local_authority=la)
    users = {
        "coordinator": UserFactory(role="ehc_coordinator", local_authority=la),
        "other coordinator": UserFactory(role="ehc_coordinator", local_authority=la),
        "manager": UserFactory(role="send_manager", local_authority=la),
        "quality lead": UserFactory(role="quality_lead", local_authority=la),
        "analyst": UserFactory(role="analyst", local_authority=la),
        "administrator": UserFactory(role="administrator", local_authority=la),
        "SENCO at the school": UserFactory(role="senco", setting=school, local_authority=None),
        "SENCO elsewhere": UserFactory(role="senco", setting=other_school, local_authority=None),
        "parent": UserFactory(role="parent", local_authority=None),
        "parent of another child": UserFactory(role="parent", local_authority=None),
        "young person": UserFactory(role="young_person", local_authority=None),
        "therapist asked to help": UserFactory(role="therapist", team=team, local_authority=la),
        "therapist not asked": UserFactory(role="therapist", team=other_team, local_authority=la),
        "paediatrician asked by name": UserFactory(role="paediatrician", local_authority=la),
        "board member": UserFactory(role="board_member", local_authority=la),
    }
    child = ChildFactory(local_authority=la, setting=school, coordinator=users["coordinator"])
    other_child = ChildFactory(
        local_authority=la,
        setting=other_school,
        coordinator=users["other coordinator"],
        account=users["young person"],
    )
    FamilyMemberFactory(child=child, account=users["parent"])
    FamilyMemberFactory(child=other_child, account=users["parent of another child"])
    InvolvementFactory(child=child, team=team)
    InvolvementFactory(child=child, professional=users["paediatrician asked by name"])
    return Area(child=child, other_child=other_child, users=users)


ROLES = [
    "coordinator",
    "other coordinator",
    "manager",
    "quality lead",
    "analyst",
    "administrator",
    "SENCO at the school",
    "SENCO elsewhere",
    "parent",
    "parent of another child",
    "young person",
    "therapist asked to help",
    "therapist not asked",
    "paediatrician asked by name",
    "board member",
]

COUNCIL_ROLES = frozenset(
    {"coordinator", "other coordinator", "manager", "quality lead", "analyst", "administrator"}
)
AGGREGATE_READERS = COUNCIL_ROLES | {"board member"}
# A page refuses a role without the capability it needs with 403, and a record outside the user's
# scope with 404; tellonce/tests/test_permission_matrix.py checks which, for every page and role.
REFUSED = frozenset({403, 404})
