"""Each role meets a refusal (403) and a missing page (404) the way people do (a link from a colleague, an address
typed from memory, a record deleted while open, a form sent after the cookies were cleared) and gets the site's page
in Vietnamese, with its header and a way home.
"""

import re

import pytest
from playwright.sync_api import expect

from agreements.models import Agreement
from tests.journeys.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]

FORBIDDEN = "Anh/chị không có quyền xem trang này"
NOT_FOUND = "Không tìm thấy trang"
FORM_REFUSED = "Không gửi được biểu mẫu"
MINUTES = "Biên bản hợp tác giữa Sở Du lịch thành phố Huế và đối tác nước ngoài"


def assert_error_page(page, response, status: int, heading: str) -> None:
    assert response.status == status, page.url
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    expect(page.get_by_role("banner").get_by_role("link", name="Sở Ngoại vụ thành phố Huế")).to_be_visible()


def go_home(page) -> None:
    """The error page's own link home leads to the overview."""
    page.get_by_role("main").get_by_role("link", name="Về trang tổng quan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan")


def type_address(page, site, path: str):
    """What a person does with a link pasted from an email or typed from memory."""
    return page.goto(f"{site.url}{path}")


def anonymous(site, page, camera) -> None:
    response = type_address(page, site, "/dashboard/doi-tac/")
    assert_error_page(page, response, 404, NOT_FOUND)
    camera("404")
    # Not logged in, "home" is the login page.
    page.get_by_role("main").get_by_role("link", name=re.compile("^(Về trang tổng quan|Đăng nhập)$")).click()
    expect(page.get_by_label("Mật khẩu")).to_be_visible()

    # The browser dropped its cookies (privacy settings, a cleaning tool) while the login page stayed open.
    page.context.clear_cookies()
    page.get_by_label("Tên đăng nhập").fill("viewer")
    page.get_by_label("Mật khẩu").fill("whatever-was-typed")
    with page.expect_navigation() as sent:
        page.get_by_role("button", name="Đăng nhập").click()
    assert_error_page(page, sent.value, 403, FORM_REFUSED)
    camera("403")


def viewer(site, page, camera) -> None:
    page.goto(f"{site.url}/dashboard/")
    log_in(page, "viewer")
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Thỏa thuận", exact=True).click()
    page.get_by_role("link", name=MINUTES).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(MINUTES)
    # An officer deletes the record while the head of division has it open.
    minutes = Agreement.objects.get(title_vi=MINUTES)
    admin_link = f"/admin/agreements/agreement/{minutes.pk}/change/"
    minutes.delete()
    assert_error_page(page, page.reload(), 404, NOT_FOUND)
    camera("404")
    go_home(page)

    # A colleague's link into the admin: the admin's login page says this account has no access there (defect 10)
    # and links the dashboard, rather than a 403, so that the reader may log in with an editing account instead.
    type_address(page, site, admin_link)
    expect(page.locator("#content-main, #content").first).to_contain_text("không có quyền")
    camera("admin-no-access")
    page.get_by_role("link", name="Mở trang tổng quan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan")

    # The browser dropped its cookies (closed and restored with its tabs): the language switch is refused.
    page.context.clear_cookies()
    with page.expect_navigation() as sent:
        page.get_by_label("Ngôn ngữ").select_option("en")
    assert_error_page(page, sent.value, 403, FORM_REFUSED)
    camera("403")


def editor(site, page, camera) -> None:
    page.goto(f"{site.url}/admin/")
    log_in(page, "editor")
    # User management is the administrators' (the editor may pick users, not manage them).
    assert_error_page(page, type_address(page, site, "/admin/auth/user/"), 403, FORBIDDEN)
    camera("403")
    go_home(page)
    assert_error_page(page, type_address(page, site, "/admin/doi-tac/"), 404, NOT_FOUND)
    camera("404")
    go_home(page)


def reviewer(site, page, camera) -> None:
    page.goto(f"{site.url}/admin/")
    log_in(page, "reviewer")
    # Countries are reference data, edited by administrators only.
    assert_error_page(page, type_address(page, site, "/admin/partners/country/add/"), 403, FORBIDDEN)
    camera("403")
    go_home(page)
    assert_error_page(page, type_address(page, site, "/dashboard/lich-doan/"), 404, NOT_FOUND)
    camera("404")
    go_home(page)


def administrator(site, page, camera) -> None:
    page.goto(f"{site.url}/admin/")
    log_in(page, "administrator")
    # The lockout log is written by the system: nobody adds to it by hand.
    assert_error_page(page, type_address(page, site, "/admin/axes/accesslog/add/"), 403, FORBIDDEN)
    camera("403")
    go_home(page)
    # The status history has no admin page of its own: it is shown on each agreement.
    assert_error_page(page, type_address(page, site, "/admin/agreements/agreementstatuschange/"), 404, NOT_FOUND)
    camera("404")
    go_home(page)


@pytest.mark.parametrize("journey", [anonymous, viewer, editor, reviewer, administrator], ids=lambda j: j.__name__)
def test_it_shows_each_role_its_403_and_404_in_the_site_layout(site, page, camera, journey):
    journey(site, page, camera)
