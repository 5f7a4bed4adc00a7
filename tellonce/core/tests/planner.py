"""What PostgreSQL's planner believes about people_child, and how to make it believe the table
empty: for the tests of the statistics refresh, in core and in the demo."""

import json
from contextlib import suppress

from django.db import connection, transaction

from tellonce.people.tests.factories import ChildFactory


def estimated_children() -> int:
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN (FORMAT JSON) SELECT * FROM people_child")
        (plan,) = cursor.fetchone()
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Plan"]["Plan Rows"]


class _RolledBack(Exception):
    pass


def record_people_child_as_emptied():
    """What autovacuum records on seeing a table whose rows were all rolled back: pages, no rows."""
    with suppress(_RolledBack), transaction.atomic():
        ChildFactory.create_batch(120)
        raise _RolledBack
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE people_child")
