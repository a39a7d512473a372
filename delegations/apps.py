from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DelegationsConfig(AppConfig):
    name = "delegations"
    verbose_name = _("Đoàn ra, đoàn vào")

    def ready(self) -> None:
        from delegations.models import Delegation
        from foreignaffairs.search.related_text import connect_link_signals

        # What finds these records is declared on them (related_search_paths); their link rows keep it current.
        connect_link_signals(Delegation)
