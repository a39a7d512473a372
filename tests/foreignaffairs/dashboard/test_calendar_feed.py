"""The calendar feed (foreignaffairs.dashboard.calendar_feed) read back with icalendar, as a calendar client reads
it: the address made on the person's own page, the events each role may see, all-day dates with DTEND the day
after, a date known only to the month on the 1st and marked, UIDs stable between fetches, and 404 for an address
that is wrong, reset or of a deactivated user."""

import datetime
from urllib.parse import urlsplit

import icalendar
import pytest
from django.contrib.auth.models import Permission
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement
from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation
from foreignaffairs.dashboard.calendar_events import Window
from partners.choices import PartnerKind, RelationshipStatus
from partners.models import Country, Partner
from tests.conftest import count_queries
from tests.forms import page_form_data
from tests.pages import document

TODAY = datetime.date(2026, 6, 15)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr("foreignaffairs.clock.today", lambda: TODAY)


@pytest.fixture
def records(db):
    korea = Country.objects.get(code="KR")
    gyeongju = Partner.objects.create(
        kind=PartnerKind.CITY,
        name_vi="Thành phố Gyeongju",
        country=korea,
        relationship_status=RelationshipStatus.ACTIVE,
    )
    visit = Delegation.objects.create(
        direction=Direction.INBOUND,
        title_vi="Đoàn Gyeongju thăm Huế",
        status=DelegationStatus.CONFIRMED,
        starts_on="2026-07-10",
        ends_on="2026-07-12",
    )
    visit.partners.set([gyeongju])
    trip = Delegation.objects.create(
        direction=Direction.OUTBOUND,
        title_vi="Đoàn Huế sang Gyeongju",
        status=DelegationStatus.PROPOSED,
        starts_on="2026-08",
    )
    trip.countries.set([korea])
    some_year = Delegation.objects.create(
        direction=Direction.OUTBOUND, title_vi="Đoàn chỉ biết năm", status=DelegationStatus.PROPOSED, starts_on="2026"
    )
    long_ago = Delegation.objects.create(
        direction=Direction.INBOUND, title_vi="Đoàn năm 2020", status=DelegationStatus.COMPLETED, starts_on="2020-05-04"
    )
    expiring = Agreement.objects.create(
        title_vi="Thỏa thuận hợp tác với Gyeongju",
        kind=AgreementKind.COOPERATION,
        status=AgreementStatus.IN_EFFECT,
        signed_on="2021-09-30",
        expires_on=datetime.date(2026, 9, 30),
        review_interval_months=0,
    )
    # Signed in 08/2025, reviewed every 12 months: due in 08/2026, a month and no day.
    reviewed = Agreement.objects.create(
        title_vi="Bản ghi nhớ về du lịch",
        kind=AgreementKind.COOPERATION,
        status=AgreementStatus.IN_EFFECT,
        signed_on="2025-08",
        review_interval_months=12,
    )
    return visit, trip, some_year, long_ago, expiring, reviewed


def subscribe(client: Client) -> str:
    """Press the button on the person's own page, as rendered, and read the address the next page shows."""
    page = client.get(reverse("dashboard:calendar-subscription"))
    response = client.post(page.wsgi_request.path, page_form_data(page, form_id="calendar-feed-form"))
    assert response.status_code == 302
    shown = client.get(response["Location"])
    [address] = document(shown).xpath('//input[@id="feed-address"]/@value')
    return address


def fetch(address: str):
    """What a calendar client gets: no session, no cookie."""
    return Client().get(urlsplit(address).path)


