"""The daily reminder digest: one email per officer, with everything of theirs that needs attention.

Who gets what:
- agreements expiring within 90 / 30 / 7 days, reviews overdue or due within 30 days: the agreement's
  responsible officer (Agreement.responsible_officer);
- delegations starting in the next 14 days: the responsible officer of any agreement still in force with one of
  the delegation's partners — the officer who follows that partnership prepares the visit;
- follow-up actions past due: the user whose email is the follow-up owner's email (Person.email, compared
  without case). People are records, not accounts; the email is the one thing both share.
- commitments of agreements in force (AgreementObligation) past due or due within 14 days: their owner, found by
  email as a follow-up's is, and the agreement's responsible officer, who follows what either side undertook
  (a partner's commitment has no owner among our accounts; one owned by a Huế unit alone names no one).

Everything is read in a fixed number of queries, whatever the number of agreements; then each digest costs one
INSERT (the ReminderDigest that makes the job idempotent within a day) and one email. The email's text is
templates/reminders/digest.txt.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractUser
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.db.models.functions import Lower
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext

from agreements.choices import AgreementStatus
from agreements.models import (
    Agreement,
    AgreementObligation,
    AgreementPartner,
    obligation_due_within_q,
    obligation_past_due_q,
)
from delegations.models import Delegation, DelegationPartner, FollowUpAction
from foreignaffairs.models import ReminderDigest

# How far ahead the digest looks, in days; the overview's panels have horizons of their own. An agreement
# expiring is listed under the nearest horizon it falls within.
EXPIRY_HORIZONS_DAYS = (7, 30, 90)
REVIEWS_DUE_WITHIN_DAYS = 30
DELEGATIONS_STARTING_WITHIN_DAYS = 14
# Two weeks: time to prepare a letter, a visit or a report the agreement promised; the same as a delegation's.
OBLIGATIONS_DUE_WITHIN_DAYS = 14


def _day(value: datetime.date) -> str:
    return value.strftime("%d/%m/%Y")


def _agreement_line(agreement: Agreement) -> str:
    """How the digest names an agreement: its reference number, when it has one, before its title."""
    reference = f"[{agreement.reference_number}] " if agreement.reference_number else ""
    return f"{reference}{agreement.title_vi}"


def _in_recipients_language() -> translation.override:
    # Accounts keep no language of their own (the pages' language switch is one browser's cookie), so an officer
    # reads the digest in the site's language, whatever language the process sending it has active.
    return translation.override(settings.LANGUAGE_CODE)


@dataclass
class Digest:
    recipient: AbstractUser
    expiring: dict[int, list[Agreement]] = field(default_factory=lambda: {days: [] for days in EXPIRY_HORIZONS_DAYS})
    review_overdue: list[Agreement] = field(default_factory=list)
    review_due: list[Agreement] = field(default_factory=list)
    delegations: list[Delegation] = field(default_factory=list)
    follow_ups: list[FollowUpAction] = field(default_factory=list)
    obligations_overdue: list[AgreementObligation] = field(default_factory=list)
    obligations_due: list[AgreementObligation] = field(default_factory=list)

    def item_count(self) -> int:
        return (
            sum(len(agreements) for agreements in self.expiring.values())
            + len(self.review_overdue)
            + len(self.review_due)
            + len(self.delegations)
            + len(self.follow_ups)
            + len(self.obligations_overdue)
            + len(self.obligations_due)
        )

    def subject(self, today: datetime.date) -> str:
        with _in_recipients_language():
            return gettext("[Sở Ngoại vụ Huế] Nhắc việc ngày %(day)s: %(count)d việc cần theo dõi") % {
                "day": _day(today),
                "count": self.item_count(),
            }

    def body(self, today: datetime.date) -> str:
        """templates/reminders/digest.txt filled in; a section with nothing in it is left out."""
        with _in_recipients_language():
            return render_to_string("reminders/digest.txt", self._context(today))

    def _context(self, today: datetime.date) -> dict:
        return {
            "name": self.recipient.get_full_name() or self.recipient.get_username(),
            "today": today,
            "expiring": [
                (
                    days,
                    [
                        (_agreement_line(agreement), agreement.expires_on, (agreement.expires_on - today).days)
                        for agreement in self.expiring[days]
                    ],
                )
                for days in EXPIRY_HORIZONS_DAYS
            ],
            "review_overdue": [
                # Counted from the last day the deadline may stand for: a month is late once it is over.
                (_agreement_line(agreement), agreement.next_review_on, (today - agreement.next_review_deadline).days)
                for agreement in self.review_overdue
            ],
            "reviews_due_within_days": REVIEWS_DUE_WITHIN_DAYS,
            "review_due": [(_agreement_line(agreement), agreement.next_review_on) for agreement in self.review_due],
            "delegations_starting_within_days": DELEGATIONS_STARTING_WITHIN_DAYS,
            "delegations": self.delegations,
            "follow_ups": self.follow_ups,
            "obligations_overdue": [
                (*_obligation_line(obligation), (today - obligation.due_on).days)
                for obligation in self.obligations_overdue
            ],
            "obligations_due_within_days": OBLIGATIONS_DUE_WITHIN_DAYS,
            "obligations_due": [_obligation_line(obligation) for obligation in self.obligations_due],
        }


def _obligation_line(obligation: AgreementObligation) -> tuple[str, str, datetime.date]:
    """A commitment on one line of the email (as typed it may run over several), its agreement and its due date."""
    return " ".join(obligation.commitment.split()), _agreement_line(obligation.agreement), obligation.due_on


class _Recipients:
    """The digests being built, one per user, and the users loaded so far (each user one object, whichever
    query met them first)."""

    def __init__(self) -> None:
        self.users: dict[int, AbstractUser] = {}
        self.digests: dict[int, Digest] = {}

    def digest_for(self, user: AbstractUser) -> Digest:
        user = self.users.setdefault(user.pk, user)
        return self.digests.setdefault(user.pk, Digest(recipient=user))

    def load(self, officer_ids: set[int], emails: set[str]) -> list[AbstractUser]:
        """The active users among `officer_ids` not met yet, and those whose email is one of `emails` (lower
        case), in one query; no query when there are none to look for."""
        missing = officer_ids - set(self.users)
        if not (missing or emails):
            return []
        by_email = get_user_model().objects.annotate(email_key=Lower("email")).filter(is_active=True)
        found = list(by_email.filter(email_key__in=list(emails)) | by_email.filter(pk__in=missing))
        for user in found:
            self.users.setdefault(user.pk, user)
        return found

    def non_empty(self) -> list[Digest]:
        return [digest for digest in self.digests.values() if digest.item_count()]


def _collect_expiring(recipients: _Recipients, owned: QuerySet, today: datetime.date) -> None:
    """Each agreement under the shortest horizon it falls within: 5 days left is "within 7", not "within 90"."""
    for agreement in owned.expiring_within(max(EXPIRY_HORIZONS_DAYS), today).order_by("expires_on", "pk"):
        left = (agreement.expires_on - today).days
        horizon = next(days for days in EXPIRY_HORIZONS_DAYS if left <= days)
        recipients.digest_for(agreement.responsible_officer).expiring[horizon].append(agreement)


def _collect_review_overdue(recipients: _Recipients, owned: QuerySet, today: datetime.date) -> None:
    for agreement in owned.review_overdue(today).order_by("next_review_deadline", "pk"):
        recipients.digest_for(agreement.responsible_officer).review_overdue.append(agreement)


def _collect_review_due(recipients: _Recipients, owned: QuerySet, today: datetime.date) -> None:
    for agreement in owned.review_due_within(REVIEWS_DUE_WITHIN_DAYS, today).order_by("next_review_deadline", "pk"):
        recipients.digest_for(agreement.responsible_officer).review_due.append(agreement)


def _upcoming_delegations_by_officer(today: datetime.date) -> dict[int, dict[int, Delegation]]:
    """The delegations starting soon, under each officer following a partner of theirs: two queries (one when no
    agreement in force has an active officer)."""
    officers_by_partner: dict[int, set[int]] = defaultdict(set)
    for partner_id, officer_id in AgreementPartner.objects.filter(
        agreement__status__in=AgreementStatus.alive(), agreement__responsible_officer__is_active=True
    ).values_list("partner_id", "agreement__responsible_officer_id"):
        officers_by_partner[partner_id].add(officer_id)
    delegations_by_officer: dict[int, dict[int, Delegation]] = defaultdict(dict)
    links = (
        DelegationPartner.objects.filter(
            delegation__in=Delegation.objects.starting_within(DELEGATIONS_STARTING_WITHIN_DAYS, today),
            partner_id__in=list(officers_by_partner),
        )
        .select_related("delegation")
        .order_by("delegation__starts_on", "delegation_id")
    )
    for link in links:
        for officer_id in officers_by_partner[link.partner_id]:
            delegations_by_officer[officer_id].setdefault(link.delegation_id, link.delegation)
    return delegations_by_officer


def _late_follow_ups_by_email(today: datetime.date) -> dict[str, list[FollowUpAction]]:
    """Follow-ups past due, under their owner's email in lower case: one query."""
    follow_ups_by_email: dict[str, list[FollowUpAction]] = defaultdict(list)
    for action in (
        FollowUpAction.objects.past_due(today)
        .exclude(owner__email="")
        .select_related("owner", "delegation")
        .order_by("due_on", "pk")
    ):
        follow_ups_by_email[action.owner.email.lower()].append(action)
    return follow_ups_by_email


