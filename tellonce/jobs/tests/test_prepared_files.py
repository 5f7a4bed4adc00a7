"""Prepared files: asked for on a page, made by the worker, seen and downloaded by the person who
asked alone, failures shown in plain English and kept as dead letters, deleted when they expire."""

from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tellonce.accounts.tests.factories import UserFactory
from tellonce.conftest import acting
from tellonce.jobs import jobs, prepared
from tellonce.jobs.models import DeadLetter, PreparedFile
from tellonce.jobs.tests import tasks
from tellonce.organisations.tests.factories import LocalAuthorityFactory

NIGHT = datetime(2026, 12, 4, 1, 0, tzinfo=UTC)  # before any scheduled job's time


@pytest.fixture
def night():
    with time_machine.travel(NIGHT, tick=False) as traveller:
        yield traveller


def _ask(user, kind="test-report", **parameters):
    return prepared.request_file(
        kind,
        by=acting(user),
        council_id=user.local_authority_id,
        title="Children by school",
        parameters=parameters,
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def test_with_tasks_run_in_the_request_the_file_is_ready_when_the_page_opens(area):
    file = _ask(area.users["administrator"], name="Oakfield")
    assert file.status == "ready" and file.size == len(b"name,count\nOakfield,3\n")
    page = _client(area.users["administrator"]).get(reverse("files:prepared", args=[file.pk]))
    assert (
        "Your file is ready" in page.content.decode() and 'http-equiv="refresh"' not in page.content.decode()
    )


def test_a_queued_file_is_being_prepared_until_the_worker_makes_it_then_it_is_downloaded(area, queued, night):
    administrator = area.users["administrator"]
    file = _ask(administrator, name="Oakfield")
    client = _client(administrator)
    page = client.get(reverse("files:prepared", args=[file.pk])).content.decode()
    assert "Your file is being prepared" in page and "http-equiv" not in page
    watching = client.get(reverse("files:prepared", args=[file.pk]), {"watch": "1"}).content.decode()
    assert '<meta http-equiv="refresh" content="5">' in watching
    assert client.get(reverse("files:download", args=[file.pk])).status_code == 404

    call_command("worker", "--once")

    file.refresh_from_db()
    assert file.status == "ready" and file.filename == "report.csv"
    page = client.get(reverse("files:prepared", args=[file.pk]), {"watch": "1"}).content.decode()
    assert "Your file is ready" in page and "http-equiv" not in page and "3 rows." in page
    download = client.get(reverse("files:download", args=[file.pk]))
    assert download["Content-Type"] == "text/csv" and "no-store" in download["Cache-Control"]
    assert b"".join(download.streaming_content) == b"name,count\nOakfield,3\n"
    assert "Children by school" in client.get(reverse("files:list")).content.decode()


def test_nobody_but_the_person_who_asked_sees_or_downloads_the_file_in_this_council_or_another(
    area, queued, night
):
    file = _ask(area.users["administrator"])
    call_command("worker", "--once")
    colleague = UserFactory(role="administrator", local_authority=area.users["administrator"].local_authority)
    elsewhere = UserFactory(
        role="administrator", local_authority=LocalAuthorityFactory(name="Southbridge Council", code="998")
    )
    for someone in (colleague, elsewhere, area.users["coordinator"]):
        client = _client(someone)
        assert client.get(reverse("files:prepared", args=[file.pk])).status_code == 404
        assert client.get(reverse("files:download", args=[file.pk])).status_code == 404
        assert "Children by school" not in client.get(reverse("files:list")).content.decode()


def test_a_person_who_moves_to_another_council_no_longer_reaches_the_file_they_asked_for(area):
    administrator = area.users["administrator"]
    file = _ask(administrator)
    administrator.local_authority = LocalAuthorityFactory(name="Southbridge Council", code="998")
    administrator.save()
    assert _client(administrator).get(reverse("files:download", args=[file.pk])).status_code == 404


def test_a_person_who_lost_the_capability_is_refused_the_download(area):
    administrator = area.users["administrator"]
    file = _ask(administrator)
    administrator.role = "ehc_coordinator"
    administrator.save()
    assert _client(administrator).get(reverse("files:download", args=[file.pk])).status_code == 403


def test_a_producer_that_keeps_failing_shows_a_plain_failure_and_becomes_a_dead_letter(area, queued, night):
    administrator = area.users["administrator"]
    file = _ask(administrator, kind="test-broken")
    for attempt in range(1, 5):
        call_command("worker", "--once")
        file.refresh_from_db()
        assert file.status == ("failed" if attempt == 4 else "queued")
        night.shift(timedelta(hours=1))
    assert tasks.CALLS == ["broken"] * 4
    letter = DeadLetter.objects.get()
    assert (
        letter.task_name.endswith("prepare_file")
        and letter.council_code == administrator.local_authority.code
    )
    page = _client(administrator).get(reverse("files:prepared", args=[file.pk])).content.decode()
    assert "Something went wrong while preparing this file" in page and "disk" not in page


def test_a_producer_that_refuses_the_file_shows_why_with_its_problems_and_leaves_no_dead_letter(
    area, queued, night
):
    administrator = area.users["administrator"]
    file = _ask(administrator, kind="test-refusing")
    call_command("worker", "--once")
    file.refresh_from_db()
    assert file.status == "failed" and not DeadLetter.objects.exists() and tasks.CALLS == ["refusing"]
    page = _client(administrator).get(reverse("files:prepared", args=[file.pk])).content.decode()
    assert "The file has mistakes." in page and "Row 2: the URN is missing." in page


def test_files_past_their_hours_are_refused_then_deleted_with_what_they_stored(area, settings, night):
    settings.TELLONCE_PREPARED_FILE_HOURS = 24
    administrator = area.users["administrator"]
    old, new = _ask(administrator), None
    night.shift(timedelta(hours=23))
    new = _ask(administrator)
    night.shift(timedelta(hours=1))
    assert _client(administrator).get(reverse("files:download", args=[old.pk])).status_code == 404
    assert default_storage.exists(old.file.name)

    counts = jobs.delete_expired_files(NIGHT.date())

    assert counts == {"files deleted": 1}
    assert list(PreparedFile.objects.all()) == [new]
    assert not default_storage.exists(old.file.name) and default_storage.exists(new.file.name)
