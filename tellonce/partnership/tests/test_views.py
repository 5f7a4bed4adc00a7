import io
from datetime import date

import pypdf
import pytest
import time_machine
from django.core.management import call_command

from tellonce.accounts.tests.factories import UserFactory
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.models import AccessEvent, AdministrationEvent
from tellonce.benchmarks.models import StatisticalNeighbour
from tellonce.conftest import REFUSED
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.partnership.models import Target
from tellonce.people.tests.factories import ChildFactory

TODAY = date(2026, 3, 16)
pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def decided(area):
    """The child's request, decided in 5 weeks in January 2026; the other child's, in 8 weeks."""
    AssessmentRequest.objects.create(
        ref="A1",
        child=area.child,
        requested_by="parent",
        received_on=date(2025, 12, 1),
        decision="assess",
        decision_notified_on=date(2026, 1, 5),
    )
    AssessmentRequest.objects.create(
        ref="A2",
        child=area.other_child,
        requested_by="parent",
        received_on=date(2025, 11, 17),
        decision="assess",
        decision_notified_on=date(2026, 1, 12),
    )
    return area


def test_the_board_starts_on_the_dashboard_and_sees_figures_but_no_names(client, decided):
    client.force_login(decided.users["board member"])
    response = client.get("/", follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == "/partnership/"
    assert "Requests decided within 6 weeks" in page
    assert "1 of 2" in page  # January 2026 in the rolling year
    assert decided.child.full_name not in page and decided.other_child.full_name not in page
    assert "/children/" not in page.split("Requests decided within 6 weeks", 1)[1]
    assert "Children known to the service" in page


def test_the_board_cannot_open_the_children_behind_a_figure(client, decided):
    client.force_login(decided.users["board member"])
    assert client.get("/partnership/requests_decided_in_6_weeks/2026-01/children/").status_code == 403


@pytest.mark.parametrize("role", ["SENCO at the school", "parent", "therapist asked to help"])
def test_a_senco_a_parent_or_a_practitioner_cannot_open_the_dashboard(client, area, role):
    client.force_login(area.users[role])
    assert client.get("/partnership/").status_code in REFUSED


def test_the_manager_drills_down_to_the_children_behind_a_month_and_the_listing_is_kept(client, decided):
    client.force_login(decided.users["manager"])
    page = client.get("/partnership/").content.decode()
    assert "/partnership/requests_decided_in_6_weeks/2026-01/children/" in page
    response = client.get("/partnership/requests_decided_in_6_weeks/2026-01/children/")
    text = response.content.decode()
    assert decided.child.full_name in text and decided.other_child.full_name in text
    assert AccessEvent.objects.filter(child=decided.child, action="listed").exists()


def test_a_coordinator_drills_down_only_to_their_own_caseload(client, decided):
    client.force_login(decided.users["coordinator"])
    text = client.get("/partnership/requests_decided_in_6_weeks/2026-01/children/").content.decode()
    assert decided.child.full_name in text
    assert decided.other_child.full_name not in text


def test_another_councils_manager_sees_none_of_this_councils_children_or_figures(client, decided):
    elsewhere = LocalAuthorityFactory(code="998", name="Southbridge Council")
    ChildFactory(local_authority=elsewhere)
    manager = UserFactory(role="send_manager", local_authority=elsewhere)
    client.force_login(manager)
    text = client.get("/partnership/requests_decided_in_6_weeks/2026-01/children/").content.decode()
    assert decided.child.full_name not in text
    assert "0 of 2" not in client.get("/partnership/").content.decode()


@pytest.mark.parametrize("role", ["dco", "dsco"])
def test_the_designated_officers_see_the_health_and_social_care_measures_only(client, area, role):
    officer = UserFactory(role=role, local_authority=area.child.local_authority)
    client.force_login(officer)
    page = client.get("/partnership/").content.decode()
    assert "Health advice returned within 6 weeks" in page
    assert "Social care advice returned within 6 weeks" in page
    assert "Requests decided within 6 weeks" not in page
    assert "Plans ceased, by reason" not in page
    assert client.get("/partnership/health_advice_in_6_weeks/2026-01/children/").status_code == 403


def test_a_bad_month_or_measure_is_not_found(client, area):
    client.force_login(area.users["manager"])
    assert client.get("/partnership/nonsense/2026-01/children/").status_code == 404
    assert client.get("/partnership/requests_decided_in_6_weeks/1999-01/children/").status_code == 404
    assert client.get("/partnership/requests_decided_in_6_weeks/2026-13/children/").status_code == 404


def test_the_manager_sets_a_target_and_the_dashboard_says_whether_it_is_met(client, decided):
    client.force_login(decided.users["manager"])
    response = client.post(
        "/partnership/targets/",
        {"measure": "requests_decided_in_6_weeks", "requests_decided_in_6_weeks-percent": "90"},
    )
    assert response.status_code == 302
    assert Target.objects.get(measure="requests_decided_in_6_weeks").percent == 90
    assert AdministrationEvent.objects.filter(summary__contains="Requests decided within 6 weeks").exists()
    assert "target not met over the last 12 months" in client.get("/partnership/").content.decode()


def test_a_target_over_100_is_refused_with_a_message_and_nothing_is_saved(client, area):
    client.force_login(area.users["manager"])
    response = client.post(
        "/partnership/targets/",
        {"measure": "requests_decided_in_6_weeks", "requests_decided_in_6_weeks-percent": "120"},
    )
    assert "The target must be 100% or less" in response.content.decode()
    assert not Target.objects.exists()


def test_a_stale_target_form_is_refused_rather_than_overwriting(client, area):
    client.force_login(area.users["manager"])
    data = {"measure": "requests_decided_in_6_weeks", "requests_decided_in_6_weeks-percent": "80"}
    client.post("/partnership/targets/", data)
    response = client.post("/partnership/targets/", {**data, "requests_decided_in_6_weeks-percent": "70"})
    assert response.status_code == 409
    assert Target.objects.get().percent == 80


def test_the_analyst_chooses_neighbours_and_the_dashboard_compares_with_them(client, decided):
    call_command("load-published-figures", stdout=io.StringIO())
    client.force_login(decided.users["analyst"])
    for code in ("314", "207"):
        assert client.post("/partnership/neighbours/", {"la_code": code}).status_code == 302
    neighbours = list(StatisticalNeighbour.objects.values_list("la_name", flat=True))
    assert neighbours == ["Kingston upon Thames", "Kensington and Chelsea"]
    second = StatisticalNeighbour.objects.get(la_code="207")
    client.post(f"/partnership/neighbours/{second.pk}/", {"action": "up", "version": second.version})
    assert list(StatisticalNeighbour.objects.values_list("la_code", flat=True)) == ["207", "314"]
    page = client.get("/partnership/").content.decode()
    assert "Statistical neighbours (2)" in page
    assert "England: 46.4% (39,407 of 84,866)" in page
    assert client.post("/partnership/neighbours/", {"la_code": "314"}).status_code == 200  # already there


def test_the_board_member_cannot_set_targets_or_neighbours(client, area):
    client.force_login(area.users["board member"])
    assert client.get("/partnership/targets/").status_code == 403
    assert client.get("/partnership/neighbours/").status_code == 403


def test_the_pdf_for_board_papers_is_tagged_and_says_what_the_page_says(client, decided):
    client.force_login(decided.users["board member"])
    asked = client.post("/partnership/dashboard.pdf")
    assert "Your file is ready" in client.get(asked["Location"]).content.decode()
    response = client.get(asked["Location"] + "download/")
    assert response["Content-Type"] == "application/pdf"
    reader = pypdf.PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"] and root["/Lang"] == "en-GB"
    assert reader.metadata.title.startswith("Partnership dashboard")
    text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    assert "Requests decided within 6 weeks" in text and "New plans issued within 20 weeks" in text
    assert decided.child.full_name not in text


@pytest.mark.parametrize("where", ["one process", "the database (ADR 92)"])
def test_the_counted_figures_are_kept_for_the_configured_time_and_counted_again_after(
    client, decided, settings, where
):
    from django.core.cache import cache

    if where.startswith("the database"):
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.db.DatabaseCache",
                "LOCATION": "tellonce_cache",
            }
        }
    settings.TELLONCE_PARTNERSHIP_CACHE_SECONDS = 60
    cache.clear()
    client.force_login(decided.users["board member"])
    assert "1 of 2" in client.get("/partnership/").content.decode()
    AssessmentRequest.objects.filter(ref="A2").update(
        decision_notified_on=date(2026, 1, 6), received_on=date(2025, 12, 1)
    )
    assert "1 of 2" in client.get("/partnership/").content.decode()  # kept
    cache.clear()
    assert "2 of 2" in client.get("/partnership/").content.decode()  # counted again
    cache.clear()
