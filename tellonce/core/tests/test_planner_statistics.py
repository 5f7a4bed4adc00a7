"""The planner is told that a record's coordinator decides its council (ADR 103): on PostgreSQL it
then expects a coordinator's records of the council to be all the coordinator's, not a share."""

import json

import pytest
from django.db import connection

from tellonce.accounts.tests.factories import UserFactory
from tellonce.organisations.tests.factories import LocalAuthorityFactory
from tellonce.people.tests.factories import ChildFactory

pytestmark = pytest.mark.django_db
STATISTICS = {
    "child_coordinator_council": "people_child",
    "plan_coordinator_council": "plans_plan",
    "case_coordinator_council": "assessments_assessmentrequest",
    "review_coordinator_council": "reviews_annualreview",
}


def _expected_rows(sql: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
        (plan,) = cursor.fetchone()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Plan"]["Plan Rows"]


def test_the_migrations_create_the_statistics_on_postgresql_only():
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("SELECT name FROM sqlite_master WHERE name LIKE '%coordinator_council%'")
            assert cursor.fetchall() == []
            return
        cursor.execute(
            "SELECT s.stxname, c.relname, s.stxkind FROM pg_statistic_ext s JOIN pg_class c ON c.oid = s.stxrelid"
        )
        found = {name: (table, kinds) for name, table, kinds in cursor.fetchall()}
    for name, table in STATISTICS.items():
        assert found[name][0] == table
        assert "f" in found[name][1]  # functional dependencies


def test_a_coordinators_children_of_their_council_are_expected_to_be_all_of_theirs():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite plans without statistics on columns")
    councils = [LocalAuthorityFactory(code=code) for code in ("801", "802", "803", "804")]
    coordinators = [UserFactory(role="ehc_coordinator", local_authority=council) for council in councils]
    for council, coordinator in zip(councils, coordinators, strict=True):
        ChildFactory.create_batch(50, local_authority=council, coordinator=coordinator)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_child")
    expected = _expected_rows(
        "SELECT * FROM people_child WHERE coordinator_id = %s AND local_authority_id = %s",
        [coordinators[0].pk, councils[0].pk],
    )
    # Independent columns would give 200 x 1/4 x 1/4 = 12.5 rows; the dependency gives all 50
    assert expected >= 40
