"""Delegations grouped by the month they start, inbound and outbound apart.

A start known only to the year goes in that year's "unknown month" group, after its twelve months; a delegation
with no start date at all goes in a last group of its own. Nothing is placed in a month it may not be in.
"""

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from delegations.choices import Direction


@dataclass
class MonthGroup:
    key: str  # "2025-08", "2025" (month unknown) or "" (date unknown): sorts as the dates do
    label: Any
    inbound: list = field(default_factory=list)
    outbound: list = field(default_factory=list)


def _group_key(delegation) -> str:
    start = delegation.starts_on
    if start is None:
        return ""
    return f"{start.year:04d}-{start.month:02d}" if start.month else f"{start.year:04d}"


def _label(key: str):
    if not key:
        return _("Chưa rõ ngày")
    if len(key) == 4:
        return _("Năm %(year)s — chưa rõ tháng") % {"year": key}
    return _("Tháng %(month)s/%(year)s") % {"month": key[5:7], "year": key[:4]}


def months_of(delegations) -> list[MonthGroup]:
    """The groups, newest month first; a year's unknown-month group after its months, undated last."""
    groups: dict[str, MonthGroup] = {}
    for delegation in delegations:
        key = _group_key(delegation)
        group = groups.setdefault(key, MonthGroup(key, _label(key)))
        (group.inbound if delegation.direction == Direction.INBOUND else group.outbound).append(delegation)

    def order(group: MonthGroup):
        # Newest first: "2025-12" … "2025-01", then "2025" (unknown month), then 2024…; undated at the very end.
        if not group.key:
            return (1, 0, 0)
        year = int(group.key[:4])
        month = int(group.key[5:7]) if len(group.key) > 4 else 0
        return (0, -year, -month if month else 1)

    return sorted(groups.values(), key=order)
