"""The daily reminder digest: one email per officer, with everything of theirs that needs attention.

Who gets what:
- agreements expiring within 90 / 30 / 7 days, reviews overdue or due within 30 days: the agreement's
  responsible officer (Agreement.responsible_officer);
- delegations starting in the next 14 days: the responsible officer of any agreement still in force with one of
  the delegation's partners — the officer who follows that partnership prepares the visit;
- follow-up actions past due: the user whose email is the follow-up owner's email (Person.email, compared
  without case). People are records, not accounts; the email is the one thing both share.

Everything is read in a fixed number of queries, whatever the number of agreements; then each digest costs one
INSERT (the ReminderDigest that makes the job idempotent within a day) and one email.
"""

import datetime
import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import IntegrityError, transaction
from django.db.models.functions import Lower
from django.utils.translation import gettext

from agreements.choices import AgreementStatus
from agreements.models import Agreement, AgreementPartner
from delegations.models import Delegation, DelegationPartner, FollowUpAction
from foreignaffairs.models import ReminderDigest

logger = logging.getLogger(__name__)

EXPIRY_HORIZONS = (7, 30, 90)
REVIEW_DUE_DAYS = 30
DELEGATION_DAYS = 14


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _agreement_line(agreement: Agreement) -> str:
    reference = f"[{agreement.reference_number}] " if agreement.reference_number else ""
    return f"{reference}{agreement.title_vi}"


@dataclass
class Digest:
    recipient: object
    expiring: dict[int, list[Agreement]] = field(default_factory=lambda: {days: [] for days in EXPIRY_HORIZONS})
    review_overdue: list[Agreement] = field(default_factory=list)
    review_due: list[Agreement] = field(default_factory=list)
    delegations: list[Delegation] = field(default_factory=list)
    follow_ups: list[FollowUpAction] = field(default_factory=list)

    def item_count(self) -> int:
        return (
            sum(len(agreements) for agreements in self.expiring.values())
            + len(self.review_overdue)
            + len(self.review_due)
            + len(self.delegations)
            + len(self.follow_ups)
        )

    def subject(self, today: datetime.date) -> str:
        return gettext("[Sở Ngoại vụ Huế] Nhắc việc ngày %(day)s: %(count)d việc cần theo dõi") % {
            "day": _day(today),
            "count": self.item_count(),
        }

    def body(self, today: datetime.date) -> str:
        name = self.recipient.get_full_name() or self.recipient.get_username()
        lines = [
            gettext("Kính gửi %(name)s,") % {"name": name},
            "",
            gettext("Các việc anh/chị phụ trách cần theo dõi, tính đến ngày %(day)s:") % {"day": _day(today)},
        ]

        def section(title: str, items: list[str]) -> None:
            if items:
                lines.extend(["", title, *(f"  - {item}" for item in items)])

        for days in EXPIRY_HORIZONS:
            section(
                gettext("Thỏa thuận hết hiệu lực trong %(days)d ngày tới") % {"days": days},
                [
                    gettext("%(agreement)s — hết hiệu lực ngày %(day)s (còn %(left)d ngày)")
                    % {
                        "agreement": _agreement_line(agreement),
                        "day": _day(agreement.expires_on),
                        "left": (agreement.expires_on - today).days,
                    }
                    for agreement in self.expiring[days]
                ],
            )
        section(
            gettext("Rà soát quá hạn"),
            [
                gettext("%(agreement)s — hạn rà soát %(day)s (quá %(late)d ngày)")
                % {
                    "agreement": _agreement_line(agreement),
                    "day": agreement.next_review_on,
                    # Counted from the last day the deadline may stand for: a month is late once it is over.
                    "late": (today - agreement.next_review_deadline).days,
                }
                for agreement in self.review_overdue
            ],
        )
        section(
            gettext("Rà soát đến hạn trong %(days)d ngày tới") % {"days": REVIEW_DUE_DAYS},
            [
                gettext("%(agreement)s — hạn rà soát %(day)s")
                % {"agreement": _agreement_line(agreement), "day": agreement.next_review_on}
                for agreement in self.review_due
            ],
        )
        section(
            gettext("Đoàn bắt đầu trong %(days)d ngày tới") % {"days": DELEGATION_DAYS},
            [
                gettext("%(delegation)s (%(direction)s) — bắt đầu %(day)s")
                % {
                    "delegation": delegation.title_vi,
                    "direction": delegation.get_direction_display(),
                    "day": delegation.starts_on,
                }
                for delegation in self.delegations
            ],
        )
        section(
            gettext("Việc cần theo dõi đã quá hạn"),
            [
                gettext("%(action)s (đoàn: %(delegation)s) — hạn %(day)s")
                % {
                    "action": action.description,
                    "delegation": action.delegation.title_vi,
                    "day": _day(action.due_on),
                }
                for action in self.follow_ups
            ],
        )
        lines.extend(["", gettext("Thư này do hệ thống quản lý đối ngoại gửi tự động mỗi ngày một lần.")])
        return "\n".join(lines) + "\n"