def _collect_follow_ups(
    recipients: _Recipients, users: list[AbstractUser], by_email: dict[str, list[FollowUpAction]]
) -> None:
    for user in users:
        if user.email and user.email.lower() in by_email:
            recipients.digest_for(user).follow_ups.extend(by_email[user.email.lower()])


def _obligations_to_remind(today: datetime.date) -> list[AgreementObligation]:
    """Commitments past due or falling due soon, with their owner and their agreement's officer: one query."""
    return list(
        AgreementObligation.objects.filter(
            obligation_past_due_q(today) | obligation_due_within_q(OBLIGATIONS_DUE_WITHIN_DAYS, today)
        )
        .select_related("owner", "agreement__responsible_officer")
        .order_by("due_on", "pk")
    )


def _collect_obligations(
    recipients: _Recipients, users: list[AbstractUser], obligations: list[AgreementObligation], today: datetime.date
) -> None:
    """Each commitment to its owner's accounts (by email) and its agreement's active officer, once each."""
    users_by_email: dict[str, list[AbstractUser]] = defaultdict(list)
    for user in users:
        if user.email:
            users_by_email[user.email.lower()].append(user)
    for obligation in obligations:
        readers: dict[int, AbstractUser] = {}
        officer = obligation.agreement.responsible_officer
        if officer is not None and officer.is_active:
            readers[officer.pk] = officer
        if obligation.owner is not None and obligation.owner.email:
            for user in users_by_email[obligation.owner.email.lower()]:
                readers.setdefault(user.pk, user)
        for user in readers.values():
            digest = recipients.digest_for(user)
            late = obligation.due_on < today
            (digest.obligations_overdue if late else digest.obligations_due).append(obligation)


