"""The journal in the admin: its own list (every note, filterable by kind and date), each note with its files, and
the notes of a partner, agreement, delegation or project as an inline on that record's page."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement
from delegations.models import Delegation
from foreignaffairs.admin.base import (
    TRACKING_FIELDSET,
    TrackedAdmin,
    TrackedStackedInline,
    TrackedTabularInline,
    attach_inline,
)
from foreignaffairs.admin.filters import PartialDateYearFilter
from foreignaffairs.journal.models import JournalAttachment, JournalEntry
from partners.models import Partner
from projects.models import Project


class AttachmentInline(TrackedTabularInline):
    model = JournalAttachment
    fields = ("title", "file")


class OccurredYearFilter(PartialDateYearFilter):
    title = _("năm diễn ra")
    parameter_name = "year"
    field_name = "occurred_on"


@admin.register(JournalEntry)
class JournalEntryAdmin(TrackedAdmin):
    list_display = ("occurred_on", "kind", "summary_start", "subject", "created_by")
    list_filter = ("kind", OccurredYearFilter)
    list_select_related = ("partner", "agreement", "delegation", "project", "created_by")
    search_fields = ("summary",)
    autocomplete_fields = ("people", "partner", "agreement", "delegation", "project")
    fieldsets = (
        (None, {"fields": ("occurred_on", "kind", "summary", "people")}),
        (
            _("Về"),
            {
                "fields": ("partner", "agreement", "delegation", "project"),
                "description": _("Chọn đúng một: đối tác, thỏa thuận, đoàn hoặc dự án mà ghi chép nói về."),
            },
        ),
        TRACKING_FIELDSET,
    )
    inlines = (AttachmentInline,)

    @admin.display(description=_("nội dung tóm tắt"))
    def summary_start(self, entry: JournalEntry) -> str:
        return entry.summary[:100]

    @admin.display(description=_("về"))
    def subject(self, entry: JournalEntry) -> str:
        return str(entry.subject or "")


class JournalInline(TrackedStackedInline):
    """A record's notes on its own page. Files are attached on the note's own page (the link on each row): the
    admin cannot nest the files' rows inside a note's."""

    model = JournalEntry
    fields = ("occurred_on", "kind", "summary", "people")
    autocomplete_fields = ("people",)
    show_change_link = True
    classes = ("collapse",)
    verbose_name_plural = _("nhật ký quan hệ (ghi chép)")


def attach_journal_inlines() -> None:
    for model in (Partner, Agreement, Delegation, Project):
        attach_inline(model, JournalInline)
