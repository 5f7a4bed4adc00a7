"""Database housekeeping that the ORM does not do for us."""

from django.apps import apps
from django.db import connection


def project_tables() -> list[str]:
    """The tables Django manages here (models and their many-to-many tables), in name order."""
    models = apps.get_models(include_auto_created=True)
    return sorted({m._meta.db_table for m in models if m._meta.managed and not m._meta.proxy})


def refresh_planner_statistics() -> bool:
    """After a bulk load, tell PostgreSQL's query planner how big the tables now are.

    Until autovacuum next analyses them, PostgreSQL plans from the statistics it last recorded, and
    a table last seen empty (every row deleted, or every insert rolled back) is planned as if it
    were still empty: nested loops over thousands of rows, minutes a page. `ANALYZE` inside the
    loading transaction counts that transaction's own rows, so the pages right after a demo or an
    import are planned for the data they read. Only this project's tables are named: a bare
    `ANALYZE` also takes the cluster-wide catalogs (`pg_database`, `pg_authid`), and inside a
    transaction it would hold them until the transaction ends, making every other database's
    `ANALYZE` wait. SQLite plans without such statistics unless asked, so there is nothing to
    refresh. Returns whether anything was analysed."""
    if connection.vendor != "postgresql":
        return False
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in project_tables()))
    return True
