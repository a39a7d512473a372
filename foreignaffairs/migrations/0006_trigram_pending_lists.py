"""Room for a large rename in the trigram indexes' pending lists, and an ANALYZE soon after one (PostgreSQL).

Renaming a partner rewrites the related search text of every record linking it (foreignaffairs.search.related_text):
for a partner on 5,000 agreements, 5,000 new row versions, each adding its trigrams to both of the agreements'
trigram indexes. GIN first appends them to a pending list; past `gin_pending_list_limit` (4 MB by default) the
statement itself stops to merge the list into the index, several times over for 5,000 rows: about a third of the
rename's time. At 32 MB the rename leaves the merge to the next VACUUM or ANALYZE (0.85–1.0 s → 0.6 s at scale 10).

Meanwhile every search of that table also reads the pending list: a rare name took 2 ms with it empty and 87 ms with
three such renames in it. So autoanalyze, which merges pending lists, comes after 2% of a searchable table's rows
changed instead of 10%: within a minute of a large rename, at the next autovacuum round, searches are fast again.
"""

from django.db import migrations

TRIGRAM_INDEXES = {
    "partners_partner": ("partners_partner_search_trgm", "partners_partner_related_trgm"),
    "partners_person": ("partners_person_search_trgm", "partners_person_related_trgm"),
    "partners_hueunit": ("partners_hueunit_search_trgm",),
    "agreements_agreement": ("agreements_agreement_search_trgm", "agreements_agreement_related_trgm"),
    "delegations_delegation": ("delegations_delegation_search_trgm", "delegations_delegation_related_trgm"),
    "projects_project": ("projects_project_search_trgm", "projects_project_related_trgm"),
}
PENDING_LIST_KB = 32 * 1024
ANALYZE_SCALE_FACTOR = 0.02


def widen(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, indexes in TRIGRAM_INDEXES.items():
        for index in indexes:
            schema_editor.execute(f"ALTER INDEX IF EXISTS {index} SET (gin_pending_list_limit = {PENDING_LIST_KB})")
        schema_editor.execute(f"ALTER TABLE {table} SET (autovacuum_analyze_scale_factor = {ANALYZE_SCALE_FACTOR})")


def narrow(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table, indexes in TRIGRAM_INDEXES.items():
        for index in indexes:
            schema_editor.execute(f"ALTER INDEX IF EXISTS {index} RESET (gin_pending_list_limit)")
        schema_editor.execute(f"ALTER TABLE {table} RESET (autovacuum_analyze_scale_factor)")


class Migration(migrations.Migration):
    dependencies = [("foreignaffairs", "0005_calendar_feed_tokens")]

    operations = [migrations.RunPython(widen, narrow)]
