"""A head of division puts the department's calendar into Outlook: from the dashboard she opens "Đăng ký lịch" in
the header, makes her address, copies it from the page, and her calendar client (here an HTTP client with no
cookie, as a calendar client is) reads the coming visit from it. Then she resets the address: the old one answers
404 at once and the new one works.
"""

import datetime

import icalendar
import pytest
import requests
from playwright.sync_api import expect

from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation
from foreignaffairs import clock
from partners.models import Partner
from tests.journeys.conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.journey, pytest.mark.django_db(transaction=True)]

VISIT = "Đoàn thành phố Gyeongju thăm và làm việc tại Huế"


def a_coming_visit() -> datetime.date:
    """A visit three weeks from today (the demo's own visits have no day), three days long."""
    starts = clock.today() + datetime.timedelta(days=21)
    visit = Delegation.objects.create(
        direction=Direction.INBOUND,
        title_vi=VISIT,
        status=DelegationStatus.CONFIRMED,
        starts_on=starts.isoformat(),
        ends_on=(starts + datetime.timedelta(days=2)).isoformat(),
    )
    visit.partners.set([Partner.objects.get(name_vi="Thành phố Gyeongju")])
    return starts


def shown_address(page) -> str:
    field = page.get_by_label("Địa chỉ đăng ký lịch")
    expect(field).to_be_visible()
    return field.input_value()


def fetched(address: str) -> requests.Response:
    """What a calendar client gets from the address: no session, no cookie."""
    return requests.get(address, timeout=10)


def test_a_head_of_division_subscribes_and_resets_her_calendar(site, page, camera):
    starts = a_coming_visit()
    page.goto(f"{site.url}/dashboard/")
    log_in(page, "viewer")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tổng quan")

    page.get_by_role("link", name="Đăng ký lịch", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Đăng ký lịch")
    camera("subscription-page")

    page.get_by_role("button", name="Tạo địa chỉ lịch").click()
    address = shown_address(page)
    expect(page.get_by_text("Sao chép địa chỉ này ngay: hệ thống chỉ hiện nó một lần.")).to_be_visible()
    camera("address-shown-once")

    response = fetched(address)
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert "private" in response.headers["Cache-Control"]
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Lịch đối ngoại — Sở Ngoại vụ thành phố Huế"
    [visit] = [event for event in calendar.walk("VEVENT") if str(event["SUMMARY"]) == VISIT]
    assert visit["DTSTART"].dt == starts
    assert visit["DTEND"].dt == starts + datetime.timedelta(days=3)
    assert "Thành phố Gyeongju" in str(visit["DESCRIPTION"])

    # Back on the page later, the address is not shown again; only the reset is offered.
    page.reload()
    expect(page.get_by_label("Địa chỉ đăng ký lịch")).to_have_count(0)
    page.get_by_role("button", name="Đặt lại địa chỉ").click()
    new_address = shown_address(page)
    camera("address-reset")
    assert new_address != address
    assert fetched(address).status_code == 404
    assert fetched(new_address).status_code == 200
