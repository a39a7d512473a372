"""The one filter definition for lists of projects and reported figures: dashboard, export and API alike."""

import django_filters
from django.utils.translation import gettext_lazy as _

from foreignaffairs.lists.filters import (
    CountryFilter,
    FoldedSearchFilter,
    ListingFilterSet,
    SortFilter,
    choice_error,
)
from partners.filtersets import FieldOfCooperationFilter, PartnerFilter
from projects.choices import FigureUnit, ProjectKind, ProjectStatus
from projects.models import Project, ProjectQuerySet, ReportedFigure


class ProjectFilterSet(ListingFilterSet):
    q = FoldedSearchFilter()
    # The funder's country: "what has Korea funded here?" The channel (KOICA) is Korean too, or a third party.
    country = CountryFilter("partner__country__code", label=_("Quốc gia nhà tài trợ"))
    field = FieldOfCooperationFilter()
    status = django_filters.ChoiceFilter(
        choices=ProjectStatus.choices, label=_("Trạng thái"), error_messages=choice_error(_("trạng thái dự án"))
    )
    partner = PartnerFilter(method="filter_partner")
    kind = django_filters.ChoiceFilter(
        choices=ProjectKind.choices, label=_("Loại dự án"), error_messages=choice_error(_("loại dự án"))
    )
    sort = SortFilter(
        fields=(
            ("title_vi", "title"),
            ("kind", "kind"),
            ("status", "status"),
            ("partner__name_vi", "partner"),
            ("starts_on", "starts"),
            ("ends_on", "ends"),
        )
    )

    class Meta:
        model = Project
        fields = ["q", "country", "field", "status", "partner", "kind"]

    # `value` without a hint: see agreements.filtersets.AgreementFilterSet.
    def filter_partner(self, queryset: ProjectQuerySet, name: str, value) -> ProjectQuerySet:
        """Projects the partner funds or channels: a partner's page counts both, so its link here must too."""
        return queryset if value is None else queryset.funded_or_channelled_by(value)


class ReportedFigureFilterSet(ListingFilterSet):
    q = FoldedSearchFilter()
    country = CountryFilter("country__code", "partner__country__code")
    partner = PartnerFilter()
    unit = django_filters.ChoiceFilter(
        choices=FigureUnit.choices, label=_("Đơn vị"), error_messages=choice_error(_("đơn vị số liệu"))
    )
    sort = SortFilter(fields=(("subject", "subject"), ("source_date", "source_date")))

    class Meta:
        model = ReportedFigure
        fields = ["q", "country", "partner", "unit"]
