"""A person's calendar as an iCalendar (RFC 5545) feed at a secret address that Outlook, Google Calendar and
Thunderbird fetch without a session. What it holds: foreignaffairs.dashboard.calendar_events.

The feed obeys the dashboard's own rule (foreignaffairs.accounts.access.can_view): delegations for a person who may
view delegations, expiries and reviews due for one who may view agreements. An address that is wrong, was reset,
or belongs to a deactivated user answers 404, the same for each, so a guess learns nothing.

The icalendar library writes the calendar itself (its name, time zone, refresh interval); the events, thousands a
year at national scale, are written here line by line, escaped and folded by RFC 5545's rules as icalendar does,
because its object model costs about 0.6 ms an event (1,341 events took 0.78 s at scale 1, where the target is
0.5 s for a year at scale 10). The tests read every feed back with icalendar, long and escaped texts included.
The body is also kept a few minutes for everyone who may see the same kinds (cached_calendar_bytes).
"""

import datetime
import re
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import icalendar
from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from agreements.models import Agreement
from delegations.models import Delegation
from foreignaffairs import clock
from foreignaffairs.accounts.access import can_view
from foreignaffairs.api.auth import hash_key
from foreignaffairs.dashboard.calendar_events import Event, Labels, Window, agreement_events, delegation_events
from foreignaffairs.models import CalendarFeedToken

if TYPE_CHECKING:
    from django.contrib.auth.base_user import AbstractBaseUser

HUE_TIME_ZONE = "Asia/Ho_Chi_Minh"
# Keys are secrets.token_urlsafe(32): 43 characters of this alphabet. Anything else is refused before hashing.
_KEY_SHAPE = re.compile(r"^[A-Za-z0-9_-]{20,100}$")
# A record changed shows in the feed this long after at most; clients fetch it every few hours anyway.
FEED_CACHE_SECONDS = 5 * 60
# RFC 5545 3.1: a content line longer than 75 octets is folded.
_FOLD_AT = 75


def _fold(line: str) -> str:
    """RFC 5545 3.1: a line longer than 75 octets goes on in lines that start with a space, cut between characters
    (never inside one's UTF-8 bytes) and never right after the backslash of an escape, as icalendar folds."""
    if len(line) <= _FOLD_AT // 4:
        return line
    data = line.encode()
    if len(data) <= _FOLD_AT:
        return line
    parts, start, limit = [], 0, _FOLD_AT
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and data[end] & 0xC0 == 0x80:
            end -= 1
        if end < len(data) and data[end - 1] == 0x5C and end - 1 > start:
            end -= 1
        parts.append(data[start:end])
        start, limit = end, _FOLD_AT - 1  # the leading space counts
    return b"\r\n ".join(parts).decode()


def _text(value: str) -> str:
    """A TEXT value escaped as RFC 5545 3.3.11 says (icalendar's own rules, in the same order)."""
    return (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def _utc(moment: datetime.datetime) -> str:
    # isoformat() and slicing: strftime cost more than the rest of the line.
    text = moment.astimezone(datetime.UTC).isoformat()
    return f"{text[0:4]}{text[5:7]}{text[8:10]}T{text[11:13]}{text[14:16]}{text[17:19]}Z"


def _date(day: datetime.date) -> str:
    return day.isoformat().replace("-", "")


def vevent(event: Event) -> str:
    """One VEVENT, all-day: DTSTART and DTEND as DATE values, DTEND the day after the last day."""
    stamp = _utc(event.last_modified)
    lines = [
        "BEGIN:VEVENT",
        f"UID:{_text(event.uid)}",
        # Without a METHOD, DTSTAMP is when the record was last changed (RFC 5545 3.8.7.2): the same on every
        # fetch until the record changes.
        f"DTSTAMP:{stamp}",
        f"LAST-MODIFIED:{stamp}",
        _fold(f"SUMMARY:{_text(event.summary)}"),
        f"DTSTART;VALUE=DATE:{_date(event.first_day)}",
        f"DTEND;VALUE=DATE:{_date(event.after_last_day)}",
        # All-day reminders of other people's work: they do not make the subscriber busy.
        "TRANSP:TRANSPARENT",
        f"STATUS:{event.status}",
        _fold(f"DESCRIPTION:{_text(event.description)}"),
        _fold(f"URL:{event.url}"),
    ]
    if event.location:
        lines.append(_fold(f"LOCATION:{_text(event.location)}"))
    lines.append("END:VEVENT\r\n")
    return "\r\n".join(lines)


def calendar_frame() -> tuple[bytes, bytes]:
    """The calendar around the events, in the active language: what comes before them and what after."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//So Ngoai vu thanh pho Hue//Lich doi ngoai//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = _("Lịch đối ngoại — Sở Ngoại vụ thành phố Huế")
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    # The records know days, not hours: every event is all-day. Clients that show times show them in Huế's.
    calendar.add("x-wr-timezone", HUE_TIME_ZONE)
    # How often clients should fetch again; Outlook and Thunderbird honour it, Google keeps its own pace.
    calendar.add("refresh-interval", datetime.timedelta(hours=6), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT6H")
    whole = calendar.to_ical()
    end = b"END:VCALENDAR\r\n"
    return whole.removesuffix(end), end


def events_for(user: "AbstractBaseUser", window: Window, absolute: Callable[[str], str]) -> Iterable[Event]:
    labels = Labels()
    if can_view(user, Delegation):
        yield from delegation_events(window, absolute, labels)
    if can_view(user, Agreement):
        yield from agreement_events(window, absolute, labels)


def calendar_bytes(user: "AbstractBaseUser", window: Window, absolute: Callable[[str], str]) -> bytes:
    """The whole feed of `user`: each kind of event only with the dashboard's permission to view it."""
    head, tail = calendar_frame()
    events = "".join(vevent(event) for event in events_for(user, window, absolute))
    return b"".join([head, events.encode(), tail])


def cached_calendar_bytes(user: "AbstractBaseUser", window: Window, request: HttpRequest) -> bytes:
    """calendar_bytes, kept FEED_CACHE_SECONDS for everyone who may see the same kinds in the same language.

    Everyone of a role gets the same events, and their clients poll on their own clocks: the department's fifty
    subscribers cost one build every few minutes, not fifty. The key names what the body depends on (the kinds,
    the language, the scheme and host its links point to, the day, which sets the window); the address and the user
    are checked before, never cached.
    """
    kinds = f"{int(can_view(user, Delegation))}{int(can_view(user, Agreement))}"
    links = f"{request.scheme}://{request.get_host()}"
    key = f"calendar-feed:{kinds}:{translation.get_language()}:{links}:{clock.today()}"
    body = cache.get(key)
    if body is None:
        body = calendar_bytes(user, window, request.build_absolute_uri)
        cache.set(key, body, FEED_CACHE_SECONDS)
    return body


def _token_of(key: str) -> CalendarFeedToken:
    """The token behind `key`, of an active user; 404 for anything else."""
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
        body = cached_calendar_bytes(token.user, Window.around(clock.today()), request)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-doi-ngoai.ics"'
    # The address is a secret: no shared cache (a proxy) may keep the calendar and hand it to someone else.
    patch_cache_control(response, private=True, max_age=0)
    return response
