"""The one filter definition for lists of delegations: the dashboard, its export and the API use it alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation, DelegationQuerySet
from foreignaffairs import clock
from foreignaffairs.lists.filters import (
    CountryFilter,
    DatePrecisionFilter,
    DaysFilter,
    FoldedSearchFilter,
    ListingFilterSet,
    PartialDateBoundFilter,
    PartialDatePeriodFilter,
    SortFilter,
    choice_error,
)
from partners.filtersets import FieldOfCooperationFilter, PartnerFilter


class DelegationFilterSet(ListingFilterSet):
    q = FoldedSearchFilter()
    # A delegation's countries are named on it, and implied by the partners it met.
    country = CountryFilter("countries__code", "partners__country__code")
    field = FieldOfCooperationFilter()
    status = django_filters.ChoiceFilter(
        choices=DelegationStatus.choices, label=_("Trạng thái"), error_messages=choice_error(_("trạng thái đoàn"))
    )
    partner = PartnerFilter("partners")
    direction = django_filters.ChoiceFilter(
        choices=Direction.choices, label=_("Loại đoàn"), error_messages=choice_error(_("loại đoàn (ra/vào)"))
    )
    starts_after = PartialDateBoundFilter(field_name="starts_on", lookup_expr="gte", label=_("Bắt đầu từ ngày"))
    starts_before = PartialDateBoundFilter(field_name="starts_on", lookup_expr="lte", label=_("Bắt đầu đến ngày"))
    starts_in = PartialDatePeriodFilter(field_name="starts_on", label=_("Bắt đầu trong (tháng/năm)"))
    start_precision = DatePrecisionFilter(field_name="starts_on", label=_("Ngày bắt đầu"))
    starts_within = DaysFilter(method="filter_starts_within", label=_("Sắp diễn ra trong (ngày)"))
    sort = SortFilter(
        fields=(
            ("title_vi", "title"),
            ("direction", "direction"),
            ("status", "status"),
            ("starts_on", "starts"),
        )
    )

    class Meta:
        model = Delegation
        fields = ["q", "country", "field", "status", "partner", "direction"]

    # `value` without a hint: see agreements.filtersets.AgreementFilterSet.
    def filter_starts_within(self, queryset: DelegationQuerySet, name: str, value) -> DelegationQuerySet:
        return queryset if value is None else queryset.starting_within(value, clock.today())