def build_digests(today: datetime.date) -> list[Digest]:
    """Every officer's digest for `today` (a date in Huế), empty ones left out, in a fixed number of queries."""
    User = get_user_model()
    digests: dict[int, Digest] = {}
    users: dict[int, object] = {}

    def digest_for(user) -> Digest:
        users.setdefault(user.pk, user)
        return digests.setdefault(user.pk, Digest(recipient=users[user.pk]))

    owned = Agreement.objects.filter(responsible_officer__is_active=True).select_related("responsible_officer")
    for agreement in owned.expiring_within(max(EXPIRY_HORIZONS), today).order_by("expires_on", "pk"):
        left = (agreement.expires_on - today).days
        horizon = next(days for days in EXPIRY_HORIZONS if left <= days)
        digest_for(agreement.responsible_officer).expiring[horizon].append(agreement)
    for agreement in owned.review_overdue(today).order_by("next_review_deadline", "pk"):
        digest_for(agreement.responsible_officer).review_overdue.append(agreement)
    for agreement in owned.review_due_within(REVIEW_DUE_DAYS, today).order_by("next_review_deadline", "pk"):
        digest_for(agreement.responsible_officer).review_due.append(agreement)

    officers_by_partner: dict[int, set[int]] = defaultdict(set)
    for partner_id, officer_id in AgreementPartner.objects.filter(
        agreement__status__in=AgreementStatus.alive(), agreement__responsible_officer__is_active=True
    ).values_list("partner_id", "agreement__responsible_officer_id"):
        officers_by_partner[partner_id].add(officer_id)
    delegations_by_officer: dict[int, dict[int, Delegation]] = defaultdict(dict)
    links = (
        DelegationPartner.objects.filter(
            delegation__in=Delegation.objects.starting_within(DELEGATION_DAYS, today),
            partner_id__in=list(officers_by_partner),
        )
        .select_related("delegation")
        .order_by("delegation__starts_on", "delegation_id")
    )
    for link in links:
        for officer_id in officers_by_partner[link.partner_id]:
            delegations_by_officer[officer_id].setdefault(link.delegation_id, link.delegation)

    follow_ups_by_email: dict[str, list[FollowUpAction]] = defaultdict(list)
    for action in (
        FollowUpAction.objects.past_due(today)
        .exclude(owner__email="")
        .select_related("owner", "delegation")
        .order_by("due_on", "pk")
    ):
        follow_ups_by_email[action.owner.email.lower()].append(action)

    # The officers and follow-up owners not met above, in one query.
    missing = set(delegations_by_officer) - set(users)
    by_email = User.objects.annotate(email_key=Lower("email")).filter(is_active=True)
    wanted = by_email.filter(email_key__in=list(follow_ups_by_email)) | by_email.filter(pk__in=missing)
    for user in wanted:
        users.setdefault(user.pk, user)
        if user.email and user.email.lower() in follow_ups_by_email:
            digest_for(user).follow_ups.extend(follow_ups_by_email[user.email.lower()])
    for officer_id, delegations in delegations_by_officer.items():
        if officer_id in users:
            digest_for(users[officer_id]).delegations.extend(delegations.values())

    return [digest for digest in digests.values() if digest.item_count()]


@dataclass
class SendReport:
    sent: list[ReminderDigest] = field(default_factory=list)
    already_sent: list[object] = field(default_factory=list)
    without_email: list[object] = field(default_factory=list)


def send_reminders(today: datetime.date, *, connection=None) -> SendReport:
    """Send each officer's digest for `today`, once: a second run the same day sends nothing new."""
    report = SendReport()
    digests = build_digests(today)
    sent_today = set(
        ReminderDigest.objects.filter(sent_on=today, recipient__in=[d.recipient.pk for d in digests]).values_list(
            "recipient_id", flat=True
        )
    )
    connection = connection or get_connection()
    for digest in digests:
        recipient = digest.recipient
        if recipient.pk in sent_today:
            report.already_sent.append(recipient)
            continue
        if not recipient.email:
            report.without_email.append(recipient)
            continue
        subject, body = digest.subject(today), digest.body(today)
        try:
            # The record and the email stand or fall together: if sending fails, the record is rolled back and
            # a later run tries again; if another run recorded it first, the unique constraint stops this one.
            with transaction.atomic():
                record = ReminderDigest.objects.create(recipient=recipient, sent_on=today, subject=subject, body=body)
                EmailMessage(
                    subject, body, settings.DEFAULT_FROM_EMAIL, [recipient.email], connection=connection
                ).send()
        except IntegrityError:
            report.already_sent.append(recipient)
            continue
        report.sent.append(record)
    return report
