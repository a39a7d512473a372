from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from agreements.views import download_document
from foreignaffairs.accounts.password_reset import ThrottledPasswordResetView
from foreignaffairs.ops.health import healthz

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="dashboard:overview", permanent=False)),
    # Projects and figures were agreements' until they became an app of their own: bookmarks keep working.
    re_path(
        r"^admin/agreements/(?P<model>project|reportedfigure)/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/projects/%(model)s/%(rest)s", permanent=True, query_string=True),
        name="admin-projects-moved",
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("documents/<int:pk>/", download_document, name="document-download"),
    # Before Django's own: the same reset page, with a limit on the mails it sends.
    path("accounts/password_reset/", ThrottledPasswordResetView.as_view(), name="password_reset"),
    path("accounts/two-factor/", include("foreignaffairs.accounts.two_factor.urls")),
    path("accounts/", include("django.contrib.auth.urls")),
    path("dashboard/", include("foreignaffairs.dashboard.urls")),
    path("dashboard/journal/", include("foreignaffairs.journal.urls")),
    path("api/", include("foreignaffairs.api.urls")),
    path("healthz", healthz, name="healthz"),
]

# Failed requests get the site's pages, in the user's language, with a way home (JSON under /api/).
handler400 = "foreignaffairs.dashboard.error_pages.bad_request"
handler403 = "foreignaffairs.dashboard.error_pages.permission_denied"
handler404 = "foreignaffairs.dashboard.error_pages.page_not_found"
handler500 = "foreignaffairs.dashboard.error_pages.server_error"
