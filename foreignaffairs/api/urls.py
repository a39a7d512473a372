"""The read-only API under /api/: v1 endpoints, the export, the OpenAPI schema and its documentation page."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView

from foreignaffairs.api.search import SearchView
from foreignaffairs.api.views import APIDocsView, ExportView, UnknownAPIPathView

v1 = [
    # Partners with their health (composition: it reads every app), then the reference lists partners.api keeps.
    path("", include("foreignaffairs.relationships.api")),
    path("", include("partners.api.urls")),
    path("", include("agreements.api.urls")),
    path("", include("delegations.api.urls")),
    path("", include("projects.api.urls")),
    path("export/", ExportView.as_view(), name="export"),
    path("search/", SearchView.as_view(), name="search"),
]

app_name = "api"

urlpatterns = [
    path("v1/", include(v1)),
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    # The split view serves Swagger UI's script as a file of its own, which our CSP (no inline scripts) allows.
    path("docs/", APIDocsView.as_view(url_name="api:schema"), name="docs"),
    # Ids such as "0.5" fall outside the routers' patterns; answer them in JSON too. Paths without the final
    # slash still get CommonMiddleware's redirect, since this matches only paths that end in one.
    re_path(r"^.*/$", UnknownAPIPathView.as_view(), name="unknown"),
]
