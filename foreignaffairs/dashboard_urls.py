"""The staff dashboards. Each app adds its pages here; the overview lives in foreignaffairs.dashboard."""

from django.urls import path

from foreignaffairs import dashboard

app_name = "dashboard"

urlpatterns = [
    path("", dashboard.overview, name="overview"),
    path("partners/<int:pk>/", dashboard.placeholder, name="partner-detail"),
    path("agreements/<int:pk>/", dashboard.placeholder, name="agreement-detail"),
    path("delegations/<int:pk>/", dashboard.placeholder, name="delegation-detail"),
]
