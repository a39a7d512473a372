"""Writing a preview: every row it would create or update, in one transaction, or nothing.

Each record written is stamped as created or changed by the importing user, and its history row (django-simple-
history) names that user and the file ("Nhập từ tệp doi-tac.xlsx"), as the admin's own saves name the user. Before
writing, the records to update are locked and their versions compared with those the preview read: a record saved
by someone else since the preview is never overwritten with what they did not see (StalePlan; the page shows a new
preview instead).
"""

from django.db import transaction
from django.utils.translation import gettext as _

from foreignaffairs.admin.base import stamp
from foreignaffairs.concurrency import for_update
from foreignaffairs.imports.preview import CREATE, UPDATE, Plan

BATCH = 500
# django-simple-history's history_change_reason column.
REASON_LENGTH = 100


class StalePlan(Exception):
    """A record the preview read has been saved by someone else since."""


def change_reason(file_name: str) -> str:
    return (_("Nhập từ tệp %(name)s") % {"name": file_name})[:REASON_LENGTH]


def apply_plan(plan: Plan, user) -> dict[str, int]:
    reason = change_reason(plan.file_name)
    written = {CREATE: 0, UPDATE: 0}
    with transaction.atomic():
        _check_versions(plan)
        for row in plan.rows:
            if row.action not in written:
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


def _check_versions(plan: Plan) -> None:
    updates = {row.record.pk: row.loaded_version for row in plan.of(UPDATE) if row.loaded_version is not None}
    pks = list(updates)
    manager = plan.kind.model._default_manager
    for start in range(0, len(pks), BATCH):
        batch = pks[start : start + BATCH]
        stored = dict(for_update(manager.filter(pk__in=batch)).values_list("pk", "last_updated"))
        if any(stored.get(pk) != updates[pk] for pk in batch):
            raise StalePlan
