import json
import os

from django.db import connection

from tellonce.core.db import refresh_planner_statistics
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
    ChildFactory.create_batch(120)
    if connection.vendor != "postgresql":
        assert refresh_planner_statistics() is False
        return
    with connection.cursor() as cursor:
        # What autovacuum records on seeing a table whose rows were all rolled back: empty.
        cursor.execute("UPDATE pg_class SET reltuples = 0, relpages = 1 WHERE relname = 'people_child'")
    assert _estimated_children() <= 1
    assert refresh_planner_statistics() is True
    assert _estimated_children() == 120
