"""A head of division reads the dashboards: every list from the navigation, its filter form pressed untouched and
then with one choice, a record of each opened from its list, the partners paged, sorted and exported, and the same
page in English and back. The overview's screenshot is also docs/overview.png, which the README shows.
"""

import csv
import io
import re
from pathlib import Path

import openpyxl
import pytest
from django.utils import translation
from playwright.sync_api import expect

from agreements.choices import Recommendation, ReviewStatus
from agreements.models import Agreement, AgreementReview
from foreignaffairs import clock
from partners.choices import PartnerKind, RelationshipStatus
from partners.models import Country, Partner
from projects.choices import ProjectKind, ProjectStatus
from projects.models import Project
from tests.journeys.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]

DOCS = Path(__file__).resolve().parents[2] / "docs"
EXTRA_PARTNERS = 55  # with the demo's 9, two pages of 50
KOREAN_PARTNERS = [
    "Cơ quan Hợp tác Quốc tế Hàn Quốc",
    "Huyện Uljin",
    "Quận Dongnae",
    "Thành phố Busan",
    "Thành phố Gyeongju",
    "Thành phố Namyangju",
    "Tỉnh Chungcheongnam",
]


def add_rows() -> None:
    """Enough partners to page through, and a review and a project outside Korea, so that a form that filtered to
    Korea by itself (defect 1) would show fewer rows than the list."""
    france = Country.objects.get(code="FR")
    for number in range(1, EXTRA_PARTNERS + 1):
        Partner.objects.create(
            kind=PartnerKind.OTHER_LOCALITY,
            name_vi=f"Địa phương thử nghiệm số {number:02d}",
            country=france,
            relationship_status=RelationshipStatus.PROPOSED,
        )
    minutes = Agreement.objects.get(partner_unknown=True)
    AgreementReview.objects.create(
        agreement=minutes,
        status=ReviewStatus.APPROVED,
        purpose="Rà soát biên bản hợp tác của Sở Du lịch.",
        findings="Hai bên đã trao đổi đoàn và thông tin du lịch.",
        recommendation=Recommendation.CONTINUE,
    )
    Project.objects.create(
        kind=ProjectKind.FDI,
        title_vi="Dự án đầu tư của Công ty cổ phần UPCUL tại Huế",
        status=ProjectStatus.PROPOSED,
        partner=Partner.objects.get(name_vi="Công ty cổ phần UPCUL"),
    )


def shown_count(page) -> int:
    return int(re.match(r"\d+", page.get_by_role("status").inner_text()).group())


def column(page, heading: str) -> list[str]:
    """The texts of one column of the list's table, found by its heading as the reader sees it."""
    headings = [text.strip(" ▲▼\n") for text in page.locator("table.listing thead th").all_inner_texts()]
    index = headings.index(heading)
    return page.locator("table.listing tbody tr").evaluate_all(
        "(rows, index) => rows.map(row => row.cells[index].innerText.trim())", index
    )


def filter_selects(page):
    return page.locator("form.filter-form select")


def press_filter(page, label: str = "Lọc") -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=label, exact=True).click()


def assert_untouched_form_changes_nothing(page, all_label: str = "Tất cả", button: str = "Lọc") -> int:
    """Press the filter button without choosing anything: the same count, and every select still on "all"."""
    before = shown_count(page)
    selects = filter_selects(page)
    for index in range(selects.count()):
        expect(selects.nth(index).locator("option").first).to_have_text(all_label)
    press_filter(page, button)
    assert shown_count(page) == before, page.url
    for index in range(selects.count()):
        assert selects.nth(index).locator("option:checked").inner_text() == all_label, page.url
    return before


def open_from_navigation(page, name: str, heading: str) -> None:
    page.get_by_role("navigation", name="Điều hướng chính").get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)


# name in the navigation, page heading, filter label, option chosen, column checked, rows expected, screenshot name
LISTS = [
    ("Thỏa thuận", "Thỏa thuận", "Trạng thái:", "Đang rà soát", "Trạng thái", 4, "agreements"),
    ("Rà soát", "Rà soát, đánh giá hiệu quả", "Trạng thái:", "Đã phê duyệt", "Trạng thái", 1, "reviews"),
    ("Dự án", "Dự án hợp tác", "Loại dự án:", "ODA không hoàn lại", "Loại dự án", 3, "projects"),
    ("Đoàn ra, đoàn vào", "Đoàn ra, đoàn vào", "Loại đoàn:", "Đoàn ra", "Loại đoàn", 1, "delegations"),
]


