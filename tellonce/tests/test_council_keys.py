"""Every table that holds a council's records carries the council's key (ADR 80).

The test lists every concrete model of the installation. Each is either a council's (it has the
key, `local_authority`, required) or named below as shared national data or as installation-wide,
with the reason. Over the demo area, no council's row lacks its key, and every row's key is its
parent's council (the record it was filled from). The migrations' backfill is checked by the
upgrade test (tellonce/tests/test_upgrade.py), on a previous release's demo database."""

from datetime import date
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

from tellonce.core.council_key import CouncilOwned, fill_councils, key_attname
from tellonce.organisations.models import LocalAuthority

# Tables that hold no council's records, and why. Anything not here must carry the key.
NOT_A_COUNCILS = {
    "organisations.LocalAuthority": "the councils themselves: the key's own table",
    "benchmarks.PublishedFigure": "national data: the DfE's published figures for every council in England",
    "local_offer.Taxonomy": "national data: the Open Referral UK taxonomies every Local Offer shares",
    "local_offer.TaxonomyTerm": "national data: the terms of those taxonomies",
    "local_offer.PostcodeDistrict": "national data: ONS postcode districts and where they are",
    "local_offer.Location": (
        "a place (an address and its coordinates) that services of more than one council may share; "
        "reached only through a service's ServiceAtLocation, which carries the key"
    ),
    "jobs.WorkerHeartbeat": "installation-wide: the background worker's sign of life",
    "jobs.JobRun": "installation-wide: when each scheduled job last ran, for every council at once",
    "jobs.DeadLetter": "installation-wide: a failed task of the worker, for the operator",
    "audit.SignInEvent": (
        "installation-wide: sign-in attempts, many naming no account (an unknown username), kept "
        "for the operator's security monitoring"
    ),
    "accounts.Invitation": (
        "follows the account it invites, whose council may be none (an installation administrator)"
    ),
    "accounts.ApiToken": "follows the account it belongs to, whose council may be none",
}
# Apps that are not Tellonce's: Django's and libraries' own tables (sessions, permissions, sign-in
# throttling, second factors, the task queue), installation-wide.
OTHER_APPS = {"auth", "contenttypes", "sessions", "axes", "otp_totp", "otp_static", "django_tasks_database"}
# A council's tables whose key may be empty, and why.
KEY_MAY_BE_EMPTY = {
    "accounts.User": "an installation administrator belongs to no council",
    "organisations.HealthProvider": "an NHS provider may serve several councils (ADR 52)",
    "jobs.PreparedFile": "a file asked for by an installation administrator belongs to no council",
}


def _models() -> list[type[models.Model]]:
    return [
        m
        for m in apps.get_models()
        if m._meta.app_label not in OTHER_APPS and m._meta.managed and not m._meta.proxy
    ]


def _key(model: type[models.Model]) -> models.Field | None:
    for field in model._meta.concrete_fields:
        if (
            field.is_relation
            and field.related_model is LocalAuthority
            and field.name in ("local_authority", "council")
        ):
            return field
    return None


def test_every_table_holding_a_councils_records_carries_the_councils_key():
    missing, optional, listed_but_keyed = [], [], []
    for model in _models():
        label, key = model._meta.label, _key(model)
        if label in NOT_A_COUNCILS:
            if key is not None:
                listed_but_keyed.append(label)
            continue
        if key is None:
            missing.append(label)
        elif key.null and label not in KEY_MAY_BE_EMPTY:
            optional.append(label)
    assert missing == [], f"council tables without the council's key (add CouncilOwned, ADR 80): {missing}"
    assert optional == [], f"council tables whose key may be empty: {optional}"
    assert listed_but_keyed == [], f"listed as not a council's, yet keyed: {listed_but_keyed}"


def test_the_lists_name_only_models_that_exist():
    labels = {m._meta.label for m in _models()}
    assert set(NOT_A_COUNCILS) <= labels
    assert set(KEY_MAY_BE_EMPTY) <= labels


def test_the_large_tables_are_indexed_leading_with_the_council():
    for label in ("people.TimelineEvent", "plans.PlanSection", "audit.AccessEvent"):
        model = apps.get_model(label)
        leading = [index.fields[0] for index in model._meta.indexes]
        assert "local_authority" in leading, label


def test_each_filled_key_names_a_parent_that_carries_one():
    for model in _models():
        if issubclass(model, CouncilOwned):
            parent = model._meta.get_field(model.council_from).related_model
            assert _key(parent) is not None, (
                f"{model._meta.label} takes its council from {parent._meta.label}"
            )


def _disagreeing(model: type[CouncilOwned]) -> int:
    parent = model._meta.get_field(model.council_from).related_model
    parent_key = key_attname(parent).removesuffix("_id")
    return model.objects.exclude(local_authority=models.F(f"{model.council_from}__{parent_key}")).count()


@pytest.fixture
def demo_area(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    call_command("demo", children=60, seed=3, today=date(2026, 11, 20), stdout=StringIO())
    return LocalAuthority.objects.get(code="999")


def test_every_row_of_the_demo_area_carries_its_parents_council(demo_area):
    empty, disagreeing, rows = {}, {}, 0
    for model in _models():
        key = _key(model)
        if key is None or model._meta.label in KEY_MAY_BE_EMPTY:
            continue
        count = model._base_manager.count()
        rows += count
        if nulls := model._base_manager.filter(**{f"{key.name}__isnull": True}).count():
            empty[model._meta.label] = nulls
        if issubclass(model, CouncilOwned) and (wrong := _disagreeing(model)):
            disagreeing[model._meta.label] = wrong
    assert rows > 1000, "the demo area was not built"
    assert empty == {}
    assert disagreeing == {}


def test_a_bulk_create_of_records_naming_only_their_parents_id_fills_the_council(db):
    from tellonce.people.models import TimelineEvent
    from tellonce.people.tests.factories import ChildFactory

    child = ChildFactory()
    rows = [
        TimelineEvent(child_id=child.pk, occurred_on=date(2026, 11, 1), kind="note", title=str(n))
        for n in range(3)
    ]
    TimelineEvent.objects.bulk_create(rows)
    one = TimelineEvent(child_id=child.pk, occurred_on=date(2026, 11, 2), kind="note", title="one")
    one.save()
    assert {r.local_authority_id for r in [*rows, one]} == {child.local_authority_id}
    assert fill_councils([TimelineEvent(child_id=child.pk)])[0].local_authority_id == child.local_authority_id