def events_of(response) -> dict[str, icalendar.Event]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def test_it_gives_a_head_of_division_the_delegations_expiries_and_reviews(records, logged_in):
    response = fetch(subscribe(logged_in))
    calendar = icalendar.Calendar.from_ical(response.content)
    assert str(calendar["X-WR-CALNAME"]) == "Lịch đối ngoại — Sở Ngoại vụ thành phố Huế"
    events = events_of(response)
    assert sorted(events) == [
        "Hết hiệu lực: Thỏa thuận hợp tác với Gyeongju",
        "Đoàn Gyeongju thăm Huế",
        "Đoàn Huế sang Gyeongju (tháng 08/2026)",
        "Đến hạn rà soát: Bản ghi nhớ về du lịch (tháng 08/2026)",
    ]
    visit = events["Đoàn Gyeongju thăm Huế"]
    # All-day: DATE values, DTEND the day after the last day.
    assert visit["DTSTART"].dt == datetime.date(2026, 7, 10)
    assert visit["DTEND"].dt == datetime.date(2026, 7, 13)
    assert visit["DTSTART"].params.get("VALUE") == "DATE"
    assert str(visit["STATUS"]) == "CONFIRMED"
    assert "Thành phố Gyeongju" in str(visit["DESCRIPTION"])
    assert str(visit["LOCATION"]) == "Thành phố Huế"
    assert isinstance(visit["DTSTAMP"].dt, datetime.datetime)
    assert str(visit["URL"]).endswith(reverse("dashboard:delegation-detail", args=[records[0].pk]))


def test_it_puts_a_month_only_date_on_the_first_marked_and_leaves_a_year_only_date_out(records, logged_in):
    events = events_of(fetch(subscribe(logged_in)))
    trip = events["Đoàn Huế sang Gyeongju (tháng 08/2026)"]
    assert (trip["DTSTART"].dt, trip["DTEND"].dt) == (datetime.date(2026, 8, 1), datetime.date(2026, 8, 2))
    assert str(trip["STATUS"]) == "TENTATIVE"
    assert str(trip["LOCATION"]) == "Hàn Quốc"
    review = events["Đến hạn rà soát: Bản ghi nhớ về du lịch (tháng 08/2026)"]
    assert review["DTSTART"].dt == datetime.date(2026, 8, 1)
    assert not any("chỉ biết năm" in summary for summary in events)
    assert not any("2020" in summary for summary in events)  # outside the window


def test_its_uids_stay_the_same_between_fetches(records, logged_in):
    address = subscribe(logged_in)
    first, second = fetch(address), fetch(address)
    uids = [str(event["UID"]) for event in icalendar.Calendar.from_ical(first.content).walk("VEVENT")]
    assert len(set(uids)) == 4
    assert uids == [str(event["UID"]) for event in icalendar.Calendar.from_ical(second.content).walk("VEVENT")]
    assert first.content == second.content


def test_long_texts_with_commas_semicolons_and_backslashes_read_back_unchanged(records, logged_in):
    visit = records[0]
    visit.title_vi = (
        "Đoàn Ủy ban Nhân dân thành phố Gyeongju; Hội đồng, Sở Văn hóa \\ Du lịch thăm và làm việc tại Huế " * 3
    )
    visit.save()
    events = events_of(fetch(subscribe(logged_in)))
    assert visit.title_vi in events
    assert all(len(line) <= 75 for line in fetch(subscribe(logged_in)).content.split(b"\r\n"))


def test_it_is_not_kept_by_shared_caches(records, logged_in):
    response = fetch(subscribe(logged_in))
    assert "private" in response["Cache-Control"]


def test_it_gives_no_agreements_to_a_user_who_may_not_view_them(records, client, viewer):
    viewer.user_permissions.clear()
    viewer.groups.clear()
    viewer.user_permissions.add(Permission.objects.get(codename="view_delegation"))
    client.force_login(viewer)
    events = events_of(fetch(subscribe(client)))
    assert sorted(events) == ["Đoàn Gyeongju thăm Huế", "Đoàn Huế sang Gyeongju (tháng 08/2026)"]


