from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ForeignAffairsAdminConfig(admin_apps.AdminConfig):
    """Django's admin app with our site (foreignaffairs.admin.site), so `admin.site` everywhere is that site.

    Here rather than beside the site: INSTALLED_APPS imports this module before any model may be imported, and the
    admin package registers the API key pages (a model) when it is imported.
    """

    default_site = "foreignaffairs.admin.site.ForeignAffairsAdminSite"
    default = False  # "foreignaffairs" in INSTALLED_APPS means ForeignAffairsConfig below


class ForeignAffairsConfig(AppConfig):
    name = "foreignaffairs"
    verbose_name = _("Hệ thống")

    def ready(self) -> None:
        from django.conf import settings
        from django.contrib import admin
        from django.db.models.signals import post_migrate

        from foreignaffairs.accounts.login_log import connect_login_logging
        from foreignaffairs.accounts.roles import sync_roles_after_migrate
        from foreignaffairs.accounts.sessions import connect_login_stamp
        from foreignaffairs.accounts.two_factor.policy import connect_enrolment_check
        from foreignaffairs.admin.api_tokens import APITokenAdmin
        from foreignaffairs.dashboard.overview import connect_figure_invalidation
        from foreignaffairs.dashboard.world_map.figures import connect_figure_invalidation as connect_map_invalidation
        from foreignaffairs.models import APIToken

        admin.site.register(APIToken, APITokenAdmin)
        admin.site.site_header = settings.SYSTEM_NAME
        admin.site.site_title = settings.SYSTEM_NAME
        admin.site.index_title = _("Quản lý đối tác, thỏa thuận và đoàn ra, đoàn vào")
        connect_login_logging()
        connect_login_stamp()
        connect_enrolment_check()
        connect_figure_invalidation()
        connect_map_invalidation()
        # Sent once per app; answering only our own is enough, since the sync covers every app's permissions.
        post_migrate.connect(sync_roles_after_migrate, sender=self, dispatch_uid="foreignaffairs.accounts.roles.sync")
