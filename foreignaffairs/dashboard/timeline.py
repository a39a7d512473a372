"""A partner's history told once: renewal chains of its agreements, and one timeline of dated events.

Built in Python from rows the view already fetched, so neither adds a query.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.models import Agreement, AgreementReview, AgreementStatusChange
from delegations.models import Delegation
from foreignaffairs.partial_dates import PartialDate


@dataclass(frozen=True)
class Event:
    sort_key: str  # ISO text, so dates known only to the month or year sort among the others
    when: str
    kind: Any  # a label: lazy text, or a choice's display
    text: str
    url: str | None


def agreement_chains(agreements: list[Agreement]) -> list[list[tuple[Agreement, int]]]:
    """Agreements grouped into renewal/amendment chains: each chain is [(agreement, depth), …], oldest first.

    Every agreement is in exactly one chain, whatever the data: a loop of predecessors (which validation now
    refuses, but an older record may hold) has no first document, so its earliest agreement heads its chain.
    """
    by_id = {agreement.pk: agreement for agreement in agreements}
    children: dict[int, list[Agreement]] = {}
    for agreement in agreements:
        if agreement.predecessor_id in by_id:
            children.setdefault(agreement.predecessor_id, []).append(agreement)
    roots = [a for a in agreements if a.predecessor_id not in by_id]
    chains, placed = [], set()
    for root in [*roots, *agreements]:
        if root.pk in placed:
            continue
        chain, stack = [], [(root, 0)]
        while stack:
            agreement, depth = stack.pop()
            if agreement.pk in placed:
                continue
            placed.add(agreement.pk)
            chain.append((agreement, depth))
            stack.extend((child, depth + 1) for child in reversed(children.get(agreement.pk, [])))
        chains.append(chain)
    return chains


def _partial(value: PartialDate | None) -> tuple[str, str]:
    return (value.isoformat(), str(value)) if value else ("", "")


def _moment(value: datetime.datetime | datetime.date | None) -> tuple[str, str]:
    if value is None:
        return "", ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value).date()
    return value.isoformat(), value.strftime("%d/%m/%Y")


def partner_timeline(
    agreements: list[Agreement],
    status_changes: list[AgreementStatusChange],
    reviews: list[AgreementReview],
    delegations: list[Delegation],
) -> list[Event]:
    """Every event of a partner, newest first; those with an unknown date last, since they have no place in time."""
    events = []
    for agreement in agreements:
        key, when = _partial(agreement.signed_on)
        events.append(Event(key, when, _("Ký thỏa thuận"), agreement.title, agreement.get_absolute_url()))
    for change in status_changes:
        key, when = _moment(change.changed_at)
        text = f"{change.agreement.title}: {change}"
        events.append(Event(key, when, _("Thay đổi trạng thái"), text, change.agreement.get_absolute_url()))
    for review in reviews:
        key, when = _moment(review.decided_at or review.period_end)
        text = f"{review.agreement.title} — {review.get_status_display()}"
        events.append(Event(key, when, _("Rà soát"), text, review.agreement.get_absolute_url()))
    for delegation in delegations:
        key, when = _partial(delegation.starts_on)
        kind = delegation.get_direction_display()
        events.append(Event(key, when, kind, delegation.title, delegation.get_absolute_url()))
    dated = sorted((event for event in events if event.sort_key), key=lambda event: event.sort_key, reverse=True)
    return dated + [event for event in events if not event.sort_key]