def test_it_gives_no_delegations_to_a_user_who_may_not_view_them(records, client, viewer):
    viewer.groups.clear()
    viewer.user_permissions.add(Permission.objects.get(codename="view_agreement"))
    client.force_login(viewer)
    events = events_of(fetch(subscribe(client)))
    assert all(summary.startswith(("Hết hiệu lực", "Đến hạn rà soát")) for summary in events)
    assert len(events) == 2


@pytest.mark.parametrize("role", ["editor", "reviewer", "administrator"])
def test_every_role_with_the_view_permissions_gets_the_same_events(records, client, role_users, role):
    client.force_login(role_users[role])
    assert len(events_of(fetch(subscribe(client)))) == 4


def test_a_reset_address_answers_404_at_once(records, logged_in):
    old = subscribe(logged_in)
    assert fetch(old).status_code == 200
    new = subscribe(logged_in)  # the page now offers "Đặt lại địa chỉ"
    assert new != old
    assert fetch(old).status_code == 404
    assert fetch(new).status_code == 200


def test_the_page_offers_a_reset_once_an_address_exists(records, logged_in):
    subscribe(logged_in)
    page = logged_in.get(reverse("dashboard:calendar-subscription"))
    assert "Đặt lại địa chỉ" in page.content.decode()
    # The address was shown once; the page shows it no more.
    assert not document(page).xpath('//input[@id="feed-address"]')


def test_a_deactivated_users_address_answers_404(records, logged_in, viewer):
    address = subscribe(logged_in)
    viewer.is_active = False
    viewer.save(update_fields=["is_active"])
    assert fetch(address).status_code == 404


@pytest.mark.parametrize("key", ["wrong", "A" * 43, "../../etc/passwd", "%00"])
def test_a_wrong_address_answers_404(records, logged_in, key):
    subscribe(logged_in)
    assert Client().get(f"/dashboard/calendar/feed/{key}.ics").status_code == 404


def test_two_users_never_get_each_others_calendar(records, client, role_users):
    client.force_login(role_users["viewer"])
    viewer_address = subscribe(client)
    other = Client()
    other.force_login(role_users["editor"])
    editor_address = subscribe(other)
    assert viewer_address != editor_address
    assert fetch(viewer_address).status_code == fetch(editor_address).status_code == 200


def test_the_page_needs_a_login(db):
    response = Client().get(reverse("dashboard:calendar-subscription"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_it_makes_as_many_queries_for_many_events_as_for_few(records, logged_in):
    address = urlsplit(subscribe(logged_in)).path
    anonymous = Client()
    few = count_queries(anonymous, address)
    gyeongju = Partner.objects.get()
    for number in range(40):
        delegation = Delegation.objects.create(
            direction=Direction.OUTBOUND if number % 2 else Direction.INBOUND,
            title_vi=f"Đoàn thử số {number}",
            status=DelegationStatus.APPROVED,
            starts_on=f"2026-{number % 12 + 1:02d}-{number % 27 + 1:02d}",
        )
        delegation.partners.set([gyeongju])
        delegation.countries.set([gyeongju.country])
        Agreement.objects.create(
            title_vi=f"Thỏa thuận thử số {number}",
            kind=AgreementKind.MINUTES,
            status=AgreementStatus.IN_EFFECT,
            signed_on=f"2025-{number % 12 + 1:02d}",
            expires_on=datetime.date(2026, number % 12 + 1, 1),
        )
    # Within FEED_CACHE_SECONDS the body built first is served again: only the address and permissions are read.
    assert count_queries(anonymous, address) == 2
    cache.clear()
    # The token with its user, the user's permissions (through groups too, one query), the delegations, their
    # partners, their countries, the expiries, the reviews due.
    assert count_queries(anonymous, address) == few == 7
    assert len(events_of(anonymous.get(address))) > 60


def test_the_window_is_whole_months_from_three_back_to_twelve_ahead():
    window = Window.around(TODAY)
    assert (window.first, window.after_last) == (datetime.date(2026, 3, 1), datetime.date(2027, 7, 1))
