"""A desk officer changes how often two agreements are reviewed, at once, from the admin's list of agreements:
ticks them, picks the action, types the new interval, applies, and finds it on an
agreement's page with its history naming them."""

import pytest
from playwright.sync_api import expect

from agreements.models import Agreement
from tests.journeys.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]


def test_it_changes_the_review_interval_of_two_ticked_agreements(site, page, camera):
    first, second = Agreement.objects.order_by("title_vi")[:2]
    page.goto(f"{site.url}/admin/")
    log_in(page, "editor")
    page.locator("tr.model-agreement").get_by_role("link", name="Thỏa thuận", exact=True).click()
    for agreement in (first, second):
        page.get_by_role("row").filter(has_text=agreement.title_vi).get_by_role("checkbox").check()
    page.get_by_label("Thao tác:").select_option(label="Đổi chu kỳ rà soát")
    page.get_by_role("button", name="Thực hiện").click()
    # Named in the order they were recorded.
    named = [str(agreement) for agreement in sorted((first, second), key=lambda agreement: agreement.pk)]
    expect(page.locator("ul.bulk-edit-records li")).to_have_text(named)
    camera("the-new-value")

    # Empty, not the field's default: a bulk edit's value is chosen, never assumed.
    expect(page.get_by_label("Giá trị mới")).to_have_value("")
    page.get_by_label("Giá trị mới").fill("6")
    page.get_by_role("button", name="Áp dụng").click()
    expect(page.locator("ul.messagelist")).to_contain_text("Đã sửa 2 thỏa thuận.")
    camera("applied")

    page.get_by_role("link", name=first.title_vi, exact=True).click()
    expect(page.get_by_label("Chu kỳ rà soát (tháng)")).to_have_value("6")
    page.get_by_role("link", name="Lịch sử").click()
    expect(page.locator("#change-history")).to_contain_text("Đổi chu kỳ rà soát: 12 → 6")
    camera("history")
