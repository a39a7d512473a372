"""Delegations by the month they start, one year at a time, inbound and outbound apart.

A start known only to the year goes in that year's "unknown month" group, after its twelve months. The page stays
the same size however many delegations there are: each month shows the first few of each direction (a window
function picks them in the database) with the month's full count and a link to the filtered list for the rest.
"""

from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Count, F, QuerySet, Window
from django.db.models.functions import RowNumber, Substr
from django.http import QueryDict
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from delegations.choices import Direction
from delegations.models import Delegation
from foreignaffairs.clock import today
from foreignaffairs.lists.filters import DatePrecision
from foreignaffairs.lists.listing import display

SHOWN_PER_MONTH = 12


class CalendarYearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm"),
        min_value=1900,
        max_value=2200,
        required=False,
        error_messages={"invalid": _("Năm phải là số có bốn chữ số, ví dụ 2025.")},
    )

    def chosen_year(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return today().year


@dataclass
class DirectionCell:
    rows: list = field(default_factory=list)
    total: int = 0
    list_url: str = ""  # the delegation list showing every row of this cell, shown and hidden

    @property
    def hidden(self) -> int:
        return self.total - len(self.rows)

    def item_html(self) -> list[str]:
        """Each shown delegation as an <li>, written here: a year can show over 300, and the template engine
        spent about half a millisecond on each."""
        return [
            format_html(
                '<li><a href="{}">{}</a> <span class="muted">{}{} · {}</span></li>',
                delegation.get_absolute_url(),
                delegation.title,
                delegation.starts_on or "",
                f"–{delegation.ends_on}" if delegation.ends_on else "",
                display(delegation, "status"),
            )
            for delegation in self.rows
        ]


@dataclass
class MonthGroup:
    key: str  # "2025-08", or "2025" for a start known only to the year
    label: Any
    inbound: DirectionCell = field(default_factory=DirectionCell)
    outbound: DirectionCell = field(default_factory=DirectionCell)

    def list_params(self) -> dict[str, str]:
        """The delegation list's filters for exactly this group: starting in its month, or, for the group of
        starts known only to the year, starting in that year with the month unknown."""
        if len(self.key) == 4:
            return {"starts_in": self.key, "start_precision": DatePrecision.YEAR}
        return {"starts_in": self.key}


def _label(key: str) -> str:
    if len(key) == 4:
        return _("Năm %(year)s — chưa rõ tháng") % {"year": key}
    return _("Tháng %(month)s/%(year)s") % {"month": key[5:7], "year": key[:4]}


def link_cells(months: list[MonthGroup], list_path: str, filters: QueryDict) -> None:
    """Give each cell the address of the delegation list with the calendar's own filters (country, status, …)
    plus the cell's month and direction, so "and N more" opens exactly the cell's rows."""
    for month in months:
        for direction, cell in ((Direction.INBOUND, month.inbound), (Direction.OUTBOUND, month.outbound)):
            params = filters.copy()
            for name in ("year", "page", "starts_in", "start_precision", "direction"):
                params.pop(name, None)
            params.update({"direction": direction, **month.list_params()})
            cell.list_url = f"{list_path}?{params.urlencode()}"


def months_of(delegations: QuerySet[Delegation], year: int) -> list[MonthGroup]:
    """The year's months that have delegations, in calendar order, then the year's unknown-month group.

    Two queries whatever the number of rows: the counts per month and direction, and the first rows of each.
    """
    in_year = delegations.filter(starts_on__startswith=f"{year:04d}").annotate(month_key=Substr("starts_on", 1, 7))
    groups: dict[str, MonthGroup] = {}

    def group(key: str) -> MonthGroup:
        # A year-only start reads "2025" in its first seven characters.
        return groups.setdefault(key, MonthGroup(key, _label(key)))

    counts = in_year.order_by().values("month_key", "direction").annotate(total=Count("pk"))
    for row in counts:
        cell = group(row["month_key"]).inbound if row["direction"] == Direction.INBOUND else None
        cell = cell or group(row["month_key"]).outbound
        cell.total = row["total"]
    first_rows = in_year.annotate(
        place=Window(RowNumber(), partition_by=[F("month_key"), F("direction")], order_by=[F("starts_on"), F("pk")])
    ).filter(place__lte=SHOWN_PER_MONTH)
    for delegation in first_rows.order_by("starts_on", "pk"):
        month = group(delegation.month_key)
        (month.inbound if delegation.direction == Direction.INBOUND else month.outbound).rows.append(delegation)
    # "2025-01" … "2025-12" sort before "2025" would not; put the unknown-month group last.
    return sorted(groups.values(), key=lambda g: (len(g.key) == 4, g.key))
