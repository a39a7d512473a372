"""A head of division prints the record she is reading before a meeting: a partner, one of its agreements, a visit
and a project, each reached by clicking. On paper (the print stylesheet, static/dashboard/print.css) there is no
navigation, no search box, no button or form; the record is there, the demo partner on one page of A4 and the
others on at most two (the visit with its members takes two). The printed look of each page is
screenshots/print/NN-<page>-printed.png.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]

PARTNER = "Tỉnh Chungcheongnam"
AGREEMENT = "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam"
VISIT = "Ông Kim Seokki thăm và làm việc tại Huế"


def page_count(pdf: bytes) -> int:
    """The pages of a PDF, counted by their page objects (no PDF library is installed)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def printed(page, camera, name: str) -> int:
    """The page as printed: what must not be on paper is not, the record is; returns its A4 page count."""
    page.emulate_media(media="print")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_be_visible()
    expect(page.get_by_role("main")).to_be_visible()
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_be_hidden()
    expect(page.get_by_role("search")).to_be_hidden()
    expect(page.locator("button:visible, .button:visible, form:visible, input:visible, select:visible")).to_have_count(
        0
    )
    expect(page.get_by_role("link", name="Sửa trong trang quản trị")).to_have_count(0)
    camera(f"{name}-printed")
    pages = page_count(page.pdf(format="A4", print_background=False))
    assert pages >= 1, "no page found in the PDF"
    page.emulate_media(media="screen")
    expect(page.get_by_role("navigation", name="Điều hướng chính")).to_be_visible()
    return pages


def test_detail_pages_print_cleanly(site, page, camera):
    page.goto(f"{site.url}/dashboard/")
    log_in(page, "viewer")
    navigation = page.get_by_role("navigation", name="Điều hướng chính")

    navigation.get_by_role("link", name="Đối tác", exact=True).click()
    page.locator("table.listing").get_by_role("link", name=PARTNER, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(PARTNER)
    pages = printed(page, camera, "partner")
    assert pages == 1, f"the demo partner prints on {pages} pages"

    page.get_by_role("link", name=AGREEMENT, exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(AGREEMENT)
    assert printed(page, camera, "agreement") <= 2

    navigation.get_by_role("link", name="Đoàn ra, đoàn vào", exact=True).click()
    page.locator("table.listing").get_by_role("link", name=VISIT, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(VISIT)
    assert printed(page, camera, "delegation") <= 2

    navigation.get_by_role("link", name="Dự án", exact=True).click()
    page.locator("table.listing tbody a").first.click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert printed(page, camera, "project") <= 2
