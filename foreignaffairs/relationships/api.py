"""The API's partners: partners.api's view with each partner's health, filtered and sorted by it as the dashboard's
list is (`?health=dormant`, `?sort=health`).

Here because health reads every app and partners.api may not import them; foreignaffairs.api.urls routes
/api/v1/partners/ here. The serializer (partners.api.serializers.PartnerSerializer) writes out `health_signal`,
which this view puts on each partner of the page: a small Python step per row from figures its one query read.
"""

from django.db.models import QuerySet
from rest_framework.routers import SimpleRouter

from foreignaffairs.relationships.filtersets import PartnerHealthFilterSet
from foreignaffairs.relationships.health import health_of
from partners.api import views
from partners.models import Partner


class PartnerViewSet(views.PartnerViewSet):
    """Partner localities and organizations abroad, each with its health and the reasons for it."""

    filterset_class = PartnerHealthFilterSet

    def paginate_queryset(self, queryset: QuerySet) -> list[Partner] | None:
        page = super().paginate_queryset(queryset)
        for partner in page or []:
            partner.health_signal = health_of(partner)
        return page

    def get_object(self) -> Partner:
        partner = super().get_object()
        partner.health_signal = health_of(partner)
        return partner


router = SimpleRouter()
router.register("partners", PartnerViewSet, basename="partner")

urlpatterns = router.urls
