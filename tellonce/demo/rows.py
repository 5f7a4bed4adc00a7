"""Writing many demo rows quickly: one `executemany` a batch, with each column converted once by its
type, rather than the ORM's `bulk_create`, which spends most of a large demo's time building SQL
(the plans step found the same for section rows). For demo data only: no signals, no validation."""

import uuid
from collections.abc import Iterable, Iterator, Mapping, MutableMapping

from django.db import connection, models
from django.utils import timezone

from tellonce.core.council_key import fill_council_rows

BATCH = 10_000


def _converter(field: models.Field):
    """How one column's Python value becomes a parameter the database driver accepts."""
    target = field.target_field if field.is_relation else field
    native_uuid = connection.features.has_native_uuid_field
    if isinstance(target, models.UUIDField) and not native_uuid:
        return lambda value: None if value is None else value.hex
    if isinstance(target, models.DateTimeField):
        return lambda value: target.get_db_prep_save(value, connection)
    if isinstance(target, models.DateField) and connection.vendor == "sqlite":
        return lambda value: None if value is None else value.isoformat()
    if isinstance(target, models.JSONField):
        return lambda value: target.get_db_prep_save(value, connection)
    return None


def _default(field: models.Field, now):
    """What saving through the ORM would have set: now for timestamps, else the field's default
    (an empty string for a blank text field, None for a nullable one)."""
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()


def _chunks(rows: Iterable[Mapping]) -> Iterator[list[MutableMapping]]:
    chunk: list[MutableMapping] = []
    for row in rows:
        chunk.append(row if isinstance(row, MutableMapping) else dict(row))
        if len(chunk) == BATCH:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def insert_rows(model: type[models.Model], rows: Iterable[Mapping]) -> int:
    """Insert `rows` (dicts by attribute name, e.g. `plan_id`) into `model`'s table. A missing
    column takes its default; a UUID primary key must be given (seeded, so the demo repeats); a
    missing council's key is looked up from the row's parent."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if not (f.primary_key and isinstance(f, models.AutoField | models.BigAutoField))
    ]
    now, pk = timezone.now(), model._meta.pk.attname
    converters = [(f.attname, _converter(f)) for f in fields]
    defaults = {}
    for field, (name, convert) in zip(fields, converters, strict=True):
        value = _default(field, now)
        defaults[name] = convert(value) if convert and value is not None else value
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({', '.join(['%s'] * len(fields))})"
    )
    written = 0
    with connection.cursor() as cursor:
        for chunk in _chunks(rows):
            fill_council_rows(model, chunk)  # the council's key from each row's parent (ADR 80)
            batch = []
            for row in chunk:
                values = []
                for name, convert in converters:
                    if name not in row and name != pk:
                        values.append(defaults[name])
                        continue
                    value = row[name]
                    values.append(convert(value) if convert and value is not None else value)
                batch.append(values)
            cursor.executemany(sql, batch)
            written += len(batch)
    return written


def update_column(model: type[models.Model], column: str, values: Mapping[uuid.UUID, object]) -> None:
    """Set one column on many rows by primary key."""
    field = model._meta.get_field(column)
    convert = _converter(field)
    pk_convert = _converter(model._meta.pk)
    quote = connection.ops.quote_name
    sql = (
        f"UPDATE {quote(model._meta.db_table)} SET {quote(field.column)} = %s "
        f"WHERE {quote(model._meta.pk.column)} = %s"
    )
    params = [
        (
            convert(value) if convert and value is not None else value,
            pk_convert(pk) if pk_convert else pk,
        )
        for pk, value in values.items()
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
