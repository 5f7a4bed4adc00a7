"""The administration pages: what an administrator sees and does, what other roles and another
council's administrator are refused, and the GIAS upload."""

from pathlib import Path

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile

from tellonce.accounts.models import User
from tellonce.accounts.tests.factories import UserFactory
from tellonce.audit.models import AdministrationEvent
from tellonce.conftest import ROLES
from tellonce.jobs.models import PreparedFile
from tellonce.organisations.models import Setting, Team
from tellonce.organisations.tests.factories import LocalAuthorityFactory, SettingFactory, TeamFactory

GIAS = Path(__file__).resolve().parents[2] / "organisations" / "tests" / "data"


def _in_kent(area):
    """The test GIAS files are Kent's (LA 886)."""
    council = area.users["administrator"].local_authority
    type(council).objects.filter(pk=council.pk).update(code="886")


@pytest.fixture
def admin_client(client, area):
    client.force_login(area.users["administrator"])
    return client


@pytest.fixture
def stranger(client, area):
    """An administrator of a second council."""
    second = LocalAuthorityFactory(code="998", name="Southbridge Council")
    client.force_login(UserFactory(role="administrator", local_authority=second))
    return client


def test_the_users_page_lists_the_councils_staff_with_their_status_and_filters_by_role(admin_client, area):
    page = admin_client.get("/administration/users/").content.decode()
    assert str(area.users["manager"]) in page and "Last signed in" in page
    coordinators = admin_client.get("/administration/users/", {"role": "ehc_coordinator"}).content.decode()
    assert str(area.users["coordinator"]) in coordinators and str(area.users["manager"]) not in coordinators
    found = admin_client.get(
        "/administration/users/", {"q": area.users["analyst"].first_name}
    ).content.decode()
    assert str(area.users["analyst"]) in found and str(area.users["manager"]) not in found


def test_an_invitation_form_refused_keeps_what_was_typed_and_says_what_is_wrong(admin_client, area):
    response = admin_client.post(
        "/administration/users/invite/",
        {"first_name": "Robin", "last_name": "", "email": "not-an-address", "role": "therapist"},
    )
    page = response.content.decode()
    assert "Enter their last name" in page and "Enter an email address in the correct format" in page
    assert "Choose the team this professional works in" in page and 'value="Robin"' in page
    assert not User.objects.filter(first_name="Robin").exists()


def test_an_administrator_invites_someone_who_then_chooses_a_password_once(
    admin_client, area, client, django_capture_on_commit_callbacks
):
    team = TeamFactory(local_authority=area.users["administrator"].local_authority)
    values = {"first_name": "Robin", "last_name": "Hale", "email": "robin@example.org", "role": "therapist"}
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post("/administration/users/invite/", values | {"team": team.pk})
    invitee = User.objects.get(username="robin@example.org")
    assert response["Location"] == f"/administration/users/{invitee.pk}/"
    link = next(line for line in mail.outbox[-1].body.splitlines() if "/administration/invitation/" in line)
    path = link[link.index("/administration/") :]
    client.logout()
    assert "Choose your password" in client.get(path).content.decode()
    short = client.post(path, {"new_password1": "short", "new_password2": "short"})
    assert "12 characters or more" in short.content.decode()
    done = client.post(
        path, {"new_password1": "a long enough passphrase", "new_password2": "a long enough passphrase"}
    )
    assert done["Location"] == "/accounts/sign-in/"
    assert client.get(path).status_code == 404
    assert User.objects.get(pk=invitee.pk).check_password("a long enough passphrase")


def test_a_change_with_an_old_version_gets_the_refused_save_page(admin_client, area):
    manager = area.users["manager"]
    values = {
        "first_name": "Sam",
        "last_name": "Lee",
        "email": "sam@example.org",
        "role": "send_manager",
        "version": manager.version,
    }
    assert admin_client.post(f"/administration/users/{manager.pk}/change/", values).status_code == 302
    again = admin_client.post(
        f"/administration/users/{manager.pk}/change/", values | {"first_name": "Samuel"}
    )
    assert again.status_code == 409
    assert User.objects.get(pk=manager.pk).first_name == "Sam"


def test_deactivating_a_coordinator_with_children_says_to_move_them_first(admin_client, area):
    coordinator = area.users["coordinator"]
    page = admin_client.post(
        f"/administration/users/{coordinator.pk}/deactivate/", {"version": coordinator.version}
    )
    assert "Move them to another coordinator first" in page.content.decode()
    assert User.objects.get(pk=coordinator.pk).is_active
    other = area.users["other coordinator"]
    moved = admin_client.post(
        f"/administration/users/{coordinator.pk}/caseload/", {"every": "on", "to": other.pk}
    )
    assert moved.status_code == 302
    area.child.refresh_from_db()
    assert area.child.coordinator == other
    assert (
        admin_client.post(
            f"/administration/users/{coordinator.pk}/deactivate/", {"version": coordinator.version}
        ).status_code
        == 302
    )
    assert not User.objects.get(pk=coordinator.pk).is_active


