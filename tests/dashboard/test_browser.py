"""The dashboards in a real browser: headless Debian Chromium driven by Playwright, against a live server.

Playwright cannot download its own browser here, so it launches the system's `chromium`; the flags keep it
off the network. Screenshots of every page go to screenshots/ (git-ignored); the overview's also to
docs/overview.png, which the README shows.
"""

import csv
import io
import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import Group, Permission

from foreignaffairs.demo import load_demo
from foreignaffairs.roles import VIEWER, permissions_for
from tests.conftest import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
UNDER_REVIEW_IN_KOREA = ("Gyeongju", "Dongnae", "Namyangju", "Uljin")

# live_server needs real commits. An earlier transactional test may have flushed what migrations created (the
# role groups), so the test puts back what it needs instead of relying on serialized rollback, which collides
# with the content types that the flush recreates.
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def ensure_viewer_group() -> None:
    group, _created = Group.objects.get_or_create(name=VIEWER)
    group.permissions.set(permissions_for(VIEWER, Permission.objects.all()))


@pytest.fixture
def browser_page(monkeypatch):
    from playwright import sync_api

    # Playwright's sync API keeps an event loop running in this thread; the ORM calls here are still plain sync.
    # Set for this test only: a process-wide setting would leak into `check --deploy` run by other tests.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is not installed: apt-get install chromium (.ci/run does)"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="vi-VN", accept_downloads=True)
        page = context.new_page()
        page.set_default_timeout(15000)
        yield page
        context.close()
        browser.close()


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_it_filters_opens_switches_language_and_exports(live_server, browser_page):
    load_demo()
    ensure_viewer_group()
    make_user(VIEWER)
    page = browser_page

    page.goto(f"{live_server.url}/dashboard/")
    assert "/accounts/login/" in page.url
    shot(page, "01-login")
    page.get_by_label("Tên đăng nhập").fill("viewer")
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/dashboard/")
    assert page.get_by_role("heading", level=1).inner_text() == "Tổng quan"
    shot(page, "02-overview")
    (ROOT / "docs").mkdir(exist_ok=True)
    page.screenshot(path=str(ROOT / "docs" / "overview.png"), full_page=True)

    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name="Thỏa thuận").click()
    page.wait_for_url("**/dashboard/agreements/")
    page.get_by_label("Quốc gia đối tác").select_option("KR")
    page.get_by_label("Trạng thái").select_option("under_review")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**/dashboard/agreements/?*country=KR*")
    rows = page.locator("table.listing tbody tr")
    assert rows.count() == 4
    titles = rows.locator("td:first-child").all_inner_texts()
    assert sorted(name for name in UNDER_REVIEW_IN_KOREA for title in titles if name in title) == sorted(
        UNDER_REVIEW_IN_KOREA
    )
    assert page.get_by_role("status").inner_text() == "4 kết quả"
    filtered_url = page.url
    shot(page, "03-agreements-filtered")

    page.get_by_role("link", name="Gyeongju").first.click()
    page.wait_for_url("**/dashboard/agreements/*/")
    assert "Gyeongju" in page.get_by_role("heading", level=1).inner_text()
    shot(page, "04-agreement-detail")

    page.get_by_label("Ngôn ngữ").select_option("en")
    page.wait_for_function("document.documentElement.lang === 'en'")
    assert page.get_by_role("heading", level=1).inner_text() == "Cooperation agreement between Huế City and Gyeongju"
    shot(page, "05-agreement-detail-english")

    page.goto(filtered_url)
    with page.expect_download() as download_info:
        page.get_by_role("link", name="CSV (Excel)").click()
    raw = Path(download_info.value.path()).read_bytes()
    assert raw.startswith("\ufeff".encode())
    exported = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(exported) == 1 + 4
    assert sorted(name for name in UNDER_REVIEW_IN_KOREA for row in exported[1:] if name in row[0]) == sorted(
        UNDER_REVIEW_IN_KOREA
    )

    for name, path in [
        ("06-partners", "/dashboard/partners/"),
        ("07-reviews", "/dashboard/reviews/"),
        # 2025: the promotion delegations; Kim Seokki's visit has no known date, so it is on the list, not the calendar.
        ("08-calendar", "/dashboard/calendar/?year=2025"),
        ("09-delegations", "/dashboard/delegations/"),
    ]:
        page.goto(f"{live_server.url}{path}")
        assert page.get_by_role("heading", level=1).is_visible()
        shot(page, name)
    page.get_by_role("link", name="Mr. Kim Seokki's visit to Huế").first.click()
    shot(page, "10-delegation-detail")
    page.goto(f"{live_server.url}/dashboard/partners/?q=gyeongju")
    page.locator("table.listing tbody a").first.click()
    assert (
        page.get_by_role("heading", level=2, name="Timeline").count()
        + page.get_by_role("heading", level=2, name="Dòng thời gian").count()
        == 1
    )
    shot(page, "11-partner-detail")
