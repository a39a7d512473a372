"""What every ModelAdmin and inline in the three apps shares.

- history (django-simple-history) on every record, with "who changed what" and revert;
- who created and last changed a record, filled in from the request;
- the stale-edit guard on every form (foreignaffairs.concurrency);
- diacritic-free search through the folded `search_text` column (foreignaffairs.text_search);
- many-to-many relations through our own link tables, which the admin would otherwise hide;
- a list of deleted records per model, each with a restore button (foreignaffairs.admin.deleted_records);
- no COUNT(*) of a large table on an unfiltered list (foreignaffairs.admin.paginator).
"""

from typing import TYPE_CHECKING, Any

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.admin.widgets import AutocompleteSelectMultiple
from django.db.models import ManyToManyField, Model, QuerySet
from django.forms.models import BaseInlineFormSet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from foreignaffairs.admin.deleted_records import DeletedRecordsAdminMixin
from foreignaffairs.admin.history_display import LabelledHistoryContextHelper
from foreignaffairs.admin.paginator import LargeTablePaginator, requested_page
from foreignaffairs.concurrency import GUARD_FIELD, GuardedModelForm
from foreignaffairs.text_search import search_q

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

TRACKING_FIELDS = ("created", "created_by", "last_updated", "updated_by")
TRACKING_FIELDSET = (_("Theo dõi thay đổi"), {"classes": ("collapse",), "fields": TRACKING_FIELDS})


class GuardFieldMixin:
    """Render the stale-edit guard's hidden field on every admin form and inline row, whatever fields it lists.

    The admin renders only the fields named in its fieldsets; a page without the guard's field posts no version,
    and the guard then refuses every save as stale. Shared by TrackedAdmin and both kinds of inline, so no admin
    declaring its own `fields` or `fieldsets` can leave it out.
    """

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> list:
        fieldsets = list(super().get_fieldsets(request, obj))
        if not any(GUARD_FIELD in flatten_fieldsets([fieldset]) for fieldset in fieldsets):
            fieldsets.append((None, {"fields": (GUARD_FIELD,), "classes": ("hidden",)}))
        return fieldsets


class ThroughM2MMixin:
    """Show many-to-many fields whose link table is our own model (so deletes can be PROTECTed).

    Django's admin hides such fields because a link table may need extra columns; ours carry only the two keys.
    """

    def formfield_for_manytomany(
        self, db_field: ManyToManyField, request: HttpRequest, **kwargs: Any
    ) -> forms.ModelMultipleChoiceField | None:
        if db_field.remote_field.through._meta.auto_created:
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        db = kwargs.get("using")
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault("widget", AutocompleteSelectMultiple(db_field, self.admin_site, using=db))
        queryset = self.get_field_queryset(db, db_field, request)
        if queryset is not None:
            kwargs.setdefault("queryset", queryset)
        return db_field.formfield(**kwargs)


# Inlines a layer above the apps adds to their pages (the journal's notes on partners, agreements, delegations and
# projects): an app's admin may not import what sits above it, so that layer attaches its inline here at startup.
_attached_inlines: dict[type[Model], list[type[admin.options.InlineModelAdmin]]] = {}


def attach_inline(model: type[Model], inline: type[admin.options.InlineModelAdmin]) -> None:
    if inline not in _attached_inlines.setdefault(model, []):
        _attached_inlines[model].append(inline)


class TrackedAdmin(GuardFieldMixin, DeletedRecordsAdminMixin, ThroughM2MMixin, SimpleHistoryAdmin):
    form = GuardedModelForm
    readonly_fields = TRACKING_FIELDS
    list_per_page = 50
    # Counting a large table on every page view costs more than the number is worth: no second count of the
    # whole table beside a filtered one, and an estimate for an unfiltered list of a large one.
    show_full_result_count = False
    paginator = LargeTablePaginator

    def get_historical_record_context_helper(
        self, request: HttpRequest, historical_record: Model
    ) -> LabelledHistoryContextHelper:
        # The history page shows labels ("Đang có hiệu lực"), not the stored codes ("in_effect").
        return LabelledHistoryContextHelper(self.model, historical_record)

    def get_inlines(self, request: HttpRequest, obj: Model | None) -> list:
        return [*super().get_inlines(request, obj), *_attached_inlines.get(self.model, ())]

    def get_paginator(
        self,
        request: HttpRequest,
        queryset: QuerySet,
        per_page: int,
        orphans: int = 0,
        allow_empty_first_page: bool = True,
    ) -> LargeTablePaginator:
        return self.paginator(
            queryset, per_page, orphans, allow_empty_first_page, requested_page=requested_page(request)
        )

    def get_search_results(self, request: HttpRequest, queryset: QuerySet, search_term: str) -> tuple[QuerySet, bool]:
        if not search_term or not hasattr(queryset.model, "search_text"):
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(search_q(search_term)), False

    def save_model(self, request: HttpRequest, obj: Model, form: forms.ModelForm, change: bool) -> None:
        stamp(obj, request.user)
        super().save_model(request, obj, form, change)

    def save_formset(
        self, request: HttpRequest, form: forms.ModelForm, formset: BaseInlineFormSet, change: bool
    ) -> None:
        instances = formset.save(commit=False)
        for instance in instances:
            stamp(instance, request.user)
            instance.save()
        for instance in formset.deleted_objects:
            instance.delete()
        formset.save_m2m()


def stamp(obj: Model, user: "AbstractBaseUser") -> None:
    """Record `user` as the one who created (if new) and last changed `obj`."""
    if not hasattr(obj, "updated_by_id"):
        return
    if obj.pk is None:
        obj.created_by = user
    obj.updated_by = user


class TrackedInlineMixin(GuardFieldMixin, ThroughM2MMixin):
    form = GuardedModelForm
    extra = 0


class TrackedTabularInline(TrackedInlineMixin, admin.TabularInline):
    pass


class TrackedStackedInline(TrackedInlineMixin, admin.StackedInline):
    pass
