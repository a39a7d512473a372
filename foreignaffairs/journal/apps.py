from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JournalConfig(AppConfig):
    name = "foreignaffairs.journal"
    label = "journal"
    verbose_name = _("Nhật ký quan hệ")

    def ready(self) -> None:
        from foreignaffairs.journal.admin import attach_journal_inlines

        attach_journal_inlines()
