"""The one filter definition for lists of agreements and reviews: dashboard, export and API alike."""

import datetime

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from agreements.choices import AgreementKind, AgreementStatus, Recommendation, ReviewStatus
from agreements.models import Agreement, AgreementQuerySet, AgreementReview
from foreignaffairs import clock
from foreignaffairs.lists.filters import (
    YES_NO,
    CountryFilter,
    DaysFilter,
    FoldedSearchFilter,
    ListingFilterSet,
    PartialDateBoundFilter,
    RelatedPkFilter,
    SortFilter,
    choice_error,
)
from partners.filtersets import FieldOfCooperationFilter, PartnerFilter


class AgreementFilterSet(ListingFilterSet):
    q = FoldedSearchFilter()
    country = CountryFilter("partners__country__code", label=_("Quốc gia đối tác"))
    field = FieldOfCooperationFilter()
    status = django_filters.ChoiceFilter(
        choices=AgreementStatus.choices, label=_("Trạng thái"), error_messages=choice_error(_("trạng thái thỏa thuận"))
    )
    partner = PartnerFilter("partners")
    kind = django_filters.ChoiceFilter(
        choices=AgreementKind.choices, label=_("Loại văn bản"), error_messages=choice_error(_("loại văn bản"))
    )
    signed_after = PartialDateBoundFilter(field_name="signed_on", lookup_expr="gte", label=_("Ký từ ngày"))
    signed_before = PartialDateBoundFilter(field_name="signed_on", lookup_expr="lte", label=_("Ký đến ngày"))
    expires_within = DaysFilter(method="filter_expires_within", label=_("Hết hiệu lực trong (ngày)"))
    review_due_within = DaysFilter(method="filter_review_due_within", label=_("Đến hạn rà soát trong (ngày)"))
    # A choice, not django-filter's BooleanFilter, which silently ignores a value it cannot read ("maybe").
    review_overdue = django_filters.ChoiceFilter(
        choices=YES_NO,
        method="filter_review_overdue",
        label=_("Quá hạn rà soát"),
        error_messages=choice_error(_("lựa chọn (true hoặc false)")),
    )
    sort = SortFilter(
        fields=(
            ("title_vi", "title"),
            ("kind", "kind"),
            ("status", "status"),
            ("signed_on", "signed"),
            ("expires_on", "expires"),
            ("next_review_deadline", "next_review"),
        )
    )

    class Meta:
        model = Agreement
        fields = ["q", "country", "field", "status", "partner", "kind"]

    # The filter methods' `value` has no hint on purpose: drf-spectacular would publish it as the parameter's type in
    # the API schema, over the type the filter's own field gives (number of days, partner id).
    def filter_expires_within(self, queryset: AgreementQuerySet, name: str, value) -> AgreementQuerySet:
        return queryset if value is None else queryset.expiring_within(value, clock.today())

    def filter_review_due_within(self, queryset: AgreementQuerySet, name: str, value) -> AgreementQuerySet:
        return queryset if value is None else queryset.review_due_within(value, clock.today())

    def filter_review_overdue(self, queryset: AgreementQuerySet, name: str, value) -> AgreementQuerySet:
        if value is None:
            return queryset
        overdue = Agreement.objects.review_overdue(clock.today()).values("pk")
        return queryset.filter(pk__in=overdue) if value == "true" else queryset.exclude(pk__in=overdue)


class ReviewFilterSet(ListingFilterSet):
    q = FoldedSearchFilter()  # by the agreement's names and its partners' (AgreementReview.search_through)
    country = CountryFilter("agreement__partners__country__code", label=_("Quốc gia đối tác"))
    field = FieldOfCooperationFilter("agreement__fields")
    status = django_filters.ChoiceFilter(
        choices=ReviewStatus.choices, label=_("Trạng thái"), error_messages=choice_error(_("trạng thái rà soát"))
    )
    agreement = RelatedPkFilter(
        queryset=Agreement.objects.all(),
        widget=forms.NumberInput,
        label=_("Thỏa thuận"),
        error_messages={"invalid": _("Mã số thỏa thuận phải là một số nguyên (đã nhập “%(value)s”).")},
    )
    recommendation = django_filters.ChoiceFilter(
        choices=Recommendation.choices, label=_("Kiến nghị"), error_messages=choice_error(_("kiến nghị"))
    )
    due_within = DaysFilter(method="filter_due_within", label=_("Đến hạn rà soát lần sau trong (ngày)"))
    sort = SortFilter(
        fields=(
            ("agreement__title_vi", "agreement"),
            ("status", "status"),
            ("period_end", "period_end"),
            ("recommendation", "recommendation"),
            ("next_review_on", "next_review"),
        )
    )

    class Meta:
        model = AgreementReview
        fields = ["q", "country", "field", "status", "agreement", "recommendation"]

    # `value` without a hint: see AgreementFilterSet.
    def filter_due_within(self, queryset: QuerySet[AgreementReview], name: str, value) -> QuerySet[AgreementReview]:
        if value is None:
            return queryset
        today = clock.today()
        return queryset.filter(next_review_on__gte=today, next_review_on__lte=today + datetime.timedelta(days=value))
