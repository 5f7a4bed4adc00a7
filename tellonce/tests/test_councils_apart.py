"""Two councils in one installation reach nothing of each other's.

The first council is the demo area (every kind of record: children, assessments, advice, plans,
reviews, top-ups, surveys and feedback, forecasts and spend, waiting lists, the Local Offer, the
improvement plan). The second council has a user of every role, with its own school, team and
families. Every page and API endpoint that names a record is opened by each of them with the first
council's records, and every list page is read for the first council's children; every one of those
requests must be refused or show nothing of the first council. The public pages are reached through
the second council's address."""

from datetime import date
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from tellonce.accounts.models import User
from tellonce.accounts.policy import Role
from tellonce.accounts.tests.factories import UserFactory
from tellonce.advice.models import AdviceRequest, Document, Submission
from tellonce.appeals.models import Appeal, Mediation, TribunalOrder
from tellonce.assessments.models import AssessmentRequest
from tellonce.audits.models import Assignment, Audit, AuditRound, AuditTool, FollowUp
from tellonce.benchmarks.models import StatisticalNeighbour
from tellonce.core.time import uk_today
from tellonce.delivery.models import Commitment
from tellonce.domain.delivery import england_half_terms
from tellonce.domain.school_years import academic_year_start
from tellonce.early_years.models import Notification
from tellonce.feedback.models import FeedbackItem, Invitation, Response, Survey
from tellonce.finance.models import ForecastVintage
from tellonce.front_door.models import OnlineRequest, RequestDocument
from tellonce.improvement.models import Action, ImprovementPlan, Inspection, Priority
from tellonce.inclusion.models import Episode
from tellonce.jobs.models import DeadLetter, PreparedFile
from tellonce.local_offer import services as local_offer_services
from tellonce.local_offer.models import (
    ListingReport,
    OnlineReferral,
    Service,
    ServiceAtLocation,
    ServiceVersion,
    ThesaurusEntry,
    UnmatchedSearch,
)
from tellonce.organisations.models import HealthProvider, LocalAuthority, Locality, Setting, Team
from tellonce.organisations.tests.factories import SettingFactory, TeamFactory
from tellonce.panels.models import Panel, PanelCase, PanelMeeting, PanelMember, Paper
from tellonce.people.models import AccountInvitation, Child
from tellonce.people.tests.factories import ChildFactory, FamilyMemberFactory
from tellonce.plans.models import Placement, Plan, PlanComment
from tellonce.records.models import LegalHold
from tellonce.reviews.models import AnnualReview
from tellonce.sen_support.models import CensusRecord, Cycle
from tellonce.tests.test_permission_matrix import OPERATIONS, PAGES, _opened_as
from tellonce.waiting_lists.models import Referral, WaitingService

HOSTS = "first.example=999,second.example=998"
REFUSED = {403, 404, 405}


def _first(model, **filters):
    found = model.objects.filter(**filters).order_by("pk").first()
    assert found is not None, f"the demo area has no {model.__name__}"
    return found


def _delivery_records() -> dict[str, dict]:
    """Provision delivery (ADR 72): a commitment with a rule, its child, a half-term that has begun."""
    commitment = _first(Commitment, times__isnull=False)
    by_commitment = {"pk": commitment.pk}
    begun = next(
        h for h in reversed(england_half_terms(academic_year_start(uk_today()))) if h.starts_on <= uk_today()
    )
    return {
        "delivery:record": by_commitment | {"half_term": begun.starts_on.isoformat()},
        "delivery:report": by_commitment,
        "delivery:follow-up": by_commitment,
        "delivery:frequency": by_commitment,
        "delivery:child": {"child_pk": commitment.child_id},
        "delivery:update": {"child_pk": commitment.child_id},
        # A school year: the page shows only the signed-in manager's own council's dates.
        "delivery:half-terms-year": {"year": academic_year_start(uk_today())},
        "delivery:half-terms-remove": {"year": academic_year_start(uk_today())},
    }


