"""Read-only API over agreements and reviews, filtered by the dashboard's FilterSets."""

from rest_framework.viewsets import ReadOnlyModelViewSet

from agreements.api.serializers import AgreementSerializer, ReviewSerializer
from agreements.filtersets import AgreementFilterSet, ReviewFilterSet
from agreements.models import Agreement, AgreementReview


class AgreementViewSet(ReadOnlyModelViewSet):
    """Cooperation agreements, with their parties and fields."""

    # The API also lists signatories, which the dashboard's listing does not show.
    queryset = Agreement.objects.for_listing().prefetch_related("signatories")
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet


class ReviewViewSet(ReadOnlyModelViewSet):
    """Periodic effectiveness reviews of agreements."""

    queryset = AgreementReview.objects.for_listing()
    serializer_class = ReviewSerializer
    filterset_class = ReviewFilterSet
