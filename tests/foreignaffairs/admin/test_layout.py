"""Every admin add and change form fits a 1366 px screen: no horizontal scrolling, so no inline column (a follow-up's
due date, its status) is off-screen. In Chromium, logged in through the login page as the administrator, opening
each page by clicking from the admin index as a person would."""

import pytest
from django.db import connection

from delegations.models import FollowUpAction, ItineraryItem
from foreignaffairs.models import APIToken
from tests.journeys.conftest import browser, log_in, page, site  # noqa: F401 (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREEN = {"width": 1366, "height": 768}
ROWS_PER_LIST = 3


def overflow(page) -> int:  # noqa: F811 (the fixture's name)
    return page.evaluate("document.documentElement.scrollWidth") - SCREEN["width"]


@pytest.fixture
def once_for_every_database():
    # What fits a screen depends on the pages, not on the database behind them: measured on SQLite, the suite's
    # other run saves the 40 s the walk through every form takes.
    if connection.vendor == "postgresql":
        pytest.skip("the admin's layout is the same on every database; measured in the SQLite run")


@pytest.fixture
def every_kind_of_row(once_for_every_database, site):  # noqa: F811
    """A row in every inline and every list, so that each change page shows its widest form."""
    from delegations.models import Delegation

    delegation = Delegation.objects.filter(members__isnull=False).order_by("pk").first()
    FollowUpAction.objects.create(delegation=delegation, description="Gửi thư cảm ơn")
    ItineraryItem.objects.create(delegation=delegation, activity="Hội kiến", place="Huế")
    APIToken.objects.create(user=site.users["administrator"], name="Cổng thông tin", key_hash="0" * 64, prefix="abc")
    return site


def test_it_fits_every_admin_form_on_a_1366_px_screen(every_kind_of_row, page):  # noqa: F811
    page.set_viewport_size(SCREEN)
    page.goto(f"{every_kind_of_row.url}/admin/")
    log_in(page, "administrator")
    index = page.url
    models = page.locator("#content-main tr[class^='model-']")
    names = [row.get_attribute("class").split()[0] for row in models.all()]
    assert len(names) > 10

    too_wide = []

    def measure() -> None:
        page.wait_for_load_state()
        if overflow(page) > 0:
            too_wide.append(f"{page.url}: {overflow(page)} px too wide")

    for name in names:
        row = page.locator(f"#content-main tr.{name}")
        if row.locator("a.addlink").count():
            row.locator("a.addlink").click()
            measure()
            page.goto(index)
        row.locator("th a").click()
        page.wait_for_load_state()
        # The first rows of the list: enough to meet the records with inline rows (a delegation's members, …).
        links = page.locator("#result_list tbody tr th a")
        for number in range(min(links.count(), ROWS_PER_LIST)):
            links.nth(number).click()
            measure()
            page.go_back()
        page.goto(index)

    assert too_wide == [], "\n".join(too_wide)
