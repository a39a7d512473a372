"""A desk officer brings the department's sheet of partners in: from the admin's list of partners to the preview,
the confirmation, and the new partner found on the dashboard."""

import datetime

import pytest
from playwright.sync_api import expect

from partners.models import Partner
from tests.foreignaffairs.imports.sheets import workbook
from tests.journeys.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]


def officers_sheet(path):
    """The officer's own sheet: headers without diacritics, an existing partner typed without them, a new city
    inside it with an Excel date, a column the import does not know."""
    path.write_bytes(
        workbook(
            [
                [
                    "Ten tieng Viet",
                    "Loai doi tac",
                    "Quoc gia",
                    "Thuoc",
                    "Quan he tu",
                    "Tinh trang quan he",
                    "Ghi chu rieng",
                ],
                ["Tinh Chungcheongnam", "Tỉnh / bang / vùng", "Han Quoc", None, "08/2025", "Đang rà soát", "gọi lại"],
                [
                    "Thành phố Asan",
                    "Thành phố",
                    "Hàn Quốc",
                    "Tinh Chungcheongnam",
                    datetime.date(2024, 3, 15),
                    "Đề xuất",
                    None,
                ],
                [None] * 7,
            ]
        )
    )
    return path


def test_it_imports_a_sheet_of_partners_and_finds_them_on_the_dashboard(site, page, camera, tmp_path, settings):
    settings.IMPORT_UPLOAD_DIR = tmp_path / "uploads"
    sheet = officers_sheet(tmp_path / "doi-tac-2025.xlsx")
    page.goto(f"{site.url}/admin/")
    log_in(page, "editor")
    page.locator("tr.model-partner").get_by_role("link", name="Đối tác", exact=True).click()
    page.get_by_role("link", name="Nhập từ Excel").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nhập đối tác từ Excel")
    camera("upload")

    page.get_by_label("Tệp Excel (.xlsx) hoặc CSV").set_input_files(str(sheet))
    page.get_by_role("button", name="Xem trước").click()
    expect(page.locator("#import-counts")).to_contain_text("Tạo mới: 1")
    expect(page.locator("#import-counts")).to_contain_text("Cập nhật: 1")
    expect(page.locator("#import-created")).to_contain_text("Thành phố Asan")
    updated = page.locator("#import-updated tbody tr").first
    expect(updated).to_contain_text("Tỉnh Chungcheongnam")
    expect(updated).to_contain_text("Đang hoạt động")
    expect(updated).to_contain_text("Đang rà soát")
    expect(page.locator("#import-extra-columns")).to_contain_text("Ghi chu rieng")
    assert not Partner.objects.filter(name_vi="Thành phố Asan").exists()  # nothing written before confirming
    camera("preview")

    page.get_by_role("button", name="Xác nhận nhập").click()
    expect(page.locator(".messagelist")).to_contain_text(
        "Đã nhập tệp “doi-tac-2025.xlsx”: 1 đối tác tạo mới, 1 cập nhật."
    )
    camera("imported")

    page.get_by_role("link", name="Về trang tổng quan").click()
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Đối tác").click()
    page.locator("form.filter-form").get_by_label("Tìm kiếm").fill("thanh pho asan")
    with page.expect_navigation():
        page.locator("form.filter-form").get_by_role("button", name="Lọc", exact=True).click()
    row = page.locator("tbody tr", has=page.get_by_role("link", name="Thành phố Asan"))
    expect(row).to_contain_text("Tỉnh Chungcheongnam")
    expect(row).to_contain_text("15/03/2024")
    camera("found-on-dashboard")
