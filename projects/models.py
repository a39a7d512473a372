"""Cooperation projects (ODA, FDI, aid) and the figures the sources report only in aggregate.

Money is kept exactly as reported, amount and currency, never converted (projects.currencies).
"""

import decimal
from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Any, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext, ngettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from foreignaffairs.models import BilingualTitleMixin, SearchableModel
from foreignaffairs.partial_dates import PartialDateField, ends_before_start
from partners.models import Country, FieldOfCooperation, HueUnit, Partner
from projects.choices import FigureUnit, ProjectKind, ProjectStatus
from projects.currencies import CurrencyField, format_amount, format_money, validate_not_negative

MONEY_DIGITS = {"max_digits": 20, "decimal_places": 2}  # 981 billion VND fits with room to spare.
DATE_HELP = _("dd/mm/yyyy, hoặc mm/yyyy, yyyy khi chỉ biết tháng, năm; để trống nếu chưa rõ.")


class ProjectQuerySet(models.QuerySet):
    def for_listing(self) -> Self:
        """What a list of projects shows, fetched in a fixed number of queries whatever the row count."""
        return self.select_related("partner__country", "channel", "hue_unit", "agreement").prefetch_related("fields")

    def funded_or_channelled_by(self, partner: Partner) -> Self:
        """The partner's projects: those it funds or invests in, and those funded through it (KOICA for Korea)."""
        return self.filter(Q(partner=partner) | Q(channel=partner))

    def funded_or_channelled_by_any(self, partner_ids: Iterable[int]) -> Self:
        """The projects of any of these partners (a parent and its children, say), as funded_or_channelled_by."""
        return self.filter(Q(partner__in=partner_ids) | Q(channel__in=partner_ids))


def fold_by_currency(rows: Iterable[Mapping[str, Any]]) -> dict[str, dict[str, decimal.Decimal]]:
    """Committed and disbursed sums per currency, e.g. {"USD": {"committed": …, "disbursed": …}}, from rows of sums
    grouped by (committed_currency, disbursed_currency, …), or from single projects' money_row().

    Committed and disbursed amounts may be in different currencies, so rows are grouped by the pair and folded per
    currency here; amounts in different currencies are never added together. The rows may be grouped by more
    columns too (the overview also groups by kind and status, to get its charts from the same query).
    """
    zero = decimal.Decimal(0)
    totals: dict[str, dict[str, decimal.Decimal]] = defaultdict(lambda: {"committed": zero, "disbursed": zero})
    for row in rows:
        if row["committed"] is not None and row["committed_currency"]:
            totals[row["committed_currency"]]["committed"] += row["committed"]
        if row["disbursed"] is not None and row["disbursed_currency"]:
            totals[row["disbursed_currency"]]["disbursed"] += row["disbursed"]
    return dict(sorted(totals.items()))


