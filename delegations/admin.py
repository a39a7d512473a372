from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from delegations.forms import DelegationForm, FollowUpActionForm, GiftForm, ItineraryItemForm, MemberForm
from delegations.models import Delegation, DelegationMember, FollowUpAction, Gift, ItineraryItem
from foreignaffairs.admin.base import TRACKING_FIELDSET, TrackedAdmin, TrackedTabularInline
from foreignaffairs.admin.filters import PartialDateYearFilter, RelatedInUseFilter


class StartYearFilter(PartialDateYearFilter):
    title = _("năm")
    parameter_name = "year"
    field_name = "starts_on"


class MemberInline(TrackedTabularInline):
    model = DelegationMember
    form = MemberForm
    autocomplete_fields = ("person",)


class ItineraryInline(TrackedTabularInline):
    model = ItineraryItem
    form = ItineraryItemForm


class FollowUpInline(TrackedTabularInline):
    model = FollowUpAction
    form = FollowUpActionForm
    autocomplete_fields = ("owner", "owner_unit")


class GiftInline(TrackedTabularInline):
    model = Gift
    form = GiftForm
    autocomplete_fields = ("giver", "recipient")


@admin.register(Delegation)
class DelegationAdmin(TrackedAdmin):
    form = DelegationForm
    list_display = ("title_vi", "direction", "status", "starts_on", "ends_on", "country_names", "head")
    list_select_related = ("head",)
    list_filter = ("direction", "status", StartYearFilter, ("countries", RelatedInUseFilter), "fields")
    search_fields = ("search_text",)
    autocomplete_fields = ("countries", "partners", "fields", "head", "host_unit", "agreements_signed")
    inlines = (MemberInline, ItineraryInline, FollowUpInline, GiftInline)
    fieldsets = (
        (None, {"fields": ("direction", "title_vi", "title_en", "status")}),
        (_("Thời gian, nơi đến"), {"fields": ("starts_on", "ends_on", "countries", "partners", "fields")}),
        (_("Thành phần"), {"fields": ("head", "host_unit")}),
        (_("Nội dung"), {"fields": ("purpose", "programme", "outcomes", "agreements_signed", "notes")}),
        TRACKING_FIELDSET,
    )

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("countries")

    @admin.display(description=_("quốc gia"))
    def country_names(self, obj: Delegation) -> str:
        return ", ".join(country.name for country in obj.countries.all()) or "—"


@admin.register(FollowUpAction)
class FollowUpActionAdmin(TrackedAdmin):
    form = FollowUpActionForm
    list_display = ("description", "delegation", "owner", "due_on", "status")
    list_select_related = ("delegation", "owner")
    list_filter = ("status",)
    date_hierarchy = "due_on"
    search_fields = ("delegation__search_text",)
    autocomplete_fields = ("owner", "owner_unit")
    fields = ("delegation", "description", "owner", "owner_unit", "due_on", "status", "completed_on")

    def get_form(self, request, obj=None, **kwargs):
        kwargs["fields"] = self.fields
        return super().get_form(request, obj, **kwargs)
