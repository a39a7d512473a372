"""Every link of the overview's needs-attention panels and of the calendar's "and N more" opens the list with no
filter error, showing exactly the rows and the count the panel promised.

Once the delegation panel counted one set (no cancelled visit, no month-only date) and linked an open-ended
`?starts_after=today`; the review-due panel had no link; the calendar's link ended on 31/04, which the filter
refused, so the list silently lost its upper bound.
"""

import datetime

import lxml.html
import pytest

from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement
from delegations.calendar import SHOWN_PER_MONTH
from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation
from foreignaffairs import clock
from partners.models import Country
from tests.conftest import body
from tests.pages import document, filter_errors, result_count

DAY = datetime.timedelta(days=1)


def agreement(title: str, **values) -> Agreement:
    return Agreement.objects.create(title_vi=title, kind=AgreementKind.COOPERATION, partner_unknown=True, **values)


@pytest.fixture
def attention_rows(db):
    today = clock.today()
    for i in range(7):
        # Expiring within 90 days; signed so long ago that their review is overdue, too.
        agreement(f"Sắp hết hạn {i}", status=AgreementStatus.IN_EFFECT, signed_on="2001", expires_on=today + i * DAY)
    agreement("Đã chấm dứt, ngày hết hạn gần", status=AgreementStatus.TERMINATED, expires_on=today + DAY)
    agreement("Đến hạn rà soát", status=AgreementStatus.IN_EFFECT, signed_on=(today + 3 * DAY).replace(year=2025))
    for i in range(6):
        Delegation.objects.create(direction=Direction.INBOUND, title_vi=f"Đoàn sắp đến {i}", starts_on=today + i * DAY)
    Delegation.objects.create(
        direction=Direction.INBOUND, title_vi="Đoàn đã hủy", starts_on=today + DAY, status=DelegationStatus.CANCELLED
    )
    Delegation.objects.create(
        direction=Direction.OUTBOUND, title_vi="Đoàn chỉ rõ tháng", starts_on=today.strftime("%Y-%m")
    )


def panels(response) -> list[dict]:
    found = []
    for panel in document(response).xpath('//div[contains(@class, "attention-panel")]'):
        more = [a.get("href") for a in panel.xpath(".//p/a")]
        found.append(
            {
                "title": panel.xpath(".//h3")[0].text_content().strip(),
                "count": int(panel.xpath('.//span[@class="badge"]')[0].text_content()),
                "rows": [a.text_content().strip() for a in panel.xpath(".//ul/li/a")],
                "link": more[0] if more else None,
            }
        )
    return found


def list_titles(response) -> list[str]:
    return [cell.text_content().strip() for cell in document(response).xpath("//table//tbody/tr/td[1]")]


def test_each_panel_links_to_a_list_of_exactly_its_rows(logged_in, attention_rows):
    shown = panels(logged_in.get("/dashboard/"))
    linked = [panel for panel in shown if panel["link"]]
    # Expiring, review overdue, review due, delegations soon; follow-ups have no list of their own.
    assert len(linked) == 4, [panel["title"] for panel in shown]
    for panel in linked:
        assert panel["count"] > 0, panel["title"]
        response = logged_in.get(panel["link"])
        assert filter_errors(response) == [], panel["title"]
        assert result_count(response) == panel["count"], panel["title"]
        assert set(panel["rows"]) <= set(list_titles(response)), panel["title"]


def test_the_delegation_panel_counts_no_cancelled_visit(logged_in, attention_rows):
    delegations = next(panel for panel in panels(logged_in.get("/dashboard/")) if panel["title"].startswith("Đoàn"))
    assert delegations["count"] == 6
    assert "Đoàn đã hủy" not in list_titles(logged_in.get(delegations["link"]))


def calendar_more_links(response) -> list[tuple[int, str]]:
    """Each "và N đoàn nữa" link with its N."""
    links = []
    for a in document(response).xpath("//a"):
        words = a.text_content().split()
        if words[:1] == ["và"] and words[2:] == ["đoàn", "nữa"]:
            links.append((int(words[1]), a.get("href")))
    return links


@pytest.mark.parametrize("month", ["2025-04", "2025-02", "2024-02", "2025"], ids=lambda m: m)
def test_the_calendar_links_the_rest_of_a_busy_month(logged_in, month):
    """April has 30 days (the link once ended on 31/04); February 28 or 29; "2025" is the year-only group."""
    korea, japan = Country.objects.get(code="KR"), Country.objects.get(code="JP")
    year = month[:4]
    for i in range(SHOWN_PER_MONTH + 3):
        starts_on = month if len(month) == 4 else f"{month}-{1 + i % 28:02d}"
        visit = Delegation.objects.create(direction=Direction.INBOUND, title_vi=f"Đoàn {i}", starts_on=starts_on)
        visit.countries.add(korea)
    # Rows the cell must not count: another country (filtered away), another direction, another precision.
    Delegation.objects.create(direction=Direction.INBOUND, title_vi="Đoàn Nhật", starts_on=month).countries.add(japan)
    Delegation.objects.create(direction=Direction.OUTBOUND, title_vi="Đoàn ra", starts_on=month)
    Delegation.objects.create(
        direction=Direction.INBOUND, title_vi="Đoàn năm", starts_on=year if len(month) == 7 else f"{year}-06"
    )

    calendar = logged_in.get(f"/dashboard/calendar/?year={year}&country=KR")
    [(more, link)] = calendar_more_links(calendar)
    assert more == 3
    response = logged_in.get(link)
    assert filter_errors(response) == []
    assert result_count(response) == SHOWN_PER_MONTH + more


def test_the_links_are_html_escaped_addresses_the_browser_can_follow(logged_in, attention_rows):
    page = body(logged_in.get("/dashboard/")).decode()
    hrefs = lxml.html.fromstring(page).xpath('//div[contains(@class, "attention-panel")]//p/a/@href')
    assert all(href.startswith("/dashboard/") for href in hrefs)
