"""No lost updates: a form remembers when the record was last changed, and refuses to overwrite a newer version.

Two officers open the same agreement; the first saves; the second's save would silently undo the first's
change. Every admin form and inline form for a TrackedModel carries the record's `last_updated` as it was when
the form was rendered, and `clean()` compares it with the database. The check is a read, not a lock: the form is
validated and saved inside the admin's transaction, and the window between the two is milliseconds.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STALE_EDIT_MESSAGE = _(
    "Bản ghi này đã được %(user)s sửa lúc %(when)s, sau khi anh/chị mở nó. Thay đổi của anh/chị chưa được lưu. "
    "Hãy mở lại bản ghi để xem nội dung mới nhất rồi sửa lại."
)


# The hidden field that carries the version the form was rendered from (foreignaffairs.admin.base renders it on
# every page).
GUARD_FIELD = "loaded_last_updated"


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
        current = (
            type(instance)
            ._default_manager.filter(pk=instance.pk)
            .values("last_updated", "updated_by__username")
            .first()
        )
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
