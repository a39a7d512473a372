from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelationshipsConfig(AppConfig):
    name = "foreignaffairs.relationships"
    label = "relationships"
    verbose_name = _("Mức độ hoạt động của đối tác")

    def ready(self) -> None:
        from foreignaffairs.relationships import signals

        signals.connect()
