"""Statistics that tell PostgreSQL's planner how two columns of a table go together (ADR 103).

PostgreSQL assumes a row's columns are independent: asked for a coordinator's records of one
council, it multiplies the share of the council's records by the share of the coordinator's,
and at 32 councils expects a thirty-second of the coordinator's records. A coordinator works for
one council, so one column decides the other. `CREATE STATISTICS ... (dependencies)` records that;
`ANALYZE` measures it. A migration adds them with `dependent_columns`; on SQLite, which plans without
such statistics, it does nothing."""

from django.db import migrations


def dependent_columns(name: str, table: str, columns: tuple[str, ...]) -> migrations.RunPython:
    """A migration operation: on PostgreSQL, statistics `name` on how `columns` of `table` depend
    on one another, measured at once; dropped when the migration is reversed."""

    def create(apps, schema_editor) -> None:
        if schema_editor.connection.vendor != "postgresql":
            return
        quote = schema_editor.quote_name
        schema_editor.execute(
            f"CREATE STATISTICS IF NOT EXISTS {quote(name)} (dependencies) "
            f"ON {', '.join(quote(c) for c in columns)} FROM {quote(table)}"
        )
        schema_editor.execute(f"ANALYZE {quote(table)}")

    def drop(apps, schema_editor) -> None:
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f"DROP STATISTICS IF EXISTS {schema_editor.quote_name(name)}")

    return migrations.RunPython(create, drop, elidable=False)
