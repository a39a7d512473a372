"""Read-only API over delegations, filtered by the dashboard's FilterSet."""

from rest_framework.viewsets import ReadOnlyModelViewSet

from delegations.api.serializers import DelegationSerializer
from delegations.filtersets import DelegationFilterSet
from delegations.models import Delegation


class DelegationViewSet(ReadOnlyModelViewSet):
    """Inbound and outbound delegations."""

    # The API also lists the agreements signed during the visit, which the dashboard's listing does not show.
    queryset = Delegation.objects.for_listing().prefetch_related("agreements_signed")
    serializer_class = DelegationSerializer
    filterset_class = DelegationFilterSet
