"""The periodic foreign-affairs report ("Báo cáo công tác đối ngoại"): a page choosing the period (a year, one of its
halves, or any from–to), and the report as DOCX or PDF (foreignaffairs.documents.report).

A GET form, so a report's address can be kept and opened again. Without `format` it is the page; with `format` and a
valid period, the file; with a period that cannot be (ending before it starts, a year before 1990 or after next
year, a date that is no date) the page again, with what was typed and a message saying what to change.
"""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agreements.models import Agreement, AgreementReview
from delegations.models import Delegation, FollowUpAction
from foreignaffairs import clock
from foreignaffairs.accounts.access import dashboard_page
from foreignaffairs.documents.report import build_report, report_pdf
from foreignaffairs.documents.report_docx import CONTENT_TYPE as DOCX_TYPE
from foreignaffairs.documents.report_docx import report_docx
from foreignaffairs.documents.report_period import Period, Span, day
from partners.models import Partner
from projects.models import Project, ReportedFigure

FIRST_YEAR = 1990  # before the department's records begin; a year before it is surely a typo
FORMATS = {"docx": (report_docx, DOCX_TYPE), "pdf": (report_pdf, "application/pdf")}
DAY_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def last_year() -> int:
    """Next year: a report may be drafted for the year ahead's planned visits, no further."""
    return clock.today().year + 1


class ReportPeriodForm(forms.Form):
    year = forms.IntegerField(
        label=gettext_lazy("Năm"),
        required=False,
        widget=forms.NumberInput(attrs={"size": 6}),
        error_messages={"invalid": gettext_lazy("Năm phải là một số có bốn chữ số, ví dụ 2025.")},
    )
    half = forms.ChoiceField(
        label=gettext_lazy("Kỳ"),
        required=False,
        choices=[
            (Span.YEAR.value, gettext_lazy("Cả năm")),
            (Span.FIRST_HALF.value, gettext_lazy("6 tháng đầu năm")),
            (Span.SECOND_HALF.value, gettext_lazy("6 tháng cuối năm")),
        ],
        error_messages={"invalid_choice": gettext_lazy("Chọn cả năm, 6 tháng đầu năm hoặc 6 tháng cuối năm.")},
    )
    starts = forms.DateField(
        label=gettext_lazy("Từ ngày"),
        required=False,
        input_formats=DAY_FORMATS,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "size": 12}),
        error_messages={"invalid": gettext_lazy("Ngày không hợp lệ. Nhập ngày đầy đủ dd/mm/yyyy, ví dụ 01/03/2025.")},
    )
    ends = forms.DateField(
        label=gettext_lazy("Đến ngày"),
        required=False,
        input_formats=DAY_FORMATS,
        widget=forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "size": 12}),
        error_messages={"invalid": gettext_lazy("Ngày không hợp lệ. Nhập ngày đầy đủ dd/mm/yyyy, ví dụ 30/09/2025.")},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].widget.attrs.update({"min": FIRST_YEAR, "max": last_year()})

    def clean_year(self) -> int | None:
        return self._year_in_range(self.cleaned_data.get("year"))

    def clean_starts(self) -> datetime.date | None:
        return self._day_in_range(self.cleaned_data.get("starts"))

    def clean_ends(self) -> datetime.date | None:
        return self._day_in_range(self.cleaned_data.get("ends"))

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        starts, ends = data.get("starts"), data.get("ends")
        if starts or ends:
            # A from–to pair chooses the period; the year and half are then left aside.
            if not (starts and ends):
                raise ValidationError(
                    _("Nhập cả “Từ ngày” và “Đến ngày”, hoặc để trống cả hai để chọn theo năm."), code="half_range"
                )
            if ends < starts:
                raise ValidationError(
                    _("Kỳ báo cáo kết thúc (%(ends)s) trước khi bắt đầu (%(starts)s). Hãy đổi lại hai ngày."),
                    code="period_reversed",
                    params={"ends": day(ends), "starts": day(starts)},
                )
            data["period"] = Period.between(starts, ends)
        elif data.get("year"):
            data["period"] = Period.year(data["year"], Span(data.get("half") or Span.YEAR.value))
        else:
            raise ValidationError(_("Chọn năm, hoặc nhập khoảng từ ngày – đến ngày."), code="no_period")
        return data

    def _year_in_range(self, year: int | None) -> int | None:
        if year is not None and not FIRST_YEAR <= year <= last_year():
            raise ValidationError(
                _("Năm %(year)s nằm ngoài phạm vi báo cáo: chọn một năm từ %(first)s đến %(last)s."),
                code="year_out_of_range",
                params={"year": year, "first": FIRST_YEAR, "last": last_year()},
            )
        return year

    def _day_in_range(self, value: datetime.date | None) -> datetime.date | None:
        if value is not None:
            self._year_in_range(value.year)
        return value


@dashboard_page(Partner, Agreement, AgreementReview, Delegation, FollowUpAction, Project, ReportedFigure)
def report_page(request: HttpRequest) -> HttpResponse:
    wanted = request.GET.get("format")
    form = ReportPeriodForm(request.GET or None, initial={"year": clock.today().year, "half": Span.YEAR.value})
    if wanted in FORMATS and form.is_valid():
        write, content_type = FORMATS[wanted]
        data = build_report(
            form.cleaned_data["period"],
            language=translation.get_language() or "vi",
            site_url=request.build_absolute_uri("/"),
        )
        response = HttpResponse(write(data), content_type=content_type)
        # An ASCII name every browser keeps: bao-cao-doi-ngoai-2025-h1.docx.
        response["Content-Disposition"] = f'attachment; filename="{data.filename}.{wanted}"'
        return response
    if wanted is not None and wanted not in FORMATS and form.is_valid():
        form.add_error(None, _("Chọn “Tải DOCX” hoặc “Tải PDF”."))
    return render(request, "dashboard/report.html", {"title": _("Báo cáo công tác đối ngoại"), "form": form})
