"""What a person's calendar feed holds (foreignaffairs.dashboard.calendar_feed writes it): delegations, agreement
expiries and reviews due in a bounded window, as all-day events.

The window is whole months, WINDOW_MONTHS_BACK before this month to WINDOW_MONTHS_AHEAD after it: what is being
prepared and what just happened, and a bound on the work (one query per kind, read with values(), whatever the
number of rows).

A date known only to the month becomes an all-day event on the month's 1st, its title marked "(tháng 08/2025)": a
planned visit or a review due "in August" is exactly what a head of division must not miss, and the mark says the
1st is where the calendar draws it, not a day anyone recorded. A date known only to the year is left out: a year is
too long to stand on one day.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from agreements.choices import AgreementStatus
from agreements.models import Agreement
from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation, DelegationPartner
from foreignaffairs.partial_dates import PartialDate, Precision, add_months
from partners.models import country_name

WINDOW_MONTHS_BACK = 3
WINDOW_MONTHS_AHEAD = 12
# The right-hand side of every UID: a constant, not the request's host, so a UID stays the same whichever address
# the server is reached by, and a client updates its copy of an event instead of adding a second one.
UID_DOMAIN = "ngoaivu-hue"
# Expiries only of agreements that bind or bound the parties until that day: one terminated early never expires.
EXPIRING_STATUSES = [*AgreementStatus.alive(), AgreementStatus.EXPIRED]
DELEGATION_EVENT_STATUS = {
    DelegationStatus.PROPOSED: "TENTATIVE",
    DelegationStatus.APPROVED: "TENTATIVE",
    DelegationStatus.CONFIRMED: "CONFIRMED",
    DelegationStatus.COMPLETED: "CONFIRMED",
    DelegationStatus.CANCELLED: "CANCELLED",
}
ONE_DAY = datetime.timedelta(days=1)


@dataclass(frozen=True)
class Window:
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
    """One all-day event: from `first_day` to the day before `after_last_day` (iCalendar's DTEND is exclusive)."""

    uid: str
    summary: str
    first_day: datetime.date
    after_last_day: datetime.date
    description: str
    url: str
    last_modified: datetime.datetime
    status: str = "CONFIRMED"
    location: str = ""


class Labels:
    """The texts every event repeats, translated once per feed rather than once per event (a year at national
    scale holds some ten thousand events)."""

    def __init__(self) -> None:
        self.english = (get_language() or "vi").startswith("en")
        self.month_only = _("%(summary)s (tháng %(month)s)")
        self.period = _("Thời gian: %(start)s – %(end)s")
        self.partners = _("Đối tác: %(names)s")
        self.hue = _("Thành phố Huế")
        self.expiry = _("Hết hiệu lực: %(title)s")
        self.review = _("Đến hạn rà soát: %(title)s")
        self.number = _("Số hiệu: %(number)s")
        self.statuses = {value: str(label) for value, label in DelegationStatus.choices}
        self.directions = {value: str(label) for value, label in Direction.choices}

    def name(self, vietnamese: str, english: str) -> str:
        """As foreignaffairs.models.in_language, without asking for the language each time."""
        return english if english and self.english else vietnamese or english

    def placed(self, date: PartialDate | None, summary: str) -> tuple[datetime.date, str] | None:
        """The day a partial date is drawn on, and the summary marked when the day is not known; None for a date
        known only to the year (or no date), which the feed leaves out."""
        if date is None or date.precision is Precision.YEAR:
            return None
        if date.precision is Precision.MONTH:
            return date.earliest(), self.month_only % {"summary": summary, "month": date}
        return date.earliest(), summary


def stored(field: str) -> Cast:
    """A partial date's column as the ISO text stored, read without the field's parsing (two regular expressions
    a value; ten thousand rows felt it): the field wrote it, so it is known to be well formed."""
    return Cast(field, CharField())


def from_stored(text: str | None) -> PartialDate | None:
    return PartialDate(*map(int, text.split("-"))) if text else None


def detail_url(absolute: Callable[[str], str], name: str) -> Callable[[int], str]:
    """A record's dashboard address by its pk, reversed once: reverse() per event cost more than the rest of it."""
    marker = 987654321
    before, after = absolute(reverse(name, args=[marker])).split(str(marker))
    return lambda pk: f"{before}{pk}{after}"


def delegation_events(window: Window, absolute: Callable[[str], str], labels: Labels) -> Iterator[Event]:
    """Delegations starting in the window, cancelled ones too (STATUS:CANCELLED, so a client that has one marks it
    rather than keeping a visit that will not happen). Three queries: the delegations, their partners, their
    countries."""
    in_window = Delegation.objects.filter(window.partial_date_q("starts_on"))
    rows = in_window.order_by("starts_on", "pk").values_list(
        "pk", "title_vi", "title_en", "direction", "status", stored("starts_on"), stored("ends_on"), "last_updated"
    )
    partners, countries = defaultdict(list), defaultdict(list)
    links = DelegationPartner.objects.filter(delegation__in=in_window.values("pk")).order_by("pk")
    for pk, name_vi, name_en in links.values_list("delegation_id", "partner__name_vi", "partner__name_en"):
        partners[pk].append(labels.name(name_vi, name_en))
    visited = Delegation.countries.through.objects.filter(delegation__in=in_window.values("pk")).order_by("pk")
    for pk, code in visited.values_list("delegation_id", "country__code"):
        countries[pk].append(country_name(code))
    url = detail_url(absolute, "dashboard:delegation-detail")
    for pk, title_vi, title_en, direction, status, starts_text, ends_text, last_updated in rows:
        starts_on, ends_on = from_stored(starts_text), from_stored(ends_text)
        placed = labels.placed(starts_on, labels.name(title_vi, title_en))
        if placed is None:
            continue
        first_day, summary = placed
        # The last day only when it is known to the day; otherwise the event is its first day alone.
        last_day = ends_on.earliest() if ends_on and ends_on.precision is Precision.DAY else first_day
        lines = [
            f"{labels.directions.get(direction, direction)} · {labels.statuses.get(status, status)}",
            labels.period % {"start": starts_on, "end": ends_on or "?"},
        ]
        if partners[pk]:
            lines.append(labels.partners % {"names": ", ".join(partners[pk])})
        # Where the delegation is: the countries an outbound one visits; Huế for an inbound one.
        place = ", ".join(countries[pk]) if direction == Direction.OUTBOUND else labels.hue
        yield Event(
            uid=f"delegation-{pk}@{UID_DOMAIN}",
            summary=summary,
            first_day=first_day,
            after_last_day=max(last_day, first_day) + ONE_DAY,
            description="\n".join(lines),
            url=url(pk),
            last_modified=last_updated,
            status=DELEGATION_EVENT_STATUS.get(status, "CONFIRMED"),
            location=place,
        )


def agreement_events(window: Window, absolute: Callable[[str], str], labels: Labels) -> Iterator[Event]:
    """Expiries (a DateField, always a day) and reviews due (a partial date) of agreements: two queries."""
    fields = ("pk", "title_vi", "title_en", "reference_number", "last_updated")
    url = detail_url(absolute, "dashboard:agreement-detail")
    expiring = Agreement.objects.filter(
        status__in=EXPIRING_STATUSES, expires_on__gte=window.first, expires_on__lt=window.after_last
    )
    for pk, title_vi, title_en, number, last_updated, expires_on in expiring.order_by("expires_on", "pk").values_list(
        *fields, "expires_on"
    ):
        yield Event(
            uid=f"agreement-{pk}-expiry@{UID_DOMAIN}",
            summary=labels.expiry % {"title": labels.name(title_vi, title_en)},
            first_day=expires_on,
            after_last_day=expires_on + ONE_DAY,
            description=labels.number % {"number": number or "—"},
            url=url(pk),
            last_modified=last_updated,
        )
    reviewed = Agreement.objects.filter(status__in=AgreementStatus.alive()).filter(
        window.partial_date_q("next_review_on")
    )
    for pk, title_vi, title_en, number, last_updated, due in reviewed.order_by("next_review_on", "pk").values_list(
        *fields, stored("next_review_on")
    ):
        placed = labels.placed(from_stored(due), labels.review % {"title": labels.name(title_vi, title_en)})
        if placed is None:
            continue
        first_day, summary = placed
        yield Event(
            uid=f"agreement-{pk}-review@{UID_DOMAIN}",
            summary=summary,
            first_day=first_day,
            after_last_day=first_day + ONE_DAY,
            description=labels.number % {"number": number or "—"},
            url=url(pk),
            last_modified=last_updated,
        )
