"""Insert many rows fast: PostgreSQL's COPY, or one executemany elsewhere. For generated data, not for edits.

Model instances and bulk_create cost most of the time when millions of rows are generated; this writes plain
tuples instead. Every concrete column gets a value: the one given, else the field's default (auto_now fields get
"now"), so the database's NOT NULL columns are always filled as Django would fill them.
"""

from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import DEFAULT_DB_ALIAS, connections, models
from django.utils import timezone

# Values of these field classes go to the driver as they are; anything else (dates, partial dates) is prepared by
# the field. Exact classes only: PartialDateField is a CharField whose values need preparing.
_PASS_THROUGH = {
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


def insert_rows(model, rows: Iterable[dict], batch_size: int = 10000) -> int:
    """Insert `rows` (dicts of field name -> value) into `model`'s table; return how many went in."""
    # The real connection, not the thread-local proxy: millions of attribute look-ups add up.
    connection = connections[DEFAULT_DB_ALIAS]
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    prepare = [None if type(field) in _PASS_THROUGH else field for field in fields]
    now = timezone.now()
    defaults = {}
    for field in fields:
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            defaults[field.attname] = now
        elif field.has_default():
            defaults[field.attname] = field.get_default()
        elif field.null:
            defaults[field.attname] = None
        else:
            defaults[field.attname] = ""
    table = connection.ops.quote_name(model._meta.db_table)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)

    attnames = [field.attname for field in fields]
    fallback = [defaults[name] for name in attnames]

    def tuples() -> Iterator[tuple]:
        for row in rows:
            values = []
            for name, field, default in zip(attnames, prepare, fallback, strict=True):
                if name not in row:
                    values.append(default)
                elif field is None or row[name] is None:
                    values.append(row[name])
                else:
                    values.append(field.get_db_prep_save(row[name], connection))
            yield tuple(values)

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
