"""Read-only API over partners and the reference lists. Partners are filtered by the dashboard's FilterSet."""

from rest_framework.viewsets import ReadOnlyModelViewSet

from foreignaffairs.lists.filters import with_stable_order
from partners.api.serializers import (
    CountrySerializer,
    FieldOfCooperationSerializer,
    HueUnitSerializer,
    PartnerSerializer,
    PersonSerializer,
)
from partners.filtersets import PartnerFilterSet, PersonFilterSet
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person


class PartnerViewSet(ReadOnlyModelViewSet):
    """Partner localities and organizations abroad."""

    queryset = Partner.objects.for_listing()
    serializer_class = PartnerSerializer
    filterset_class = PartnerFilterSet


class CountryViewSet(ReadOnlyModelViewSet):
    """Every ISO country, with the city's priority for each."""

    queryset = with_stable_order(Country.objects.all())
    serializer_class = CountrySerializer


class FieldOfCooperationViewSet(ReadOnlyModelViewSet):
    """The shared list of fields of cooperation."""

    queryset = with_stable_order(FieldOfCooperation.objects.all())
    serializer_class = FieldOfCooperationSerializer


class HueUnitViewSet(ReadOnlyModelViewSet):
    """Huế-side units that sign agreements and host delegations."""

    queryset = with_stable_order(HueUnit.objects.all())
    serializer_class = HueUnitSerializer


class PersonViewSet(ReadOnlyModelViewSet):
    """People who recur in the records: Huế leaders and officers, contacts at partners."""

    queryset = with_stable_order(Person.objects.for_listing())
    serializer_class = PersonSerializer
    filterset_class = PersonFilterSet
