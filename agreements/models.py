"""Cooperation agreements, their parties and documents, their lifecycle and their effectiveness reviews."""

import datetime
from typing import Any, Self

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from agreements.choices import (
    AgreementKind,
    AgreementStatus,
    DocumentKind,
    DocumentLanguage,
    EffectivenessRating,
    ObligationStatus,
    PredecessorRelation,
    Recommendation,
    ReviewStatus,
)
from agreements.uploads import DocumentFileField, validate_document
from foreignaffairs import clock
from foreignaffairs.models import BilingualTitleMixin, SearchableModel, TrackedModel
from foreignaffairs.partial_dates import PartialDate, PartialDateField, add_months
from partners.choices import Side
from partners.models import FieldOfCooperation, HueUnit, Partner, Person


class AgreementQuerySet(models.QuerySet):
    def for_listing(self) -> Self:
        """What a list of agreements shows, fetched in a fixed number of queries whatever the row count."""
        return self.select_related("responsible_unit", "predecessor").prefetch_related(
            "partners__country", "hue_units", "fields"
        )

    def alive(self) -> Self:
        return self.filter(alive_q())

    def expiring_within(self, days: int, today: datetime.date) -> Self:
        return self.filter(expiring_within_q(days, today))

    def review_overdue(self, today: datetime.date) -> Self:
        return self.filter(review_overdue_q(today))

    def review_due_within(self, days: int, today: datetime.date) -> Self:
        return self.filter(review_due_within_q(days, today))


# The conditions behind the queryset methods above, as Q objects too, so a page can count several of them in one
# aggregate query (Count(filter=…)) instead of one query each.
def alive_q() -> models.Q:
    return models.Q(status__in=AgreementStatus.alive())


def expiring_within_q(days: int, today: datetime.date) -> models.Q:
    """Alive agreements whose expiry falls between today and `days` days from now."""
    return alive_q() & models.Q(expires_on__gte=today, expires_on__lte=today + datetime.timedelta(days=days))


def review_overdue_q(today: datetime.date) -> models.Q:
    """Alive agreements whose next effectiveness review date has surely passed: a date known to the month is
    overdue once that month is over."""
    return alive_q() & models.Q(next_review_deadline__lt=today)


def review_due_within_q(days: int, today: datetime.date) -> models.Q:
    """Alive agreements whose next review may fall between today and `days` days from now: not yet past its last
    possible day, and its first possible day (ISO text sorts a month before its days) not after the window."""
    return alive_q() & models.Q(
        next_review_deadline__gte=today, next_review_on__lte=(today + datetime.timedelta(days=days)).isoformat()
    )


def next_review_from(
    signed_on: PartialDate | None,
    interval_months: int,
    *,
    approved_next: datetime.date | None = None,
    approved_at: datetime.datetime | None = None,
) -> PartialDate | None:
    """When an agreement is next due for review: the last approved review's own next date, else one interval after
    that approval (a day in Huế), else one interval after the signing, known as exactly as the signing date is
    (08/2025 + 12 months is 08/2026, never an invented 01/08/2026; PartialDate.plus_months)."""
    if approved_next:
        return PartialDate.from_date(approved_next)
    if approved_at:
        return PartialDate.from_date(add_months(timezone.localdate(approved_at), interval_months))
    if signed_on and interval_months:
        return signed_on.plus_months(interval_months)
    return None


