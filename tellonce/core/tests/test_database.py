import json
import os
from contextlib import suppress
from datetime import date
from io import StringIO

from django.core.management import call_command
from django.db import connection, transaction

from tellonce.core.db import project_tables, refresh_planner_statistics, refresh_stale_statistics
from tellonce.demo import steps
from tellonce.people.models import Child
from tellonce.people.tests.factories import ChildFactory


def test_the_suite_runs_on_the_database_that_database_url_names(db):
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected


def _estimated_children() -> int:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) SELECT * FROM people_child")
        (plan,) = cursor.fetchone()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Plan"]["Plan Rows"]


def test_after_a_bulk_load_the_planner_knows_the_rows_the_loading_transaction_wrote(db):
    if connection.vendor != "postgresql":
        ChildFactory.create_batch(3)
        assert refresh_planner_statistics() is False
        return
    _record_people_child_as_emptied()
    ChildFactory.create_batch(120)
    assert _estimated_children() <= 1
    assert refresh_planner_statistics() is True
    assert _estimated_children() == 120


class _RolledBack(Exception):
    pass


def _record_people_child_as_emptied():
    """What autovacuum records on seeing a table whose rows were all rolled back: pages, no rows."""
    with suppress(_RolledBack), transaction.atomic():
        ChildFactory.create_batch(120)
        raise _RolledBack
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_child")


def test_between_the_steps_of_a_load_a_table_recorded_as_emptied_is_analysed_once_it_has_rows(db):
    if connection.vendor != "postgresql":
        ChildFactory.create_batch(3)
        assert refresh_stale_statistics() == []
        return
    _record_people_child_as_emptied()
    ChildFactory.create_batch(120)
    assert _estimated_children() <= 1
    assert "people_child" in refresh_stale_statistics()
    assert _estimated_children() == 120
    assert "people_child" not in refresh_stale_statistics()  # its statistics are true now


def test_the_refresh_names_every_project_table_and_leaves_the_cluster_wide_catalogs_unlocked(db):
    tables = project_tables()
    assert {"people_child", "plans_plansection", "reviews_annualreview", "accounts_user_groups"} <= set(
        tables
    )
    assert set(tables) <= set(connection.introspection.table_names())
    if connection.vendor != "postgresql":
        return
    refresh_planner_statistics()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE l.pid = pg_backend_pid() AND c.relisshared"
        )
        assert cursor.fetchall() == []
        cursor.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
            "WHERE l.pid = pg_backend_pid() AND l.mode = 'ShareUpdateExclusiveLock' AND c.relname = 'people_child'"
        )
        assert cursor.fetchone() == (1,)


def test_each_demo_step_is_planned_for_the_rows_the_steps_before_it_wrote(db):
    """The CI run that hung: the review step's reading of the plans step's rows was planned from
    statistics that recorded the tables as emptied, and ran for over an hour."""
    postgres = connection.vendor == "postgresql"
    if postgres:
        _record_people_child_as_emptied()
    seen = []

    @steps.demo_step(name="test planner statistics", order=999)
    def look(area, rng, progress):
        seen.append((_estimated_children() if postgres else None, Child.objects.count()))

    try:
        call_command("demo", children=40, seed=3, today=date(2026, 11, 22), stdout=StringIO())
    finally:
        del steps.STEPS["test planner statistics"]
    ((estimated, children),) = seen
    assert children >= 40
    if postgres:
        assert estimated == children
