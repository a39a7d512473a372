from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from foreignaffairs.admin.base import TRACKING_FIELDSET, TrackedAdmin, TrackedStackedInline
from foreignaffairs.admin.filters import RelatedInUseFilter
from foreignaffairs.imports.admin import ImportAdminMixin
from partners.bulk_edits import PARTNER_BULK_EDITS
from partners.forms import PARTNER_FIELDSETS, PERSON_FIELDSETS, PartnerForm, PersonForm
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
    fields = (("full_name", "full_name_native"), "title", ("email", "phone"), "languages", "notes")
    verbose_name = _("người liên hệ")
    verbose_name_plural = pgettext_lazy("plural", "người liên hệ")


@admin.register(Partner)
class PartnerAdmin(ImportAdminMixin, TrackedAdmin):
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
    actions = tuple(edit.as_action() for edit in PARTNER_BULK_EDITS)
    fieldsets = (*PARTNER_FIELDSETS, TRACKING_FIELDSET)


@admin.register(Person)
class PersonAdmin(ImportAdminMixin, TrackedAdmin):
    form = PersonForm
    list_display = ("full_name", "full_name_native", "title", "partner", "hue_unit", "country")
    list_select_related = ("partner", "hue_unit", "country")
    list_filter = (("country", RelatedInUseFilter), ("hue_unit", RelatedInUseFilter))
    search_fields = ("search_text",)
    autocomplete_fields = ("partner", "hue_unit", "country")
    fieldsets = (*PERSON_FIELDSETS, TRACKING_FIELDSET)
