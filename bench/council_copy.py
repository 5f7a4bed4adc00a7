"""Copies one council's records into new councils in SQL, for the national bench (ADR 0077):
for every table whose rows belong to a council, one INSERT ... SELECT of the source council's
rows with new keys. Which rows belong to a council is found from the models: the shortest chain of
foreign keys from the table to organisations.LocalAuthority (a council key column, when a table
has one, is such a chain of length one). Tables with no such chain (shared reference data) are not
copied, and copied rows keep pointing at them.

New keys: a UUID key becomes md5(copy number || old key) as a UUID, the same function in every
table, so foreign keys follow; an integer key becomes old key + copy number × the table's stride
(its largest key before any copy, kept in bench_national_stride so a stopped run can go on).
A column naming the council (any foreign key to LocalAuthority) takes the new council's key:
`column_value` is the one place that decides what each copied column becomes. Unique text
columns get "-<copy number>" appended. Foreign keys are checked at commit (Django creates them
DEFERRABLE INITIALLY DEFERRED), so tables are copied in any order inside one transaction a council."""

from collections import deque

from django.apps import apps
from django.db import connection, models, transaction

from tellonce.organisations.models import LocalAuthority

STRIDES = "bench_national_stride"


def _concrete_models():
    return [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and m._meta.db_table != STRIDES
    ]


def _fks(model):
    return [f for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)]


def ownership() -> dict[type, list]:
    """For each model owned by a council, the chain of foreign keys to LocalAuthority: the
    shortest through keys that cannot be empty, else the shortest through any."""
    chains: dict[type, list] = {LocalAuthority: []}
    every = _concrete_models()
    for allow_null in (False, True):
        queue = deque(chains)
        while queue:
            target = queue.popleft()
            for model in every:
                if model in chains:
                    continue
                links = [f for f in _fks(model) if f.related_model is target and (allow_null or not f.null)]
                if links:
                    chains[model] = [links[0], *chains[target]]
                    queue.append(model)
    del chains[LocalAuthority]
    return chains


def _unique_text(model) -> set[str]:
    """Text columns that must stay unique: alone, or in a unique set with no key that is renewed."""
    owned = set(ownership_cache())
    names = set()
    groups = [[f.name] for f in model._meta.concrete_fields if f.unique and not f.primary_key]
    groups += [list(g) for g in model._meta.unique_together]
    groups += [list(c.fields) for c in model._meta.constraints if isinstance(c, models.UniqueConstraint)]
    for group in groups:
        fields = [model._meta.get_field(name) for name in group]
        renewed = any(
            isinstance(f, models.ForeignKey)
            and (f.related_model in owned or f.related_model is LocalAuthority)
            for f in fields
        )
        if not renewed:
            names |= {f.column for f in fields if isinstance(f, (models.CharField, models.TextField))}
    return names


_CHAINS: dict = {}


def ownership_cache() -> dict:
    if not _CHAINS:
        _CHAINS.update(ownership())
    return _CHAINS


def strides() -> dict[str, int]:
    """Each integer-keyed owned table's stride, worked out once and kept in the database."""
    with connection.cursor() as cursor:
        cursor.execute(f"CREATE TABLE IF NOT EXISTS {STRIDES} (tbl text PRIMARY KEY, stride bigint)")
        cursor.execute(f"SELECT tbl, stride FROM {STRIDES}")
        kept = dict(cursor.fetchall())
        for model in [*ownership_cache(), LocalAuthority]:
            table = model._meta.db_table
            if table in kept or not isinstance(model._meta.pk, (models.AutoField, models.BigAutoField)):
                continue
            cursor.execute(f'SELECT coalesce(max("{model._meta.pk.column}"), 0) + 1 FROM "{table}"')
            kept[table] = cursor.fetchone()[0]
            cursor.execute(f"INSERT INTO {STRIDES} VALUES (%s, %s)", [table, kept[table]])
    return kept


def _new_key(model, expression: str, copy: int, stride: dict[str, int]) -> str:
    pk = model._meta.pk
    if isinstance(pk, models.UUIDField):
        return f"md5('{copy}:' || ({expression})::text)::uuid"
    if model._meta.db_table in stride:
        return f"({expression}) + {copy} * {stride[model._meta.db_table]}"
    return expression


