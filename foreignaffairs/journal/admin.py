"""The journal in the admin: its own list (every note, filterable by kind and date), each note with its files, and
the notes of a partner, agreement, delegation or project as an inline on that record's page."""

from django.contrib import admin
from django.db.models import QuerySet
from django.forms.models import BaseInlineFormSet
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

RECENT_NOTES = 10


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


class RecentNotesFormSet(BaseInlineFormSet):
    """The latest notes only: each row costs the page queries (its people), and a partner may have hundreds."""

    def get_queryset(self) -> QuerySet:
        if not hasattr(self, "_recent"):
            self._recent = super().get_queryset().order_by("-occurred_on", "-pk")[:RECENT_NOTES]
        return self._recent


class JournalInline(TrackedStackedInline):
    """A record's latest notes on its own page, and a row to add one. Files are attached on the note's own page (the
    link on each row): the admin cannot nest the files' rows inside a note's. All notes are in the journal's list."""

    model = JournalEntry
    formset = RecentNotesFormSet
    fields = ("occurred_on", "kind", "summary", "people")
    autocomplete_fields = ("people",)
    show_change_link = True
    classes = ("collapse",)
    verbose_name_plural = _("nhật ký quan hệ (10 ghi chép gần nhất; tất cả trong mục Ghi chép)")


def attach_journal_inlines() -> None:
    for model in (Partner, Agreement, Delegation, Project):
        attach_inline(model, JournalInline)
