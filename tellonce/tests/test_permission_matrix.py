"""The permission policy against every page and API endpoint, for every role.

Every URL pattern says who may open it: a capability of the policy (`@requires`, `@api_requires`),
anyone signed in, or anyone (`@public`, `@signed_in`). Each pattern is then opened by a user of each
role with references to records that do not exist, so only the capability decides: a role the
table gives the capability to never gets 403 (it gets the page, or 404 for the missing record), and
every other role gets 403. Signed out, every page that is not public sends the visitor to sign in.
"""

import uuid
from pathlib import Path

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tellonce.accounts.policy import POLICY, Capability, Role, allows, as_markdown
from tellonce.accounts.tests.factories import UserFactory
from tellonce.config.api import api
from tellonce.organisations.tests.factories import LocalAuthorityFactory, SettingFactory, TeamFactory
from tellonce.workspace.navigation import MENU, menu_for

DOCS = Path(__file__).resolve().parents[2] / "docs" / "permissions.md"
FAKE = {
    "uuid": uuid.UUID(int=1),
    "int": 987654,
    "slug": "no-such-thing",
    "string": "no-such-thing",
    "path": "x",
}
# A body each writing endpoint accepts, so that only the caller's capability can refuse it.
BODY = '{"version": 1}'


def _patterns(resolver: URLResolver, namespace: str = "") -> list[tuple[str, URLPattern]]:
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace == "api-v1":
                continue  # the API's operations are checked one by one below
            inner = f"{namespace}:{entry.namespace}" if entry.namespace else namespace
            found += _patterns(entry, inner.strip(":"))
        else:
            found.append((f"{namespace}:{entry.name}".strip(":"), entry))
    return found


PAGES = _patterns(get_resolver())


def _url(name: str, pattern: URLPattern) -> str:
    converters = pattern.pattern.converters
    kwargs = {key: FAKE[type(c).__name__.removesuffix("Converter").lower()] for key, c in converters.items()}
    return reverse(name, kwargs=kwargs)


def _operations() -> list[tuple[str, str, object]]:
    """(method, path, view function) for each operation of the JSON API."""
    found = []
    for prefix, router in api._routers:
        for path, path_view in router.path_operations.items():
            for operation in path_view.operations:
                for method in operation.methods:
                    url = "/api/v1" + (prefix + path).replace("//", "/")
                    found.append((method, url, operation.view_func))
    return found


OPERATIONS = _operations()


@pytest.fixture
def users(db) -> dict[Role, object]:
    """One user of each role, with the council, school or team that role works from."""
    la = LocalAuthorityFactory()
    school, team = SettingFactory(local_authority=la), TeamFactory(local_authority=la)
    made = {}
    for role in Role:
        extra = {"setting": school} if role == Role.SENCO else {}
        if role in (
            Role.THERAPIST,
            Role.PAEDIATRICIAN,
            Role.CAMHS_PRACTITIONER,
            Role.DESIGNATED_CLINICAL_OFFICER,
        ):
            extra["team"] = team
        made[role] = UserFactory(role=role, local_authority=la, **extra)
    return made


def _opened_as(client: Client, url: str):
    """GET, or POST for a page that only takes a POST (CSRF is not checked in tests)."""
    response = client.get(url)
    return client.post(url) if response.status_code == 405 else response


def test_the_copy_of_the_table_in_the_docs_is_the_table_in_the_code():
    text = DOCS.read_text()
    assert text.endswith(as_markdown()), (
        "Run `tellonce permissions` and paste its output into docs/permissions.md"
    )
    print(as_markdown())


def test_every_capability_is_in_the_table_and_reaches_some_role():
    assert set(POLICY) == set(Capability)
    assert all(POLICY[capability] for capability in Capability)


@pytest.mark.parametrize(("name", "pattern"), PAGES, ids=[name for name, _ in PAGES])
def test_every_page_says_who_may_open_it(name, pattern):
    view = pattern.callback
    declared = getattr(view, "public", False) or hasattr(view, "capabilities")
    assert declared, f"{name}: mark the view @public, @signed_in or @requires(capability)"


@pytest.mark.parametrize(("method", "url", "view"), OPERATIONS, ids=[f"{m} {u}" for m, u, _ in OPERATIONS])
def test_every_api_endpoint_says_who_may_use_it(method, url, view):
    assert hasattr(view, "capabilities"), f"{method} {url}: add @api_requires(...)"


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_every_page_answers_each_role_as_the_policy_says(client, users, role):
    user = users[role]
    client.force_login(user)
    wrong = []
    for name, pattern in PAGES:
        view = pattern.callback
        if getattr(view, "public", False):
            continue
        needs = getattr(view, "capabilities", None)
        if needs is None:
            wrong.append(f"{name}: says nothing of who may open it")
            continue
        response = _opened_as(client, _url(name, pattern))
        if not needs or allows(user, *needs):
            refused = response.status_code == 403 or "/accounts/sign-in/" in response.get("Location", "")
        else:
            refused = response.status_code == 403
        if refused != (bool(needs) and not allows(user, *needs)):
            wrong.append(f"{name} ({', '.join(needs) or 'signed in'}): {response.status_code}")
    assert not wrong, f"{role.label}:\n" + "\n".join(wrong)


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_every_api_endpoint_answers_each_role_as_the_policy_says(client, users, role):
    user = users[role]
    client.force_login(user)
    wrong = []
    for method, url, view in OPERATIONS:
        path = url.replace("{", "").replace("}", "")
        for key in ("child_id", "plan_id", "assessment_id", "appeal_id"):
            path = path.replace(key, str(FAKE["uuid"]))
        path = path.replace("number", "1")
        response = client.generic(method, path, BODY, content_type="application/json")
        needs = getattr(view, "capabilities", None)
        if needs is None:
            wrong.append(f"{method} {url}: says nothing of who may use it")
            continue
        may = allows(user, *needs) if needs else True
        if may == (response.status_code == 403):
            wrong.append(f"{method} {url}: {response.status_code}")
    assert not wrong, f"{role.label}:\n" + "\n".join(wrong)


def test_a_signed_out_visitor_is_sent_to_sign_in_from_every_page_that_is_not_public(client, db):
    wrong = []
    for name, pattern in PAGES:
        if getattr(pattern.callback, "public", False):
            continue
        response = _opened_as(client, _url(name, pattern))
        if response.status_code != 302 or not response["Location"].startswith("/accounts/sign-in/"):
            wrong.append(f"{name}: {response.status_code}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("role", list(Role), ids=[role.value for role in Role])
def test_the_menu_shows_exactly_the_pages_the_role_may_open(client, users, role):
    user = users[role]
    client.force_login(user)
    shown = {href for _, href in menu_for(user)}
    for item in MENU:
        href = reverse(item.page)
        may = allows(user, *item.opened_by)
        assert (href in shown) == may, (role.label, item.text)
        response = client.get(href)
        if may:
            assert response.status_code in (200, 302) and "sign-in" not in response.get("Location", ""), href
        else:
            assert response.status_code == 403 or item.page == "workspace:home", href
