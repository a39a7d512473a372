"""A new reviewer's first login: the password, then enrolment (the secret read off the page and typed into an
authenticator app, here computed as the app would), the backup codes, the admin; the next login with a backup code
instead of the phone; an administrator resets the second factor from the reviewer's user page, and the reviewer
enrols again at the next login. Then the code page in English, from the language switch.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from tests.conftest import PASSWORD, code_for
from tests.foreignaffairs.accounts.test_two_factor import app_code
from tests.journeys.conftest import VIEWPORT, Camera, log_in, shots_of, type_code

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]

NEWCOMER = "nguyen.hoa"


@pytest.fixture
def newcomer(site):
    """A reviewer whose account was just made: she has never logged in, and has no authenticator yet."""
    user = get_user_model().objects.create_user(
        username=NEWCOMER, password=PASSWORD, is_staff=True, first_name="Thị Hoa", last_name="Nguyễn"
    )
    user.groups.add(Group.objects.get(name="reviewer"))
    return user


def give_password(page, username: str) -> None:
    """The login form, password only (tests.journeys.conftest.log_in also types the code of an enrolled person)."""
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def enrol(page) -> list[str]:
    """On the enrolment page: add the account to the app by typing the secret shown, confirm with the app's first
    code, and copy the backup codes shown next."""
    secret = "".join(page.locator("#secret-key").inner_text().split())
    page.get_by_label("Mã 6 chữ số đang hiện trong ứng dụng").fill(app_code(secret))
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_role("heading", name="Mã dự phòng")).to_be_visible()
    return [code.strip() for code in page.locator("#backup-codes li").all_inner_texts()]


@pytest.fixture
def administrator_tab(browser, site):
    """The administrator's own browser, at her desk: its first page is the admin."""
    context = browser.new_context(viewport=VIEWPORT, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    tab.goto(f"{site.url}/admin/")
    yield tab
    context.close()


def test_a_new_reviewer_enrols_logs_in_with_a_backup_code_and_is_reset_by_an_administrator(
    site, newcomer, page, camera, administrator_tab
):
    page.goto(f"{site.url}/admin/")
    log_in(page, NEWCOMER)
    expect(page.get_by_role("heading", name="Bật xác thực hai lớp")).to_be_visible()
    expect(page.get_by_role("img", name="Mã QR để thêm tài khoản vào ứng dụng xác thực")).to_be_visible()
    expect(page.locator("#secret-key")).to_have_text(re.compile(r"^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$"))
    camera("enrol")

    page.get_by_label("Mã 6 chữ số đang hiện trong ứng dụng").fill("123 456")
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Mã chưa khớp.")).to_be_visible()
    camera("enrol-wrong-code")

    codes = enrol(page)
    assert len(codes) == 10
    camera("backup-codes")
    page.get_by_role("link", name="Đã ghi lại, tiếp tục").click()
    expect(page.get_by_role("link", name="Rà soát, đánh giá hiệu quả", exact=True).first).to_be_visible()
    camera("admin")

    # The next morning the phone is at home: a backup code instead.
    page.get_by_role("button", name="Đăng xuất").click()
    give_password(page, NEWCOMER)
    camera("code-page")
    type_code(page, codes[0])
    expect(page.get_by_role("heading", name="Tổng quan")).to_be_visible()
    camera("dashboard")

    # The phone is lost for good: an administrator, at her desk, resets the reviewer's second factor. (The camera
    # follows her browser for a moment.)
    camera.page = administrator_tab
    log_in(administrator_tab, "administrator")
    administrator_tab.get_by_role("link", name="Người dùng", exact=True).first.click()
    administrator_tab.locator("#result_list").get_by_role("link", name=NEWCOMER).click()
    administrator_tab.get_by_role("link", name="Đặt lại xác thực hai lớp").click()
    expect(administrator_tab.get_by_text(f"“{NEWCOMER}” đã bật xác thực hai lớp từ")).to_be_visible()
    camera("reset-confirmation")
    administrator_tab.get_by_role("button", name="Đặt lại xác thực hai lớp").click()
    expect(administrator_tab.locator(".messagelist")).to_contain_text(f"Đã đặt lại xác thực hai lớp của “{NEWCOMER}”")
    camera("reset-done")
    administrator_tab.get_by_role("link", name="Lịch sử").click()
    expect(administrator_tab.locator("#change-history")).to_contain_text("Đặt lại xác thực hai lớp")
    camera("user-history")
    camera.page = page

    # The reviewer's open page asks again at once, and she has nothing left to answer with but a new enrolment.
    page.get_by_role("link", name="Đối tác", exact=True).click()
    expect(page.get_by_role("heading", name="Bật xác thực hai lớp")).to_be_visible()
    page.get_by_role("button", name="Đăng xuất").click()
    log_in(page, NEWCOMER)
    expect(page.get_by_role("heading", name="Bật xác thực hai lớp")).to_be_visible()
    camera("enrol-again")
    assert len(enrol(page)) == 10


def test_the_code_page_reads_in_english(site, page, request):
    camera = Camera(page, shots_of(request.node)[0], prefix="english-")
    page.goto(f"{site.url}/admin/")
    give_password(page, "reviewer")
    # As a person does, once the page has loaded: a pick made before the page's script runs (while the document is
    # still "interactive") changes the select but sends nothing, and the page stayed Vietnamese.
    page.wait_for_load_state("load")
    page.get_by_label("Ngôn ngữ").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Enter your verification code")).to_be_visible()
    camera("code-page-english")
    page.get_by_label("Verification code").fill(code_for(site.users["reviewer"].otp_device))
    page.get_by_role("button", name="Confirm").click()
    expect(page.get_by_role("link", name="Effectiveness reviews", exact=True)).to_be_visible()
