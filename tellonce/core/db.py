"""Database housekeeping that the ORM does not do for us."""

from django.db import connection


def refresh_planner_statistics() -> bool:
    """After a bulk load, tell PostgreSQL's query planner how big the tables now are.

    Until autovacuum next analyses them, PostgreSQL plans from the statistics it last recorded, and
    a table last seen empty (every row deleted, or every insert rolled back) is planned as if it
    were still empty: nested loops over thousands of rows, minutes a page. `ANALYZE` inside the
    loading transaction counts that transaction's own rows, so the pages right after a demo or an
    import are planned for the data they read. SQLite plans without such statistics unless asked,
    so there is nothing to refresh. Returns whether anything was analysed."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return True
