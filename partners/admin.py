from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.contrib.admin.utils import display_for_field, flatten_fieldsets
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from foreignaffairs.admin.base import TRACKING_FIELDSET, TrackedAdmin, TrackedStackedInline
from foreignaffairs.admin.filters import RelatedInUseFilter
from foreignaffairs.imports.admin import ImportAdminMixin
from partners.bulk_edits import PARTNER_BULK_EDITS
from partners.forms import CONFIRM_FIELD, PARTNER_FIELDSETS, PERSON_FIELDSETS, PartnerForm, PersonForm
from partners.merge import MergeOutcome, link_label, links_to, merge
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person


@admin.register(Country)
class CountryAdmin(TrackedAdmin):
    list_display = ("name", "iso_code", "priority")
    list_filter = ("priority",)
    list_editable = ()
    search_fields = ("search_text",)
    fields = ("code", "priority", "notes")

    @admin.display(description=_("tên nước"))
    def name(self, country: Country) -> str:
        # Without a description the column was headed by the property's English name, "Name".
        return country.name

    @admin.display(description=_("mã ISO"), ordering="code")
    def iso_code(self, country: Country) -> str:
        # Not the field itself: the admin would look its label up among 249 translated choices on every row.
        return str(country.code)

    def get_readonly_fields(self, request: HttpRequest, obj: Country | None = None) -> tuple[str, ...]:
        # The ISO code of an existing country never changes; every partner hangs off it.
        return (*super().get_readonly_fields(request, obj), *(("code",) if obj else ()))


@admin.register(FieldOfCooperation)
class FieldOfCooperationAdmin(TrackedAdmin):
    list_display = ("name_vi", "name_en", "is_priority", "sort_order")
    list_filter = ("is_priority",)
    search_fields = ("search_text",)
    prepopulated_fields = {"code": ("name_en",)}
    fields = ("code", "name_vi", "name_en", "is_priority", "sort_order")


@admin.register(HueUnit)
class HueUnitAdmin(TrackedAdmin):
    list_display = ("name_vi", "name_en", "abbreviation")
    search_fields = ("search_text",)
    fields = ("name_vi", "name_en", "abbreviation", "notes")


class ContactInline(TrackedStackedInline):
    model = Person
    form = PersonForm
    fk_name = "partner"
    fields = (("full_name", "full_name_native"), CONFIRM_FIELD, "title", ("email", "phone"), "languages", "notes")
    verbose_name = _("người liên hệ")
    verbose_name_plural = pgettext_lazy("plural", "người liên hệ")


