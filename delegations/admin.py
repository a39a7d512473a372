from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from delegations.forms import (
    DELEGATION_FIELDSETS,
    DelegationForm,
    FollowUpActionForm,
    GiftForm,
    ItineraryItemForm,
    MemberForm,
)
from delegations.models import Delegation, DelegationMember, FollowUpAction, Gift, ItineraryItem
from foreignaffairs.admin.base import TRACKING_FIELDSET, TrackedAdmin, TrackedTabularInline
from foreignaffairs.admin.filters import PartialDateYearFilter, RelatedInUseFilter
from foreignaffairs.imports.admin import ImportAdminMixin
from foreignaffairs.search.matching import search_filter
from partners.bulk_edits import FIELDS_OF_COOPERATION


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
class DelegationAdmin(ImportAdminMixin, TrackedAdmin):
    form = DelegationForm
    list_display = ("title_vi", "direction", "status", "starts_on", "ends_on", "country_names", "head")
    list_select_related = ("head",)
    list_filter = ("direction", "status", StartYearFilter, ("countries", RelatedInUseFilter), "fields")
    search_fields = ("search_text",)
    autocomplete_fields = ("countries", "partners", "fields", "head", "host_unit", "agreements_signed")
    inlines = (MemberInline, ItineraryInline, FollowUpInline, GiftInline)
    actions = tuple(edit.as_action() for edit in FIELDS_OF_COOPERATION)
    fieldsets = (*DELEGATION_FIELDSETS, TRACKING_FIELDSET)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Delegation]:
        return super().get_queryset(request).prefetch_related("countries")

    @admin.display(description=_("quốc gia"))
    def country_names(self, obj: Delegation) -> str:
        return ", ".join(country.name for country in obj.countries.all()) or "—"


@admin.register(DelegationMember)
class DelegationMemberAdmin(ImportAdminMixin, TrackedAdmin):
    """Everyone who went with a delegation or received one, across delegations: who came with whom, and when. Edited
    on the delegation's page as well (MemberInline); here they are imported from a sheet of their own."""

    form = MemberForm
    list_display = ("person", "delegation", "side", "role", "title")
    list_select_related = ("person", "delegation")
    list_filter = ("side", "role")
    search_fields = ("person__search_text", "delegation__search_text")
    autocomplete_fields = ("delegation", "person")
    fields = ("delegation", *MemberForm.Meta.fields)


@admin.register(FollowUpAction)
class FollowUpActionAdmin(TrackedAdmin):
    form = FollowUpActionForm
    list_display = ("description", "delegation", "owner", "due_on", "status")
    list_select_related = ("delegation", "owner")
    list_filter = ("status",)
    date_hierarchy = "due_on"
    search_fields = ("delegation__search_text",)
    autocomplete_fields = ("owner", "owner_unit")
    # The form's fields, and the delegation they belong to: on the delegation's page that is the page itself.
    fields = ("delegation", *FollowUpActionForm.Meta.fields)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[FollowUpAction], search_term: str
    ) -> tuple[QuerySet[FollowUpAction], bool]:
        # By everything that finds the delegation (FollowUpAction.search_through): its title, people, partners.
        return search_filter(queryset, search_term), False
