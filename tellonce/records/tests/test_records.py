"""Subject access, legal holds, the retention report and disposal, on the demo area."""

import io
import json
import zipfile
from datetime import date, timedelta
from io import StringIO

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tellonce.accounts.tests.factories import UserFactory
from tellonce.advice.models import Document, Submission
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.models import AccessEvent, Action
from tellonce.conftest import acting
from tellonce.feedback.models import FeedbackItem, Response
from tellonce.front_door.models import OnlineRequest, RequestDocument
from tellonce.front_door.tests.factories import OnlineRequestFactory
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child, FamilyMember
from tellonce.plans.models import PlanVersion
from tellonce.records import retention, services
from tellonce.records.models import AnonymisedChild, DisposalRecord, LegalHold
from tellonce.reviews.models import Ceasing

TODAY = date(2026, 11, 20)


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    call_command("demo", children=60, seed=3, today=TODAY, stdout=StringIO())
    return LocalAuthority.objects.get(code="999")


def _admin(council):
    return UserFactory(role="administrator", local_authority=council)


def _child_with_everything():
    version = PlanVersion.objects.order_by("plan__child__family_name", "number").first()
    child = version.plan.child
    submission = Submission.objects.filter(advice__child=child).first() or Submission.objects.first()
    Document.objects.create(
        submission=submission,
        file=ContentFile(b"%PDF-1.4 the therapist's report", name="report.pdf"),
        original_name="Speech therapy report.pdf",
        content_type="application/pdf",
        size=31,
    )
    child = submission.advice.child
    request = OnlineRequestFactory(
        ref="REQ-TEST-00001",
        child=child,
        local_authority=child.local_authority,
        requester=UserFactory(role="parent"),
    )
    RequestDocument.objects.create(
        request=request,
        file=ContentFile(b"%PDF-1.4 the school's evidence", name="evidence.pdf"),
        original_name="SEN support plan.pdf",
        content_type="application/pdf",
        size=30,
    )
    return child


def test_the_administrator_downloads_everything_held_about_a_child_and_the_export_is_logged(demo):
    child = _child_with_everything()
    admin = _admin(demo)
    client = Client()
    client.force_login(admin)
    url = reverse("records:subject-access", args=[child.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"asked_by": "Sam Jones, parent"})
    assert response.status_code == 302 and response["Location"].startswith("/files/")
    page = client.get(response["Location"])
    assert "Your file is ready" in page.content.decode()
    response = client.get(response["Location"] + "download/")
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = set(archive.namelist())
    assert {
        "index.html",
        "record.json",
        "record.csv",
        "family.csv",
        "timeline.json",
        "access-log.csv",
    } <= names
    record = json.loads(archive.read("record.json"))
    assert record[0]["given_name"] == child.given_name
    assert len(json.loads(archive.read("family.json"))) == FamilyMember.objects.filter(child=child).count()
    assert any(name.startswith("advice-documents/") for name in names)
    assert any(name.startswith("request-evidence/") for name in names)
    assert json.loads(archive.read("online-requests.json"))[0]["reason"] == OnlineRequestFactory.reason
    pdfs = [name for name in names if name.startswith("plans/")]
    assert len(pdfs) == PlanVersion.objects.filter(plan__child=child).count()
    assert archive.read(pdfs[0]).startswith(b"%PDF")
    assert child.full_name in archive.read("index.html").decode()
    asked, downloaded = AccessEvent.objects.filter(child_id=child.pk, action=Action.EXPORT).order_by("at")
    assert asked.user == admin and "Sam Jones, parent" in asked.what
    assert downloaded.user == admin and downloaded.what == "Downloaded the subject access export"


def test_a_second_councils_administrator_cannot_export_the_firsts_child(demo):
    other = LocalAuthority.objects.create(name="Southbridge Council", code="998")
    client = Client()
    client.force_login(_admin(other))
    child = Child.objects.filter(local_authority=demo).first()
    assert client.get(reverse("records:subject-access", args=[child.pk])).status_code == 404
    assert client.post(reverse("records:hold", args=[child.pk]), {"reason": "x"}).status_code == 404


