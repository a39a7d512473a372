"""The browser, the live server with the demo data, and the few gestures every journey repeats.

Playwright cannot download its own browser here, so it launches Debian's `chromium`; the flags keep it off the
network. Screenshots of each key step go to screenshots/<journey>/ (git-ignored), and a failing journey leaves
screenshots/<journey>/failure.png showing where it stopped.
"""

import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import expect

from foreignaffairs.accounts.roles import ROLES
from foreignaffairs.devdata.demo import load_demo
from tests.conftest import PASSWORD, code_for, make_user, restore_reference_data

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# The width the issue measured the admin forms at: a common office laptop.
VIEWPORT = {"width": 1366, "height": 900}
# The names staff see in the user autocomplete (responsible officer): invented for the tests, one per role.
STAFF_NAMES = {
    "viewer": ("Thị Lan", "Hồ"),
    "editor": ("Văn An", "Lê"),
    "reviewer": ("Thị Mai", "Phan"),
    "administrator": ("Quốc Bảo", "Đặng"),
}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.journey_failed = report.failed
    return report


@pytest.fixture(scope="module")
def browser():
    from playwright import sync_api

    executable = shutil.which("chromium")
    assert executable, "Debian's chromium is not installed: apt-get install chromium (.ci/run does)"
    # Playwright's sync API keeps an event loop marked running in this thread while it is open; the ORM calls of
    # the journeys (fixtures, load_demo, the flush) are still plain sync. Set only while this module's browser
    # lives: a process-wide setting would leak into `check --deploy` run by other tests.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_api.sync_playwright() as playwright:
            chromium = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()


@pytest.fixture
def page(browser, request):
    """A fresh browser profile in Vietnamese, on Huế's clock, at 1366 px."""
    context = browser.new_context(
        viewport=VIEWPORT, locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh", accept_downloads=True
    )
    tab = context.new_page()
    tab.set_default_timeout(10_000)
    yield tab
    if getattr(request.node, "journey_failed", False):
        folder, prefix = shots_of(request.node)
        folder.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(folder / f"{prefix}failure.png"), full_page=True)
    context.close()


def shots_of(node) -> tuple[Path, str]:
    """Where a journey's screenshots go: screenshots/<module without test_>/, prefixed by the parameter if any."""
    callspec = getattr(node, "callspec", None)
    return SHOTS / node.module.__name__.rsplit(".", 1)[-1].removeprefix("test_"), f"{callspec.id}-" if callspec else ""


@pytest.fixture
def site(live_server, transactional_db):
    """The live server with the demo data and one user per role (password tests.conftest.PASSWORD)."""
    restore_reference_data()
    load_demo()
    users = {}
    for role in ROLES:
        user = make_user(role)
        user.first_name, user.last_name = STAFF_NAMES[role]
        user.save(update_fields=["first_name", "last_name"])
        users[role] = user
    return SimpleNamespace(url=live_server.url, users=users)


class Camera:
    """Numbered full-page screenshots of one journey: screenshots/<journey>/<prefix>01-<step>.png, …"""

    def __init__(self, page, folder: Path, prefix: str = ""):
        self.page, self.folder, self.prefix, self.count = page, folder, prefix, 0
        self.folder.mkdir(parents=True, exist_ok=True)
        for old in [*self.folder.glob(f"{prefix}[0-9]*.png"), self.folder / f"{prefix}failure.png"]:
            old.unlink(missing_ok=True)

    def __call__(self, step: str) -> None:
        self.count += 1
        self.page.screenshot(path=str(self.folder / f"{self.prefix}{self.count:02d}-{step}.png"), full_page=True)


@pytest.fixture
def camera(page, request):
    return Camera(page, *shots_of(request.node))


def log_in(page, username: str) -> None:
    """Fill in the login form on the page (the site's or the admin's) and press its button; then, for a person who
    has enrolled a second factor (reviewers and administrators, see tests.conftest.make_user), type the code their
    authenticator app shows."""
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_load_state()
    device = TOTPDevice.objects.filter(user__username=username, confirmed=True).first()
    if device is not None:
        type_code(page, code_for(device))


def type_code(page, code: str) -> None:
    """On the page that asks for the second factor: type a code and confirm it."""
    expect(page.get_by_role("heading", name="Nhập mã xác thực")).to_be_visible()
    page.get_by_label("Mã xác thực").fill(code)
    page.get_by_role("button", name="Xác nhận").click()
    page.wait_for_load_state()


def autocomplete(page, label: str):
    """The admin's autocomplete box (select2) beside a label: what a person clicks to choose."""
    field_id = page.locator("label", has_text=re.compile(rf"^\s*{re.escape(label)}")).first.get_attribute("for")
    return page.locator(f"[id='{field_id}'] + .select2")


def pick(page, label: str, typed: str, option: str | re.Pattern) -> None:
    """Choose in one of the admin's autocomplete boxes: click it, type, click the option offered."""
    pick_in(page, autocomplete(page, label), typed, option)


def pick_in(page, widget, typed: str, option: str | re.Pattern) -> None:
    """Like pick(), for an autocomplete box found some other way (e.g. a cell of an inline row)."""
    widget.click()
    page.locator(".select2-container--open .select2-search__field").fill(typed)
    page.locator(".select2-results").get_by_role("option", name=option, exact=True).click()


def inline_row(page, heading: str, item: str):
    """Press an inline's "Thêm <item>" link and return (the inline, its new row)."""
    group = page.locator(".inline-group", has=page.get_by_role("heading", name=heading, exact=True))
    group.get_by_text(re.compile(rf"^\s*Thêm (một )?{re.escape(item)}\s*$", re.IGNORECASE)).click()
    return group, group.locator("tbody tr.form-row:not(.empty-form)").last


def cell(group, row, column: str):
    """The cell of a tabular inline's row under the column headed `column` (as the heading reads)."""
    headings = [text.strip().casefold() for text in group.locator("thead th").all_inner_texts()]
    return row.locator(":scope > td").nth(headings.index(column.casefold()))


def status_field(page):
    """A record's own status, read-only on its change page (not the status of a row in one of its inlines)."""
    return page.locator(".form-row.field-status .readonly").first


def assert_fits_screen(page) -> None:
    """No horizontal scrolling: everything on the page can be reached at the journey's 1366 px."""
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} is {overflow} px wider than the screen"
