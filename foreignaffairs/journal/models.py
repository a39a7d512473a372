"""A journal entry: one dated contact about one record, with the people involved and the files that came with it.

The date is when the contact happened, partial if that is all that is known ("03/2024"); who typed it and when is
kept apart (created_by, created), so the timeline never mixes the two.
"""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from agreements.models import Agreement, StoredDocument
from delegations.models import Delegation
from foreignaffairs.clock import today
from foreignaffairs.journal.choices import EntryKind
from foreignaffairs.models import TrackedModel
from foreignaffairs.partial_dates import PartialDateField
from partners.models import Partner, Person
from projects.models import Project

# The records a note may be about, each a nullable key of its own (rather than a generic relation) so the database
# keeps them whole: a note never points at a record that is gone, and a merge of two partners moves them. PROTECT:
# the journal is a record of correspondence; a record with notes is deleted only once they are moved or deleted
# deliberately (the admin lists them).
SUBJECT_FIELDS = ("partner", "agreement", "delegation", "project")


class JournalEntryQuerySet(models.QuerySet):
    def about_partners(self, partner_ids: list[int]) -> "JournalEntryQuerySet":
        """Notes on these partners or on an agreement, delegation or project of theirs."""
        return self.filter(
            Q(partner__in=partner_ids)
            | Q(agreement__in=Agreement.objects.filter(partners__in=partner_ids).values("pk"))
            | Q(delegation__in=Delegation.objects.filter(partners__in=partner_ids).values("pk"))
            | Q(project__in=Project.objects.funded_or_channelled_by_any(partner_ids).values("pk"))
        )


class JournalEntry(TrackedModel):
    occurred_on = PartialDateField(
        _("ngày"),
        blank=False,
        db_index=True,
        help_text=_("Ngày diễn ra (không phải ngày nhập): dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm."),
    )
    kind = models.CharField(_("hình thức"), max_length=16, choices=EntryKind.choices)
    summary = models.TextField(_("nội dung tóm tắt"))
    people = models.ManyToManyField(
        Person,
        verbose_name=_("người liên quan"),
        blank=True,
        related_name="journal_entries",
        help_text=_("Những người đã gọi, gặp, ký hoặc nhận văn bản."),
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("đối tác"), on_delete=models.PROTECT, null=True, blank=True, related_name="journal"
    )
    agreement = models.ForeignKey(
        Agreement,
        verbose_name=_("thỏa thuận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="journal",
    )
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("đoàn"), on_delete=models.PROTECT, null=True, blank=True, related_name="journal"
    )
    project = models.ForeignKey(
        Project, verbose_name=_("dự án"), on_delete=models.PROTECT, null=True, blank=True, related_name="journal"
    )

    objects = JournalEntryQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ghi chép")
        verbose_name_plural = pgettext_lazy("plural", "ghi chép")
        ordering = ["-occurred_on", "-pk"]
        constraints = [
            # Exactly one subject: the sum of the four "is set" tests is 1.
            models.CheckConstraint(
                condition=(
                    Q(partner__isnull=False, agreement__isnull=True, delegation__isnull=True, project__isnull=True)
                    | Q(partner__isnull=True, agreement__isnull=False, delegation__isnull=True, project__isnull=True)
                    | Q(partner__isnull=True, agreement__isnull=True, delegation__isnull=False, project__isnull=True)
                    | Q(partner__isnull=True, agreement__isnull=True, delegation__isnull=True, project__isnull=False)
                ),
                name="journal_entry_has_one_subject",
                violation_error_message=_("Một ghi chép thuộc về đúng một đối tác, thỏa thuận, đoàn hoặc dự án."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.occurred_on} · {self.get_kind_display()} · {self.summary[:60]}"

    def clean(self) -> None:
        super().clean()
        # A journal records what happened; what is planned belongs to a delegation's programme or a follow-up.
        if self.occurred_on and self.occurred_on.earliest() > today():
            raise ValidationError(
                {"occurred_on": _("Ngày diễn ra không được sau ngày hôm nay. Nhật ký chỉ ghi việc đã diễn ra.")}
            )

    @property
    def subject(self) -> Partner | Agreement | Delegation | Project | None:
        return next((getattr(self, name) for name in SUBJECT_FIELDS if getattr(self, f"{name}_id")), None)

    def get_absolute_url(self) -> str:
        subject = self.subject
        return f"{subject.get_absolute_url()}#journal-{self.pk}" if subject else ""


class JournalAttachment(StoredDocument):
    """A file that came with a contact (the letter, the diplomatic note, the minutes), kept as an agreement's
    documents are."""

    entry = models.ForeignKey(
        JournalEntry, verbose_name=_("ghi chép"), on_delete=models.CASCADE, related_name="attachments"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = pgettext_lazy("plural", "tệp đính kèm")
        ordering = ["entry", "pk"]

    def upload_folder(self) -> str:
        return f"journal/{self.entry_id or 'new'}"

    def get_absolute_url(self) -> str:
        return reverse("journal-attachment", args=[self.pk])
