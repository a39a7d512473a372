"""A partner's health: active, cooling, dormant, or not enough data to say, with the reasons behind it.

The rules, in the order they are tried (each threshold a named constant below):

1. Not enough data (`INSUFFICIENT_DATA`): no contact of any kind carries a date. Agreements in force or overdue
   items alone say nothing of how recent the relationship is, so no judgement is made from them.
2. Dormant: the last dated contact is `DORMANT_AFTER_MONTHS` months old or more.
3. Active: the last contact is less than `RECENT_CONTACT_MONTHS` months old, a delegation went or came in the last
   `VISIT_WINDOW_MONTHS` months, no agreement is overdue for its review, no follow-up is overdue and no
   commitment of an agreement (AgreementObligation) is overdue.
4. Cooling: everything else, i.e. contact within `DORMANT_AFTER_MONTHS` months but one of rule 3's conditions fails.

A contact is any dated event that has happened (its first possible day is today or earlier): an agreement signed
with the partner, a status of such an agreement changed by a person (the daily job's automatic expiry is not a
contact), an approved review of such an agreement, a delegation either way that was approved, confirmed or
completed, a project the partner funds or channels that started (not proposed, not cancelled), a note in the
journal (a call, a letter, a meeting…) on the partner or on one of its agreements, delegations or projects.

Dates known only to the month or the year (foreignaffairs.partial_dates) are read at their LATEST possible day: a
visit "in 2023" counts as 31/12/2023, so the silence we report is never longer than the records prove.
"N months without contact" counts whole months from that day to today, and "within N months" means fewer than N.

Judged in SQL for a whole list: `with_health` adds the judgement as a CASE comparing today's cut-off days with a
summary kept current on every write (foreignaffairs.relationships.models: each partner's contacts as a staircase of
(first possible day, last possible day), and its earliest deadlines; foreignaffairs.relationships.summary keeps them),
so a list filters and sorts by it in milliseconds, and time passing moves a partner on without any write.
`with_health_figures` annotates each partner with the facts the reasons need (one subquery each, evaluated only for
the rows shown, read from the records themselves), and `health_of` turns one row's facts into the judgement and its
reasons, by the same rules; the tests hold the two to agree.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    TextChoices,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Concat, Length, Substr
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from agreements.choices import AgreementStatus, ReviewStatus
from agreements.models import (
    Agreement,
    AgreementObligation,
    AgreementPartner,
    AgreementReview,
    AgreementStatusChange,
    review_overdue_q,
)
from delegations.choices import DelegationStatus
from delegations.models import DelegationPartner, FollowUpAction
from foreignaffairs import clock
from foreignaffairs.journal.models import JournalEntry
from foreignaffairs.partial_dates import PartialDate, add_months
from foreignaffairs.relationships.models import STEPS_IN_COLUMNS, ContactKind, ContactStep
from partners.models import Partner
from projects.choices import ProjectStatus
from projects.models import Project

# Rule 3: a relationship with a contact in the last year is alive; a year is also the default interval between an
# agreement's reviews (agreements.models.Agreement.review_interval_months), the rhythm most partners work to.
RECENT_CONTACT_MONTHS = 12
# Rule 2: two yearly cycles missed in a row. Past this the relationship exists on paper only, agreements in force
# or not (an open-ended friendship agreement stays "in force" for ever).
DORMANT_AFTER_MONTHS = 24
# Rule 3: exchanges of delegations are the heart of a relationship between localities; the issue asks for visits
# "in the last 24 months".
VISIT_WINDOW_MONTHS = 24

# Delegations that took place or are firmly planned: a proposal is an idea, a cancelled visit no contact.
VISIT_STATUSES = (DelegationStatus.APPROVED, DelegationStatus.CONFIRMED, DelegationStatus.COMPLETED)
PROJECT_STATUSES = (ProjectStatus.APPROVED, ProjectStatus.IN_PROGRESS, ProjectStatus.COMPLETED)


class HealthStatus(TextChoices):
    # The codes sort alphabetically from best to unknown: the list sorts by the code itself (see with_health).
    ACTIVE = "active", _("Tích cực")
    COOLING = "cooling", _("Chững lại")
    DORMANT = "dormant", _("Ngưng trệ")
    INSUFFICIENT_DATA = "insufficient_data", _("Chưa đủ dữ liệu")


def months_before(today: datetime.date, months: int) -> datetime.date:
    """The day `months` months before today (clamped to a month's end: 31/03 less one month is 28/02 or 29/02)."""
    return add_months(today, -months)


def months_between(earlier: datetime.date, later: datetime.date) -> int:
    """Whole months of silence from `earlier` to `later`: the most months N with `earlier` on or before
    months_before(later, N), so that it agrees with within() at every month's end (15/01 to 14/03 is one month)."""
    months = max(0, (later.year - earlier.year) * 12 + later.month - earlier.month)
    while months > 0 and earlier > months_before(later, months):
        months -= 1
    return months


def within(day: datetime.date, months: int, today: datetime.date) -> bool:
    """Whether `day` is less than `months` whole months before today: later than months_before(today, months)."""
    return day > months_before(today, months)


# --- Partial dates in SQL -------------------------------------------------------------------------------------------


def _happened(field: str, today: datetime.date) -> Q:
    """A partial date whose first possible day is today or earlier: "2026" has happened on 01/01/2026. As text, a
    month or year sorts before its days, so `<= today` is exactly that."""
    return ~Q(**{field: ""}) & Q(**{f"{field}__lte": today.isoformat()})


def _latest_day_text(field: str) -> Concat:
    """A partial date's last possible day as sortable text: "2023" → "2023-12-31", "2023-02" → "2023-02-31" (not a
    real day, but it sorts after every day of February and before March, which is all it is used for)."""
    return Concat(F(field), Substr(Value("-12-31"), Length(F(field)) - 3), output_field=CharField())


# --- Where contacts come from ---------------------------------------------------------------------------------------
# Each source gives, per partner, its latest such contact (for with_health_figures; the summary reads the same
# sources, foreignaffairs.relationships.summary).


def _signings(today: datetime.date) -> QuerySet:
    return AgreementPartner.objects.filter(_happened("agreement__signed_on", today))


def _status_changes() -> QuerySet:
    # Only a person's change: the daily job's automatic "expired" is the calendar speaking, not the partner.
    return AgreementStatusChange.objects.filter(changed_by__isnull=False)


def _approved_reviews(today: datetime.date) -> QuerySet:
    # Dated by its approval; an older record approved before the workflow kept that moment, by its period's end.
    return AgreementReview.objects.filter(status=ReviewStatus.APPROVED).filter(
        Q(decided_at__isnull=False) | Q(period_end__isnull=False, period_end__lte=today)
    )


def _visits(today: datetime.date) -> QuerySet:
    return DelegationPartner.objects.filter(
        _happened("delegation__starts_on", today), delegation__status__in=VISIT_STATUSES
    )


def _projects(today: datetime.date) -> QuerySet:
    return Project.objects.filter(_happened("starts_on", today), status__in=PROJECT_STATUSES)


def _notes(today: datetime.date) -> QuerySet:
    return JournalEntry.objects.filter(_happened("occurred_on", today))


def _notes_of_outer_partner() -> dict[str, Q]:
    """The notes that are a contact with the partner of the outer query, by what they are about: one condition each,
    read through the note's own indexed column. As one OR across the joins, PostgreSQL read every note for every row
    (1.1 s for a page of 50 partners among 40,000 notes)."""
    partner = OuterRef(OuterRef("pk"))  # from inside the notes' subquery, the partner two levels out
    return {
        "partner": Q(partner=OuterRef("pk")),
        "agreement": Q(agreement__in=AgreementPartner.objects.filter(partner=partner).values("agreement_id")),
        "delegation": Q(delegation__in=DelegationPartner.objects.filter(partner=partner).values("delegation_id")),
        "project": Q(project__in=Project.objects.filter(Q(partner=partner) | Q(channel=partner)).values("pk")),
    }


def _agreements_overdue_for_review(today: datetime.date) -> QuerySet:
    return AgreementPartner.objects.filter(agreement__in=Agreement.objects.filter(review_overdue_q(today)))


def _follow_ups_overdue(today: datetime.date) -> QuerySet:
    return FollowUpAction.objects.past_due(today)


def _obligations_overdue(today: datetime.date) -> QuerySet:
    # An open commitment of an agreement in force, past its due date, counts as an overdue follow-up does: against
    # every partner of its agreement, whichever side undertook it (a late commitment of either side is a sign the
    # cooperation stalls). Its own figure and reason, so the reasons say which of the two is late.
    return AgreementObligation.objects.past_due(today)


# --- The SQL ---------------------------------------------------------------------------------------------------------


def _latest(queryset: QuerySet, order: Any, value: str) -> Subquery:
    return Subquery(queryset.order_by(order).values(value)[:1])


def _count(queryset: QuerySet, group: str) -> Coalesce:
    counted = queryset.order_by().values(group).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


FIGURES = (
    "health_signed_on",
    "health_status_changed_at",
    "health_reviewed_at",
    "health_review_period_end",
    "health_visited_on",
    "health_project_started_on",
    "health_noted_on",
    "health_noted_on_agreement",
    "health_noted_on_delegation",
    "health_noted_on_project",
    "health_in_force",
    "health_reviews_overdue",
    "health_follow_ups_overdue",
    "health_obligations_overdue",
)


def with_health_figures(partners: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """`partners` with the facts behind their health (FIGURES), one correlated subquery each.

    In the SELECT list only: a page sorted by anything else has them computed for its 50 rows (PostgreSQL evaluates
    such expressions after the sort and the LIMIT), and `health_of` reads them.
    """
    today = today or clock.today()
    partner = OuterRef("pk")
    signings = _signings(today).filter(partner=partner).annotate(latest=_latest_day_text("agreement__signed_on"))
    visits = _visits(today).filter(partner=partner).annotate(latest=_latest_day_text("delegation__starts_on"))
    projects = (
        _projects(today).filter(Q(partner=partner) | Q(channel=partner)).annotate(latest=_latest_day_text("starts_on"))
    )
    reviews = _approved_reviews(today).filter(agreement__partner_links__partner=partner)
    return partners.annotate(
        health_signed_on=_latest(signings, "-latest", "agreement__signed_on"),
        health_status_changed_at=_latest(
            _status_changes().filter(agreement__partner_links__partner=partner), "-changed_at", "changed_at"
        ),
        health_reviewed_at=_latest(reviews.filter(decided_at__isnull=False), "-decided_at", "decided_at"),
        health_review_period_end=_latest(reviews.filter(decided_at__isnull=True), "-period_end", "period_end"),
        health_visited_on=_latest(visits, "-latest", "delegation__starts_on"),
        health_project_started_on=_latest(projects, "-latest", "starts_on"),
        **{
            # Four figures, one per kind of record a note is about; the reasons take the latest of them.
            "health_noted_on" + ("" if about == "partner" else f"_{about}"): _latest(
                _notes(today).filter(condition).annotate(latest=_latest_day_text("occurred_on")),
                "-latest",
                "occurred_on",
            )
            for about, condition in _notes_of_outer_partner().items()
        },
        health_in_force=_count(
            AgreementPartner.objects.filter(partner=partner, agreement__status__in=AgreementStatus.alive()),
            "partner_id",
        ),
        health_reviews_overdue=_count(_agreements_overdue_for_review(today).filter(partner=partner), "partner_id"),
        health_follow_ups_overdue=_count(
            _follow_ups_overdue(today).filter(delegation__partner_links__partner=partner),
            "delegation__partner_links__partner_id",
        ),
        health_obligations_overdue=_count(
            _obligations_overdue(today).filter(agreement__partner_links__partner=partner),
            "agreement__partner_links__partner_id",
        ),
    )


SUMMARY = "health_summary"


def _stepped(kind: str, today: datetime.date, since: datetime.date | None = None) -> Q:
    """Partners with a contact of `kind` that has happened by today (its first possible day is today or earlier)
    and, with `since`, whose last possible day is `since` or later: from the summary's steps, its own columns (a
    LEFT JOIN, no subquery) or, for the few partners with more steps, the overflow table (a set of a few rows)."""
    found = Q()
    for index in range(STEPS_IN_COLUMNS):
        step = Q(**{f"{SUMMARY}__{kind}_{index}_from__lte": today})
        if since is not None:
            step &= Q(**{f"{SUMMARY}__{kind}_{index}_latest__gte": since})
        found |= step
    overflow = ContactStep.objects.filter(kind=kind, first_on__lte=today)
    if since is not None:
        overflow = overflow.filter(latest_on__gte=since)
    return found | Q(pk__in=overflow.values("partner_id"))


def _contact_since(day: datetime.date, today: datetime.date) -> Q:
    return _stepped(ContactKind.CONTACT, today, day)


def _anything_overdue(today: datetime.date) -> Q:
    """Partners with an agreement overdue for review, a follow-up or a commitment overdue: an earliest deadline
    of the summary before today."""
    return (
        Q(**{f"{SUMMARY}__review_due_by__lt": today})
        | Q(**{f"{SUMMARY}__follow_up_due_by__lt": today})
        | Q(**{f"{SUMMARY}__obligation_due_by__lt": today})
    )


def health_case(today: datetime.date | None = None) -> Case:
    """The rules as one SQL CASE giving the HealthStatus code, comparing today's cut-off days with the summary
    kept on every write (foreignaffairs.relationships.models), joined to each partner."""
    today = today or clock.today()
    after = datetime.timedelta(days=1)
    recent = _contact_since(months_before(today, RECENT_CONTACT_MONTHS) + after, today)
    not_dormant = _contact_since(months_before(today, DORMANT_AFTER_MONTHS) + after, today)
    visited = _stepped(ContactKind.VISIT, today, months_before(today, VISIT_WINDOW_MONTHS) + after)
    return Case(
        # No negation: NOT over a summary's NULL deadline would be NULL, not true.
        When(recent & visited & _anything_overdue(today), then=Value(HealthStatus.COOLING)),
        When(recent & visited, then=Value(HealthStatus.ACTIVE)),
        When(not_dormant, then=Value(HealthStatus.COOLING)),
        When(_stepped(ContactKind.CONTACT, today), then=Value(HealthStatus.DORMANT)),
        default=Value(HealthStatus.INSUFFICIENT_DATA),
        output_field=CharField(),
    )


def with_health(partners: QuerySet, today: datetime.date | None = None) -> QuerySet:
    """`partners` with `health`, the HealthStatus code, to filter and sort by (alphabetical is best to unknown)."""
    return partners.annotate(health=health_case(today))


def dormant_partners(today: datetime.date | None = None, *, turned_since: datetime.date | None = None) -> QuerySet:
    """Partners dormant today, with their figures (health_of reads them); with `turned_since`, only those that
    turned dormant on that day or later, i.e. whose last contact is at most DORMANT_AFTER_MONTHS months before it.

    For the overview's "partners that turned dormant" panel: `dormant_partners(today, turned_since=today - 30 days)`.
    """
    today = today or clock.today()
    partners = with_health(with_health_figures(Partner.objects.for_listing(), today), today).filter(
        health=HealthStatus.DORMANT
    )
    if turned_since is not None:
        partners = partners.filter(_contact_since(months_before(turned_since, DORMANT_AFTER_MONTHS), today))
    return partners.order_by("name_vi", "pk")


# --- One row's judgement, in Python ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Contact:
    """A dated contact as recorded (`when`: a day, a month or a year) and the last day it may stand for."""

    kind: str
    when: PartialDate

    @property
    def latest(self) -> datetime.date:
        return self.when.latest()


@dataclass(frozen=True)
class Health:
    status: HealthStatus
    reasons: tuple[str, ...]
    last_contact: Contact | None

    @property
    def label(self) -> str:
        return self.status.label

    def as_json(self) -> dict:
        return {
            "status": self.status.value,
            "label": str(self.label),
            "reasons": list(self.reasons),
            "last_contact": self.last_contact.when.isoformat() if self.last_contact else None,
        }


def _local_day(moment: datetime.datetime | None) -> PartialDate | None:
    return PartialDate.from_date(timezone.localdate(moment)) if moment else None


def _day(value: datetime.date | None) -> PartialDate | None:
    return PartialDate.from_date(value) if value else None


def _contacts(figures: Mapping[str, Any]) -> list[Contact]:
    found = [
        (_("ký thỏa thuận"), figures["health_signed_on"]),
        (_("thay đổi trạng thái thỏa thuận"), _local_day(figures["health_status_changed_at"])),
        (_("rà soát thỏa thuận"), _local_day(figures["health_reviewed_at"])),
        (_("rà soát thỏa thuận"), _day(figures["health_review_period_end"])),
        (_("đoàn ra, đoàn vào"), figures["health_visited_on"]),
        (_("dự án bắt đầu"), figures["health_project_started_on"]),
        (_("ghi chép liên hệ"), figures["health_noted_on"]),
        (_("ghi chép liên hệ"), figures["health_noted_on_agreement"]),
        (_("ghi chép liên hệ"), figures["health_noted_on_delegation"]),
        (_("ghi chép liên hệ"), figures["health_noted_on_project"]),
    ]
    return [Contact(str(kind), when) for kind, when in found if when]


def judge(
    last_contact: datetime.date | None,
    last_visit: datetime.date | None,
    reviews_overdue: int,
    follow_ups_overdue: int,
    obligations_overdue: int,
    today: datetime.date,
) -> HealthStatus:
    """The rules of this module's docstring, from one partner's facts (latest possible days)."""
    if last_contact is None:
        return HealthStatus.INSUFFICIENT_DATA
    if not within(last_contact, DORMANT_AFTER_MONTHS, today):
        return HealthStatus.DORMANT
    if (
        within(last_contact, RECENT_CONTACT_MONTHS, today)
        and last_visit is not None
        and within(last_visit, VISIT_WINDOW_MONTHS, today)
        and not reviews_overdue
        and not follow_ups_overdue
        and not obligations_overdue
    ):
        return HealthStatus.ACTIVE
    return HealthStatus.COOLING


def health_from(figures: Mapping[str, Any], today: datetime.date | None = None) -> Health:
    """The judgement and its reasons from one partner's FIGURES (a row of with_health_figures)."""
    today = today or clock.today()
    contacts = _contacts(figures)
    last = max(contacts, key=lambda contact: contact.latest, default=None)
    visit = figures["health_visited_on"]
    reviews_overdue, follow_ups_overdue = figures["health_reviews_overdue"], figures["health_follow_ups_overdue"]
    obligations_overdue = figures["health_obligations_overdue"]
    status = judge(
        last.latest if last else None,
        visit.latest() if visit else None,
        reviews_overdue,
        follow_ups_overdue,
        obligations_overdue,
        today,
    )
    reasons = []
    if last is None:
        reasons.append(_("chưa có liên hệ nào được ghi ngày"))
    else:
        silent = months_between(last.latest, today)
        if silent >= RECENT_CONTACT_MONTHS:
            reasons.append(
                _("không có liên hệ trong %(months)s tháng (lần gần nhất: %(kind)s, %(when)s)")
                % {"months": silent, "kind": last.kind, "when": last.when}
            )
        else:
            reasons.append(_("liên hệ gần nhất: %(kind)s, %(when)s") % {"kind": last.kind, "when": last.when})
    if reviews_overdue:
        reasons.append(
            ngettext("%(count)s thỏa thuận quá hạn rà soát", "%(count)s thỏa thuận quá hạn rà soát", reviews_overdue)
            % {"count": reviews_overdue}
        )
    if follow_ups_overdue:
        reasons.append(
            ngettext("%(count)s việc cần theo dõi quá hạn", "%(count)s việc cần theo dõi quá hạn", follow_ups_overdue)
            % {"count": follow_ups_overdue}
        )
    if obligations_overdue:
        reasons.append(
            ngettext("%(count)s cam kết quá hạn", "%(count)s cam kết quá hạn", obligations_overdue)
            % {"count": obligations_overdue}
        )
    if visit is None:
        reasons.append(_("chưa có đoàn nào"))
    elif not within(visit.latest(), VISIT_WINDOW_MONTHS, today):
        reasons.append(_("không có đoàn nào từ %(when)s") % {"when": visit})
    in_force = figures["health_in_force"]
    if in_force:
        reasons.append(
            ngettext("%(count)s thỏa thuận còn hiệu lực", "%(count)s thỏa thuận còn hiệu lực", in_force)
            % {"count": in_force}
        )
    else:
        reasons.append(_("không có thỏa thuận nào còn hiệu lực"))
    return Health(status, tuple(str(reason) for reason in reasons), last)


def health_of(partner: Partner, today: datetime.date | None = None) -> Health:
    """One partner's health, from the figures with_health_figures put on it (kept on the object once worked out)."""
    if getattr(partner, "_health", None) is None:
        partner._health = health_from({name: getattr(partner, name) for name in FIGURES}, today)
    return partner._health
