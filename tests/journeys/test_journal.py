"""A desk officer takes a call from Chungcheongnam: from the partner's page she notes it, with the letter that
followed attached, and finds it on the partner's timeline, where the kind filter shows the notes alone."""

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]

PARTNER = "Tỉnh Chungcheongnam"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_note_added_on_the_partner_page_is_on_its_timeline(site, page, camera, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": tmp_path}},
    }
    page.goto(f"{site.url}/dashboard/")
    log_in(page, "editor")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Đối tác", exact=True).click()
    page.locator("table.listing").get_by_role("link", name=PARTNER, exact=True).click()

    page.get_by_text("Thêm ghi chép", exact=True).click()
    form = page.locator("#journal-form")
    form.get_by_label("Ngày").fill("10/2026")
    form.get_by_label("Hình thức").select_option(label="Trao đổi qua điện thoại")
    form.get_by_label("Nội dung tóm tắt").fill("Văn phòng tỉnh gọi xác nhận lịch đoàn sang Huế dự Festival.")
    form.get_by_label("Tệp đính kèm").set_input_files(
        files=[{"name": "thu-xac-nhan.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    camera("note-typed")
    form.get_by_role("button", name="Lưu ghi chép").click()

    expect(page.get_by_text("Đã thêm ghi chép ngày 10/2026.")).to_be_visible()
    timeline = page.locator("#timeline")
    note = timeline.locator("li", has_text="Văn phòng tỉnh gọi xác nhận lịch đoàn")
    expect(note).to_contain_text("10/2026")
    expect(note).to_contain_text("Trao đổi qua điện thoại")
    expect(note.get_by_role("link", name="thu-xac-nhan.pdf")).to_be_visible()
    camera("note-on-timeline")

    timeline.get_by_label("Loại sự kiện").select_option(value="note")
    timeline.get_by_role("button", name="Lọc").click()
    expect(page.locator("#timeline ol.timeline > li")).to_have_count(1)
    camera("notes-only")