def test_it_reads_every_list_filters_sorts_pages_and_exports(site, page, camera):
    page.goto(f"{site.url}/dashboard/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng nhập")
    log_in(page, "viewer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan")
    camera("overview")
    DOCS.mkdir(exist_ok=True)
    page.screenshot(path=str(DOCS / "overview.png"), full_page=True)
    add_rows()

    # Partners: two pages of them, the untouched form, one country, a sort, the export.
    open_from_navigation(page, "Đối tác", "Đối tác")
    total = assert_untouched_form_changes_nothing(page)
    assert total == Partner.objects.count() == 9 + EXTRA_PARTNERS
    first_page = column(page, "Tên đối tác")
    assert len(first_page) == 50
    expect(page.get_by_role("navigation", name="Phân trang")).to_contain_text("Trang 1/2")
    camera("partners-page-1")
    page.get_by_role("link", name="Trang sau →").click()
    expect(page.get_by_role("navigation", name="Phân trang")).to_contain_text("Trang 2/2")
    second_page = column(page, "Tên đối tác")
    assert len(second_page) == total - 50
    assert sorted(first_page + second_page) == sorted(Partner.objects.values_list("name_vi", flat=True))
    camera("partners-page-2")

    page.get_by_role("link", name="Tên đối tác").click()
    expect(page.locator("th[aria-sort]")).to_have_attribute("aria-sort", re.compile("ascending|descending"))
    direction = page.locator("th[aria-sort]").get_attribute("aria-sort")
    if direction == "ascending":
        page.get_by_role("link", name=re.compile("^Tên đối tác")).click()
        expect(page.locator("th[aria-sort]")).to_have_attribute("aria-sort", "descending")
    numbered = [int(name[-2:]) for name in column(page, "Tên đối tác") if name.startswith("Địa phương thử")]
    assert numbered and numbered == sorted(numbered, reverse=True)
    camera("partners-sorted-descending")

    page.get_by_label("Quốc gia:", exact=True).select_option(label="Hàn Quốc")
    press_filter(page)
    expect(page.get_by_role("status")).to_have_text(f"{len(KOREAN_PARTNERS)} kết quả")
    assert sorted(column(page, "Tên đối tác")) == sorted(KOREAN_PARTNERS)
    assert set(column(page, "Quốc gia")) == {"Hàn Quốc"}
    assert page.get_by_label("Quốc gia:", exact=True).locator("option:checked").inner_text() == "Hàn Quốc"
    on_page = column(page, "Tên đối tác")
    camera("partners-korea")

    with page.expect_download() as download:
        page.get_by_role("link", name="CSV (Excel)").click()
    raw = Path(download.value.path()).read_bytes()
    assert raw.startswith("\ufeff".encode())
    exported = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert exported[0][0] == "Tên đối tác"
    assert [row[0] for row in exported[1:]] == on_page
    assert exported[1 + on_page.index("Quận Dongnae")][:2] == ["Quận Dongnae", "동래구"]

    # The same list as an Excel workbook: its rows, and a second sheet saying how it was filtered and by whom.
    with page.expect_download() as download:
        page.get_by_role("link", name="Excel (.xlsx)").click()
    assert download.value.suggested_filename == f"doi-tac-{clock.today().isoformat()}.xlsx"
    # By its bytes: Playwright keeps a download under a name without the extension openpyxl looks for.
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    assert workbook.sheetnames == ["Đối tác", "Bộ lọc"]
    rows = list(workbook["Đối tác"].iter_rows(values_only=True))
    assert rows[0][:4] == ("Tên đối tác", "Tên bản ngữ", "Loại", "Quốc gia")
    assert [row[0] for row in rows[1:]] == on_page
    assert {row[3] for row in rows[1:]} == {"Hàn Quốc"}
    about = {label: value for label, value in workbook["Bộ lọc"].iter_rows(values_only=True) if label}
    assert about["Quốc gia"] == "Hàn Quốc"
    assert about["Sắp xếp"] == "Tên đối tác (giảm dần)"
    assert about["Số dòng"] == len(on_page)
    assert about["Người xuất"] == "Hồ Thị Lan (viewer)"

    page.get_by_role("link", name="Quận Dongnae").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Quận Dongnae")
    expect(page.get_by_role("main")).to_contain_text("Thành phố Busan")
    expect(page.get_by_role("heading", level=2, name="Dòng thời gian")).to_be_visible()
    camera("partner-opened")
    page.go_back()

    # The same page in English, filtered the same, then back to Vietnamese.
    page.get_by_label("Ngôn ngữ").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Partners")
    expect(page.get_by_role("status")).to_have_text(f"{len(KOREAN_PARTNERS)} results")
    with translation.override("en"):
        korea = str(Country.objects.get(code="KR").name)
    assert page.get_by_label("Country:", exact=True).locator("option:checked").inner_text() == korea
    page.get_by_role("link", name="Clear filters").click()
    expect(page.get_by_role("status")).to_have_text(f"{total} results")
    assert_untouched_form_changes_nothing(page, all_label="All", button="Filter")
    camera("partners-english")
    page.get_by_label("Language").select_option("vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    expect(page.get_by_role("heading", level=1)).to_have_text("Đối tác")
    expect(page.get_by_role("status")).to_have_text(f"{total} kết quả")

    # The other lists: the untouched form changes nothing, one choice gives exactly its rows.
    for name, heading, label, option, checked_column, expected, shot in LISTS:
        open_from_navigation(page, name, heading)
        assert_untouched_form_changes_nothing(page)
        page.get_by_label(label, exact=True).select_option(label=option)
        press_filter(page)
        expect(page.get_by_role("status")).to_have_text(f"{expected} kết quả")
        assert column(page, checked_column) == [option] * expected, name
        camera(f"{shot}-filtered")
        first = page.locator("table.listing tbody tr td:first-child a").first
        title = first.inner_text()
        first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        camera(f"{shot}-opened")

    # The calendar of 2025: the promotion trips abroad, before and after pressing "Lọc" untouched.
    open_from_navigation(page, "Lịch đoàn", f"Lịch đoàn ra, đoàn vào — {clock.today().year}")
    for year in range(clock.today().year - 1, 2024, -1):
        page.get_by_role("navigation", name="Chọn năm").get_by_role("link", name=re.compile("^← ")).click()
        expect(page.get_by_role("heading", level=1)).to_contain_text(f"— {year}")
    visits = page.locator("section.month li a").all_inner_texts()
    assert visits
    press_filter(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("— 2025")
    assert page.locator("section.month li a").all_inner_texts() == visits
    camera("calendar-2025")
    page.get_by_label("Loại đoàn:", exact=True).select_option(label="Đoàn vào")
    press_filter(page)
    expect(page.get_by_role("heading", level=1)).to_contain_text("— 2025")
    expect(page.locator("section.month li a")).to_have_count(0)
    camera("calendar-2025-inbound")
