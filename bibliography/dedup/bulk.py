"""Set-based writes for the automatic merges: row updates and their history records.

An import merges a handful of new works per article. Loading every moved row
into Python to save it (and to build its history record) costs more than the
rest of dedup together, so the rows are updated with one `UPDATE ... CASE`
per column set and the database copies the changed rows into the history
table with one `INSERT ... SELECT`, with the reason of each row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from django.db import connection, models
from django.utils import timezone

HISTORY_COLUMNS = ("history_date", "history_change_reason", "history_type", "history_user_id")
CHUNK = 400


@cache
def history_model(model: type[models.Model]) -> type[models.Model]:
    """The historical model (simple_history builds a new manager on every `.history` access)."""
    return model.history.model  # type: ignore[attr-defined,no-any-return]


@cache
def tracked_columns(model: type[models.Model]) -> list[str]:
    """The columns a history record copies from its row."""
    history = history_model(model)
    fields = history._meta.concrete_fields
    extra = {f.column for f in fields if f.name.startswith("history_")} - {"history_id", *HISTORY_COLUMNS}
    if extra:
        raise NotImplementedError(f"unexpected history columns {sorted(extra)} on {history.__name__}")
    return [field.column for field in fields if not field.name.startswith("history_")]


def case(column: str, values: Sequence[tuple[Any, Any]]) -> tuple[str, list[Any]]:
    """`CASE column WHEN %s THEN %s ... END` and its parameters."""
    sql = "CASE " + connection.ops.quote_name(column) + " WHEN %s THEN %s" * len(values) + " END"
    return sql, [value for pair in values for value in pair]


def history_insert(model: type[models.Model], history_values: str) -> str:
    """`INSERT INTO <history> ... SELECT <tracked columns>, <history_values> FROM <table> WHERE <pk>`.

    The caller appends the condition on the primary key; `history_values`
    fills HISTORY_COLUMNS, in order. The database copies the rows as they
    are now: nothing is loaded into Python.
    """
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in tracked_columns(model))
    return (
        f"INSERT INTO {quote(history_model(model)._meta.db_table)} ({columns}, {', '.join(HISTORY_COLUMNS)}) "
        f"SELECT {columns}, {history_values} FROM {quote(model._meta.db_table)} WHERE {quote(model._meta.pk.column)}"
    )


def history_now(model: type[models.Model]) -> Any:
    """The current time as the history table's date column stores it."""
    date_field = history_model(model)._meta.get_field("history_date")
    assert isinstance(date_field, models.DateTimeField)
    return date_field.get_db_prep_save(timezone.now(), connection)


def record_changes(model: type[models.Model], reasons: Mapping[int, str], user: Any = None, kind: str = "~") -> None:
    """Copy the current state of these rows into the history table, each with its reason."""
    if not reasons:
        return
    date = history_now(model)
    pk = model._meta.pk
    assert pk is not None
    items = sorted(reasons.items())
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        reason_sql, reason_params = case(pk.column, [(key, reason[:100]) for key, reason in chunk])
        sql = history_insert(model, f"%s, {reason_sql}, %s, %s") + f" IN ({', '.join(['%s'] * len(chunk))})"
        with connection.cursor() as cursor:
            cursor.execute(sql, [date, *reason_params, kind, getattr(user, "pk", None), *(key for key, _ in chunk)])


def update_where(model: type[models.Model], key: str, target: str, values: Mapping[Any, Any], **fixed: Any) -> None:
    """Set `target` to `values[row.key]` on the rows whose `key` is among `values`, and `fixed` columns alike."""
    if not values:
        return
    quote = connection.ops.quote_name
    items = sorted(values.items())
    for start in range(0, len(items), CHUNK):
        chunk = items[start : start + CHUNK]
        value_sql, params = case(key, chunk)
        assignments = [f"{quote(target)} = {value_sql}"]
        for name, value in fixed.items():
            field = model._meta.get_field(name)
            assert isinstance(field, models.Field)
            assignments.append(f"{quote(field.column)} = %s")
            params.append(field.get_db_prep_save(value, connection))
        sql = (
            f"UPDATE {quote(model._meta.db_table)} SET {', '.join(assignments)} "
            f"WHERE {quote(key)} IN ({', '.join(['%s'] * len(chunk))})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, *(old for old, _ in chunk)])
