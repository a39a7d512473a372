from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForeignAffairsConfig(AppConfig):
    name = "foreignaffairs"
    verbose_name = _("Hệ thống")

    def ready(self) -> None:
        from django.conf import settings
        from django.contrib import admin
        from django.db.models.signals import post_migrate

        from foreignaffairs.dashboard import connect_figure_invalidation
        from foreignaffairs.roles import sync_roles_after_migrate
        from foreignaffairs.security import connect_login_logging
        from foreignaffairs.sessions import connect_login_stamp

        admin.site.site_header = settings.SYSTEM_NAME
        admin.site.site_title = settings.SYSTEM_NAME
        admin.site.index_title = _("Quản lý đối tác, thỏa thuận và đoàn ra, đoàn vào")
        connect_login_logging()
        connect_login_stamp()
        connect_figure_invalidation()
        # Sent once per app; answering only our own is enough, since the sync covers every app's permissions.
        post_migrate.connect(sync_roles_after_migrate, sender=self, dispatch_uid="foreignaffairs.roles.sync")
