"""Trigram indexes for the related search text, and for the projects' search text, on PostgreSQL.

Each word of a query is looked for in a record's own search text or in its related one (foreignaffairs.text_search):
PostgreSQL answers each of the two with its trigram index and ORs the bitmaps, so both columns need one. Projects
had none since they moved to their own app. Created after the backfill, so the index is built once, not row by row.
"""

from django.db import migrations

INDEXED_COLUMNS = (
    ("partners_partner", "related_search_text"),
    ("partners_person", "related_search_text"),
    ("agreements_agreement", "related_search_text"),
    ("delegations_delegation", "related_search_text"),
    ("projects_project", "search_text"),
    ("projects_project", "related_search_text"),
)


def _index_name(table, column):
    return f"{table}_{'related' if column.startswith('related') else 'search'}_trgm"


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in INDEXED_COLUMNS:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {_index_name(table, column)} ON {table} USING gin ({column} gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, column in INDEXED_COLUMNS:
        schema_editor.execute(f"DROP INDEX IF EXISTS {_index_name(table, column)}")


class Migration(migrations.Migration):
    dependencies = [
        ("foreignaffairs", "0003_trigram_search_indexes"),
        ("partners", "0005_related_search_text"),
        ("agreements", "0007_related_search_text"),
        ("delegations", "0003_related_search_text"),
        ("projects", "0002_related_search_text"),
    ]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
