"""Filling the search columns of rows written around save(): by a migration, or by the synthetic data's COPY.

A migration hands in its own (historical) models and the fields and paths as they stood when it was written, so
what it writes does not change when a model's declaration does later.
"""

from collections.abc import Sequence

from django.db import connection, models

from foreignaffairs.search.related_text import RELATED_FIELD, related_text_expression, resolve
from foreignaffairs.text_search import build_search_text

BATCH_ROWS = 2000


def refold_own_text(model: type[models.Model], fields: Sequence[str]) -> int:
    """Fold `fields` into `search_text` again, as save() would, on every row whose text differs; how many did."""
    changed: list[models.Model] = []
    count = 0
    rows = model._default_manager.order_by().only("pk", "search_text", *fields).iterator(chunk_size=BATCH_ROWS)
    for row in rows:
        text = build_search_text(str(getattr(row, name) or "") for name in fields)
        if text != row.search_text:
            row.search_text = text
            changed.append(row)
        if len(changed) == BATCH_ROWS:
            count += model._default_manager.bulk_update(changed, ["search_text"])
            changed = []
    return count + (model._default_manager.bulk_update(changed, ["search_text"]) if changed else 0)


def fill_related_text(model: type[models.Model], paths: Sequence[str], rows: models.Q | None = None) -> int:
    """Compute `related_search_text` of the rows (all, or those meeting `rows`) in one set-based UPDATE."""
    reached = [resolve(model, path) for path in paths]
    analyze(model, *(path.link or path.source for path in reached))
    queryset = model._default_manager.all() if rows is None else model._default_manager.filter(rows)
    return queryset.update(**{RELATED_FIELD: related_text_expression(model, paths)})


def analyze(*model_classes: type[models.Model]) -> None:
    """Fresh planner statistics for the tables (PostgreSQL). A table just loaded or restored has none, and the
    correlated subquery per row may then be planned as a scan of a million link rows per row."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for table in sorted({model._meta.db_table for model in model_classes}):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