def test_the_command_writes_the_zip_and_says_what_is_in_it(demo, tmp_path):
    child = _child_with_everything()
    out = StringIO()
    call_command(
        "subject-access", str(child.pk), output=tmp_path / "sar.zip", asked_by="the young person", stdout=out
    )
    assert "plan versions as PDF" in out.getvalue()
    assert zipfile.ZipFile(tmp_path / "sar.zip").testzip() is None
    assert AccessEvent.objects.filter(child_id=child.pk, action=Action.EXPORT).exists()


def _age_past_retention(child):
    Child.objects.filter(pk=child.pk).update(date_of_birth=date(1990, 5, 17))


def test_the_report_lists_what_is_due_by_kind_with_the_oldest_date(demo):
    child = Child.objects.filter(local_authority=demo).first()
    _age_past_retention(child)
    found = {each.rule.kind: each for each in retention.due(demo, today=TODAY)}
    assert found["ehc_record"].count() == 1
    assert found["ehc_record"].oldest() == date(1990, 5, 17)
    out = StringIO()
    call_command("retention-report", stdout=out)
    assert "The child's record" in out.getvalue()


def test_disposal_anonymises_the_childs_record_keeping_the_counts_and_records_it(demo):
    child = _child_with_everything()
    cases = AssessmentRequest.objects.filter(child=child).count()
    _age_past_retention(child)
    Ceasing.objects.filter(plan__child=child).update(appeal_decided_on=TODAY)
    out = StringIO()
    call_command("dispose", stdout=out)
    assert "Nothing was disposed of" in out.getvalue()
    assert not AnonymisedChild.objects.exists()
    call_command("dispose", confirm=True, stdout=StringIO())
    child.refresh_from_db()
    assert (child.given_name, child.family_name, child.nhs_number, child.upn) == ("", "", "", "")
    assert child.date_of_birth == date(1990, 1, 1)
    assert (child.setting_id, child.coordinator_id, child.account_id) == (None, None, None)
    assert not FamilyMember.objects.filter(child=child).exists()
    assert not Document.objects.filter(submission__advice__child=child).exists()
    assert not OnlineRequest.objects.filter(child=child).exists()
    assert not RequestDocument.objects.filter(original_name="SEN support plan.pdf").exists()
    assert AssessmentRequest.objects.filter(child=child).count() == cases
    record = DisposalRecord.objects.get(kind="ehc_record")
    assert record.count == 1 and "31 years" in record.rule
    assert child.full_name.strip() == ""
    assert child.anonymised_on == AnonymisedChild.objects.get(child=child).on
    client = Client()
    client.force_login(UserFactory(role="send_manager", local_authority=child.local_authority))
    listed = client.get("/caseload/children/", {"page": 1}).content.decode()
    assert client.get("/caseload/children/").status_code == 200
    assert str(child.pk) not in listed  # kept for statistics, listed on no page
    call_command("dispose", confirm=True, stdout=StringIO())
    assert DisposalRecord.objects.filter(kind="ehc_record").count() == 1  # nothing more was due


def test_a_legal_hold_or_an_appeal_keeps_the_record_until_it_ends(demo):
    held, appealing = Child.objects.filter(local_authority=demo, plans__isnull=False).distinct()[:2]
    for child in (held, appealing):
        _age_past_retention(child)
    admin = acting(_admin(demo))
    hold = services.place_hold(held, by=admin, reason="A claim against the council")
    plan = appealing.plans.first()
    Ceasing.objects.filter(plan__child=appealing).delete()
    Ceasing.objects.create(plan=plan, reason="LE", considered_on=TODAY, appeal_lodged_on=TODAY)
    done = {each.kind: each for each in services.dispose(demo, by=admin, today=TODAY)}
    assert done["ehc_record"].count == 0 and done["ehc_record"].kept == 2
    assert not AnonymisedChild.objects.exists()
    services.release_hold(hold, by=admin, reason="The claim was settled")
    assert LegalHold.objects.current().count() == 0
    done = {each.kind: each for each in services.dispose(demo, by=admin, today=TODAY)}
    assert done["ehc_record"].count == 1 and done["ehc_record"].kept == 1
    assert AccessEvent.objects.filter(child_id=held.pk, what__startswith="Placed a legal hold").exists()


