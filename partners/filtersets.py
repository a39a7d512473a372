"""The one filter definition for lists of partners: the dashboard, its export and the API use it alike."""

from typing import Any

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from foreignaffairs.lists.filters import (
    CountryFilter,
    FoldedSearchFilter,
    ListingFilterSet,
    RelatedPkFilter,
    SortFilter,
    choice_error,
)
from partners.choices import PartnerKind, RelationshipStatus
from partners.models import FieldOfCooperation, Partner, Person


class FieldOfCooperationFilter(RelatedPkFilter):
    """A field of cooperation by its code (`?field=van-hoa-du-lich`), along `field_name` (e.g. agreement__fields)."""

    def __init__(self, field_name: str = "fields", **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Lĩnh vực"))
        super().__init__(
            field_name=field_name,
            to_field_name="code",
            queryset=FieldOfCooperation.objects.all(),
            error_messages={
                "invalid": _("Mã lĩnh vực “%(value)s” không hợp lệ: mã chỉ gồm chữ cái không dấu, chữ số, “-” và “_”.")
            },
            **kwargs,
        )


# A well-formed id that no partner has filters to an empty list (foreignaffairs.lists.filters.RelatedKeyField).
PARTNER_ERRORS = {"invalid": _("Mã số đối tác phải là một số nguyên (đã nhập “%(value)s”).")}


class PartnerFilter(RelatedPkFilter):
    """A partner by id (`?partner=12`), along `field_name` (e.g. partners for an agreement's parties).

    Every list that filters by partner declares it through this one class, as NetBox's tenancy filters are one
    mixin: the same label, input and error message everywhere. A list whose partner means more than one relation
    passes `method=` (projects: funded or channelled by).
    """

    def __init__(self, field_name: str = "partner", **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Đối tác"))
        super().__init__(
            field_name=field_name,
            queryset=Partner.objects.all(),
            # Thousands of partners make a select list useless; detail pages link to lists with the id.
            widget=forms.NumberInput,
            error_messages=PARTNER_ERRORS,
            **kwargs,
        )


# The partner list's sort keys, kept here for the list that adds its own (foreignaffairs.relationships.filtersets).
PARTNER_SORTS = (
    ("name_vi", "name"),
    ("country__code", "country"),
    ("kind", "kind"),
    ("relationship_status", "status"),
    ("relationship_since", "since"),
)


class PartnerFilterSet(ListingFilterSet):
    q = FoldedSearchFilter()
    country = CountryFilter("country__code")
    field = FieldOfCooperationFilter()
    status = django_filters.ChoiceFilter(
        field_name="relationship_status",
        choices=RelationshipStatus.choices,
        label=_("Tình trạng quan hệ"),
        error_messages=choice_error(_("tình trạng quan hệ")),
    )
    kind = django_filters.ChoiceFilter(
        choices=PartnerKind.choices, label=_("Loại đối tác"), error_messages=choice_error(_("loại đối tác"))
    )
    sort = SortFilter(fields=PARTNER_SORTS)

    class Meta:
        model = Partner
        fields = ["q", "country", "field", "status", "kind"]


class PersonFilterSet(ListingFilterSet):
    """People, for the dashboard's list and the API's: found by name, title and organization (their partner or Huế
    unit)."""

    q = FoldedSearchFilter()
    country = CountryFilter("country__code")
    sort = SortFilter(fields=(("full_name", "name"),))

    class Meta:
        model = Person
        fields = ["q", "country"]