class Agreement(BilingualTitleMixin, SearchableModel):
    """A cooperation document between Huế and one or more partners, from drafting to its end."""

    search_fields = ("reference_number", "title_vi", "title_en", "signed_on", "signing_place")
    # "sejong" finds the agreement Sejong is party to, in any of its three scripts.
    related_search_paths = ("partners", "hue_units", "signatories", "responsible_unit")
    search_recency = "signed_on"

    reference_number = models.CharField(
        _("số hiệu"), max_length=64, blank=True, help_text=_("Số, ký hiệu văn bản nếu có; để trống nếu chưa có.")
    )
    title_vi = models.CharField(_("tên tiếng Việt"), max_length=500)
    title_en = models.CharField(_("tên tiếng Anh"), max_length=500, blank=True)
    kind = models.CharField(_("loại văn bản"), max_length=32, choices=AgreementKind.choices)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=AgreementStatus.choices, default=AgreementStatus.DRAFTING
    )
    partners = models.ManyToManyField(
        Partner,
        through="AgreementPartner",
        verbose_name=_("đối tác"),
        blank=True,
        related_name="agreements",
        help_text=_("Một hoặc nhiều đối tác nước ngoài ký thỏa thuận."),
    )
    partner_unknown = models.BooleanField(
        _("chưa rõ đối tác"),
        default=False,
        help_text=_("Chỉ dùng cho hồ sơ lịch sử mà nguồn không nêu tên đối tác. Bổ sung đối tác khi biết."),
    )
    hue_units = models.ManyToManyField(
        HueUnit, through="AgreementUnit", verbose_name=_("đơn vị ký phía Huế"), blank=True, related_name="agreements"
    )
    signatories = models.ManyToManyField(
        Person, through="AgreementSignatory", verbose_name=_("người ký"), blank=True, related_name="agreements_signed"
    )
    signing_place = models.CharField(_("nơi ký"), max_length=255, blank=True)
    signed_on = PartialDateField(
        _("ngày ký"),
        db_index=True,
        help_text=_("dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm; để trống nếu chưa rõ."),
    )
    effective_on = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    expires_on = models.DateField(_("ngày hết hiệu lực"), null=True, blank=True, db_index=True)
    open_ended = models.BooleanField(
        _("không thời hạn"), default=False, help_text=_("Đánh dấu khi thỏa thuận không quy định ngày hết hiệu lực.")
    )
    fields = models.ManyToManyField(
        FieldOfCooperation, verbose_name=_("lĩnh vực hợp tác"), blank=True, related_name="agreements"
    )
    review_interval_months = models.PositiveSmallIntegerField(
        _("chu kỳ rà soát (tháng)"),
        default=12,
        help_text=_("Sau bao nhiêu tháng thì rà soát, đánh giá hiệu quả thỏa thuận một lần."),
    )
    next_review_on = PartialDateField(
        _("hạn rà soát tiếp theo"),
        editable=False,
        help_text=_(
            "Tính từ lần rà soát được phê duyệt gần nhất, hoặc từ ngày ký nếu chưa rà soát lần nào; biết đến đâu ghi "
            "đến đó: ký tháng 08/2025, rà soát 12 tháng một lần thì hạn là 08/2026."
        ),
    )
    next_review_deadline = models.DateField(
        _("hạn rà soát chậm nhất"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
        help_text=_(
            "Ngày cuối cùng của hạn rà soát: hết tháng khi hạn chỉ rõ tháng, hết năm khi chỉ rõ năm. "
            "Qua ngày này thỏa thuận mới bị coi là quá hạn rà soát."
        ),
    )
    predecessor = models.ForeignKey(
        "self",
        verbose_name=_("thay thế thỏa thuận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="successors",
        help_text=_("Thỏa thuận mà văn bản này gia hạn hoặc sửa đổi."),
    )
    predecessor_relation = models.CharField(
        _("quan hệ với thỏa thuận trước"), max_length=16, choices=PredecessorRelation.choices, blank=True
    )
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chuyên viên phụ trách"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="responsible_agreements",
    )
    responsible_unit = models.ForeignKey(
        HueUnit,
        verbose_name=_("đơn vị phụ trách"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="responsible_agreements",
    )
    summary = models.TextField(_("nội dung chính"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True, help_text=_("Nguồn thông tin, điều còn chưa rõ, …"))

    objects = AgreementQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "related_search_text"])

    class Meta:
        verbose_name = _("thỏa thuận")
        verbose_name_plural = pgettext_lazy("plural", "thỏa thuận")
        ordering = ["-signed_on", "title_vi"]
        # Lists filter by status. The overview counts alive agreements by next review date and expiry, and all of
        # them by status and year signed: with every column it reads here, it reads this index alone.
        indexes = [
            models.Index(
                fields=["status", "next_review_deadline", "expires_on", "signed_on", "next_review_on"],
                name="agreement_status_review_idx",
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reference_number"],
                condition=~models.Q(reference_number=""),
                name="agreement_unique_reference_number",
                violation_error_message=_("Số hiệu này đã được dùng cho một thỏa thuận khác."),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.derive_next_review()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "next_review_on" in update_fields:
            kwargs["update_fields"] = {*update_fields, "next_review_deadline"}
        super().save(*args, **kwargs)

    def derive_next_review(self) -> None:
        """The next review and its last day, from the signing or the last approved review: what every save sets
        (the import's batches call it for the rows they write without save())."""
        self.next_review_on = self.compute_next_review_on()
        self.next_review_deadline = self.next_review_on.latest() if self.next_review_on else None

    def get_absolute_url(self) -> str:
        return reverse("dashboard:agreement-detail", args=[self.pk])

    def compute_next_review_on(self) -> PartialDate | None:
        """See next_review_from(); the last approved review is read here."""
        last = None
        if self.pk:
            last = (
                self.reviews.filter(status=ReviewStatus.APPROVED)
                .order_by("-decided_at", "-pk")
                .only("next_review_on", "decided_at")
                .first()
            )
        return next_review_from(
            self.signed_on,
            self.review_interval_months,
            approved_next=last.next_review_on if last else None,
            approved_at=last.decided_at if last else None,
        )

    def clean(self) -> None:
        super().clean()
        errors = {}
        signed = self.signed_on.earliest() if self.signed_on else None
        if self.expires_on and signed and self.expires_on < signed:
            errors["expires_on"] = ValidationError(
                _("Ngày hết hiệu lực (%(expires)s) không thể trước ngày ký (%(signed)s)."),
                code="expires_before_signed",
                params={"expires": self.expires_on.strftime("%d/%m/%Y"), "signed": self.signed_on},
            )
        if self.expires_on and self.effective_on and self.expires_on < self.effective_on:
            errors["expires_on"] = ValidationError(
                _("Ngày hết hiệu lực không thể trước ngày có hiệu lực."), code="expires_before_effective"
            )
        if self.open_ended and self.expires_on:
            errors["open_ended"] = ValidationError(
                _("Thỏa thuận không thời hạn thì không có ngày hết hiệu lực; bỏ một trong hai."),
                code="open_ended_with_expiry",
            )
        if bool(self.predecessor_id) != bool(self.predecessor_relation):
            errors["predecessor_relation"] = ValidationError(
                _("Chọn cả thỏa thuận được thay thế và quan hệ (gia hạn hay sửa đổi), hoặc bỏ trống cả hai."),
                code="predecessor_incomplete",
            )
        if self.predecessor_id and self.pk and self.predecessor_id == self.pk:
            errors["predecessor"] = ValidationError(
                _("Một thỏa thuận không thể thay thế chính nó."), code="predecessor_self"
            )
        elif self.predecessor_id:
            # Walk up the predecessors, one indexed look-up a step, until the chain ends or meets an agreement met
            # before: this one (A renews B, B renews A), or a loop already in the database. A loop would make the
            # chain endless, and the agreements in it have no first document to list them under. Chains are a few
            # documents long; the bound only keeps a corrupt database from holding the form for long.
            seen, closing, node = {self.pk}, None, self.predecessor_id
            for _step in range(500):
                if node in seen:
                    break
                seen.add(node)
                closing = Agreement.objects.only("predecessor_id", "title_vi", "title_en").get(pk=node)
                node = closing.predecessor_id
                if node is None:
                    break
            if node is not None and node in seen and node == self.pk:
                errors["predecessor"] = ValidationError(
                    _(
                        "Chuỗi gia hạn, sửa đổi sẽ thành vòng lặp: “%(closing)s” đã thay thế chính thỏa thuận này "
                        "(trực tiếp hoặc qua văn bản khác). Hãy chọn đúng văn bản trước đó."
                    ),
                    code="predecessor_cycle",
                    params={"closing": closing},
                )
            elif node is not None and node in seen:
                errors["predecessor"] = ValidationError(
                    _(
                        "Chuỗi gia hạn, sửa đổi của “%(predecessor)s” đã có vòng lặp ở “%(closing)s”; hãy sửa "
                        "thỏa thuận đó trước."
                    ),
                    code="predecessor_cycle",
                    params={"predecessor": self.predecessor, "closing": closing},
                )
        if errors:
            raise ValidationError(errors)


class AgreementPartner(models.Model):
    """A partner party to an agreement. Its own row so that deleting a partner still referred to is refused."""

    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="partner_links")
    partner = models.ForeignKey(Partner, verbose_name=_("đối tác"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("đối tác của thỏa thuận")
        verbose_name_plural = pgettext_lazy("plural", "đối tác của thỏa thuận")
        constraints = [models.UniqueConstraint(fields=["agreement", "partner"], name="agreement_partner_once")]

    def __str__(self) -> str:
        return f"{self.agreement} — {self.partner}"


class AgreementUnit(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="unit_links")
    unit = models.ForeignKey(HueUnit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("đơn vị ký của thỏa thuận")
        verbose_name_plural = pgettext_lazy("plural", "đơn vị ký của thỏa thuận")
        constraints = [models.UniqueConstraint(fields=["agreement", "unit"], name="agreement_unit_once")]

    def __str__(self) -> str:
        return f"{self.agreement} — {self.unit}"


class AgreementSignatory(models.Model):
    agreement = models.ForeignKey(Agreement, on_delete=models.CASCADE, related_name="signatory_links")
    person = models.ForeignKey(Person, verbose_name=_("người ký"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("người ký thỏa thuận")
        verbose_name_plural = pgettext_lazy("plural", "người ký thỏa thuận")
        constraints = [models.UniqueConstraint(fields=["agreement", "person"], name="agreement_signatory_once")]

    def __str__(self) -> str:
        return f"{self.agreement} — {self.person}"


def document_upload_path(instance: "AgreementDocument", filename: str) -> str:
    # Named by migrations 0001 and 0006; the field now asks the record (stored_document_path).
    return stored_document_path(instance, filename)


def stored_document_path(instance: "StoredDocument", filename: str) -> str:
    return f"{instance.upload_folder()}/{filename}"


class StoredDocument(TrackedModel):
    """A private file of a record (an agreement's documents, a journal note's attachments): checked by its content,
    stored under the type it was accepted as, never served from a public URL; its size kept for lists."""

    title = models.CharField(_("tên tài liệu"), max_length=255, blank=True)
    file = DocumentFileField(
        _("tệp"),
        upload_to=stored_document_path,
        max_length=500,
        validators=[validate_document],
        help_text=_("PDF, DOCX, ODT, JPEG hoặc PNG, tối đa 20 MB."),
    )
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"), default=0, editable=False)

    class Meta:
        abstract = True

    def upload_folder(self) -> str:
        raise NotImplementedError

    def __str__(self) -> str:
        return self.title or self.file.name.rsplit("/", 1)[-1]

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.file:
            self.size = self.file.size
        super().save(*args, **kwargs)


class AgreementDocument(StoredDocument):
    """A file of an agreement: the signed original, a translation, an annex."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("thỏa thuận"), on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField(_("loại tài liệu"), max_length=32, choices=DocumentKind.choices)
    language = models.CharField(_("ngôn ngữ"), max_length=8, choices=DocumentLanguage.choices, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tài liệu")
        verbose_name_plural = pgettext_lazy("plural", "tài liệu")
        ordering = ["agreement", "kind", "pk"]

    def upload_folder(self) -> str:
        return f"agreements/{self.agreement_id or 'new'}"

    def get_absolute_url(self) -> str:
        return reverse("document-download", args=[self.pk])


class AgreementStatusChange(models.Model):
    """One move of an agreement's status: from, to, who, when and why. Written by the lifecycle, never edited."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("thỏa thuận"), on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(_("từ trạng thái"), max_length=16, choices=AgreementStatus.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=16, choices=AgreementStatus.choices)
    changed_at = models.DateTimeField(_("thời điểm"), db_index=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Để trống khi hệ thống tự chuyển trạng thái theo ngày."),
    )
    reason = models.TextField(_("lý do"), blank=True)

    class Meta:
        verbose_name = _("thay đổi trạng thái")
        verbose_name_plural = _("lịch sử trạng thái")
        ordering = ["agreement", "changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_from_status_display() or '—'} → {self.get_to_status_display()}"


class ReviewQuerySet(models.QuerySet):
    def for_listing(self) -> Self:
        return self.select_related("agreement", "reviewer")


class AgreementReview(TrackedModel):
    """A periodic effectiveness review of an agreement: drafted by an officer, approved by a head of division."""

    # Found by its agreement's names and those of the agreement's partners (foreignaffairs.search.matching).
    search_through = "agreement"
    search_recency = "period_end"

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("thỏa thuận"), on_delete=models.CASCADE, related_name="reviews"
    )
    status = models.CharField(_("trạng thái"), max_length=16, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT)
    purpose = models.TextField(_("mục đích rà soát"), blank=True)
    period_start = models.DateField(_("kỳ rà soát từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("đến ngày"), null=True, blank=True)
    reviewer = models.ForeignKey(
        Person,
        verbose_name=_("người rà soát"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviews",
    )
    activities = models.TextField(_("hoạt động đã triển khai"), blank=True)
    rating = models.CharField(_("đánh giá hiệu quả"), max_length=20, choices=EffectivenessRating.choices, blank=True)
    findings = models.TextField(_("nhận xét, đánh giá"), blank=True)
    recommendation = models.CharField(_("kiến nghị"), max_length=16, choices=Recommendation.choices, blank=True)
    next_steps = models.TextField(_("bước tiếp theo đề xuất"), blank=True)
    next_review_on = models.DateField(_("ngày rà soát lần sau"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("trình lúc"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người trình"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("phê duyệt/trả lại lúc"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người phê duyệt/trả lại"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    return_reason = models.TextField(_("lý do trả lại"), blank=True, editable=False)

    objects = ReviewQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("rà soát, đánh giá hiệu quả")
        verbose_name_plural = pgettext_lazy("plural", "rà soát, đánh giá hiệu quả")
        ordering = ["-period_end", "-pk"]
        # The review list and changelist read newest first, often for one status (reviews awaiting approval).
        indexes = [
            models.Index(fields=["period_end", "id"], name="review_period_end_idx"),
            models.Index(fields=["status", "period_end"], name="review_status_period_end_idx"),
        ]
        permissions = [("approve_review", _("Có thể phê duyệt hoặc trả lại báo cáo rà soát"))]

    def __str__(self) -> str:
        period = ""
        if self.period_start or self.period_end:
            start = self.period_start.strftime("%d/%m/%Y") if self.period_start else "…"
            end = self.period_end.strftime("%d/%m/%Y") if self.period_end else "…"
            period = f" ({start}–{end})"
        return _("Rà soát %(agreement)s%(period)s") % {"agreement": self.agreement, "period": period}

    def clean(self) -> None:
        super().clean()
        if self.period_start and self.period_end and self.period_end < self.period_start:
            reversed_period = ValidationError(
                _("Kỳ rà soát phải kết thúc sau ngày bắt đầu."), code="review_period_reversed"
            )
            raise ValidationError({"period_end": reversed_period})


def obligation_past_due_q(today: datetime.date) -> models.Q:
    """Commitments still open after their due date, of agreements that still bind the parties: one of a drafted
    agreement is not undertaken yet, one of an agreement expired, terminated or replaced binds no longer."""
    return models.Q(status=ObligationStatus.OPEN, due_on__lt=today, agreement__status__in=AgreementStatus.alive())


def obligation_due_within_q(days: int, today: datetime.date) -> models.Q:
    """Open commitments of agreements in force falling due between today and `days` days from now."""
    return models.Q(
        status=ObligationStatus.OPEN,
        due_on__gte=today,
        due_on__lte=today + datetime.timedelta(days=days),
        agreement__status__in=AgreementStatus.alive(),
    )


class ObligationQuerySet(models.QuerySet):
    def past_due(self, today: datetime.date) -> Self:
        return self.filter(obligation_past_due_q(today))

    def due_within(self, days: int, today: datetime.date) -> Self:
        return self.filter(obligation_due_within_q(days, today))

    def with_past_due(self, today: datetime.date) -> Self:
        """Each row with `past_due`: whether it is overdue today, by the same rule as past_due()."""
        return self.annotate(
            past_due=models.ExpressionWrapper(obligation_past_due_q(today), output_field=models.BooleanField())
        )


class AgreementObligation(TrackedModel):
    """A commitment an agreement records: what one side undertook, who answers for it, by when, and what shows it
    was met. Its fields and rules mirror a delegation's follow-up (delegations.models.FollowUpAction)."""

    agreement = models.ForeignKey(
        Agreement, verbose_name=_("thỏa thuận"), on_delete=models.CASCADE, related_name="obligations"
    )
    side = models.CharField(
        _("bên cam kết"),
        max_length=16,
        choices=Side.choices,
        default=Side.HUE,
        help_text=_("Bên nào đã nhận thực hiện việc này theo thỏa thuận."),
    )
    commitment = models.TextField(
        _("nội dung cam kết"), help_text=_("Việc một bên nhận thực hiện, ghi như văn bản thỏa thuận nêu.")
    )
    owner = models.ForeignKey(
        Person,
        verbose_name=_("người phụ trách"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="obligations",
        help_text=_(
            "Nhận thư nhắc việc hằng ngày khi hạn đến gần hoặc đã quá, nếu thư điện tử của người này "
            "trùng với thư điện tử của một tài khoản."
        ),
    )
    owner_unit = models.ForeignKey(
        HueUnit,
        verbose_name=_("đơn vị phụ trách"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="obligations",
        help_text=_("Đơn vị phía Huế chịu trách nhiệm thực hiện."),
    )
    due_on = models.DateField(
        _("hạn"), null=True, blank=True, db_index=True, help_text=_("Để trống nếu thỏa thuận không nêu thời hạn.")
    )
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ObligationStatus.choices, default=ObligationStatus.OPEN
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    evidence = models.TextField(
        _("minh chứng"),
        blank=True,
        help_text=_("Điều cho thấy cam kết đã được thực hiện: số, ngày văn bản; chuyến thăm; biên bản; kết quả."),
    )

    objects = ObligationQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cam kết")
        verbose_name_plural = pgettext_lazy("plural", "cam kết")
        ordering = ["agreement", "due_on", "pk"]

    def __str__(self) -> str:
        return self.commitment[:80]

    def clean(self) -> None:
        super().clean()
        errors = {}
        if self.status == ObligationStatus.DONE:
            if not self.completed_on:
                errors["completed_on"] = ValidationError(
                    _("Nhập ngày hoàn thành cho cam kết đã hoàn thành."), code="done_without_date"
                )
            if not self.evidence.strip():
                errors["evidence"] = ValidationError(
                    _("Ghi minh chứng cho cam kết đã hoàn thành: văn bản, sự kiện hay kết quả cho thấy đã thực hiện."),
                    code="done_without_evidence",
                )
        elif self.completed_on:
            # Reopened or cancelled: a day met would read "Đang thực hiện, 05/03/2025" on the agreement's page.
            errors["completed_on"] = ValidationError(
                _(
                    "Chỉ ghi ngày hoàn thành cho cam kết đã hoàn thành; "
                    "xóa ngày này hoặc chọn trạng thái Đã hoàn thành."
                ),
                code="date_without_done",
            )
        if self.completed_on and self.completed_on > clock.today():
            errors["completed_on"] = ValidationError(
                _("Ngày hoàn thành không thể sau hôm nay."), code="completed_in_future"
            )
        if self.side == Side.PARTNER and self.owner_unit_id:
            errors["owner_unit"] = ValidationError(
                _("Cam kết của phía đối tác không giao cho đơn vị phía Huế; để trống đơn vị phụ trách."),
                code="partner_side_with_hue_unit",
            )
        if self.owner_id:
            owner = self.owner
            if self.side == Side.PARTNER and owner.hue_unit_id and not owner.partner_id:
                errors["owner"] = ValidationError(
                    _("%(person)s thuộc phía Huế, không phụ trách được cam kết của phía đối tác."),
                    code="owner_on_other_side",
                    params={"person": owner.full_name},
                )
            elif self.side == Side.HUE and owner.partner_id and not owner.hue_unit_id:
                errors["owner"] = ValidationError(
                    _("%(person)s thuộc phía đối tác, không phụ trách được cam kết của phía Huế."),
                    code="owner_on_other_side",
                    params={"person": owner.full_name},
                )
        if errors:
            raise ValidationError(errors)