@pytest.mark.parametrize("role", [r for r in ROLES if r != "administrator"])
def test_no_other_role_may_open_the_administration_pages(client, area, role):
    client.force_login(area.users[role])
    user = area.users["manager"]
    for path in (
        "/administration/",
        "/administration/users/",
        f"/administration/users/{user.pk}/",
        "/administration/teams/",
        "/administration/log/",
    ):
        assert client.get(path).status_code == 403, path


def test_another_councils_administrator_reaches_none_of_the_first_councils_records(stranger, area):
    council = area.users["administrator"].local_authority
    team = TeamFactory(local_authority=council)
    setting = SettingFactory(local_authority=council)
    paths = [
        f"/administration/users/{area.users['manager'].pk}/",
        f"/administration/users/{area.users['manager'].pk}/change/",
        f"/administration/users/{area.users['coordinator'].pk}/caseload/",
        f"/administration/teams/{team.pk}/",
        f"/administration/health-providers/{team.provider_id}/",
        f"/administration/settings/{setting.pk}/",
    ]
    for path in paths:
        assert stranger.get(path).status_code == 404, path
    assert (
        stranger.post(
            f"/administration/users/{area.users['manager'].pk}/deactivate/", {"version": 1}
        ).status_code
        == 404
    )
    assert str(area.users["manager"]) not in stranger.get("/administration/users/").content.decode()
    assert team.name not in stranger.get("/administration/teams/").content.decode()
    assert setting.name not in stranger.get("/administration/settings/").content.decode()


def test_the_log_lists_only_the_councils_own_changes_newest_first(admin_client, area, client):
    admin_client.post("/administration/teams/add/", {"name": "Social care north", "service": "social_care"})
    team = Team.objects.get(name="Social care north")
    admin_client.post(
        f"/administration/teams/{team.pk}/",
        {"name": "Social care (north)", "service": "social_care", "version": 1},
    )
    page = admin_client.get("/administration/log/", {"kind": "team"}).content.decode()
    assert page.index("Social care north → Social care (north)") < page.index("Added")
    second = LocalAuthorityFactory(code="998", name="Southbridge Council")
    client.force_login(UserFactory(role="administrator", local_authority=second))
    assert "Social care" not in client.get("/administration/log/").content.decode()


def test_a_gias_file_with_problems_is_refused_with_every_problem_and_nothing_written(admin_client, area):
    _in_kent(area)
    before = Setting.objects.count()
    upload = SimpleUploadedFile("gias_bad.csv", (GIAS / "gias_bad.csv").read_bytes(), content_type="text/csv")
    response = admin_client.post("/administration/settings/upload/", {"file": upload})
    page = admin_client.get(response["Location"]).content.decode()
    assert "There is a problem" in page and "Nothing was changed" in page
    assert page.count("line ") >= 2 or page.count("Line ") >= 2
    assert Setting.objects.count() == before
    assert not AdministrationEvent.objects.filter(action="imported").exists()


def test_a_gias_file_with_nul_bytes_is_refused_before_it_is_read(admin_client, area):
    _in_kent(area)
    before = Setting.objects.count()
    data = (GIAS / "gias_good.csv").read_bytes().replace(b"\n", b"\x00\n", 1)
    response = admin_client.post(
        "/administration/settings/upload/", {"file": SimpleUploadedFile("g.csv", data)}
    )
    assert "The selected file must be a CSV file (.csv): it holds binary data" in response.content.decode()
    assert Setting.objects.count() == before


def test_a_good_gias_file_loads_and_says_what_it_added_changed_and_left(admin_client, area):
    _in_kent(area)
    upload = SimpleUploadedFile(
        "gias_good.csv", (GIAS / "gias_good.csv").read_bytes(), content_type="text/csv"
    )
    response = admin_client.post("/administration/settings/upload/", {"file": upload})
    assert response.status_code == 302 and response["Location"].startswith("/files/")
    page = admin_client.get(response["Location"]).content.decode()
    assert "File loaded" in page and "added" in page and "unchanged" in page
    assert not PreparedFile.objects.get().upload  # read, then no longer kept
    assert AdministrationEvent.objects.filter(action="imported").exists()


def test_a_file_that_is_not_a_csv_is_refused(admin_client):
    upload = SimpleUploadedFile("report.pdf", b"%PDF-1.4", content_type="application/pdf")
    page = admin_client.post("/administration/settings/upload/", {"file": upload}).content.decode()
    assert "The selected file must be a CSV file (.csv)" in page
