"""Read-only API over projects and reported figures, filtered by the dashboard's FilterSets."""

from rest_framework.viewsets import ReadOnlyModelViewSet

from projects.api.serializers import ProjectSerializer, ReportedFigureSerializer
from projects.filtersets import ProjectFilterSet, ReportedFigureFilterSet
from projects.models import Project, ReportedFigure


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
