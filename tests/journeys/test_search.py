"""A head of division remembers a visit by who received it: she types "nguyen dinh trung" into the header's search
box, without diacritics, presses the button, finds Mr. Kim Seokki's visit among the delegations with the name that
made it match marked, and follows "Xem tất cả" to the list of delegations filtered by the same words. Then the
results page in English, from the language switch.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.journeys.conftest import Camera, assert_fits_screen, log_in, shots_of

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]

VISIT = "Ông Kim Seokki thăm và làm việc tại Huế"
TYPED = "nguyen dinh trung"


def search_for(page, typed: str, label: str = "Tìm kiếm", button: str = "Tìm") -> None:
    box = page.get_by_role("search")
    box.get_by_label(label, exact=True).fill(typed)
    with page.expect_navigation():
        box.get_by_role("button", name=button, exact=True).click()


def group(page, heading: str):
    """A group of the results, by its heading as read aloud (the heading and its count)."""
    return page.get_by_role("region", name=re.compile(rf"^{re.escape(heading)} \d+$"))


def test_a_head_of_division_finds_a_visit_by_who_received_it(site, page, camera):
    page.goto(f"{site.url}/dashboard/")
    log_in(page, "viewer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan")

    page.get_by_role("search").get_by_label("Tìm kiếm", exact=True).fill(TYPED)
    camera("typed-in-the-header")
    search_for(page, TYPED)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Kết quả tìm kiếm “{TYPED}”")
    expect(page.get_by_role("search").get_by_label("Tìm kiếm", exact=True)).to_have_value(TYPED)
    delegations = group(page, "Đoàn ra, đoàn vào")
    expect(delegations.get_by_role("link", name=VISIT, exact=True)).to_be_visible()
    expect(delegations.locator("mark")).to_have_text(["Nguyễn Đình Trung"])
    expect(delegations.locator(".search-reasons")).to_have_text("Thành viên: Nguyễn Đình Trung")
    expect(group(page, "Nhân sự").locator("mark")).to_have_text(["Nguyễn Đình Trung"])
    assert_fits_screen(page)
    camera("results")

    delegations.get_by_role("link", name="Xem tất cả 1 kết quả").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đoàn ra, đoàn vào")
    expect(page.get_by_role("status")).to_have_text("1 kết quả")
    expect(page.locator("form.filter-form").get_by_label("Tìm kiếm:", exact=True)).to_have_value(TYPED)
    expect(page.locator("table.listing tbody tr td:first-child a")).to_have_text([VISIT])
    camera("delegations-filtered")

    page.locator("table.listing").get_by_role("link", name=VISIT).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(VISIT)
    camera("visit-opened")


def test_the_results_read_in_english(site, page, request):
    camera = Camera(page, shots_of(request.node)[0], prefix="english-")  # beside the first journey's, not over them
    page.goto(f"{site.url}/dashboard/")
    log_in(page, "viewer")
    search_for(page, "hue")
    page.get_by_label("Ngôn ngữ").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Search results for “hue”")
    expect(page.get_by_role("search").get_by_label("Search", exact=True)).to_have_value("hue")
    agreements = group(page, "Agreements")
    expect(agreements.locator("mark").first).to_have_text("Huế")
    expect(agreements.get_by_role("link", name=re.compile(r"^See all \d+ results$"))).to_be_visible()
    camera("results-in-english")
    search_for(page, "koica", label="Search", button="Search")
    expect(group(page, "Cooperation projects").locator("ol.search-results > li")).to_have_count(3)
