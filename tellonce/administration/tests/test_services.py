"""The administrator's changes: each made through the accounts, organisations or people service,
kept in the administration log in the same transaction, and refused outside their council."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.backends import ModelBackend
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from tellonce.accounts.models import Invitation, User
from tellonce.accounts.tests.factories import UserFactory
from tellonce.administration import services
from tellonce.audit.models import AccessEvent, AdministrationEvent, SignInEvent
from tellonce.conftest import acting
from tellonce.core.refusals import EditConflict, InvalidStep
from tellonce.organisations.models import Team
from tellonce.organisations.tests.factories import LocalAuthorityFactory, SettingFactory, TeamFactory

PASSWORD = "a long enough passphrase"


def authenticate(*, username: str, password: str):
    return ModelBackend().authenticate(None, username=username, password=password)


def _link(token: str) -> str:
    return f"https://tellonce.example/administration/invitation/{token}/"


def _invite(area, django_capture_on_commit_callbacks, **extra):
    admin = acting(area.users["administrator"])
    values = {
        "first_name": "Robin",
        "last_name": "Hale",
        "email": "Robin.Hale@example.org",
        "role": "ehc_coordinator",
    }
    with django_capture_on_commit_callbacks(execute=True):
        user = services.invite(by=admin, link_for=_link, **(values | extra))
    token = mail.outbox[-1].body.split("/administration/invitation/")[1].split("/")[0]
    return user, token


def test_an_invitation_keeps_only_a_hash_of_its_token_and_emails_the_link(
    area, django_capture_on_commit_callbacks
):
    user, token = _invite(area, django_capture_on_commit_callbacks)
    invitation = Invitation.objects.get(user=user)
    assert invitation.token_hash == Invitation.hash(token) != token
    assert token not in str(Invitation.objects.values_list().get())
    assert mail.outbox[-1].to == ["robin.hale@example.org"]
    assert user.username == "robin.hale@example.org" and not user.has_usable_password()
    assert user.local_authority == area.users["administrator"].local_authority
    event = AdministrationEvent.objects.get(record_id=str(user.pk))
    assert event.action == "invited" and "EHC coordinator" in event.summary


def test_an_invitation_link_works_once(area, django_capture_on_commit_callbacks):
    user, token = _invite(area, django_capture_on_commit_callbacks)
    invitation = services.accounts.open_invitation(token)
    anyone = acting(user)
    services.accept_invitation(invitation, PASSWORD, by=anyone)
    assert authenticate(username=user.username, password=PASSWORD) == user
    assert services.accounts.open_invitation(token) is None
    with pytest.raises(InvalidStep):
        services.accept_invitation(invitation, "another long passphrase", by=anyone)
    assert SignInEvent.objects.filter(user=user, what="invite_accepted").count() == 1


def test_an_invitation_link_expires_after_the_days_set(area, settings, django_capture_on_commit_callbacks):
    settings.TELLONCE_INVITATION_DAYS = 3
    _, token = _invite(area, django_capture_on_commit_callbacks)
    with time_machine.travel(timezone.now() + timedelta(days=3, minutes=1)):
        assert services.accounts.open_invitation(token) is None
    with time_machine.travel(timezone.now() + timedelta(days=2)):
        assert services.accounts.open_invitation(token) is not None


def test_sending_an_invitation_again_stops_the_first_link(area, django_capture_on_commit_callbacks):
    user, first = _invite(area, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        services.resend_invitation(user, by=acting(area.users["administrator"]), link_for=_link)
    assert services.accounts.open_invitation(first) is None
    second = mail.outbox[-1].body.split("/administration/invitation/")[1].split("/")[0]
    assert services.accounts.open_invitation(second) is not None
    services.cancel_invitation(user, by=acting(area.users["administrator"]))
    assert services.accounts.open_invitation(second) is None


def test_a_senco_is_invited_for_a_school_and_a_therapist_for_a_team_of_the_council(
    area, django_capture_on_commit_callbacks
):
    school = area.child.setting
    senco, _ = _invite(
        area, django_capture_on_commit_callbacks, role="senco", setting=school, email="s@example.org"
    )
    assert senco.setting == school and senco.local_authority is None
    with pytest.raises(InvalidStep) as refused:
        services.invite(
            by=acting(area.users["administrator"]),
            link_for=_link,
            first_name="T",
            last_name="P",
            email="t@example.org",
            role="therapist",
        )
    assert "team" in refused.value.fields
    elsewhere = TeamFactory(local_authority=LocalAuthorityFactory(code="998", name="Southbridge"))
    with pytest.raises(InvalidStep):
        services.invite(
            by=acting(area.users["administrator"]),
            link_for=_link,
            first_name="T",
            last_name="P",
            email="t@example.org",
            role="therapist",
            team=elsewhere,
        )


def test_changing_a_role_is_kept_in_the_log_with_what_changed(area):
    senco = area.users["SENCO at the school"]
    summary = services.change_user(
        senco,
        by=acting(area.users["administrator"]),
        expected_version=senco.version,
        changes={"role": "ehc_coordinator"},
    )
    senco.refresh_from_db()
    assert senco.role == "ehc_coordinator" and senco.setting is None
    assert senco.local_authority == area.users["administrator"].local_authority
    assert "role: SENCO → EHC coordinator" in summary
    event = AdministrationEvent.objects.get(record_id=str(senco.pk), action="changed")
    assert event.summary == summary and event.role == "administrator"
    assert event.local_authority == area.users["administrator"].local_authority


def test_a_change_after_someone_elses_is_refused(area):
    manager = area.users["manager"]
    read = manager.version
    services.change_user(
        manager,
        by=acting(area.users["administrator"]),
        expected_version=read,
        changes={"job_title": "Head of SEND"},
    )
    with pytest.raises(EditConflict):
        services.change_user(
            User.objects.get(pk=manager.pk),
            by=acting(area.users["administrator"]),
            expected_version=read,
            changes={"job_title": "Deputy"},
        )
    assert User.objects.get(pk=manager.pk).job_title == "Head of SEND"


def test_deactivating_keeps_the_account_and_refuses_its_sign_in(area):
    analyst = area.users["analyst"]
    services.deactivate(analyst, by=acting(area.users["administrator"]), expected_version=analyst.version)
    assert User.objects.filter(pk=analyst.pk, is_active=False).exists()
    assert authenticate(username=analyst.username, password="correct-horse-battery") is None
    analyst.refresh_from_db()
    services.reactivate(analyst, by=acting(area.users["administrator"]), expected_version=analyst.version)
    assert authenticate(username=analyst.username, password="correct-horse-battery") == analyst
    assert list(
        AdministrationEvent.objects.filter(record_id=str(analyst.pk)).values_list("action", flat=True)
    ) == [
        "reactivated",
        "deactivated",
    ]


def test_a_coordinator_with_children_cannot_be_deactivated_until_they_are_moved(area):
    coordinator, other = area.users["coordinator"], area.users["other coordinator"]
    admin = acting(area.users["administrator"])
    with pytest.raises(InvalidStep, match="Move them to another coordinator first"):
        services.deactivate(coordinator, by=admin, expected_version=coordinator.version)
    assert services.move_caseload(coordinator, [area.child], to=other, by=admin) == 1
    area.child.refresh_from_db()
    assert area.child.coordinator == other and area.child.version == 2
    assert AccessEvent.objects.filter(child=area.child, action="change", what__contains="caseload").exists()
    assert AdministrationEvent.objects.get(action="caseload_moved").summary.startswith("1 child moved to")
    services.deactivate(coordinator, by=admin, expected_version=coordinator.version)


def test_children_go_only_to_a_coordinator_of_the_same_council(area):
    stranger = UserFactory(
        role="ehc_coordinator", local_authority=LocalAuthorityFactory(code="998", name="Southbridge")
    )
    with pytest.raises(PermissionDenied):
        services.move_caseload(
            area.users["coordinator"], [area.child], to=stranger, by=acting(area.users["administrator"])
        )
    area.child.refresh_from_db()
    assert area.child.coordinator == area.users["coordinator"]


def test_an_administrator_reaches_no_other_councils_accounts_or_teams(area):
    second = LocalAuthorityFactory(code="998", name="Southbridge")
    admin = acting(UserFactory(role="administrator", local_authority=second))
    manager = area.users["manager"]
    with pytest.raises(PermissionDenied):
        services.deactivate(manager, by=admin, expected_version=manager.version)
    team = TeamFactory(local_authority=area.child.local_authority)
    with pytest.raises(PermissionDenied):
        services.change(team, by=admin, expected_version=team.version, values={"name": "Renamed"})
    assert Team.objects.get(pk=team.pk).name == team.name


def test_a_team_added_and_changed_is_kept_in_the_log(area):
    admin = acting(area.users["administrator"])
    team = services.add(
        Team,
        by=admin,
        values={"name": "Social care north", "service": "social_care", "email": "north@example.org"},
    )
    assert team.local_authority == area.users["administrator"].local_authority
    summary = services.change(
        team, by=admin, expected_version=team.version, values={"name": "Social care (north)"}
    )
    assert summary == "name: Social care north → Social care (north)"
    with pytest.raises(EditConflict):
        services.change(team, by=admin, expected_version=1, values={"name": "Again"})
    assert [e.action for e in AdministrationEvent.objects.filter(record_kind="team")] == ["changed", "added"]


def test_a_setting_with_years_its_phase_does_not_teach_is_refused(area):
    admin = acting(area.users["administrator"])
    values = {
        "name": "Hill Top Infants",
        "urn": "",
        "phase": "infant",
        "setting_type": "mainstream",
        "lowest_year": 0,
        "highest_year": 9,
        "has_sixth_form": False,
    }
    with pytest.raises(InvalidStep) as refused:
        services.add(SettingFactory._meta.model, by=admin, values=values)
    assert "highest_year" in refused.value.fields


def test_the_councils_details_and_officers_are_changed_together_with_one_version(area):
    council = area.users["administrator"].local_authority
    values = {
        "name": "Northbridge Borough Council",
        "code": "886",
        "designated_medical_officer": "Y",
        "designated_clinical_officer": "R",
        "designated_social_care_officer": "",
    }
    summary = services.change_council(
        by=acting(area.users["administrator"]), expected_version=council.version, values=values
    )
    assert "LA code: 999 → 886" in summary and "DCO in post: none → Recruitment in progress" in summary
    with pytest.raises(EditConflict):
        services.change_council(
            by=acting(area.users["administrator"]), expected_version=council.version, values=values
        )
