"""Delegations: visits to Huế (inbound) and from Huế abroad (outbound), with who, what, and what followed."""

import datetime
from typing import Self

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from agreements.models import Agreement
from delegations.choices import DelegationStatus, Direction, FollowUpStatus, GiftDirection, MemberRole
from foreignaffairs.models import BilingualTitleMixin, SearchableModel, TrackedModel
from foreignaffairs.partial_dates import PartialDateField, ends_before_start
from partners.choices import Side
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person


class DelegationQuerySet(models.QuerySet):
    def for_listing(self) -> Self:
        """What a list of delegations shows, fetched in a fixed number of queries whatever the row count."""
        return self.select_related("head", "host_unit").prefetch_related("countries", "partners", "fields")

    def starting_within(self, days: int, today: datetime.date) -> Self:
        """Delegations not cancelled whose first day falls between today and `days` days from now.

        Only day-precise start dates count: "in 2025" cannot be placed in the next N days.
        """
        start, end = today.isoformat(), (today + datetime.timedelta(days=days)).isoformat()
        return (
            self.exclude(status=DelegationStatus.CANCELLED)
            .filter(starts_on__gte=start, starts_on__lte=end)
            .filter(starts_on__regex=r"^\d{4}-\d{2}-\d{2}$")
        )


class Delegation(BilingualTitleMixin, SearchableModel):
    search_fields = ("title_vi", "title_en", "purpose", "programme", "starts_on")
    # "nguyen dinh trung" finds the visit he received; "han quoc" and "korea" the visits from Korea.
    related_search_paths = ("head", "members__person", "partners", "countries", "host_unit")
    search_recency = "starts_on"

    direction = models.CharField(_("loại đoàn"), max_length=16, choices=Direction.choices)
    title_vi = models.CharField(_("tên đoàn (tiếng Việt)"), max_length=500)
    title_en = models.CharField(_("tên đoàn (tiếng Anh)"), max_length=500, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=DelegationStatus.choices, default=DelegationStatus.PROPOSED
    )
    purpose = models.TextField(_("mục đích"), blank=True)
    programme = models.TextField(_("chương trình"), blank=True)
    starts_on = PartialDateField(
        _("ngày bắt đầu"), db_index=True, help_text=_("dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm.")
    )
    ends_on = PartialDateField(_("ngày kết thúc"))
    countries = models.ManyToManyField(Country, verbose_name=_("quốc gia"), blank=True, related_name="delegations")
    partners = models.ManyToManyField(
        Partner, through="DelegationPartner", verbose_name=_("đối tác"), blank=True, related_name="delegations"
    )
    fields = models.ManyToManyField(
        FieldOfCooperation, verbose_name=_("lĩnh vực hợp tác"), blank=True, related_name="delegations"
    )
    head = models.ForeignKey(
        Person,
        verbose_name=_("trưởng đoàn"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations_headed",
    )
    host_unit = models.ForeignKey(
        HueUnit,
        verbose_name=_("đơn vị chủ trì"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegations_hosted",
    )
    outcomes = models.TextField(_("kết quả"), blank=True)
    agreements_signed = models.ManyToManyField(
        Agreement,
        verbose_name=_("văn bản ký trong chuyến thăm"),
        blank=True,
        related_name="signed_during_delegations",
    )
    notes = models.TextField(_("ghi chú"), blank=True, help_text=_("Nguồn thông tin, điều còn chưa rõ, …"))

    objects = DelegationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "related_search_text"])

    class Meta:
        verbose_name = _("đoàn")
        verbose_name_plural = _("đoàn ra, đoàn vào")
        ordering = ["-starts_on", "title_vi"]
        # Lists are filtered by direction (inbound/outbound) and read newest first.
        indexes = [models.Index(fields=["direction", "starts_on"], name="delegation_direction_start_idx")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dashboard:delegation-detail", args=[self.pk])

    def clean(self) -> None:
        super().clean()
        # Compare what is known: a delegation "in 2025" may end on 03/2025, not in 2024.
        if ends_before_start(self.starts_on, self.ends_on):
            reversed_dates = ValidationError(
                _("Ngày kết thúc (%(end)s) không thể trước ngày bắt đầu (%(start)s)."),
                code="delegation_ends_before_start",
                params={"end": self.ends_on, "start": self.starts_on},
            )
            raise ValidationError({"ends_on": reversed_dates})
        if self.ends_on and not self.starts_on:
            missing_start = ValidationError(_("Có ngày kết thúc thì cần có ngày bắt đầu."), code="end_without_start")
            raise ValidationError({"starts_on": missing_start})


class DelegationPartner(models.Model):
    delegation = models.ForeignKey(Delegation, on_delete=models.CASCADE, related_name="partner_links")
    partner = models.ForeignKey(Partner, verbose_name=_("đối tác"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("đối tác của đoàn")
        verbose_name_plural = pgettext_lazy("plural", "đối tác của đoàn")
        constraints = [models.UniqueConstraint(fields=["delegation", "partner"], name="delegation_partner_once")]

    def __str__(self) -> str:
        return f"{self.delegation} — {self.partner}"


class DelegationMember(TrackedModel):
    delegation = models.ForeignKey(Delegation, verbose_name=_("đoàn"), on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey(Person, verbose_name=_("người"), on_delete=models.PROTECT, related_name="memberships")
    title = models.CharField(
        _("chức vụ khi tham gia"),
        max_length=255,
        blank=True,
        help_text=_("Để trống để dùng chức vụ hiện tại của người này."),
    )
    organization = models.CharField(_("cơ quan, tổ chức"), max_length=255, blank=True)
    side = models.CharField(_("phía"), max_length=16, choices=Side.choices)
    role = models.CharField(_("vai trò"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên")
        verbose_name_plural = _("thành viên, người tham dự")
        ordering = ["delegation", "side", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "person"],
                name="delegation_member_once",
                violation_error_message=_("Người này đã có trong danh sách của đoàn."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person.full_name} — {self.get_role_display()}"


class ItineraryItem(TrackedModel):
    delegation = models.ForeignKey(
        Delegation, verbose_name=_("đoàn"), on_delete=models.CASCADE, related_name="itinerary"
    )
    starts_at = models.DateTimeField(_("thời gian"), null=True, blank=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    activity = models.CharField(_("nội dung"), max_length=500)
    attendees = models.TextField(_("thành phần"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục lịch trình")
        verbose_name_plural = _("lịch trình")
        ordering = ["delegation", "starts_at", "pk"]

    def __str__(self) -> str:
        return self.activity


class FollowUpQuerySet(models.QuerySet):
    def past_due(self, today: datetime.date) -> Self:
        return self.filter(status=FollowUpStatus.OPEN, due_on__lt=today)


class FollowUpAction(TrackedModel):
    search_through = "delegation"  # found by its delegation's names (foreignaffairs.search.matching)
    search_recency = "due_on"

    delegation = models.ForeignKey(
        Delegation, verbose_name=_("đoàn"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    description = models.TextField(_("việc cần làm"))
    owner = models.ForeignKey(
        Person,
        verbose_name=_("người phụ trách"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    owner_unit = models.ForeignKey(
        HueUnit,
        verbose_name=_("đơn vị phụ trách"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    due_on = models.DateField(_("hạn"), null=True, blank=True, db_index=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=FollowUpStatus.choices, default=FollowUpStatus.OPEN
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    objects = FollowUpQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("việc cần theo dõi")
        verbose_name_plural = pgettext_lazy("plural", "việc cần theo dõi")
        ordering = ["delegation", "due_on", "pk"]

    def __str__(self) -> str:
        return self.description[:80]

    def clean(self) -> None:
        super().clean()
        if self.status == FollowUpStatus.DONE and not self.completed_on:
            missing_date = ValidationError(_("Nhập ngày hoàn thành cho việc đã xong."), code="done_without_date")
            raise ValidationError({"completed_on": missing_date})


class Gift(TrackedModel):
    delegation = models.ForeignKey(Delegation, verbose_name=_("đoàn"), on_delete=models.CASCADE, related_name="gifts")
    direction = models.CharField(_("chiều"), max_length=16, choices=GiftDirection.choices)
    description = models.CharField(_("quà tặng"), max_length=500)
    giver = models.ForeignKey(
        Person,
        verbose_name=_("người tặng"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts_given",
    )
    recipient = models.ForeignKey(
        Person,
        verbose_name=_("người nhận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts_received",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("quà tặng")
        verbose_name_plural = pgettext_lazy("plural", "quà tặng")
        ordering = ["delegation", "pk"]

    def __str__(self) -> str:
        return self.description
