from rest_framework.routers import SimpleRouter

from partners.api import views

router = SimpleRouter()
# /partners/ itself is foreignaffairs.relationships.api's: the same view with each partner's health.
router.register("countries", views.CountryViewSet, basename="country")
router.register("fields", views.FieldOfCooperationViewSet, basename="field")
router.register("units", views.HueUnitViewSet, basename="unit")
router.register("people", views.PersonViewSet, basename="person")

urlpatterns = router.urls
