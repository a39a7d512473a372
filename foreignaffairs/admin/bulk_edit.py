"""Admin actions that change one thing on many records at once: pick rows on a changelist, pick the action, say
the new value on a page of its own, apply.

What staff change in bulk is declared per app (agreements/admin.py, partners/admin.py), each a BulkEdit:
- `SetValue`: one field to one value for every selected record (an agreement's responsible officer, its review
  interval; a partner's relationship status);
- `AddChoices` / `RemoveChoices`: values added to or removed from a many-to-many field (fields of cooperation).

Each selected record is changed as the admin's own form would change it: its row locked for the length of the
change (no save in between is lost), the record validated whole (full_clean) and refused, named with the reason,
if it does not pass, saved with the acting user as its last editor, and recorded in the audit trail (a history row
whose reason says what was done, and the admin's log). Records that already hold the value are left alone and
counted. Nothing is written when the page's form has errors: it is shown again with what was typed.

The page of its own is Django's own pattern for an action that needs input (delete_selected's confirmation): the
selected ids travel as hidden `_selected_action` inputs with the action's name and `apply`, and the changelist
calls the action again with them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from foreignaffairs.admin.base import stamp

SHOWN_NAMES = 30  # the selected records named on the page; the rest are counted


@dataclass(frozen=True)
class Outcome:
    changed: list[Model]
    unchanged: int
    refused: list[tuple[Model, str]]


class BulkEdit:
    """One admin action that changes every selected record the same way."""

    name: str  # the action's name in the changelist's select
    label: str | Promise  # what the select shows: "Đổi chuyên viên phụ trách"
    field: str  # the model field it changes

    def form_field(self, model: type[Model]) -> forms.Field:
        raise NotImplementedError

    def change(self, obj: Model, value: object) -> str:
        """Change `obj` in memory, in words for the audit trail ("→ Nguyễn Văn Phúc"); "" when it already holds
        the value. Many-to-many changes wait for `after_save`."""
        raise NotImplementedError

    def after_save(self, obj: Model, value: object) -> None:
        """What can only be written once the record is saved (many-to-many rows)."""

    def form_class(self, model: type[Model]) -> type[forms.Form]:
        return type("BulkEditForm", (forms.Form,), {"value": self.form_field(model)})

    def as_action(self) -> Callable:
        def action(model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
            return run(self, model_admin, request, queryset)

        action.__name__ = self.name
        return admin.action(description=self.label, permissions=("change",))(action)


class SetValue(BulkEdit):
    """One field set to one value."""

    def __init__(
        self,
        name: str,
        label: str | Promise,
        field: str,
        formfield: Callable[[], forms.Field] | None = None,
        shown: Callable[[object], str] = str,
    ):
        self.name, self.label, self.field = name, label, field
        self._formfield = formfield  # the value's form field when the model field's own will not do
        self._shown = shown  # how the value is written in the audit trail, when str() will not do

    def form_field(self, model: type[Model]) -> forms.Field:
        field = self._formfield() if self._formfield else model._meta.get_field(self.field).formfield()
        field.initial = None  # not the model's default: a value for many records is chosen, never assumed
        return field

    def change(self, obj: Model, value: object) -> str:
        field = obj._meta.get_field(self.field)
        # A related record is compared by its id, so that no row's current one is fetched only to compare.
        stored, wanted = getattr(obj, field.attname), (value.pk if isinstance(value, Model) else value)
        if stored == wanted:
            return ""
        before = _shown(obj, self.field, self._shown)
        setattr(obj, self.field, value)
        return f"{before} → {_shown(obj, self.field, self._shown)}"


class AddChoices(BulkEdit):
    """Values added to a many-to-many field; those a record already has are left as they are."""

    def __init__(self, name: str, label: str | Promise, field: str):
        self.name, self.label, self.field = name, label, field

    def form_field(self, model: type[Model]) -> forms.Field:
        return model._meta.get_field(self.field).formfield(required=True)

    def change(self, obj: Model, value: Iterable[Model]) -> str:
        held = set(getattr(obj, self.field).values_list("pk", flat=True))
        added = [item for item in value if item.pk not in held]
        return "+ " + ", ".join(str(item) for item in added) if added else ""

    def after_save(self, obj: Model, value: Iterable[Model]) -> None:
        getattr(obj, self.field).add(*value)


class RemoveChoices(AddChoices):
    """Values removed from a many-to-many field."""

    def change(self, obj: Model, value: Iterable[Model]) -> str:
        held = set(getattr(obj, self.field).values_list("pk", flat=True))
        removed = [item for item in value if item.pk in held]
        return "− " + ", ".join(str(item) for item in removed) if removed else ""

    def after_save(self, obj: Model, value: Iterable[Model]) -> None:
        getattr(obj, self.field).remove(*value)


def _shown(obj: Model, field_name: str, as_text: Callable[[object], str] = str) -> str:
    """A field's value as the admin shows it: the label of a choice, the name of a related record, "—" for none."""
    field = obj._meta.get_field(field_name)
    shown = getattr(obj, f"get_{field_name}_display")() if field.choices else getattr(obj, field_name)
    return as_text(shown) if shown not in (None, "") else "—"