class MergeAdminMixin:
    """The "merge two records" action: pick exactly two rows, then, on a page showing both side by side with what
    links to each, choose the one that stays (partners.merge). For whoever may both change and delete records of
    the model (administrators): a merge deletes one."""

    merge_template = "admin/partners/merge.html"

    def has_merge_permission(self, request: HttpRequest) -> bool:
        return self.has_change_permission(request) and self.has_delete_permission(request)

    @admin.action(description=_("Gộp hai bản ghi trùng nhau"), permissions=("merge",))
    def merge_selected(self, request: HttpRequest, queryset: models.QuerySet) -> HttpResponse | None:
        if not self.has_merge_permission(request):
            raise PermissionDenied
        records = list(queryset.order_by("pk")[:3])
        if len(records) != 2:
            self.message_user(request, gettext("Hãy chọn đúng hai bản ghi để gộp."), messages.WARNING)
            return None
        error = ""
        if "apply" in request.POST:
            chosen = request.POST.get("keep", "")
            kept = next((record for record in records if str(record.pk) == chosen), None)
            if kept is not None:
                merged = records[1] if kept is records[0] else records[0]
                try:
                    outcome = self._merge(request, kept, merged)
                except ValidationError as refused:
                    self.message_user(request, " ".join(refused.messages), messages.ERROR)
                    return None
                self.message_user(request, self._merged_message(outcome), messages.SUCCESS)
                return HttpResponseRedirect(reverse(admin_urlname(self.model._meta, "change"), args=[kept.pk]))
            error = gettext("Hãy chọn bản ghi được giữ lại.")
        return TemplateResponse(request, self.merge_template, self._merge_context(request, records, error))

    def _merge(self, request: HttpRequest, kept: models.Model, merged: models.Model) -> MergeOutcome:
        with transaction.atomic():
            self.log_deletions(request, self.model._default_manager.filter(pk=merged.pk))
            outcome = merge(kept, merged, request.user)
            self.log_change(request, outcome.kept, outcome.summary())
        return outcome

    def _merged_message(self, outcome: MergeOutcome) -> str:
        url = reverse(admin_urlname(self.model._meta, "history"), args=[outcome.merged_pk])
        return format_html(
            '{} <a href="{}">{}</a>',
            outcome.summary(),
            url,
            gettext("Lịch sử của bản ghi đã gộp"),
        )

    def _merge_context(self, request: HttpRequest, records: list[models.Model], error: str) -> dict:
        opts = self.model._meta
        names = [
            name
            for name in flatten_fieldsets(self.get_fieldsets(request, records[0]))
            if name in {f.name for f in opts.get_fields() if f.concrete} and name != "search_text"
        ]
        rows = [
            (opts.get_field(name).verbose_name, [_shown(record, opts.get_field(name)) for record in records])
            for name in names
        ]
        pks = [record.pk for record in records]
        for link in links_to(self.model):
            counted = dict(
                link.model._default_manager.filter(**{f"{link.name}__in": pks})
                .values_list(link.attname)
                .annotate(count=Count("pk"))
                .order_by()
            )
            if any(counted.values()):
                rows.append((link_label(link), [counted.get(pk, 0) for pk in pks]))
        return {
            **self.admin_site.each_context(request),
            "title": gettext("Gộp hai bản ghi trùng nhau"),
            "opts": opts,
            "records": [(record, reverse(admin_urlname(opts, "change"), args=[record.pk])) for record in records],
            "rows": rows,
            "error": error,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }


def _shown(record: models.Model, model_field: models.Field) -> str:
    if model_field.many_to_many:
        return ", ".join(str(item) for item in getattr(record, model_field.name).all()) or "—"
    # As the admin's lists show a value: a choice's label, a time in Huế's time, "—" for nothing.
    return display_for_field(getattr(record, model_field.name), model_field, "—")


@admin.register(Partner)
class PartnerAdmin(MergeAdminMixin, ImportAdminMixin, TrackedAdmin):
    form = PartnerForm
    list_display = ("name_vi", "name_en", "name_native", "kind", "country", "parent", "relationship_status")
    list_select_related = ("country", "parent")
    list_filter = (
        ("country", RelatedInUseFilter),
        "kind",
        "relationship_type",
        "relationship_status",
        "fields",
    )
    search_fields = ("search_text",)
    autocomplete_fields = ("country", "parent", "fields")
    inlines = (ContactInline,)
    actions = (*(edit.as_action() for edit in PARTNER_BULK_EDITS), "merge_selected")
    fieldsets = (*PARTNER_FIELDSETS, TRACKING_FIELDSET)


@admin.register(Person)
class PersonAdmin(MergeAdminMixin, ImportAdminMixin, TrackedAdmin):
    form = PersonForm
    list_display = ("full_name", "full_name_native", "title", "partner", "hue_unit", "country")
    list_select_related = ("partner", "hue_unit", "country")
    list_filter = (("country", RelatedInUseFilter), ("hue_unit", RelatedInUseFilter))
    search_fields = ("search_text",)
    autocomplete_fields = ("partner", "hue_unit", "country")
    actions = ("merge_selected",)
    fieldsets = (*PERSON_FIELDSETS, TRACKING_FIELDSET)
