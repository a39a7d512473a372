"""No lost updates: a form remembers when the record was last changed, and refuses to overwrite a newer version.

Two officers open the same agreement; the first saves; the second's save would silently undo the first's
change. Every admin form and inline form for a TrackedModel carries the record's `last_updated` as it was when
the form was rendered, and `clean()` compares it with the database.

The check and the write are one step: `clean()` reads the version with the row locked (`for_update`), inside the
transaction that then saves the record, so a second save of the same record at the same instant waits for the
first to commit, then reads the version the first wrote and is refused. A form that edits a tracked record is
therefore validated and saved inside one `transaction.atomic()` (the admin's change view is one); validated
outside a transaction it refuses to run. Everything else that writes a tracked record under a check of its own
(the agreement's lifecycle, the review workflow) locks the same row with the same clause, so they queue behind a
form's save and it behind them. Why a lock and not a conditional UPDATE, and what holds on SQLite: README
(Production, concurrent saves).
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db import connections, router
from django.db.models import Model, QuerySet
from django.db.transaction import TransactionManagementError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STALE_EDIT_MESSAGE = _(
    "Bản ghi này đã được %(user)s sửa lúc %(when)s, sau khi anh/chị mở nó. Thay đổi của anh/chị chưa được lưu. "
    "Hãy mở lại bản ghi để xem nội dung mới nhất rồi sửa lại."
)


# The hidden field that carries the version the form was rendered from (foreignaffairs.admin.base renders it on
# every page).
GUARD_FIELD = "loaded_last_updated"


def for_update(queryset: QuerySet) -> QuerySet:
    """`queryset` locking the rows it reads until the end of the current transaction, where the database has row
    locks.

    On PostgreSQL FOR NO KEY UPDATE: the lock an UPDATE that keeps the key takes anyway, so it makes another writer
    of the row wait and no one else (a row that points to this one may still be added). OF the record's own table
    only: not the user who last saved it, read in the same query. SQLite has no row locks and Django leaves the
    clause out; there a writer holds the whole database instead (README).
    """
    features = connections[queryset.db].features
    if not features.has_select_for_update:
        return queryset
    return queryset.select_for_update(
        of=("self",) if features.has_select_for_update_of else (),
        no_key=features.has_select_for_no_key_update,
    )


def locked_version(model: type[Model], pk: Any) -> dict[str, Any] | None:
    """The record's `last_updated` and who saved it, its row locked until the transaction that asked ends; None if
    the record is gone."""
    using = router.db_for_write(model)
    if not connections[using].in_atomic_block:
        # Outside a transaction the lock would end with the read, before the write it is meant to cover.
        raise TransactionManagementError(
            f"Validate and save a form editing a {model._meta.label} inside one transaction.atomic()."
        )
    queryset = for_update(model._default_manager.using(using).filter(pk=pk))
    return queryset.values("last_updated", "updated_by__username").first()


class GuardedModelForm(forms.ModelForm):
    """The base of every form that edits a tracked record: the admin's, and any other that writes one."""

    loaded_last_updated = forms.CharField(
        widget=forms.HiddenInput, required=False, label=_("thời điểm bản ghi được mở để sửa")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and getattr(self.instance, "last_updated", None):
            self.fields[GUARD_FIELD].initial = self.instance.last_updated.isoformat()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        instance = self.instance
        if not instance.pk or not hasattr(instance, "last_updated"):
            return cleaned
        loaded = self.data.get(self.add_prefix(GUARD_FIELD))
        if loaded is None:
            # A form posted without the field (an old tab from before this check existed) is not trusted either.
            loaded = ""
        current = locked_version(type(instance), instance.pk)
        if current is None:
            return cleaned
        if loaded != current["last_updated"].isoformat():
            raise ValidationError(
                STALE_EDIT_MESSAGE,
                code="stale_edit",
                params={
                    "user": current["updated_by__username"] or _("người khác"),
                    # In Huế's time, as every other time the staff read; the database keeps UTC.
                    "when": timezone.localtime(current["last_updated"]).strftime("%d/%m/%Y %H:%M:%S"),
                },
            )
        return cleaned
