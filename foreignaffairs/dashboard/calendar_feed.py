"""A person's calendar as an iCalendar (RFC 5545) feed: delegations, agreement expiries and reviews due, at a secret
address that Outlook, Google Calendar and Thunderbird fetch without a session.

What the feed holds obeys the dashboard's own rule (foreignaffairs.accounts.access.can_view): delegations for a
person who may view delegations, expiries and reviews due for one who may view agreements. Every event is all-day
(DATE values, DTEND the day after the last one): the records know days, not hours.

A date known only to the month becomes an all-day event on the month's 1st, its title marked "(tháng 08/2025)":
a planned visit or a review due "in August" is exactly what a head of division must not miss, and the mark says
the 1st is where the calendar draws it, not a day anyone recorded. A date known only to the year is left out: a
year is too long to stand on one day.

The feed covers a bounded window (WINDOW_MONTHS_BACK whole months back, WINDOW_MONTHS_AHEAD ahead) and is read
in a fixed number of queries whatever it holds.
"""

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

import icalendar
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agreements.choices import AgreementStatus
from agreements.models import Agreement
from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation, DelegationPartner
from foreignaffairs import clock
from foreignaffairs.accounts.access import can_view
from foreignaffairs.api.auth import hash_key
from foreignaffairs.models import CalendarFeedToken, in_language
from foreignaffairs.partial_dates import PartialDate, Precision, add_months
from partners.models import country_name

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

WINDOW_MONTHS_BACK = 3
WINDOW_MONTHS_AHEAD = 12
# The right-hand side of every UID: a constant, not the request's host, so a UID stays the same whichever address
# the server is reached by, and a client updates its copy of an event instead of adding a second one.
UID_DOMAIN = "ngoaivu-hue"
HUE_TIME_ZONE = "Asia/Ho_Chi_Minh"
# Expiries only of agreements that bind or bound the parties until that day: one terminated early never expires.
EXPIRING_STATUSES = [*AgreementStatus.alive(), AgreementStatus.EXPIRED]
DELEGATION_EVENT_STATUS = {
    DelegationStatus.PROPOSED: "TENTATIVE",
    DelegationStatus.APPROVED: "TENTATIVE",
    DelegationStatus.CONFIRMED: "CONFIRMED",
    DelegationStatus.COMPLETED: "CONFIRMED",
    DelegationStatus.CANCELLED: "CANCELLED",
}
_KEY_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,100}$")


@dataclass(frozen=True)
class Window:
    """Whole months: from the 1st of the month WINDOW_MONTHS_BACK before today's to the end of the month
    WINDOW_MONTHS_AHEAD after it."""

    first: datetime.date
    after_last: datetime.date  # the 1st of the month after the window

    @classmethod
    def around(cls, today: datetime.date) -> "Window":
        this_month = today.replace(day=1)
        return cls(add_months(this_month, -WINDOW_MONTHS_BACK), add_months(this_month, WINDOW_MONTHS_AHEAD + 1))

    def partial_date_q(self, field: str) -> Q:
        """Partial dates (ISO text) in the window: "2025-08" and "2025-08-14" sort at or after "2025-08", and
        before the month after the window. A year alone ("2026") sorts before its months and is dropped later."""
        return Q(**{f"{field}__gte": self.first.isoformat()[:7], f"{field}__lt": self.after_last.isoformat()[:7]})


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    first_day: datetime.date
    after_last_day: datetime.date
    description: str
    url: str
    last_modified: datetime.datetime
    status: str = "CONFIRMED"
    location: str = ""


def _placed(date: PartialDate | None, summary: str) -> tuple[datetime.date, str] | None:
    """The day a partial date is drawn on, and the summary marked when the day is not known; None for a date known
    only to the year (or no date), which the feed leaves out."""
    if date is None or date.precision is Precision.YEAR:
        return None
    if date.precision is Precision.MONTH:
        return date.earliest(), _("%(summary)s (tháng %(month)s)") % {"summary": summary, "month": date}
    return date.earliest(), summary


def delegation_events(window: Window, absolute: Callable[[str], str]) -> Iterator[Event]:
    """Delegations starting in the window, cancelled ones too (STATUS:CANCELLED, so a client that has one marks it
    rather than keeping a visit that will not happen). Three queries: the delegations, their partners, their
    countries."""
    in_window = Delegation.objects.filter(window.partial_date_q("starts_on"))
    rows = list(
        in_window.order_by("starts_on", "pk").values(
            "pk", "title_vi", "title_en", "direction", "status", "starts_on", "ends_on", "last_updated"
        )
    )
    partners, countries = defaultdict(list), defaultdict(list)
    links = DelegationPartner.objects.filter(delegation__in=in_window.values("pk")).order_by("pk")
    for link in links.values("delegation_id", "partner__name_vi", "partner__name_en"):
        partners[link["delegation_id"]].append(in_language(link["partner__name_vi"], link["partner__name_en"]))
    visited = Delegation.countries.through.objects.filter(delegation__in=in_window.values("pk")).order_by("pk")
    for link in visited.values("delegation_id", "country__code"):
        countries[link["delegation_id"]].append(country_name(link["country__code"]))
    statuses, directions = dict(DelegationStatus.choices), dict(Direction.choices)
    for row in rows:
        starts_on, ends_on = (
            Delegation._meta.get_field(name).to_python(row[name]) for name in ("starts_on", "ends_on")
        )
        placed = _placed(starts_on, in_language(row["title_vi"], row["title_en"]))
        if placed is None:
            continue
        first_day, summary = placed
        # The last day only when it is known to the day; otherwise the event is its first day alone.
        last_day = ends_on.earliest() if ends_on and ends_on.precision is Precision.DAY else first_day
        pk = row["pk"]
        lines = [f"{directions.get(row['direction'], '')} · {statuses.get(row['status'], row['status'])}"]
        lines.append(_("Thời gian: %(start)s – %(end)s") % {"start": starts_on, "end": ends_on or "?"})
        if partners[pk]:
            lines.append(_("Đối tác: %(names)s") % {"names": ", ".join(partners[pk])})
        # Where the delegation is: the countries an outbound one visits; Huế for an inbound one.
        place = ", ".join(countries[pk]) if row["direction"] == Direction.OUTBOUND else _("Thành phố Huế")
        yield Event(
            uid=f"delegation-{pk}@{UID_DOMAIN}",
            summary=summary,
            first_day=first_day,
            after_last_day=max(last_day, first_day) + datetime.timedelta(days=1),
            description="\n".join(lines),
            url=absolute(reverse("dashboard:delegation-detail", args=[pk])),
            last_modified=row["last_updated"],
            status=DELEGATION_EVENT_STATUS.get(row["status"], "CONFIRMED"),
            location=place,
        )