def column_value(model, field, copy: int, council: int, stride: dict[str, int]) -> str:
    """What a copied row's column becomes: the one place to change when columns are added."""
    column = f't0."{field.column}"'
    if field.primary_key and model in ownership_cache() and not isinstance(field, models.ForeignKey):
        return _new_key(model, column, copy, stride)
    if isinstance(field, models.ForeignKey):  # a key that is also the primary key follows its target
        target = field.related_model
        kept = "NULL" if field.unique and field.null else column  # a one-to-one to a row not copied
        if target is LocalAuthority:
            return str(council)  # a council key: the new council
        if target in ownership_cache():
            chain = ownership_cache()[target]
            if not any(link.null for link in chain):
                return _new_key(target, column, copy, stride)
            # Not every row of the target belongs to a council (a chain through an empty key):
            # renewed only when the row pointed at is the source council's, so copied too.
            joins, council_column = _from_clause(target, chain, alias="s")
            return (
                f'CASE WHEN {column} IN (SELECT s0."{target._meta.pk.column}" FROM {joins} '
                f"WHERE {council_column} = %(source)s) THEN {_new_key(target, column, copy, stride)} "
                f"ELSE {kept} END"
            )
        return kept  # shared reference data
    if field.column in _unique_text(model):
        pk = model._meta.pk
        row_key = (
            _new_key(model, f't0."{pk.column}"', copy, stride)
            if model._meta.db_table in stride and not isinstance(pk, models.UUIDField)
            else None
        )
        return _renamed(column, copy, field.max_length, row_key)
    return column


def _renamed(column: str, copy: int, width: int | None, row_key: str | None) -> str:
    """A unique text made different for each copy, within the column's width (blank stays blank).
    Where "-<copy>" does not fit (a six-character URN), the text becomes "z" and the row's new
    integer key in hex, which no two rows share and no real value starts with; without an
    integer key, the start of an md5, which may collide when many councils are copied."""
    if width is None:
        return f"CASE WHEN {column} = '' THEN {column} ELSE {column} || '-{copy}' END"
    short = (
        f"'z' || lpad(to_hex({row_key}), {width - 1}, '0')"
        if row_key is not None
        else f"left(md5('{copy}:' || {column}), {width})"
    )
    return (
        f"CASE WHEN {column} = '' THEN {column} "
        f"WHEN length({column}) + {len(str(copy)) + 1} <= {width} THEN {column} || '-{copy}' "
        f"ELSE {short} END"
    )


def _from_clause(model, chain, alias: str = "t") -> tuple[str, str]:
    """FROM ... JOIN ... up the chain, and the column naming the council."""
    parts, last = [f'"{model._meta.db_table}" {alias}0'], f"{alias}0"
    for n, link in enumerate(chain[:-1], start=1):
        target = link.related_model
        parts.append(
            f'JOIN "{target._meta.db_table}" {alias}{n} ON {alias}{n}."{link.target_field.column}" = {last}."{link.column}"'
        )
        last = f"{alias}{n}"
    return " ".join(parts), f'{last}."{chain[-1].column}"'


def new_council(source: LocalAuthority, copy: int) -> int:
    """A copy of the source council's row, with a new key, code and name."""
    fields = [f for f in LocalAuthority._meta.concrete_fields]
    stride = strides()
    values = []
    for f in fields:
        column = f't0."{f.column}"'
        if f.primary_key:
            values.append(_new_key(LocalAuthority, column, copy, stride))
        elif f.unique or f.name in ("name", "code"):
            if isinstance(f, (models.CharField, models.TextField)):
                width = f.max_length or 60
                values.append(
                    f"right({column} || '{copy:03d}', {width})" if width < 10 else f"{column} || ' {copy}'"
                )
            else:
                values.append(column)
        else:
            values.append(column)
    with connection.cursor() as cursor:
        cursor.execute(
            f'INSERT INTO "{LocalAuthority._meta.db_table}" ({", ".join(chr(34) + f.column + chr(34) for f in fields)}) '
            f'SELECT {", ".join(values)} FROM "{LocalAuthority._meta.db_table}" t0 WHERE t0."id" = %s RETURNING "id"',
            [source.pk],
        )
        return cursor.fetchone()[0]


def copy_council(source: LocalAuthority, copy: int, say=print) -> int:
    """Copies every owned table's rows of `source` as council number `copy`; returns rows written."""
    stride = strides()
    written = 0
    with transaction.atomic():
        council = new_council(source, copy)
        for model, chain in ownership_cache().items():
            fields = model._meta.concrete_fields
            columns = ", ".join(f'"{f.column}"' for f in fields)
            values = ", ".join(column_value(model, f, copy, council, stride) for f in fields)
            joins, council_column = _from_clause(model, chain)
            with connection.cursor() as cursor:
                cursor.execute(
                    f'INSERT INTO "{model._meta.db_table}" ({columns}) SELECT {values} FROM {joins} '
                    f"WHERE {council_column} = %(source)s",
                    {"source": source.pk},
                )
                written += cursor.rowcount
    return written


def reset_sequences() -> None:
    with connection.cursor() as cursor:
        for model in [*ownership_cache(), LocalAuthority]:
            pk = model._meta.pk
            if isinstance(pk, (models.AutoField, models.BigAutoField)):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk.column}'), "
                    f'coalesce(max("{pk.column}"), 1)) FROM "{table}"'
                )
