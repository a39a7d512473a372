from rest_framework.routers import SimpleRouter

from delegations.api import views

router = SimpleRouter()
router.register("delegations", views.DelegationViewSet, basename="delegation")

urlpatterns = router.urls
