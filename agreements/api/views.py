"""Read-only API over agreements, reviews, projects and reported figures, filtered by the dashboard's FilterSets."""

from rest_framework.viewsets import ReadOnlyModelViewSet

from agreements.api.serializers import (
    AgreementSerializer,
    ProjectSerializer,
    ReportedFigureSerializer,
    ReviewSerializer,
)
from agreements.filtersets import AgreementFilterSet, ProjectFilterSet, ReportedFigureFilterSet, ReviewFilterSet
from agreements.models import Agreement, AgreementReview
from agreements.project_models import Project, ReportedFigure


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


class ProjectViewSet(ReadOnlyModelViewSet):
    """Cooperation projects (ODA, FDI, aid, …) with their funder and money, each amount in its own currency."""

    queryset = Project.objects.for_listing()
    serializer_class = ProjectSerializer
    filterset_class = ProjectFilterSet


class ReportedFigureViewSet(ReadOnlyModelViewSet):
    """Figures a published source gives only in aggregate, with that source; not computed from project records."""

    queryset = ReportedFigure.objects.for_listing()
    serializer_class = ReportedFigureSerializer
    filterset_class = ReportedFigureFilterSet
