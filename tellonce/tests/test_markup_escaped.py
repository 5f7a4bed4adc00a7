"""No page puts raw markup on the screen, no typed-in text becomes markup, and no page writes a date
as numbers.

The demo area's free text (every text field of every record that is not a code, a reference, an
address for e-mail or a choice) is given a probe of markup, then every page is opened by a user of
every role. Two things must hold on every page: the probe is always escaped (a child's name or a
comment can never add a tag), and Tellonce's own tags are never escaped (which is what happens
when a template joins text into an `html` value and autoescaping turns `<strong>` into
`&lt;strong&gt;` on the page). And no page's text holds a date written 2026-12-04: dates are
written as GOV.UK writes them, 4 December 2026.
"""

import re
from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models
from django.test import Client
from django.urls import reverse

from tellonce.organisations.models import LocalAuthority
from tellonce.tests.test_access_log_complete import SKIPPED, _body, _users
from tellonce.tests.test_councils_apart import SHARED, _add_what_the_small_demo_lacks, _records
from tellonce.tests.test_permission_matrix import PAGES

PROBE = '<i class="probe">x</i>'
# Tellonce's own tags, escaped: text joined into markup and escaped a second time.
ISO_DATE = re.compile(r"\b(19|20)\d\d-[01]\d-[0-3]\d\b")
TAG = re.compile(r"<(script|style)\b.*?</\1>|<[^>]+>", re.S)
OWN_TAGS_ESCAPED = re.compile(r"&lt;/?(strong|a|p|br|span|code|ul|li|b|em|abbr)( [^&]*)?&gt;")
# Text that is not prose: identifiers, codes, addresses, secrets and what pages parse.
NOT_PROSE = re.compile(
    r"ref|code|urn|ukprn|upn|uln|nhs|postcode|email|username|password|token|hash|key|url|"
    r"website|phone|path|file|name$|_id$|kind|status|type|slug|format|mime|ip|agent|secret|"
    r"channel|relationship|permission|role|colour|locale|language|timezone"
)
PROSE_APPS = {
    "people",
    "assessments",
    "advice",
    "plans",
    "reviews",
    "feedback",
    "waiting_lists",
    "improvement",
}


def _prose_fields(model) -> list[str]:
    return [
        field.name
        for field in model._meta.concrete_fields
        if isinstance(field, models.CharField | models.TextField)
        and not field.choices
        and not field.unique
        and not NOT_PROSE.search(field.name)
        and (field.max_length or 10_000) >= 40
    ]


def _probe_free_text() -> int:
    changed = 0
    for model in apps.get_models():
        if model._meta.app_label not in PROSE_APPS:
            continue
        names = _prose_fields(model)
        if not names:
            continue
        rows = list(model._default_manager.all()[:200])
        for row in rows:
            for name in names:
                value = getattr(row, name) or ""
                setattr(
                    row, name, (value + " " + PROBE)[-(model._meta.get_field(name).max_length or 10_000) :]
                )
        model._default_manager.bulk_update(rows, names)
        changed += len(rows) * len(names)
    return changed


@pytest.fixture
def area(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", children=60, seed=3, today=date(2026, 11, 20), stdout=StringIO())
    _add_what_the_small_demo_lacks(LocalAuthority.objects.get(code="999"))
    return _probe_free_text()


def test_no_page_shows_markup_as_text_or_lets_typed_text_become_markup(area):
    records = _records()
    pages = [
        (name, reverse(name, kwargs=records[name]) if pattern.pattern.converters else reverse(name))
        for name, pattern in PAGES
        if name not in SKIPPED | SHARED and (not pattern.pattern.converters or name in records)
    ]
    raw, escaped, iso, opened, probed = [], [], set(), 0, 0
    for role, user in _users().items():
        client = Client(raise_request_exception=False)
        client.force_login(user)
        for name, url in pages:
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            opened += 1
            body = _body(response)
            if PROBE in body:
                raw.append(f"{role.value}: {name}")
            if "probe" in body:
                probed += 1
            found = OWN_TAGS_ESCAPED.search(body)
            if found:
                escaped.append(f"{role.value}: {name} shows {found.group(0)}")
            date_shown = ISO_DATE.search(TAG.sub(" ", body))
            if date_shown:
                iso.add(f"{name} shows {date_shown.group(0)}")
    print(f"{area} text values probed; {opened} pages opened, {probed} showing a probe")
    assert probed, "no page showed any probed text, so the check proved nothing"
    assert not raw, "typed text became markup on:\n" + "\n".join(raw)
    assert not escaped, "markup shown as text on:\n" + "\n".join(escaped)
    assert not iso, "dates written as numbers on:\n" + "\n".join(sorted(iso))