def _records() -> dict[str, dict]:
    """For each page that names a record, the first council's record (and any other part of its
    address, chosen so that only the record's council can refuse it)."""
    child = _first(Child, plans__isnull=False)
    plan = _first(Plan, versions__isnull=False)
    version = plan.versions.order_by("number").first()
    review = _first(AnnualReview)
    comment = _first(PlanComment)
    service = _first(Service, is_public=True)
    priority = _first(Priority)
    waiting = _first(WaitingService).code
    survey = _first(Survey)
    item = _first(FeedbackItem)
    invitation = _first(AccountInvitation)
    by_plan = {"pk": plan.pk}
    colleague = _first(User, local_authority__code="999", is_active=True)
    in_version = {"pk": plan.pk, "number": version.number}
    return {
        "workspace:child": {"pk": child.pk},
        "partnership:children-behind": {
            "measure": "requests_decided_in_6_weeks",
            "month": f"{uk_today():%Y-%m}",
        },
        "partnership:change-neighbour": {"pk": _first(StatisticalNeighbour, local_authority__code="999").pk},
        "people:edit": {"pk": child.pk},
        "people:all-about-me": {"pk": child.pk},
        "people:consent": {"pk": child.pk},
        "people:access-log": {"pk": child.pk},
        "people:access-log-csv": {"pk": child.pk},
        "people:who-decides": {"pk": child.pk},
        "people:family-accounts": {"pk": invitation.child_id},
        "people:cancel-invitation": {"pk": invitation.child_id, "invitation_pk": invitation.pk},
        # The emailed link opens the invitation to whoever holds it: here, without its token.
        "people:invitation": {"token": "not-the-token"},
        "people:invitation-code": {"token": "not-the-token"},
        "assessments:start": {"child_pk": child.pk},
        "assessments:detail": {"pk": _first(AssessmentRequest).pk},
        "assessments:step": {"pk": _first(AssessmentRequest).pk, "step": "withdraw"},
        "front_door:detail": {"pk": _first(OnlineRequest, status="submitted").pk},
        "front_door:step": {"pk": _first(OnlineRequest, status="draft").pk, "step": "reason"},
        "front_door:check": {"pk": _first(OnlineRequest, status="submitted").pk},
        "front_door:evidence": {"pk": _first(OnlineRequest, status="draft").pk},
        "front_door:document": {
            "pk": _first(RequestDocument).request_id,
            "document_pk": _first(RequestDocument).pk,
        },
        "early_years:notification": {"pk": _first(Notification).pk},
        "early_years:step": {"pk": _first(Notification, outcome="").pk, "step": "acknowledge"},
        "sen_support:pupil": {"child_pk": _first(CensusRecord).child_id},
        "sen_support:cycle-new": {"child_pk": _first(Cycle).child_id},
        "sen_support:cycle": {"pk": _first(Cycle).pk},
        "sen_support:cycle-review": {"pk": _first(Cycle).pk},
        "advice:detail": {"pk": _first(AdviceRequest).pk},
        "advice:give": {"pk": _first(AdviceRequest).pk},
        "advice:decide": {"pk": _first(AdviceRequest).pk},
        "advice:exception": {"pk": _first(AdviceRequest).pk},
        "advice:document": {"pk": _first(Document).pk},
        "plans:start": {"child_pk": child.pk},
        "plans:detail": by_plan,
        "plans:officers": by_plan,
        "plans:next": by_plan,
        "plans:answer": {"pk": comment.plan_version.plan_id, "comment_pk": comment.pk},
        "plans:version": in_version,
        "plans:compare": in_version,
        "plans:section": in_version | {"code": "B"},
        "plans:item-new": in_version | {"code": "F"},
        "plans:item": in_version | {"code": "F", "key": "first"},
        "plans:item-remove": in_version | {"code": "F", "key": "first"},
        "plans:acknowledge": in_version,
        "plans:serve": in_version,
        "plans:issue": in_version,
        "plans:comment": in_version,
        "plans:ask": in_version | {"kind": "meeting"},
        "plans:finished": in_version,
        "plans:record-response": {"pk": comment.plan_version.plan_id, "number": comment.plan_version.number},
        "plans:download": in_version | {"extension": "pdf"},
        "plans:placements": by_plan,
        "plans:add-placement": by_plan,
        "plans:return-details": by_plan,
        "plans:change-placement": {"pk": _first(Placement).plan_id, "placement_pk": _first(Placement).pk},
        "plans:end-placement": {
            "pk": _first(Placement, named=False).plan_id,
            "placement_pk": _first(Placement, named=False).pk,
        },
        "reviews:detail": {"pk": review.pk},
        "reviews:report": {"pk": review.pk},
        "reviews:amend": {"pk": review.pk},
        "reviews:step": {"pk": review.pk, "step": "decision"},
        "reviews:plan": by_plan,
        "reviews:arrange": by_plan,
        "reviews:consider-ceasing": by_plan,
        "reviews:ceasing": by_plan | {"step": "decide"},
        "reviews:move-out": by_plan,
        "reviews:move-in": {"child_pk": child.pk},
        **_delivery_records(),
        **_panel_records(),
        **_audit_records(),
        "appeals:child": {"child_pk": _first(Appeal).child_id},
        "appeals:appeal": {"pk": _first(Appeal).pk},
        "appeals:appeal-edit": {"pk": _first(Appeal).pk},
        "appeals:appeal-new": {"child_pk": child.pk},
        "appeals:order-new": {"pk": _first(Appeal).pk},
        "appeals:order-complied": {"pk": _first(TribunalOrder, complied_on__isnull=True).pk},
        "appeals:mediation-edit": {"pk": _first(Mediation).pk},
        "appeals:mediation-new": {"child_pk": child.pk},
        "finance:vintage": {"pk": _first(ForecastVintage).pk},
        "finance:vintage-csv": {"pk": _first(ForecastVintage).pk},
        "finance:top-up": {"child_pk": child.pk},
        "feedback:answer": {"pk": _first(Invitation).pk},
        "feedback:answer-open": {"pk": _first(Survey, trigger="open").pk},
        "feedback:paper": {"pk": survey.pk},
        "feedback:results": {"pk": survey.pk},
        "feedback:forget": {"pk": _first(Response).pk},
        "feedback:item": {"pk": item.pk},
        "feedback:publish": {"pk": item.pk},
        "feedback:forget-feedback": {"pk": item.pk},
        "waiting_lists:referral": {"pk": _first(Referral).pk},
        "waiting_lists:service": {"code": waiting},
        "waiting_lists:oversight": {"code": waiting},
        "waiting_lists:unmatched": {"code": waiting},
        "local_offer:service": {"pk": service.pk},
        "local_offer:refer": {"pk": _first(Service, is_public=True, online_referral=True).pk},
        "local_offer:referral-sent": {"pk": service.pk},
        "local_offer:report": {"pk": service.pk},
        "local_offer:add": {"provider_pk": service.provider_id},
        "local_offer:edit": {"pk": service.pk},
        "local_offer:checked": {"pk": service.pk},
        "local_offer:history": {"pk": service.pk},
        "local_offer:referral": {"pk": _first(OnlineReferral).pk},
        "local_offer:change": {"pk": _first(ServiceVersion).pk},
        "local_offer:report-item": {"pk": _first(ListingReport).pk},
        "local_offer:comment-item": {"pk": _first(FeedbackItem, route="local_offer").pk},
        "local_offer:publish": {"pk": _first(FeedbackItem, route="local_offer").pk},
        "local_offer:thesaurus-entry": {"pk": _first(ThesaurusEntry, local_authority__code="999").pk},
        "local_offer:add-synonym": {"pk": _first(UnmatchedSearch).pk},
        "oruk:service": {"pk": service.pk},
        "oruk:service-at-location": {"pk": _first(ServiceAtLocation, service=service).pk},
        "improvement:inspection": {"pk": _first(Inspection).pk},
        "improvement:make-plan": {"pk": _first(Inspection).pk},
        "improvement:update-plan": {"pk": _first(Inspection).pk},
        "improvement:plan": {"pk": _first(ImprovementPlan).pk},
        "improvement:priority-new": {"pk": _first(ImprovementPlan).pk},
        "improvement:impact": {"pk": _first(ImprovementPlan).pk},
        "improvement:impact-download": {"pk": _first(ImprovementPlan).pk, "fmt": "docx"},
        "improvement:priority": {"pk": priority.pk},
        "improvement:priority-edit": {"pk": priority.pk},
        "improvement:action-new": {"pk": priority.pk},
        "improvement:record": {"pk": priority.pk},
        "improvement:rate": {"pk": priority.pk},
        "improvement:measure-new": {"pk": priority.pk},
        "improvement:action": {"pk": _first(Action).pk},
        "improvement:action-change": {"pk": _first(Action).pk},
        "improvement:action-withdraw": {"pk": _first(Action).pk},
        "inclusion:child": {"pk": _first(Episode, child__isnull=False).child_id},
        "records:subject-access": {"pk": child.pk},
        "records:hold": {"pk": child.pk},
        "records:release-hold": {"pk": _first(LegalHold).pk},
        "administration:user": {"pk": colleague.pk},
        "administration:user-change": {"pk": colleague.pk},
        "administration:user-deactivate": {"pk": colleague.pk},
        "administration:user-reactivate": {"pk": colleague.pk},
        "administration:user-resend": {"pk": colleague.pk},
        "administration:user-cancel": {"pk": colleague.pk},
        "administration:user-unlock": {"pk": colleague.pk},
        "administration:user-reset-two-factor": {"pk": colleague.pk},
        "administration:user-caseload": {
            "pk": _first(User, local_authority__code="999", caseload__isnull=False).pk
        },
        # An invitation link whose token no invitation has.
        "administration:accept": {"token": "not-a-token"},
        "jobs:retry": {"pk": _first(DeadLetter, council_code="999").pk},
        "files:prepared": {"pk": _first(PreparedFile, council__code="999").pk},
        "files:download": {"pk": _first(PreparedFile, council__code="999", status="ready").pk},
        "administration:team": {"pk": _first(Team, local_authority__code="999").pk},
        "administration:locality": {"pk": _first(Locality, local_authority__code="999").pk},
        "administration:provider": {"pk": _first(HealthProvider, local_authority__code="999").pk},
        "administration:setting": {"pk": _first(Setting, local_authority__code="999").pk},
        # A reset link for the first council's account, without its one-time token.
        "accounts:reset-password": {
            "uidb64": urlsafe_base64_encode(force_bytes(colleague.pk)),
            "token": "set-password",
        },
    }


