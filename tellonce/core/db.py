"""Database housekeeping that the ORM does not do for us."""

from datetime import date

from django.apps import apps
from django.db import connection, connections, router

from tellonce.core.council_key import fill_councils


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
        _analyse(cursor, project_tables())
    return True


def _analyse(cursor, tables: list[str]) -> None:
    cursor.execute("ANALYZE " + ", ".join(connection.ops.quote_name(t) for t in tables))


def refresh_stale_statistics() -> list[str]:
    """Analyse only the project's tables whose recorded statistics would mislead the planner, and
    return their names; cheap when there are none, so a long load can call it between its steps.

    PostgreSQL estimates a table's rows as the rows per page it last recorded times the pages the
    table has now, so a table that keeps growing stays roughly right. What misleads is a recorded
    density near nothing: fewer rows than pages, as autovacuum records for a table whose rows were
    all deleted or rolled back (0 rows, hundreds of pages). Every row written since is then
    estimated as none, and a query over it, even one step later in the same load, runs as nested
    loops for as long as the rows multiply (the CI run that hung for 80 minutes was such a query,
    in the demo's review step reading the plans step's rows)."""
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname FROM pg_class WHERE relkind = 'r' AND pg_table_is_visible(oid) "
            "AND relname = ANY(%s) AND relpages > 0 AND reltuples >= 0 AND reltuples < relpages "
            "ORDER BY relname",
            [project_tables()],
        )
        stale = [name for (name,) in cursor.fetchall()]
        if stale:
            _analyse(cursor, stale)
    return stale


def read_rows(sql: str, params, *, model=None) -> list[tuple]:
    """Runs a hand-written query where the router sends reads: the replica inside a reporting page
    (ADR 81), the primary otherwise. `connection.cursor()` would always read the primary."""
    with connections[router.db_for_read(model)].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def day_of_row(value) -> date | None:
    """A day read by `read_rows`: PostgreSQL gives a date, SQLite the day's ISO text."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def insert_new(model: type, instances: list, *, batch: int = 5000) -> None:
    """Insert unsaved `instances` of `model` with one `executemany` a batch: the rows `bulk_create`
    would write (each value through the field's `pre_save` and `get_db_prep_save`; no signals, as
    with `bulk_create`), without the ORM building a statement of thousands of placeholders, most of
    a large import's time. A generated key (an auto-increment id) is left to the database and not
    set on the instances; a key given in Python (a UUID) is written as it is."""
    fill_councils(instances)  # the council's key from each record's parent (ADR 80)
    fields = [
        f for f in model._meta.concrete_fields if not (f.primary_key and getattr(f, "db_returning", False))
    ]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    with connection.cursor() as cursor:
        for start in range(0, len(instances), batch):
            cursor.executemany(
                sql,
                [
                    [f.get_db_prep_save(f.pre_save(obj, True), connection) for f in fields]
                    for obj in instances[start : start + batch]
                ],
            )
