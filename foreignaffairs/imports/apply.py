"""Writing a preview: every row it would create or update, in one transaction, or nothing.

Each record written is stamped as created or changed by the importing user, and its history row (django-simple-
history) names that user and the file ("Nhập từ tệp doi-tac.xlsx"), as the admin's own saves name the user. Before
writing, the records to update are locked and their versions compared with those the preview read: a record saved
by someone else since the preview is never overwritten with what they did not see (StalePlan; the page shows a new
preview instead).
"""

import zlib
from collections import defaultdict

from django.apps import apps
from django.db import connection, transaction
from django.db.models import Model, Q
from django.db.models.signals import post_save
from django.utils.translation import gettext as _

from foreignaffairs.admin.base import stamp
from foreignaffairs.concurrency import for_update
from foreignaffairs.imports.kinds import ImportKind
from foreignaffairs.imports.preview import CREATE, UPDATE, Plan, RowPlan
from foreignaffairs.search import related_text

BATCH = 500
# django-simple-history's history_change_reason column.
REASON_LENGTH = 100


class StalePlan(Exception):
    """A record the preview read has been saved by someone else since."""


def change_reason(file_name: str) -> str:
    return (_("Nhập từ tệp %(name)s") % {"name": file_name})[:REASON_LENGTH]


def one_import_at_a_time(kind: ImportKind) -> None:
    """Inside the caller's transaction, wait for any other import of `kind` to end. PostgreSQL: an advisory lock
    held until the transaction ends, keyed by the kind's model; SQLite lets one transaction write at a time."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [zlib.crc32(kind.model._meta.label.encode())])


def apply_plan(plan: Plan, user) -> dict[str, int]:
    reason = change_reason(plan.file_name)
    written = {CREATE: 0, UPDATE: 0}
    with transaction.atomic():
        _check_versions(plan)
        if plan.kind.prepare_bulk is not None:
            created = plan.of(CREATE)
            for start in range(0, len(created), BATCH):
                _create_batch(plan.kind, created[start : start + BATCH], user, reason)
            written[CREATE] = len(created)
        for row in plan.rows:
            if row.action not in written or (row.action == CREATE and plan.kind.prepare_bulk is not None):
                continue
            record = row.record
            stamp(record, user)
            record._history_user = user
            record._change_reason = reason
            record.save()
            for name, linked in row.links.items():
                # Through the relation's manager: the link signals keep the related search texts current.
                getattr(record, name).set(linked)
            written[row.action] += 1
        if plan.kind.after_write is not None:
            plan.kind.after_write([row for row in plan.rows if row.action in written], user, reason)
    return written


def _create_batch(kind: ImportKind, rows: list[RowPlan], user, reason: str) -> None:
    """New records of a batch, written as their save() and the link managers would leave them, in a number of
    queries per batch: the rows (bulk_create, which fills created/last_updated as save() does), their history rows
    (django-simple-history's bulk_history_create: the user, the reason, "+"), their link rows, and one UPDATE of
    their related search texts once the links are there (foreignaffairs.search.related_text.refresh). Each record's
    own search text and the fields its save() derives (the kind's prepare_bulk) are computed first. post_save is sent
    as loaddata sends it (raw): receivers keeping derived data (the overview's cached figures) hear of the write,
    django-simple-history does not write a second history row."""
    model = kind.model
    records = [row.record for row in rows]
    for record in records:
        stamp(record, user)
        record._history_user = user
        record._change_reason = reason
        if hasattr(record, "compute_search_text"):
            record.search_text = record.compute_search_text()
        kind.prepare_bulk(record)
    model._default_manager.bulk_create(records)
    history = getattr(model, "history", None)
    if history is not None:
        history.bulk_history_create(records, default_user=user, default_change_reason=reason)
    links: dict[str, list] = defaultdict(list)
    for row in rows:
        for name, linked in row.links.items():
            relation = model._meta.get_field(name)
            through = relation.remote_field.through
            source = through._meta.get_field(relation.m2m_field_name()).attname
            target = through._meta.get_field(relation.m2m_reverse_field_name()).attname
            links[name] += [through(**{source: row.record.pk, target: other.pk}) for other in linked]
    touched: dict[type[Model], set] = defaultdict(set)
    for name, link_rows in links.items():
        through = model._meta.get_field(name).remote_field.through
        through._default_manager.bulk_create(link_rows)
        # Whichever records read these links for their related text: the new ones, and any model at the other end.
        for path in _paths_through(through):
            touched[path.target] |= {getattr(link, path.link_field) for link in link_rows}
    pks = {record.pk for record in records}
    if related_text.paths_of(model):
        touched[model] |= pks
    for target, target_pks in touched.items():
        related_text.refresh(target, Q(pk__in=target_pks))
    for record in records:
        post_save.send(
            sender=model, instance=record, created=True, update_fields=None, raw=True, using=record._state.db
        )


def _paths_through(link: type[Model]) -> list:
    """The related-search paths whose texts these link rows make (an agreement's partners)."""
    return [path for model in apps.get_models() for path in related_text.paths_of(model) if path.link is link]


def _check_versions(plan: Plan) -> None:
    updates = {row.record.pk: row.loaded_version for row in plan.of(UPDATE) if row.loaded_version is not None}
    pks = list(updates)
    manager = plan.kind.model._default_manager
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        stored = dict(for_update(manager.filter(pk__in=batch)).values_list("pk", "last_updated"))
        if any(stored.get(pk) != updates[pk] for pk in batch):
            raise StalePlan