def _collect_delegations(recipients: _Recipients, by_officer: dict[int, dict[int, Delegation]]) -> None:
    for officer_id, delegations in by_officer.items():
        if officer_id in recipients.users:
            recipients.digest_for(recipients.users[officer_id]).delegations.extend(delegations.values())


def build_digests(today: datetime.date) -> list[Digest]:
    """Every officer's digest for `today` (a date in Huế), empty ones left out, in at most eight queries."""
    recipients = _Recipients()
    owned = Agreement.objects.filter(responsible_officer__is_active=True).select_related("responsible_officer")
    _collect_expiring(recipients, owned, today)
    _collect_review_overdue(recipients, owned, today)
    _collect_review_due(recipients, owned, today)
    delegations_by_officer = _upcoming_delegations_by_officer(today)
    follow_ups_by_email = _late_follow_ups_by_email(today)
    obligations = _obligations_to_remind(today)
    owner_emails = {o.owner.email.lower() for o in obligations if o.owner is not None and o.owner.email}
    # The officers, follow-up owners and commitment owners not met above, in one query.
    users = recipients.load(set(delegations_by_officer), set(follow_ups_by_email) | owner_emails)
    _collect_follow_ups(recipients, users, follow_ups_by_email)
    _collect_obligations(recipients, users, obligations, today)
    _collect_delegations(recipients, delegations_by_officer)
    return recipients.non_empty()


@dataclass
class SendReport:
    sent: list[ReminderDigest] = field(default_factory=list)
    already_sent: list[AbstractUser] = field(default_factory=list)
    without_email: list[AbstractUser] = field(default_factory=list)


def send_reminders(today: datetime.date, *, connection: BaseEmailBackend | None = None) -> SendReport:
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
