"""A partner's history told once: renewal chains of its agreements, and one timeline of dated events.

Built in Python from rows the view already fetched, so neither adds a query. Every event is dated when it happened
(a signing on its signing date, a note on the day of the call), never when someone typed it, except a status
change that has no date of its own (a termination): its record's moment is all that is known.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agreements.choices import AgreementStatus, ReviewStatus
from agreements.models import Agreement, AgreementObligation, AgreementReview, AgreementStatusChange
from delegations.choices import Direction, FollowUpStatus
from delegations.models import Delegation, FollowUpAction
from foreignaffairs.journal.choices import EntryKind
from foreignaffairs.journal.models import JournalEntry
from foreignaffairs.partial_dates import PartialDate
from partners.models import Partner
from projects.models import Project


class TimelineKind(models.TextChoices):
    """The timeline's filter: families of events, as a reader asks for them ("only the notes")."""

    NOTE = "note", _("Ghi chép")
    AGREEMENT = "agreement", _("Thỏa thuận")
    REVIEW = "review", _("Rà soát")
    VISIT = "visit", _("Đoàn ra, đoàn vào")
    FOLLOW_UP = "follow_up", _("Việc cần theo dõi")
    OBLIGATION = "obligation", _("Cam kết")
    PROJECT = "project", _("Dự án")


@dataclass(frozen=True)
class Event:
    sort_key: str  # ISO text, so dates known only to the month or year sort among the others
    when: str
    family: str  # a TimelineKind
    kind: Any  # a label: lazy text, or a choice's display
    text: str
    url: str | None
    child: str = ""  # the child partner's name, on a parent's timeline, when the event is the child's alone
    note: JournalEntry | None = None  # for a note, to show its people and files


@dataclass
class PartnerRecords:
    """Everything dated about a partner and its children, as fetched once by the partner page.

    `agreement_partners` and `delegation_partners` map each record to the partners it is linked to, so an event of a
    child alone can name the child.
    """

    partner: Partner
    children: list[Partner]
    agreements: list[Agreement]
    agreement_partners: dict[int, set[int]]
    status_changes: list[AgreementStatusChange]
    reviews: list[AgreementReview]
    obligations: list[AgreementObligation]
    delegations: list[Delegation]
    delegation_partners: dict[int, set[int]]
    follow_ups: list[FollowUpAction]
    projects: list[Project]
    notes: list[JournalEntry]


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


# Labels looked up once: get_FOO_display() rebuilds its table of choices on every call, which a timeline of
# hundreds of events pays hundreds of times.
_NOTE_KINDS = dict(EntryKind.choices)
_DIRECTIONS = dict(Direction.choices)

# A status whose day the agreement itself records: the change is dated by that day, not by when it was entered.
# A move to "signed" is the signing, which has its own event.
_STATUS_DATED_BY = {AgreementStatus.IN_EFFECT: "effective_on", AgreementStatus.EXPIRED: "expires_on"}


class _Owners:
    """Whose event it is, on a timeline that includes the children's: "" for the partner's own (or shared with a
    child), the child's name for a child's alone."""

    def __init__(self, records: PartnerRecords) -> None:
        self.own_pk = records.partner.pk
        self.child_names = {child.pk: child.name for child in records.children}
        self.records = records

    def of(self, partner_ids: set[int]) -> str:
        if self.own_pk in partner_ids:
            return ""
        return ", ".join(self.child_names[pk] for pk in sorted(partner_ids) if pk in self.child_names)

    def of_agreement(self, agreement_id: int) -> str:
        return self.of(self.records.agreement_partners.get(agreement_id, set()))

    def of_delegation(self, delegation_id: int) -> str:
        return self.of(self.records.delegation_partners.get(delegation_id, set()))

    def of_project(self, project: Project) -> str:
        return self.of({project.partner_id, project.channel_id} - {None})

    def of_note(self, note: JournalEntry) -> str:
        if note.partner_id:
            return self.of({note.partner_id})
        if note.agreement_id:
            return self.of_agreement(note.agreement_id)
        if note.delegation_id:
            return self.of_delegation(note.delegation_id)
        return self.of_project(note.project)


def _done_or_overdue(
    item: Any, today: datetime.date | None, done: Any, overdue: Any
) -> tuple[Any, tuple[str, str]] | None:
    """A follow-up's or a commitment's place in history (both share status codes and dates): done, on the day it was
    done; open, once its due day has passed, as overdue (never, with no `today`); not yet due or cancelled, none."""
    if item.status == FollowUpStatus.DONE and item.completed_on:
        return done, _moment(item.completed_on)
    if item.status == FollowUpStatus.OPEN and today and item.due_on and item.due_on < today:
        return overdue, _moment(item.due_on)
    return None