class Project(BilingualTitleMixin, SearchableModel):
    """A project funded or invested in by a partner: an ODA grant or loan, an FDI project, aid, volunteers, …"""

    search_fields = ("title_vi", "title_en", "location", "starts_on")
    # "koica" finds the three ODA grants it channels.
    related_search_paths = ("partner", "channel", "agreement", "hue_unit")
    search_recency = "starts_on"

    kind = models.CharField(_("loại dự án"), max_length=24, choices=ProjectKind.choices)
    title_vi = models.CharField(_("tên tiếng Việt"), max_length=500)
    title_en = models.CharField(_("tên tiếng Anh"), max_length=500, blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=ProjectStatus.choices, default=ProjectStatus.PROPOSED
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("nhà tài trợ / nhà đầu tư"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="funded_projects",
        help_text=_("Đối tác tài trợ hoặc đầu tư; để trống nếu nguồn không nêu."),
    )
    channel = models.ForeignKey(
        Partner,
        verbose_name=_("kênh tài trợ"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="channelled_projects",
        help_text=_("Cơ quan mà qua đó dự án được tài trợ, ví dụ: KOICA; có thể trùng với nhà tài trợ."),
    )
    hue_unit = models.ForeignKey(
        HueUnit,
        verbose_name=_("đơn vị phụ trách phía Huế"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    location = models.CharField(
        _("địa điểm tại Huế"), max_length=255, blank=True, help_text=_("Nơi thực hiện dự án, ví dụ: A Lưới.")
    )
    fields = models.ManyToManyField(
        FieldOfCooperation, verbose_name=_("lĩnh vực hợp tác"), blank=True, related_name="projects"
    )
    agreement = models.ForeignKey(
        "agreements.Agreement",
        verbose_name=_("theo thỏa thuận"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
        help_text=_("Thỏa thuận hợp tác mà dự án thực hiện theo, nếu có."),
    )
    starts_on = PartialDateField(_("bắt đầu"), db_index=True, help_text=DATE_HELP)
    ends_on = PartialDateField(_("kết thúc"), help_text=DATE_HELP)
    committed_amount = models.DecimalField(
        _("vốn cam kết / đăng ký"),
        **MONEY_DIGITS,
        null=True,
        blank=True,
        validators=[validate_not_negative],
        help_text=_("Đúng như nguồn nêu, không quy đổi; để trống nếu chưa rõ."),
    )
    committed_currency = CurrencyField(
        _("tiền tệ của vốn cam kết"), help_text=_("Mã ISO 4217: USD, VND, KRW, JPY, EUR, …")
    )
    disbursed_amount = models.DecimalField(
        _("vốn đã giải ngân"),
        **MONEY_DIGITS,
        null=True,
        blank=True,
        validators=[validate_not_negative],
        help_text=_("Đúng như nguồn nêu, không quy đổi; để trống nếu chưa rõ."),
    )
    disbursed_currency = CurrencyField(
        _("tiền tệ của vốn giải ngân"), help_text=_("Mã ISO 4217: USD, VND, KRW, JPY, EUR, …")
    )
    summary = models.TextField(_("nội dung chính"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True, help_text=_("Nguồn thông tin, điều còn chưa rõ, …"))

    objects = ProjectQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "related_search_text"])

    class Meta:
        verbose_name = _("dự án hợp tác")
        verbose_name_plural = pgettext_lazy("plural", "dự án hợp tác")
        ordering = ["-starts_on", "title_vi"]

    def money_row(self) -> dict:
        """This project's amounts in the shape fold_by_currency() takes."""
        return {
            "committed": self.committed_amount,
            "committed_currency": self.committed_currency,
            "disbursed": self.disbursed_amount,
            "disbursed_currency": self.disbursed_currency,
        }

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("dashboard:project-detail", args=[self.pk])

    @property
    def committed(self) -> str:
        return format_money(self.committed_amount, self.committed_currency)

    @property
    def disbursed(self) -> str:
        return format_money(self.disbursed_amount, self.disbursed_currency)

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = defaultdict(list)
        if ends_before_start(self.starts_on, self.ends_on):
            errors["ends_on"].append(
                ValidationError(
                    _("Ngày kết thúc (%(end)s) không thể trước ngày bắt đầu (%(start)s)."),
                    code="project_ends_before_start",
                    params={"end": self.ends_on, "start": self.starts_on},
                )
            )
        for amount, currency, label in (
            ("committed_amount", "committed_currency", _("vốn cam kết / đăng ký")),
            ("disbursed_amount", "disbursed_currency", _("vốn đã giải ngân")),
        ):
            if getattr(self, amount) is not None and not getattr(self, currency):
                errors[currency].append(
                    ValidationError(
                        _("Nhập mã tiền tệ cho %(amount)s, đúng như nguồn nêu."),
                        code="amount_without_currency",
                        params={"amount": label},
                    )
                )
        if (
            self.committed_amount is not None
            and self.disbursed_amount is not None
            and self.committed_currency
            and self.committed_currency == self.disbursed_currency
            and self.disbursed_amount > self.committed_amount
        ):
            errors["disbursed_amount"].append(
                ValidationError(
                    _("Vốn đã giải ngân (%(disbursed)s) không thể lớn hơn vốn cam kết (%(committed)s)."),
                    code="disbursed_above_committed",
                    params={"disbursed": self.disbursed, "committed": self.committed},
                )
            )
        if errors:
            raise ValidationError(dict(errors))


class ReportedFigureQuerySet(models.QuerySet):
    def for_listing(self) -> Self:
        return self.select_related("country", "partner")


class ReportedFigure(SearchableModel):
    """A number a source gives only in aggregate ("17 Korean FDI projects, over 61.6 million USD"), with its source.

    It is the source's claim, kept as stated, and is never mixed with the totals computed from Project rows.
    """

    search_fields = ("subject", "source_title", "source_published_in")
    related_search_paths = ("country", "partner")
    search_recency = "source_date"

    subject = models.CharField(
        _("nội dung thống kê"),
        max_length=500,
        help_text=_("Điều được đếm hoặc tính tiền, ví dụ: Dự án FDI của Hàn Quốc tại TP. Huế."),
    )
    value = models.DecimalField(_("giá trị"), **MONEY_DIGITS, validators=[validate_not_negative])
    unit = models.CharField(_("đơn vị"), max_length=16, choices=FigureUnit.choices)
    currency = CurrencyField(_("tiền tệ"), help_text=_("Mã ISO 4217, chỉ khi đơn vị là số tiền."))
    is_lower_bound = models.BooleanField(
        _("“hơn”"),
        default=False,
        help_text=_("Nguồn viết “hơn …”: giá trị là mức tối thiểu, không phải con số chính xác."),
    )
    equivalent_value = models.DecimalField(
        _("giá trị tương đương"),
        **MONEY_DIGITS,
        null=True,
        blank=True,
        validators=[validate_not_negative],
        help_text=_(
            "Chỉ khi chính nguồn nêu số tiền tương đương, ví dụ: 39 triệu USD ≈ 981 tỷ đồng. Không tự quy đổi."
        ),
    )
    equivalent_currency = CurrencyField(_("tiền tệ tương đương"), help_text=_("Mã ISO 4217 của giá trị tương đương."))
    period_start = PartialDateField(_("kỳ từ"), help_text=DATE_HELP)
    period_end = PartialDateField(_("kỳ đến"), help_text=DATE_HELP)
    as_of = PartialDateField(
        _("tính đến"), help_text=_("Thời điểm của số liệu khi nguồn không nêu một kỳ; để trống nếu chưa rõ.")
    )
    country = models.ForeignKey(
        Country,
        verbose_name=_("quốc gia"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_figures",
        help_text=_("Quốc gia mà số liệu nói đến, ví dụ: Hàn Quốc; để trống nếu là số liệu chung."),
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("đối tác"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reported_figures",
    )
    source_title = models.CharField(
        _("nguồn"), max_length=500, help_text=_("Tên bài viết, báo cáo; nếu nguồn không có tên, mô tả ngắn gọn.")
    )
    source_date = PartialDateField(_("ngày của nguồn"), help_text=DATE_HELP)
    source_published_in = models.CharField(
        _("nơi đăng"), max_length=255, blank=True, help_text=_("Báo, trang tin, văn bản đã đăng nguồn này.")
    )
    source_url = models.URLField(_("đường dẫn nguồn"), max_length=500, blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)

    objects = ReportedFigureQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "related_search_text"])

    class Meta:
        verbose_name = _("số liệu theo nguồn")
        verbose_name_plural = pgettext_lazy("plural", "số liệu theo nguồn")
        ordering = ["-source_date", "subject"]

    def __str__(self) -> str:
        return f"{self.subject}: {self.stated_value}"

    @property
    def stated_value(self) -> str:
        """The value as the source states it: "hơn 39.000.000 USD (≈ 981.000.000.000 VND)", "17 dự án"."""
        if self.value is None:
            return ""
        # Whole phrases, not words in an f-string: gettext's extractor cannot see inside one, and English showed
        # "hơn 55,000,000 USD".
        if self.unit == FigureUnit.MONEY:
            text = format_money(self.value, self.currency)
        else:
            count = int(self.value) if self.value == self.value.to_integral_value() else 2
            text = ngettext("%(count)s dự án", "%(count)s dự án", count) % {"count": format_amount(self.value)}
        if self.is_lower_bound:
            text = gettext("hơn %(value)s") % {"value": text}
        if self.equivalent_value is not None:
            text = f"{text} (≈ {format_money(self.equivalent_value, self.equivalent_currency)})"
        return text

    def clean(self) -> None:
        super().clean()
        errors: dict[str, list[ValidationError]] = defaultdict(list)
        if self.unit == FigureUnit.MONEY and not self.currency:
            errors["currency"].append(
                ValidationError(
                    _("Số liệu là số tiền thì cần mã tiền tệ, đúng như nguồn nêu."), code="money_without_currency"
                )
            )
        if self.unit == FigureUnit.PROJECTS and self.currency:
            errors["currency"].append(
                ValidationError(
                    _("Số liệu đếm dự án thì không có tiền tệ; bỏ trống mã tiền tệ."), code="count_with_currency"
                )
            )
        if self.unit == FigureUnit.PROJECTS and self.value is not None and self.value != self.value.to_integral_value():
            errors["value"].append(ValidationError(_("Số dự án phải là số nguyên."), code="fractional_count"))
        if (self.equivalent_value is None) != (not self.equivalent_currency):
            errors["equivalent_currency"].append(
                ValidationError(
                    _("Nhập cả giá trị tương đương và mã tiền tệ của nó, hoặc bỏ trống cả hai."),
                    code="equivalent_incomplete",
                )
            )
        if self.equivalent_value is not None and self.unit != FigureUnit.MONEY:
            errors["equivalent_value"].append(
                ValidationError(_("Chỉ số tiền mới có giá trị tương đương."), code="equivalent_not_money")
            )
        if ends_before_start(self.period_start, self.period_end):
            errors["period_end"].append(
                ValidationError(
                    _("Kỳ kết thúc (%(end)s) không thể trước kỳ bắt đầu (%(start)s)."),
                    code="figure_period_reversed",
                    params={"end": self.period_end, "start": self.period_start},
                )
            )
        if self.as_of and (self.period_start or self.period_end):
            errors["as_of"].append(
                ValidationError(
                    _("Số liệu có kỳ (từ – đến) hoặc thời điểm “tính đến”, không có cả hai."), code="period_and_as_of"
                )
            )
        if errors:
            raise ValidationError(dict(errors))