def run(edit: BulkEdit, model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet) -> HttpResponse | None:
    model = model_admin.model
    form_class = edit.form_class(model)
    form = form_class(request.POST if "apply" in request.POST else None)
    if form.is_bound and form.is_valid():
        outcome = apply(edit, model_admin, request, queryset, form.cleaned_data["value"])
        report(model_admin, request, outcome)
        return None  # back to the changelist, its filters kept
    selected_ids = list(queryset.order_by("pk").values_list("pk", flat=True))
    context = {
        **model_admin.admin_site.each_context(request),
        "title": edit.label,
        "opts": model._meta,
        "form": form,
        "edit": edit,
        "selected_ids": selected_ids,
        "shown": model._default_manager.filter(pk__in=selected_ids[:SHOWN_NAMES]).order_by("pk"),
        "more": max(0, len(selected_ids) - SHOWN_NAMES),
        "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        "media": model_admin.media + form.media,
    }
    return TemplateResponse(request, "admin/bulk_edit.html", context)


def apply(
    edit: BulkEdit, model_admin: admin.ModelAdmin, request: HttpRequest, queryset: QuerySet, value: object
) -> Outcome:
    changed, unchanged, refused = [], 0, []
    selected = list(queryset.values_list("pk", flat=True))
    with transaction.atomic():
        # Locked as they are read, as the stale-edit guard locks a record it saves: a save made meanwhile waits, and
        # what is changed is what is stored. Read again by id: the changelist's query may be DISTINCT, which
        # PostgreSQL does not lock.
        records = model_admin.model._default_manager.filter(pk__in=selected).order_by("pk")
        for obj in records.select_for_update(no_key=True):
            change = edit.change(obj, value)
            if not change:
                unchanged += 1
                continue
            try:
                obj.full_clean()
            except ValidationError as error:
                refused.append((obj, " ".join(error.messages)))
                continue
            stamp(obj, request.user)
            reason = f"{edit.label}: {change}"
            obj._change_reason = reason  # simple-history keeps it with the history row
            obj.save()
            edit.after_save(obj, value)
            model_admin.log_change(request, obj, reason)
            changed.append(obj)
    return Outcome(changed, unchanged, refused)


def report(model_admin: admin.ModelAdmin, request: HttpRequest, outcome: Outcome) -> None:
    opts = model_admin.model._meta
    name = opts.verbose_name if len(outcome.changed) == 1 else opts.verbose_name_plural
    if outcome.changed:
        text = ngettext("Đã sửa %(count)d %(name)s.", "Đã sửa %(count)d %(name)s.", len(outcome.changed))
        model_admin.message_user(request, text % {"count": len(outcome.changed), "name": name}, messages.SUCCESS)
    if outcome.unchanged:
        text = ngettext(
            "%(count)d bản ghi đã có giá trị này, không cần sửa.",
            "%(count)d bản ghi đã có giá trị này, không cần sửa.",
            outcome.unchanged,
        )
        model_admin.message_user(request, text % {"count": outcome.unchanged}, messages.INFO)
    for obj, reason in outcome.refused:
        text = _("Không sửa được %(name)s “%(record)s”: %(reason)s")
        model_admin.message_user(
            request, text % {"name": opts.verbose_name, "record": obj, "reason": reason}, messages.ERROR
        )
