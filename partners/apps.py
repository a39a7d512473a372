from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "partners"
    verbose_name = _("Đối tác")

    def ready(self) -> None:
        from foreignaffairs.search.related_text import connect_link_signals
        from partners.models import Partner, Person

        # What finds these records is declared on them (related_search_paths); their link rows keep it current.
        connect_link_signals(Partner, Person)
