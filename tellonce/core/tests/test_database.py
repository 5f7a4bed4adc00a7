import os

from django.db import connection

from tellonce.core.db import project_tables, refresh_planner_statistics, refresh_stale_statistics
from tellonce.core.tests.planner import estimated_children, record_people_child_as_emptied
from tellonce.people.tests.factories import ChildFactory


def test_the_suite_runs_on_the_database_that_database_url_names(db):
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected


def test_after_a_bulk_load_the_planner_knows_the_rows_the_loading_transaction_wrote(db):
    if connection.vendor != "postgresql":
        ChildFactory.create_batch(3)
        assert refresh_planner_statistics() is False
        return
    record_people_child_as_emptied()
    ChildFactory.create_batch(120)
    assert estimated_children() <= 1
    assert refresh_planner_statistics() is True
    assert estimated_children() == 120


def test_between_the_steps_of_a_load_a_table_recorded_as_emptied_is_analysed_once_it_has_rows(db):
    if connection.vendor != "postgresql":
        ChildFactory.create_batch(3)
        assert refresh_stale_statistics() == []
        return
    record_people_child_as_emptied()
    ChildFactory.create_batch(120)
    assert estimated_children() <= 1
    assert "people_child" in refresh_stale_statistics()
    assert estimated_children() == 120
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
