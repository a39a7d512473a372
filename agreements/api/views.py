"""Read-only API over agreements and reviews, filtered by the dashboard's FilterSets."""

from django.db.models import Prefetch
from rest_framework.viewsets import ReadOnlyModelViewSet

from agreements.api.serializers import AgreementSerializer, ReviewSerializer
from agreements.filtersets import AgreementFilterSet, ReviewFilterSet
from agreements.models import Agreement, AgreementObligation, AgreementReview


class AgreementViewSet(ReadOnlyModelViewSet):
    """Cooperation agreements, with their parties and fields."""

    # The API also lists signatories and commitments, which the dashboard's listing does not show.
    queryset = Agreement.objects.for_listing().prefetch_related(
        "signatories", Prefetch("obligations", AgreementObligation.objects.select_related("owner", "owner_unit"))
    )
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet


class ReviewViewSet(ReadOnlyModelViewSet):
    """Periodic effectiveness reviews of agreements."""

    queryset = AgreementReview.objects.for_listing()
    serializer_class = ReviewSerializer
    filterset_class = ReviewFilterSet