def test_feedback_loses_its_words_and_links_after_three_years(demo):
    old = TODAY - timedelta(days=4 * 365)
    FeedbackItem.objects.filter(local_authority=demo).update(raised_on=old)
    Response.objects.filter(survey__local_authority=demo).update(submitted_on=old)
    items = FeedbackItem.objects.filter(local_authority=demo).count()
    services.dispose(demo, by=acting(_admin(demo)), today=TODAY)
    assert FeedbackItem.objects.filter(local_authority=demo).count() == items
    assert not FeedbackItem.objects.filter(child__isnull=False).exists()
    assert set(FeedbackItem.objects.values_list("summary", flat=True)) == {retention.REMOVED}
    assert not Response.objects.filter(child__isnull=False).exists()


def test_a_request_never_sent_is_deleted_with_its_evidence_a_year_after_it_was_last_saved(demo):
    requester = UserFactory(role="parent")
    stale, fresh, sent = (
        OnlineRequestFactory(
            ref=f"REQ-TEST-1000{n}", local_authority=demo, requester=requester, status=status
        )
        for n, status in enumerate(("draft", "draft", "submitted"))
    )
    RequestDocument.objects.create(
        request=stale,
        file=ContentFile(b"%PDF-1.4 never sent", name="draft.pdf"),
        original_name="Never sent.pdf",
        content_type="application/pdf",
        size=19,
    )
    a_year_and_a_day = timezone.now() - timedelta(days=367)
    OnlineRequest.objects.filter(pk__in=[stale.pk, sent.pk]).update(updated_at=a_year_and_a_day)
    found = {each.rule.kind: each for each in retention.due(demo, today=timezone.localdate())}
    assert found["unsent_request"].count() == 1
    services.dispose(demo, by=acting(_admin(demo)), today=timezone.localdate())
    left = set(
        OnlineRequest.objects.filter(pk__in=[stale.pk, fresh.pk, sent.pk]).values_list("pk", flat=True)
    )
    assert left == {fresh.pk, sent.pk}
    assert not RequestDocument.objects.filter(original_name="Never sent.pdf").exists()
    assert DisposalRecord.objects.get(kind="unsent_request").count == 1


def test_the_retention_page_and_disposal_need_the_capability(demo):
    client = Client()
    client.force_login(UserFactory(role="ehc_coordinator", local_authority=demo))
    assert client.get(reverse("records:retention")).status_code == 403
    client.force_login(_admin(demo))
    assert client.get(reverse("records:retention")).status_code == 200
    assert client.post(reverse("records:dispose")).status_code == 200  # not confirmed: asked again
    assert client.post(reverse("records:dispose"), {"confirm": "on"}).status_code == 302


def test_the_access_log_is_due_up_to_the_end_of_its_last_day_in_uk_time(demo):
    """An event at 23:30 on the last day due (British Summer Time, 22:30 UTC) is due; one at 00:30
    the next morning is not; an event about another council's child never is."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tellonce.organisations.tests.factories import LocalAuthorityFactory
    from tellonce.people.tests.factories import ChildFactory

    summer = date(2026, 7, 20)
    rule = {each.rule.kind: each for each in retention.due(demo, today=summer)}["access_log"]
    assert rule.up_to.month in range(4, 10), "the case needs a day in British Summer Time"
    uk = ZoneInfo("Europe/London")
    child = Child.objects.filter(local_authority=demo).first()
    theirs = ChildFactory(local_authority=LocalAuthorityFactory(code="998", name="Another council"))
    user = _admin(demo)
    before = rule.count()

    def event(at: datetime, about) -> None:
        with time_machine.travel(at, tick=False):  # the log is append-only: made at that moment
            AccessEvent.objects.create(user=user, child=about, action=Action.READ, what="test")

    last = rule.up_to
    event(datetime(last.year, last.month, last.day, 23, 30, tzinfo=uk), child)
    event(datetime(last.year, last.month, last.day, 0, 30, tzinfo=uk) + timedelta(days=1), child)
    event(datetime(last.year, last.month, last.day, 12, 0, tzinfo=uk), theirs)
    assert rule.count() == before + 1
    assert rule.oldest() is not None and rule.oldest() <= last
