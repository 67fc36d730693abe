"""Bulk inserts for the import, with their audit-history records.

An import writes ~250 rows per article. Django's `bulk_create` spends most of
its time compiling the statement (per-value expression checks); the rows here
are plain values, so `insert_rows` converts each value with the field's own
`get_db_prep_save` and sends one multi-row `INSERT ... RETURNING id`.

simple_history's bulk helper would rebuild every row in Python a second time;
the rows are already in the table, so the database copies them into the
history table with one `INSERT ... SELECT` per model and article: the same
`+` records, a fraction of the work.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Any, TypeVar

from django.db import connection, models
from django.utils import timezone

HISTORY_COLUMNS = ("history_date", "history_change_reason", "history_type", "history_user_id")
CHUNK = 500
M = TypeVar("M", bound=models.Model)


@cache
def history_model(model: type[models.Model]) -> type[models.Model]:
    """The historical model (simple_history builds a new manager on every `.history` access)."""
    return model.history.model  # type: ignore[attr-defined,no-any-return]


def record_creation(model: type[models.Model], ids: Sequence[int], reason: str) -> None:
    """Write the `+` history records of freshly inserted rows of `model`."""
    if not ids:
        return
    history = history_model(model)
    fields = history._meta.concrete_fields
    tracked = [field.column for field in fields if not field.name.startswith("history_")]
    extra = {field.column for field in fields if field.name.startswith("history_")} - {"history_id", *HISTORY_COLUMNS}
    if extra:
        raise NotImplementedError(f"unexpected history columns {sorted(extra)} on {history.__name__}")
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in tracked)
    date_field = history._meta.get_field("history_date")
    assert isinstance(date_field, models.DateTimeField)
    date = date_field.get_db_prep_save(timezone.now(), connection)
    for start in range(0, len(ids), CHUNK):
        chunk = list(ids[start : start + CHUNK])
        sql = (
            f"INSERT INTO {quote(history._meta.db_table)} ({columns}, {', '.join(HISTORY_COLUMNS)}) "
            f"SELECT {columns}, %s, %s, %s, NULL FROM {quote(model._meta.db_table)} "
            f"WHERE {quote(model._meta.pk.column)} IN ({', '.join(['%s'] * len(chunk))})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [date, reason, "+", *chunk])


PLAIN_FIELDS = (models.CharField, models.TextField, models.IntegerField, models.FloatField, models.BooleanField)


@cache
def insert_fields(model: type[models.Model]) -> list[tuple[models.Field, bool]]:  # type: ignore[type-arg]
    """(field, plain): plain fields send their Python value as is."""
    fields = []
    for field in model._meta.concrete_fields:
        if not field.primary_key:
            plain = isinstance(field, PLAIN_FIELDS) or (field.is_relation and not field.many_to_many)
            fields.append((field, plain))
    return fields


def db_value(field: models.Field, plain: bool, obj: models.Model) -> Any:  # type: ignore[type-arg]
    if plain:
        return getattr(obj, field.attname)
    return field.get_db_prep_save(field.pre_save(obj, True), connection)


def insert_rows(objs: list[M], model: type[M]) -> list[M]:
    """Insert unsaved instances and set their primary keys (one statement per chunk)."""
    if not connection.features.can_return_rows_from_bulk_insert:
        return model._default_manager.bulk_create(objs)
    fields = insert_fields(model)
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field, _ in fields)
    row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    size = max(1, min(CHUNK, 30000 // max(1, len(fields))))
    for start in range(0, len(objs), size):
        chunk = objs[start : start + size]
        params = [db_value(field, plain, obj) for obj in chunk for field, plain in fields]
        sql = (
            f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {', '.join([row] * len(chunk))} "
            f"RETURNING {quote(model._meta.pk.column)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            ids = [found[0] for found in cursor.fetchall()]
        for obj, pk in zip(chunk, ids, strict=True):
            obj.pk = pk
            obj._state.adding = False
            obj._state.db = connection.alias
    return objs


def bulk_create_with_history(objs: list[M], model: type[M], reason: str) -> list[M]:
    """Insert the rows, then have the database copy them into the history table."""
    created = insert_rows(objs, model)
    record_creation(model, [obj.pk for obj in created], reason)
    return created
