from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForeignAffairsConfig(AppConfig):
    name = "foreignaffairs"
    verbose_name = _("Hệ thống")

    def ready(self) -> None:
        from django.conf import settings
        from django.contrib import admin

        admin.site.site_header = settings.SYSTEM_NAME
        admin.site.site_title = settings.SYSTEM_NAME
        admin.site.index_title = _("Quản lý đối tác, thỏa thuận và đoàn ra, đoàn vào")
