"""A fixed today for the health rules, and records to build a partner's history from."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from agreements.choices import AgreementKind, AgreementStatus, ReviewStatus
from agreements.models import Agreement, AgreementPartner, AgreementReview, AgreementStatusChange
from delegations.choices import DelegationStatus, Direction, FollowUpStatus
from delegations.models import Delegation, DelegationPartner, FollowUpAction
from foreignaffairs.relationships.summary import refresh as refresh_partner_health
from partners.choices import PartnerKind
from partners.models import Country, Partner
from projects.choices import ProjectKind, ProjectStatus
from projects.models import Project

# Mid-month, so that "24 months ago" (15/03/2024) and its neighbours are plain days.
TODAY = datetime.date(2026, 3, 15)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("foreignaffairs.clock.today", lambda: TODAY)
    return TODAY


@pytest.fixture
def partner(db):
    return new_partner("Thành phố Gyeongju")


def new_partner(name: str) -> Partner:
    return Partner.objects.create(kind=PartnerKind.CITY, name_vi=name, country=Country.objects.get(code="KR"))


def signed(partner: Partner, signed_on: str = "", status: str = AgreementStatus.IN_EFFECT, **fields) -> Agreement:
    agreement = Agreement.objects.create(
        title_vi=f"Thỏa thuận {signed_on or 'chưa rõ ngày'}",
        kind=AgreementKind.COOPERATION,
        status=status,
        signed_on=signed_on,
        **fields,
    )
    AgreementPartner.objects.create(agreement=agreement, partner=partner)
    return agreement


def visited(partner: Partner, starts_on: str, status: str = DelegationStatus.COMPLETED) -> Delegation:
    delegation = Delegation.objects.create(
        direction=Direction.INBOUND, title_vi=f"Đoàn {starts_on}", status=status, starts_on=starts_on
    )
    DelegationPartner.objects.create(delegation=delegation, partner=partner)
    return delegation


def follow_up(delegation: Delegation, due_on: datetime.date, status: str = FollowUpStatus.OPEN) -> FollowUpAction:
    completed = due_on if status == FollowUpStatus.DONE else None
    return FollowUpAction.objects.create(
        delegation=delegation, description="Gửi thư cảm ơn", due_on=due_on, status=status, completed_on=completed
    )


def status_changed(agreement: Agreement, day: datetime.date, *, by_person: bool = True) -> AgreementStatusChange:
    person = get_user_model().objects.get_or_create(username="desk-officer")[0] if by_person else None
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 0)))
    return AgreementStatusChange.objects.create(
        agreement=agreement, to_status=AgreementStatus.UNDER_REVIEW, changed_at=moment, changed_by=person
    )


def reviewed(agreement: Agreement, day: datetime.date, status: str = ReviewStatus.APPROVED) -> AgreementReview:
    decided = timezone.make_aware(datetime.datetime.combine(day, datetime.time(9, 0)))
    review = AgreementReview.objects.create(agreement=agreement, status=status)
    # decided_at is set by the review workflow's save (not editable): a past moment can only be written around it,
    # and a write that sends no signal refreshes the health summaries it touches itself.
    AgreementReview.objects.filter(pk=review.pk).update(decided_at=decided if status == ReviewStatus.APPROVED else None)
    refresh_partner_health(agreement.partner_links.values_list("partner_id", flat=True))
    return review


def project(starts_on: str, status: str = ProjectStatus.IN_PROGRESS, **partners) -> Project:
    return Project.objects.create(
        kind=ProjectKind.ODA_GRANT, title_vi=f"Dự án {starts_on}", status=status, starts_on=starts_on, **partners
    )