def _panel_records() -> dict[str, dict]:
    panel = {"pk": _first(Panel, local_authority__code="999").pk}
    meeting = {"pk": _first(PanelMeeting, panel__local_authority__code="999", attendance__isnull=False).pk}
    decided = _first(PanelCase, child__local_authority__code="999", decision__isnull=False)
    case = {"pk": decided.pk}
    return {
        "panels:panel": panel,
        "panels:panel-change": panel,
        "panels:member-new": panel,
        "panels:meeting-new": panel,
        "panels:member-stand-down": {"pk": _first(PanelMember, panel__local_authority__code="999").pk},
        "panels:meeting": meeting,
        "panels:attendance": meeting,
        "panels:cases-of": {"pk": decided.assessment_id},
        "panels:put-case": {"pk": decided.assessment_id},
        "panels:case": case,
        "panels:decide": case,
        "panels:letter": case,
        "panels:letter-download": case | {"extension": "pdf"},
        "panels:letter-sent": case,
        "panels:paper": {"pk": _first(Paper, case__child__local_authority__code="999").pk},
    }


def _audit_records() -> dict[str, dict]:
    audit = {"pk": _first(Audit, child__local_authority__code="999", status="acknowledged").pk}
    tool = _first(AuditTool, local_authority__code="999")
    return {
        "audits:tool": {"pk": tool.pk},
        "audits:question": {
            "pk": _first(AuditTool, local_authority__code="999", replaced_on__isnull=True).pk,
            "order": 1,
        },
        "audits:round": {"pk": _first(AuditRound, local_authority__code="999").pk},
        "audits:audit": audit,
        "audits:assign": audit,
        "audits:resolve": audit,
        "audits:family": audit,
        "audits:feedback": audit,
        "audits:received": audit,
        "audits:grade": {"pk": _first(Assignment, audit__child__local_authority__code="999").pk},
        "audits:done": {
            "pk": _first(FollowUp, audit__child__local_authority__code="999", done_on__isnull=True).pk
        },
        "audits:report-csv": {"table": "coordinators"},
    }


