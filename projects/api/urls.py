from rest_framework.routers import SimpleRouter

from projects.api import views

router = SimpleRouter()
router.register("projects", views.ProjectViewSet, basename="project")
router.register("figures", views.ReportedFigureViewSet, basename="figure")

urlpatterns = router.urls
