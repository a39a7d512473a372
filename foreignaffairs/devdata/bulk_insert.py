"""Insert many rows fast: PostgreSQL's COPY, or one executemany elsewhere. For generated data, not for edits.

Model instances and bulk_create cost most of the time when millions of rows are generated; this writes plain
tuples instead. Every concrete column gets a value: the one given, else the field's default (auto_now fields get
"now"), so the database's NOT NULL columns are always filled as Django would fill them.

`bulk_load()` follows PostgreSQL's advice for populating a database: drop the loaded tables' secondary indexes and
foreign keys, load, then create them again. Building an index once over all rows, and checking a foreign key with
one join when it is added back, is many times faster than maintaining both row by row (Django's foreign keys are
checked at commit, a trigger call per row).
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import islice

from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

# Values of these field classes go to the driver as they are; anything else (dates, partial dates) is prepared by
# the field. Exact classes only: PartialDateField is a CharField whose values need preparing.
_PASS_THROUGH = {
    models.AutoField,
    models.BigAutoField,
    models.CharField,
    models.TextField,
    models.SlugField,
    models.BooleanField,
    models.IntegerField,
    models.PositiveIntegerField,
    models.PositiveSmallIntegerField,
    models.PositiveBigIntegerField,
    models.BigIntegerField,
    models.ForeignKey,
}


def _column_default(field: models.Field) -> object:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return timezone.now()
    if field.has_default():
        return field.get_default()
    return None if field.null else ""


def insert_rows(
    model: type[models.Model], rows: Iterable[dict[str, object]], batch_size: int, with_pk: bool = False
) -> int:
    """Insert `rows` (dicts of field name -> value) into `model`'s table; return how many went in.

    With `with_pk`, every row carries its primary key ("id"); call reset_sequences() after the last insert.
    """
    # The real connection, not the thread-local proxy: millions of attribute look-ups add up.
    connection = connections[DEFAULT_DB_ALIAS]
    fields = [field for field in model._meta.concrete_fields if with_pk or not field.primary_key]
    attnames = [field.attname for field in fields]
    fallback = [_column_default(field) for field in fields]
    prepared = [(index, field) for index, field in enumerate(fields) if type(field) not in _PASS_THROUGH]
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)

    def tuples() -> Iterator[list[object]]:
        for row in rows:
            values = [row.get(name, default) for name, default in zip(attnames, fallback, strict=True)]
            for index, field in prepared:
                if values[index] is not None:
                    values[index] = field.get_db_prep_save(values[index], connection)
            yield values

    count = 0
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # noqa: S608 (names from _meta)
                for values in tuples():
                    copy.write_row(values)
                    count += 1
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608 (names from _meta)
            source = tuples()
            while batch := list(islice(source, batch_size)):
                cursor.executemany(sql, batch)
                count += len(batch)
    return count


def reset_sequences(*model_classes: type[models.Model]) -> None:
    """Move the id sequences past ids inserted explicitly (PostgreSQL; SQLite follows the largest id itself)."""
    connection = connections[DEFAULT_DB_ALIAS]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), list(model_classes)):
            cursor.execute(statement)


_FOREIGN_KEYS = """
    SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
    FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[])
"""
# Secondary indexes: not the primary key, nor an index behind a table constraint. A unique index declared as a
# Django UniqueConstraint with a condition is a plain index here, so it is set aside too and checked when rebuilt.
_SECONDARY_INDEXES = """
    SELECT indexrelid::regclass::text, pg_get_indexdef(indexrelid)
    FROM pg_index AS i WHERE indrelid = ANY(%s::regclass[]) AND NOT indisprimary AND NOT EXISTS (
        SELECT 1 FROM pg_constraint AS c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid
    )
"""


@contextmanager
def bulk_load(*model_classes: type[models.Model]) -> Iterator[None]:
    """Load rows into the tables of `model_classes` with their secondary indexes and foreign keys set aside.

    Inside a transaction only, so that a failure leaves the indexes and constraints as they were. The loaded tables,
    and those their foreign keys point to (users, countries, units), are locked until it commits: this is for a
    benchmark database, not a live one. Elsewhere than PostgreSQL it does nothing.
    """
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.vendor != "postgresql":
        yield
        return
    if not connection.in_atomic_block:
        raise RuntimeError("bulk_load() must run inside transaction.atomic(): a failure would leave indexes dropped.")
    tables = sorted({model._meta.db_table for model in model_classes})
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(_FOREIGN_KEYS, [tables])
        foreign_keys = cursor.fetchall()
        cursor.execute(_SECONDARY_INDEXES, [tables])
        indexes = cursor.fetchall()
        # A table with foreign-key checks still queued in this transaction cannot be altered: run them now.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, name, _definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
    yield
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in foreign_keys:
            cursor.execute(f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition}")
        # Django declares its foreign keys DEFERRABLE INITIALLY DEFERRED: back to that for the rest of the transaction.
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
