from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Dự án hợp tác")

    def ready(self) -> None:
        from foreignaffairs.search.related_text import connect_link_signals
        from projects.models import Project, ReportedFigure

        # What finds these records is declared on them (related_search_paths); their link rows keep it current.
        connect_link_signals(Project, ReportedFigure)