def _agreement_events(records: PartnerRecords, owners: _Owners, today: datetime.date) -> list[Event]:
    events = []
    by_id = {agreement.pk: agreement for agreement in records.agreements}
    for agreement in records.agreements:
        key, when = _partial(agreement.signed_on)
        url, child = agreement.get_absolute_url(), owners.of_agreement(agreement.pk)
        events.append(Event(key, when, TimelineKind.AGREEMENT, _("Ký thỏa thuận"), agreement.title, url, child))
    for change in records.status_changes:
        agreement = by_id[change.agreement_id]
        if change.to_status == AgreementStatus.SIGNED and agreement.signed_on:
            continue
        own_date = getattr(agreement, _STATUS_DATED_BY.get(change.to_status, ""), None)
        recorded = timezone.localtime(change.changed_at).date()
        # The agreement's own day, unless it lies after the change was made (ended early, before its expiry date).
        key, when = _moment(own_date if own_date and own_date <= recorded else change.changed_at)
        text = f"{agreement.title}: {change}"
        url, child = agreement.get_absolute_url(), owners.of_agreement(agreement.pk)
        events.append(Event(key, when, TimelineKind.AGREEMENT, _("Thay đổi trạng thái"), text, url, child))
    for review in records.reviews:
        if review.status == ReviewStatus.DRAFT:
            continue  # an officer's draft is work in progress, not something that happened with the partner
        agreement = by_id[review.agreement_id]
        key, when = _moment(review.decided_at or review.period_end)
        text = f"{agreement.title} — {review.get_status_display()}"
        url, child = agreement.get_absolute_url(), owners.of_agreement(agreement.pk)
        events.append(Event(key, when, TimelineKind.REVIEW, _("Rà soát"), text, url, child))
    for obligation in records.obligations:
        agreement = by_id[obligation.agreement_id]
        # Overdue only while its agreement binds, as everywhere else (agreements.models.obligation_past_due_q).
        binding = agreement.status in AgreementStatus.alive()
        moment = _done_or_overdue(obligation, today if binding else None, _("Hoàn thành cam kết"), _("Cam kết quá hạn"))
        if moment is None:
            continue
        kind, (key, when) = moment
        text = f"{agreement.title}: {obligation.commitment}"
        url, child = agreement.get_absolute_url(), owners.of_agreement(agreement.pk)
        events.append(Event(key, when, TimelineKind.OBLIGATION, kind, text, url, child))
    return events


def _visit_events(records: PartnerRecords, owners: _Owners, today: datetime.date) -> list[Event]:
    events = []
    by_id = {delegation.pk: delegation for delegation in records.delegations}
    for delegation in records.delegations:
        key, when = _partial(delegation.starts_on)
        child = owners.of_delegation(delegation.pk)
        kind, url = _DIRECTIONS.get(delegation.direction, delegation.direction), delegation.get_absolute_url()
        events.append(Event(key, when, TimelineKind.VISIT, kind, delegation.title, url, child))
    for follow_up in records.follow_ups:
        moment = _done_or_overdue(follow_up, today, _("Hoàn thành việc cần theo dõi"), _("Việc cần theo dõi quá hạn"))
        if moment is None:
            continue
        kind, (key, when) = moment
        delegation = by_id[follow_up.delegation_id]
        text = f"{delegation.title}: {follow_up.description}"
        url, child = delegation.get_absolute_url(), owners.of_delegation(delegation.pk)
        events.append(Event(key, when, TimelineKind.FOLLOW_UP, kind, text, url, child))
    return events


def _project_events(records: PartnerRecords, owners: _Owners, today: datetime.date) -> list[Event]:
    events = []
    for project in records.projects:
        url, child = project.get_absolute_url(), owners.of_project(project)
        key, when = _partial(project.starts_on)
        events.append(Event(key, when, TimelineKind.PROJECT, _("Dự án bắt đầu"), project.title, url, child))
        # An end still ahead is a plan, not history.
        if project.ends_on and project.ends_on.earliest() <= today:
            key, when = _partial(project.ends_on)
            events.append(Event(key, when, TimelineKind.PROJECT, _("Dự án kết thúc"), project.title, url, child))
    return events


def _note_events(records: PartnerRecords, owners: _Owners) -> list[Event]:
    events = []
    for note in records.notes:
        key, when = _partial(note.occurred_on)
        kind = _NOTE_KINDS.get(note.kind, note.kind)
        # Drawn from the note itself (journal/_note.html: the record it is about, its people and files), so no text
        # or address is made here for the hundreds of notes off the page.
        events.append(Event(key, when, TimelineKind.NOTE, kind, note.summary, None, owners.of_note(note), note))
    return events


def partner_timeline(records: PartnerRecords, today: datetime.date) -> list[Event]:
    """Every event of a partner and its children, newest first; those with an unknown date last, since they have no
    place in time."""
    owners = _Owners(records)
    events = [
        *_note_events(records, owners),
        *_agreement_events(records, owners, today),
        *_visit_events(records, owners, today),
        *_project_events(records, owners, today),
    ]
    dated = sorted((event for event in events if event.sort_key), key=lambda event: event.sort_key, reverse=True)
    return dated + [event for event in events if not event.sort_key]
