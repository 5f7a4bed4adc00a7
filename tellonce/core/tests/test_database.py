import os

from django.db import connection


def test_the_suite_runs_on_the_database_that_database_url_names(db):
    expected = "postgresql" if os.environ.get("DATABASE_URL", "").startswith("postgres") else "sqlite"
    assert connection.vendor == expected