# National data the councils share, not a council's records.
SHARED = {"local_offer:category", "oruk:taxonomy", "oruk:taxonomy-term"}


def _add_what_the_small_demo_lacks(first: LocalAuthority) -> None:
    """A report attached to advice, a paper for the panel, an online referral, a kept forecast and
    a legal hold, in the first council."""
    submission = _first(Submission, advice__child__local_authority=first)
    Document.objects.create(
        submission=submission,
        file=ContentFile(b"%PDF-1.4 report", name="report.pdf"),
        original_name="report.pdf",
        content_type="application/pdf",
        size=15,
    )
    service = _first(Service, is_public=True, provider__local_authority=first)
    Service.objects.filter(pk=service.pk).update(online_referral=True, referral_email="referrals@example.org")
    service.refresh_from_db()
    local_offer_services.refer(
        service,
        data={
            "child_name": "Sam",
            "child_date_of_birth": date(2018, 1, 1),
            "referrer_name": "Alex",
            "relationship": "Parent",
            "email": "a@example.org",
            "phone": "",
            "postcode": "NB3 4QT",
            "reason": "Help with speech",
        },
    )
    Paper.objects.create(
        case=_first(PanelCase, child__local_authority=first),
        file=ContentFile(b"%PDF-1.4 paper", name="paper.pdf"),
        original_name="paper.pdf",
        content_type="application/pdf",
        size=14,
        uploaded_on=date(2026, 11, 1),
    )
    LegalHold.objects.create(
        child=_first(Child, local_authority=first),
        reason="A claim",
        placed_by=_first(User, local_authority=first, is_active=True),
    )
    ForecastVintage.objects.create(
        local_authority=first,
        area=first.name,
        base_year=2025,
        horizon=3,
        series_csv="year,plans\n2025,1\n",
        result={},
    )