def agreement_events(window: Window, absolute: Callable[[str], str]) -> Iterator[Event]:
    """Expiries (a DateField, always a day) and reviews due (a partial date) of agreements: two queries."""
    fields = ("pk", "title_vi", "title_en", "reference_number", "last_updated")
    expiring = Agreement.objects.filter(
        status__in=EXPIRING_STATUSES, expires_on__gte=window.first, expires_on__lt=window.after_last
    )
    for row in expiring.order_by("expires_on", "pk").values(*fields, "expires_on"):
        title = in_language(row["title_vi"], row["title_en"])
        yield Event(
            uid=f"agreement-{row['pk']}-expiry@{UID_DOMAIN}",
            summary=_("Hết hiệu lực: %(title)s") % {"title": title},
            first_day=row["expires_on"],
            after_last_day=row["expires_on"] + datetime.timedelta(days=1),
            description=_("Số hiệu: %(number)s") % {"number": row["reference_number"] or "—"},
            url=absolute(reverse("dashboard:agreement-detail", args=[row["pk"]])),
            last_modified=row["last_updated"],
        )
    reviewed = Agreement.objects.filter(status__in=AgreementStatus.alive()).filter(
        window.partial_date_q("next_review_on")
    )
    for row in reviewed.order_by("next_review_on", "pk").values(*fields, "next_review_on"):
        title = _("Đến hạn rà soát: %(title)s") % {"title": in_language(row["title_vi"], row["title_en"])}
        placed = _placed(Agreement._meta.get_field("next_review_on").to_python(row["next_review_on"]), title)
        if placed is None:
            continue
        first_day, summary = placed
        yield Event(
            uid=f"agreement-{row['pk']}-review@{UID_DOMAIN}",
            summary=summary,
            first_day=first_day,
            after_last_day=first_day + datetime.timedelta(days=1),
            description=_("Số hiệu: %(number)s") % {"number": row["reference_number"] or "—"},
            url=absolute(reverse("dashboard:agreement-detail", args=[row["pk"]])),
            last_modified=row["last_updated"],
        )


def build_calendar(user: "AbstractBaseUser", window: Window, absolute: Callable[[str], str]) -> icalendar.Calendar:
    """The calendar `user` may see: each kind of event only with the dashboard's permission to view it."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//So Ngoai vu thanh pho Hue//Lich doi ngoai//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = _("Lịch đối ngoại — Sở Ngoại vụ thành phố Huế")
    calendar.add("x-wr-calname", name)
    calendar.add("name", name)
    calendar.add("x-wr-timezone", HUE_TIME_ZONE)
    # Clients that poll: a refresh every few hours is what Outlook and Thunderbird honour (Google sets its own).
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    events: list[Event] = []
    if can_view(user, Delegation):
        events += delegation_events(window, absolute)
    if can_view(user, Agreement):
        events += agreement_events(window, absolute)
    for event in events:
        calendar.add_component(_vevent(event))
    return calendar


def _vevent(event: Event) -> icalendar.Event:
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    # Without a METHOD, DTSTAMP is when the record was last changed (RFC 5545 3.8.7.2): the same on every fetch
    # until the record changes.
    vevent.add("dtstamp", event.last_modified)
    vevent.add("last-modified", event.last_modified)
    vevent.add("summary", event.summary)
    vevent.add("dtstart", event.first_day)
    vevent.add("dtend", event.after_last_day)
    vevent.add("transp", "TRANSPARENT")
    vevent.add("status", event.status)
    vevent.add("description", event.description)
    vevent.add("url", event.url)
    if event.location:
        vevent.add("location", event.location)
    return vevent


def _token_of(key: str) -> CalendarFeedToken:
    """The token behind `key`, of an active user; 404 for anything else, so a guess tells nothing."""
    if not _KEY_SHAPE.match(key):
        raise Http404
    token = (
        CalendarFeedToken.objects.select_related("user").filter(key_hash=hash_key(key), user__is_active=True).first()
    )
    if token is None:
        raise Http404
    return token


@require_safe
def calendar_feed(request: HttpRequest, key: str) -> HttpResponse:
    token = _token_of(key)
    with translation.override(token.language):
        calendar = build_calendar(token.user, Window.around(clock.today()), request.build_absolute_uri)
        body = calendar.to_ical()
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-doi-ngoai.ics"'
    # The address is a secret: no shared cache (a proxy) may keep the calendar and hand it to someone else.
    patch_cache_control(response, private=True, max_age=0)
    return response
