"""The period a foreign-affairs report covers: a year, a half-year, or any from–to, and which recorded dates fall in it.

A date known only to the month or the year (foreignaffairs.partial_dates) counts in a period only when it falls in
it at its own precision: the whole month, or the whole year, lies within the period. "08/2025" is in 2025 and in the
second half of 2025, not in 01/08/2025–15/08/2025; "2025" is in the year 2025, in neither of its halves. A report says
only what the records say, and "some time in 2025" does not say "in the first half". The dashboard's list filters
are wider (a date "in 2025" may fall on either side of 30/06/2025, so `starts_before=30/06/2025` lists it): the list a
report table links to may hold a few rows more, whose dates are too vague to place in the period.
"""

import calendar
import datetime
from dataclasses import dataclass
from enum import Enum

from django.db.models import Q
from django.utils.translation import gettext as _

from foreignaffairs.partial_dates import PartialDate

DAY_PATTERN = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # a partial date stored to the day (ISO text)


class Span(Enum):
    YEAR = "year"
    FIRST_HALF = "h1"
    SECOND_HALF = "h2"
    RANGE = "range"


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    span: Span

    @classmethod
    def year(cls, year: int, span: Span = Span.YEAR) -> "Period":
        if span is Span.FIRST_HALF:
            return cls(datetime.date(year, 1, 1), datetime.date(year, 6, 30), span)
        if span is Span.SECOND_HALF:
            return cls(datetime.date(year, 7, 1), datetime.date(year, 12, 31), span)
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), Span.YEAR)

    @classmethod
    def between(cls, start: datetime.date, end: datetime.date) -> "Period":
        if end < start:
            raise ValueError("a period ends before it starts")
        return cls(start, end, Span.RANGE)

    def label(self) -> str:
        """As the report's title says it: "năm 2025", "6 tháng đầu năm 2025", "từ 01/03/2025 đến 15/08/2025"."""
        year = self.start.year
        if self.span is Span.YEAR:
            return _("năm %(year)s") % {"year": year}
        if self.span is Span.FIRST_HALF:
            return _("6 tháng đầu năm %(year)s") % {"year": year}
        if self.span is Span.SECOND_HALF:
            return _("6 tháng cuối năm %(year)s") % {"year": year}
        return _("từ %(start)s đến %(end)s") % {"start": day(self.start), "end": day(self.end)}

    def slug(self) -> str:
        """ASCII, for a file name: 2025, 2025-h1, 2025-03-01-2025-08-15."""
        if self.span is Span.YEAR:
            return str(self.start.year)
        if self.span is Span.RANGE:
            return f"{self.start.isoformat()}-{self.end.isoformat()}"
        return f"{self.start.year}-{self.span.value}"

    def contains(self, value: PartialDate | None) -> bool:
        """Whether a partial date falls in the period at its own precision: every day it may stand for is inside."""
        return value is not None and self.start <= value.earliest() and value.latest() <= self.end

    def partial_date_q(self, field: str) -> Q:
        """The same test as contains(), on a PartialDateField stored as ISO text, in the database: a day in the
        range; a month, or a year, wholly inside it. Empty (unknown) dates never match."""
        whole_months = [month for month in _months(self.start, self.end) if self._holds_month(month)]
        whole_years = [str(year) for year in range(self.start.year, self.end.year + 1) if self._holds_year(year)]
        condition = Q(
            **{
                f"{field}__regex": DAY_PATTERN,
                f"{field}__gte": self.start.isoformat(),
                f"{field}__lte": self.end.isoformat(),
            }
        )
        if whole_months:
            condition |= Q(**{f"{field}__in": [f"{year:04d}-{month:02d}" for year, month in whole_months]})
        if whole_years:
            condition |= Q(**{f"{field}__in": whole_years})
        return condition

    def date_q(self, field: str) -> Q:
        """A DateField within the period (a DateTimeField: give `field__date`, read in Huế's time zone)."""
        return Q(**{f"{field}__gte": self.start, f"{field}__lte": self.end})

    def months(self) -> list[tuple[int, int]]:
        """(year, month) of every month the period touches, in order: the rows of the by-month table."""
        return _months(self.start, self.end)

    def _holds_month(self, month: tuple[int, int]) -> bool:
        year, number = month
        last = calendar.monthrange(year, number)[1]
        return self.start <= datetime.date(year, number, 1) and datetime.date(year, number, last) <= self.end

    def _holds_year(self, year: int) -> bool:
        return self.start <= datetime.date(year, 1, 1) and datetime.date(year, 12, 31) <= self.end


def _months(start: datetime.date, end: datetime.date) -> list[tuple[int, int]]:
    months, year, month = [], start.year, start.month
    while (year, month) <= (end.year, end.month):
        months.append((year, month))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def day(value: datetime.date) -> str:
    """dd/mm/yyyy, as staff read dates and as the dashboard's filters take them."""
    return value.strftime("%d/%m/%Y")
