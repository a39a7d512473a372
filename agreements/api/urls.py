from rest_framework.routers import SimpleRouter

from agreements.api import views

router = SimpleRouter()
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("reviews", views.ReviewViewSet, basename="review")

urlpatterns = router.urls
