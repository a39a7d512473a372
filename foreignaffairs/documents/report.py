"""What the periodic foreign-affairs report ("Báo cáo công tác đối ngoại") says: recorded facts of one period, as
sections of tables that the DOCX writer (foreignaffairs.documents.report_docx) and the PDF template
(templates/documents/report.html) lay out alike.

The sections are read by foreignaffairs.documents.report_sections, each table naming the dashboard list it comes
from. The whole report is read in 18 queries whatever the number of records (a list with no rows skips its prefetch,
so an empty section reads one fewer): counts are GROUP BY queries, lists are capped, each with its total from a window
count in the same query (foreignaffairs.documents.tables.capped).
"""

import datetime
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from foreignaffairs import clock
from foreignaffairs.documents import pdf
from foreignaffairs.documents.report_period import Period, day
from foreignaffairs.documents.report_sections import (
    Links,
    agreements_section,
    delegations_section,
    figures_section,
    follow_ups_section,
    partners_section,
    projects_section,
    reviews_section,
)
from foreignaffairs.documents.tables import Section


@dataclass
class ReportData:
    period: Period
    language: str
    made_on: datetime.date
    department: str
    title: str
    subtitle: str
    notes: list[str]
    sections: list[Section]

    @property
    def filename(self) -> str:
        """ASCII, without the extension: bao-cao-doi-ngoai-2025-h1."""
        return f"bao-cao-doi-ngoai-{self.period.slug()}"


def build_report(period: Period, *, language: str, site_url: str = "") -> ReportData:
    """The report of `period` in `language` (fixed texts; names in that language where the record has them)."""
    with translation.override(language):
        links = Links(period, site_url)
        sections = [
            delegations_section(period, links),
            agreements_section(period, links),
            reviews_section(period, links),
            follow_ups_section(period, links),
            projects_section(period, links),
            figures_section(period, links),
            partners_section(period, links),
        ]
        return ReportData(
            period=period,
            language=language,
            made_on=clock.today(),
            department=_("Sở Ngoại vụ thành phố Huế"),
            title=_("Báo cáo công tác đối ngoại"),
            subtitle=period.label(),
            notes=[
                _("Báo cáo lập ngày %(day)s từ hệ thống quản lý đối ngoại, chỉ gồm các dữ liệu đã ghi nhận.")
                % {"day": day(clock.today())},
                _(
                    "Ngày chỉ rõ tháng hoặc năm được tính vào kỳ khi cả tháng hoặc cả năm đó nằm trong kỳ; danh sách "
                    "trên trang tổng hợp có thể liệt kê thêm các bản ghi có ngày như vậy."
                ),
                _("Số tiền giữ nguyên loại tiền như nguồn nêu, không quy đổi và không cộng các loại tiền với nhau."),
            ],
            sections=sections,
        )


def report_pdf(data: ReportData) -> bytes:
    """The report as PDF: templates/documents/report.html, laid out on as many A4 pages as it takes."""
    with translation.override(data.language):
        return pdf.pdf_bytes(render_to_string("documents/report.html", {"report": data, "page_word": _("Trang")}))
