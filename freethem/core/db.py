"""A model row stored by one statement that also settles a race with a twin.

`Model.save()` in a savepoint, with a lookup first, takes four round trips and most of a
millisecond of ORM work; a viral sign form does it for every signature. Here the values are
prepared first (encryption included, outside any transaction) and stored with one
INSERT ... ON CONFLICT (...) DO NOTHING RETURNING, which SQLite (3.35+) and PostgreSQL both
run atomically: the new row's key, or None when a row with the same unique fields exists.
"""

from collections.abc import Sequence
from typing import Any

from django.db import connection
from django.db.models import Model


def prepared_values(instance: Model) -> dict[str, Any]:
    """The instance's column values as the database takes them (defaults applied, encrypted
    fields encrypted), by field name; its automatic primary key left out."""
    meta = instance._meta
    values = {}
    for model_field in meta.concrete_fields:
        if model_field is meta.pk:
            continue
        value = model_field.pre_save(instance, add=True)
        values[model_field.name] = model_field.get_db_prep_save(value, connection)
    return values


def set_prepared(values: dict[str, Any], instance: Model, *names: str) -> None:
    """Prepare these fields of instance again (they changed after prepared_values)."""
    for name in names:
        model_field = instance._meta.get_field(name)
        values[name] = model_field.get_db_prep_save(
            getattr(instance, model_field.attname), connection
        )


def insert_unless_exists(
    model: type[Model], values: dict[str, Any], *, unique: Sequence[str]
) -> int | None:
    """Insert one row of model with these prepared values, unless a row with the same values
    in `unique` (the fields of a unique constraint) exists. The new primary key, or None."""
    meta = model._meta
    quote = connection.ops.quote_name
    columns = [quote(meta.get_field(name).column) for name in values]
    conflict = ", ".join(quote(meta.get_field(name).column) for name in unique)
    placeholders = ", ".join(["%s"] * len(columns))
    # Names come from the model and values are parameters: nothing from outside reaches the SQL.
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(columns)}) "  # noqa: S608
        f"VALUES ({placeholders}) ON CONFLICT ({conflict}) DO NOTHING "
        f"RETURNING {quote(meta.pk.column)}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, list(values.values()))
        row = cursor.fetchone()
    return None if row is None else row[0]
