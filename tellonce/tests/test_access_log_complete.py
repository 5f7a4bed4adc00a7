"""Every child a response shows is in the access log.

The demo area is opened by its own user of every role: every page (the child's pages with the
records `test_councils_apart` names, the list pages as they are) and every API operation that only
reads. In each response every child of the area is looked for by name, preferred name (each also
written "Family, Given" as the tables sorted by family name write them), NHS number and UPN, and each child found must have an access event for that user made during that request:
an export for a download, a read or a listing otherwise, each saying why it was allowed.
"""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tellonce.accounts.models import User
from tellonce.accounts.policy import Role
from tellonce.appeals.models import Appeal
from tellonce.assessments.models import AssessmentRequest
from tellonce.audit.models import AccessEvent, Action
from tellonce.organisations.models import LocalAuthority
from tellonce.people.models import Child
from tellonce.plans.models import Plan
from tellonce.tests.test_councils_apart import SHARED, _add_what_the_small_demo_lacks, _records
from tellonce.tests.test_permission_matrix import OPERATIONS, PAGES

# Pages that end the session or only send the visitor elsewhere; nothing of a child is shown.
SKIPPED = {"accounts:sign-out", "accounts:sso-callback", "accounts:sso-sign-in"}


@pytest.fixture
def area(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", children=60, seed=3, today=date(2026, 11, 20), stdout=StringIO())
    _add_what_the_small_demo_lacks(LocalAuthority.objects.get(code="999"))
    return _marks()


def _marks() -> dict[object, list[str]]:
    """For each of the area's children, what would give them away in a response."""
    marks = {}
    for child in Child.objects.filter(local_authority__code="999"):
        # As names are written in prose, and as tables sorted by family name write them
        found = [f"{child.given_name} {child.family_name}", child.full_name]
        found += [f"{child.family_name}, {child.given_name}"]
        if child.preferred_name:
            found.append(f"{child.family_name}, {child.preferred_name}")
        if child.account_id:
            # A young person's name is also their account's, which account pages show.
            found = [f"!{name}" for name in found]
        if child.nhs_number:
            nhs = child.nhs_number
            found += [nhs, f"{nhs[:3]} {nhs[3:6]} {nhs[6:]}"]
        if child.upn:
            found.append(child.upn)
        marks[child.pk] = found
    return marks


def _users() -> dict[Role, User]:
    """The area's first active user of each role that has one."""
    found = {}
    for user in User.objects.filter(is_active=True).order_by("username"):
        if user.role in Role.values and Role(user.role) not in found:
            if user.local_authority is None or user.local_authority.code == "999":
                found[Role(user.role)] = user
    return found


def _body(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def _shows(body: str, mark: str, page: str) -> bool:
    if mark.startswith("!"):
        return not page.startswith(("accounts:", "administration:")) and mark[1:] in body
    return mark in body


def _unlogged(response, user, marks, since: int, page: str = "") -> tuple[list[str], int]:
    """The children the response shows with no fitting event for the user, and how many it shows."""
    body = _body(response)
    shown = [pk for pk, found in marks.items() if any(_shows(body, mark, page) for mark in found)]
    download = "attachment" in response.get("Content-Disposition", "")
    events = AccessEvent.objects.filter(user=user, id__gt=since)
    if download:
        events = events.filter(action=Action.EXPORT)
    else:
        events = events.filter(action__in=[Action.READ, Action.LISTED])
    logged = set(events.exclude(relationship="").values_list("child_id", flat=True))
    return [str(pk) for pk in shown if pk not in logged], len(shown)


def _last_event() -> int:
    return AccessEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0


def test_every_child_a_page_shows_is_in_the_access_log(area):
    marks = area
    records = _records()
    pages = [
        (name, reverse(name, kwargs=records[name]) if pattern.pattern.converters else reverse(name))
        for name, pattern in PAGES
        if name not in SKIPPED | SHARED and (not pattern.pattern.converters or name in records)
    ]
    missed, shown_total, pages_showing = [], 0, set()
    users = _users()
    for role, user in users.items():
        # A page that fails shows no child; the other tests find its failure.
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for name, url in pages:
            since = _last_event()
            response = client.get(url)
            if response.status_code != 200:
                continue
            unlogged, shown = _unlogged(response, user, marks, since, name)
            shown_total += shown
            if shown:
                pages_showing.add(name)
            if unlogged:
                missed.append(f"{role.value}: {name} showed {shown}, {len(unlogged)} not logged")
    logged = shown_total - sum(int(line.split(", ")[-1].split()[0]) for line in missed)
    print(
        f"{logged} of {shown_total} children shown were logged, "
        f"{len(users)} roles, {len(pages)} pages ({len(pages_showing)} showing a child)"
    )
    assert not missed, "\n".join(missed)


def test_every_child_an_api_operation_shows_is_in_the_access_log(area):
    marks = area
    child = Child.objects.filter(local_authority__code="999", plans__isnull=False).order_by("pk").first()
    case = AssessmentRequest.objects.filter(child__local_authority__code="999").order_by("pk").first()
    plan = (
        Plan.objects.filter(versions__isnull=False, child__local_authority__code="999").order_by("pk").first()
    )
    ids = {"child_id": child.pk, "assessment_id": case.pk, "plan_id": plan.pk, "number": 1}
    ids["appeal_id"] = Appeal.objects.filter(child__local_authority__code="999").order_by("pk").first().pk
    missed, shown_total = [], 0
    for role, user in _users().items():
        client = Client()
        client.force_login(user)
        for method, url, _ in OPERATIONS:
            if method != "GET":
                continue
            since = _last_event()
            response = client.get(url.format(**{k: v for k, v in ids.items() if "{" + k + "}" in url}))
            if response.status_code != 200:
                continue
            unlogged, shown = _unlogged(response, user, marks, since)
            shown_total += shown
            if unlogged:
                missed.append(f"{role.value}: GET {url} showed {shown}, {len(unlogged)} not logged")
    print(
        f"API: {shown_total - sum(int(m.split(', ')[-1].split()[0]) for m in missed)} of {shown_total} logged"
    )
    assert not missed, "\n".join(missed)
