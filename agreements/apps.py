from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "agreements"
    verbose_name = _("Thỏa thuận hợp tác")

    def ready(self) -> None:
        from agreements.models import Agreement
        from foreignaffairs.search.related_text import connect_link_signals

        # What finds these records is declared on them (related_search_paths); their link rows keep it current.
        connect_link_signals(Agreement)
