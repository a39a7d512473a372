"""A head of division prepares for Mr Kim Seokki's next visit: from the partner's page she downloads its briefing, in
Vietnamese for her leader and in English for the guest, and each is one A4 page naming the partner in its three
scripts (read back with pypdf)."""

import io

import pypdf
import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]

PARTNER = "Tỉnh Chungcheongnam"


def downloaded_pdf(page, link_name: str) -> pypdf.PdfReader:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name, exact=True).click()
    path = download.value.path()
    assert download.value.suggested_filename.endswith(".pdf")
    return pypdf.PdfReader(io.BytesIO(path.read_bytes()))


def test_a_briefing_is_downloaded_from_the_partners_page(site, page, camera):
    page.goto(f"{site.url}/dashboard/")
    log_in(page, "viewer")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Đối tác", exact=True).click()
    page.locator("table.listing").get_by_role("link", name=PARTNER, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PARTNER)
    camera("partner-page")

    vietnamese = downloaded_pdf(page, "Bản tóm tắt (PDF)")
    assert len(vietnamese.pages) == 1
    text = vietnamese.pages[0].extract_text()
    assert PARTNER in text and "충청남도" in text and "Thỏa thuận còn hiệu lực" in text

    english = downloaded_pdf(page, "English (PDF)")
    assert len(english.pages) == 1
    text = english.pages[0].extract_text()
    assert "Chungcheongnam Province" in text and "Agreements in force" in text