@pytest.fixture
def councils(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    """The demo area as the first council, and a user of every role in a second."""
    call_command("demo", children=60, seed=3, today=date(2026, 11, 20), stdout=StringIO())
    _add_what_the_small_demo_lacks(LocalAuthority.objects.get(code="999"))
    second = LocalAuthority.objects.create(name="Southbridge Council", code="998")
    school, team = SettingFactory(local_authority=second), TeamFactory(local_authority=second)
    users = {}
    for role in Role:
        extra = {"setting": school} if role == Role.SENCO else {}
        if role in (
            Role.THERAPIST,
            Role.PAEDIATRICIAN,
            Role.CAMHS_PRACTITIONER,
            Role.DESIGNATED_CLINICAL_OFFICER,
        ):
            extra["team"] = team
        users[role] = UserFactory(role=role, local_authority=second, **extra)
    own = ChildFactory(local_authority=second, setting=school, coordinator=users[Role.EHC_COORDINATOR])
    FamilyMemberFactory(child=own, account=users[Role.PARENT], parental_responsibility=True)
    first = list(Child.objects.filter(local_authority__code="999").values_list("given_name", "family_name"))
    return users, [f"{given} {family}" for given, family in first]


def _reached(response, names: list[str]) -> bool:
    if response.status_code in REFUSED:
        return False
    if response.status_code == 302:
        return "/accounts/sign-in/" not in response["Location"]
    body = response.content.decode(errors="replace") if not response.streaming else ""
    return response.status_code != 200 or any(name in body for name in names)


@override_settings(
    TELLONCE_COUNCIL_HOSTS=HOSTS, ALLOWED_HOSTS=["first.example", "second.example", "testserver"]
)
def test_the_second_councils_staff_reach_nothing_of_the_firsts_on_any_page(councils):
    users, names = councils
    records = _records()
    # The administration pages name a person or an organisation, not a child: look for those too.
    names = [*names, User.objects.get(pk=records["administration:user"]["pk"]).username]
    for name, model in [
        ("team", Team),
        ("locality", Locality),
        ("provider", HealthProvider),
        ("setting", Setting),
    ]:
        names.append(model.objects.get(pk=records[f"administration:{name}"]["pk"]).name)
    named = [(name, pattern) for name, pattern in PAGES if pattern.pattern.converters and name not in SHARED]
    missing = [name for name, _ in named if name not in records]
    assert not missing, f"say which of the first council's records these pages name: {missing}"
    reached, asked = [], 0
    for role, user in [*users.items(), ("signed out", None)]:
        client = Client(HTTP_HOST="second.example")
        if user is not None:
            client.force_login(user)
        for name, _pattern in named:
            response = _opened_as(client, reverse(name, kwargs=records[name]))
            asked += 1
            if _reached(response, names):
                reached.append(f"{role}: {name} answered {response.status_code}")
    print(f"{len(reached)} of {asked} requests for the first council's records reached them")
    assert not reached, "\n".join(reached)


@override_settings(
    TELLONCE_COUNCIL_HOSTS=HOSTS, ALLOWED_HOSTS=["first.example", "second.example", "testserver"]
)
def test_the_second_councils_lists_name_none_of_the_firsts_children(councils):
    users, names = councils
    lists = [(name, pattern) for name, pattern in PAGES if not pattern.pattern.converters]
    shown, asked = [], 0
    for role, user in users.items():
        client = Client(HTTP_HOST="second.example")
        client.force_login(user)
        for name, _pattern in lists:
            response = client.get(reverse(name))
            asked += 1
            body = response.content.decode(errors="replace") if not response.streaming else ""
            if any(child in body for child in names):
                shown.append(f"{role}: {name}")
    print(f"{len(shown)} of {asked} list pages showed the first council's children")
    assert not shown, "\n".join(shown)


def test_the_second_councils_api_callers_reach_nothing_of_the_firsts(councils):
    users, names = councils
    # The first council's: the second council has a child of its own.
    child = _first(Child, local_authority__code="999")
    case = _first(AssessmentRequest, child__local_authority__code="999")
    plan = _first(Plan, versions__isnull=False, child__local_authority__code="999")
    ids = {"child_id": child.pk, "assessment_id": case.pk, "plan_id": plan.pk, "number": 1}
    ids["appeal_id"] = _first(Appeal, child__local_authority__code="999").pk
    reached, asked = [], 0
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        for method, url, _ in OPERATIONS:
            path = url.format(**{k: v for k, v in ids.items() if "{" + k + "}" in url})
            response = client.generic(method, path, '{"version": 1}', content_type="application/json")
            asked += 1
            body = response.content.decode()
            if response.status_code not in REFUSED | {401} and (
                "{" in url or any(name in body for name in names) or str(child.pk) in body
            ):
                reached.append(f"{role}: {method} {url} answered {response.status_code}")
    print(f"{len(reached)} of {asked} API requests reached the first council's records")
    assert not reached, "\n".join(reached)


@override_settings(
    TELLONCE_COUNCIL_HOSTS=HOSTS, ALLOWED_HOSTS=["first.example", "second.example", "testserver"]
)
def test_each_councils_public_pages_are_its_own(councils):
    service = _first(Service, is_public=True)
    first, second = Client(HTTP_HOST="first.example"), Client(HTTP_HOST="second.example")
    assert first.get(f"/local-offer/services/{service.pk}/").status_code == 200
    assert second.get(f"/local-offer/services/{service.pk}/").status_code == 404
    assert second.get(f"/oruk/services/{service.pk}").status_code == 404
    link = f"/local-offer/services/{service.pk}/"
    assert link in first.get("/local-offer/search/", {"q": service.name}).content.decode()
    assert link not in second.get("/local-offer/search/", {"q": service.name}).content.decode()
    said = first.get("/you-said-we-did/").content.decode()
    assert "You said" in said and said != second.get("/you-said-we-did/").content.decode()
    assert Client(HTTP_HOST="testserver").get("/local-offer/").status_code == 404


def test_the_second_councils_api_lists_only_its_own_places_and_teams(councils):
    users, _ = councils
    client = Client()
    client.force_login(users[Role.EHC_COORDINATOR])
    second = LocalAuthority.objects.get(code="998")
    places = [
        ("settings", Setting),
        ("teams", Team),
        ("localities", Locality),
        ("health-providers", HealthProvider),
    ]
    for path, model in places:
        listed = {row["id"] for row in client.get(f"/api/v1/organisations/{path}").json()}
        assert listed == set(model.objects.filter(local_authority=second).values_list("pk", flat=True)), path
        assert model.objects.exclude(local_authority=second).exists(), f"the first council has {path}"
