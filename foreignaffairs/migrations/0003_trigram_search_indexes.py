"""Trigram indexes for the folded search text, on PostgreSQL.

Search is a substring test on `search_text` (foreignaffairs.text_search), which a b-tree cannot serve; at national
scale a scan of 100,000 agreements per keystroke is too slow. pg_trgm's GIN indexes serve `LIKE '%…%'` directly.
SQLite has no such index and needs none at the size it is used for. Creating the extension needs a role allowed
to (the default `postgres` is); the README says so.
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

SEARCHED_TABLES = (
    "partners_partner",
    "partners_person",
    "partners_hueunit",
    "agreements_agreement",
    "delegations_delegation",
)


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in SEARCHED_TABLES:
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {table}_search_trgm ON {table} USING gin (search_text gin_trgm_ops)"
        )


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in SEARCHED_TABLES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {table}_search_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("foreignaffairs", "0002_api_tokens_and_reminder_digests"),
        ("partners", "0002_iso_countries"),
        ("agreements", "0002_projects"),
        ("delegations", "0001_initial"),
    ]

    operations = [TrigramExtension(), migrations.RunPython(create_indexes, drop_indexes)]
