"""A head of division (the viewer role) prepares the half-yearly report to the city: from the overview she opens
"Báo cáo công tác đối ngoại", picks the year 2025, downloads the DOCX to finish in Word and the PDF to print, and
finds in each the report's headings and the demo's 2025 facts. A period typed the wrong way round is answered with
a message on the same page, her dates still in the boxes.
"""

import io
from pathlib import Path

import docx
import pypdf
import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]

PROMOTION = "Đoàn lãnh đạo thành phố tham gia Chương trình quảng bá địa phương Việt Nam"


def downloaded(page, button: str):
    with page.expect_download() as download:
        page.get_by_role("button", name=button, exact=True).click()
    # By its bytes: Playwright keeps a download under a name without the extension.
    return download.value.suggested_filename, Path(download.value.path()).read_bytes()


def test_the_year_s_report_is_downloaded_as_docx_and_as_pdf(site, page, camera):
    page.goto(f"{site.url}/dashboard/")
    log_in(page, "viewer")
    page.get_by_role("link", name="Báo cáo công tác đối ngoại", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Báo cáo công tác đối ngoại")
    page.get_by_label("Năm").fill("2025")
    page.get_by_role("combobox", name="Kỳ").select_option(label="Cả năm")
    camera("form")

    name, content = downloaded(page, "Tải DOCX")
    assert name == "bao-cao-doi-ngoai-2025.docx"
    report = docx.Document(io.BytesIO(content))
    headings = [(p.style.name, p.text) for p in report.paragraphs if p.style.name.startswith("Heading")]
    assert ("Heading 1", "Đoàn ra, đoàn vào") in headings
    assert ("Heading 2", "Đoàn theo quốc gia") in headings
    assert PROMOTION in [cell.text for table in report.tables for row in table.rows for cell in row.cells]

    name, content = downloaded(page, "Tải PDF")
    assert name == "bao-cao-doi-ngoai-2025.pdf"
    text = " ".join(" ".join(p.extract_text().split()) for p in pypdf.PdfReader(io.BytesIO(content)).pages)
    assert "Đoàn ra, đoàn vào" in text
    assert "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam" in text

    page.get_by_label("Từ ngày").fill("30/09/2025")
    page.get_by_label("Đến ngày").fill("01/03/2025")
    page.get_by_role("button", name="Tải PDF", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Kỳ báo cáo kết thúc (01/03/2025) trước khi bắt đầu (30/09/2025)")
    expect(page.get_by_label("Từ ngày")).to_have_value("30/09/2025")
    camera("reversed-period")
