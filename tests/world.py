"""Fixtures of the API tests of every app: logged-in clients, API keys, and a small world with one row per filter
value. Each API test package's conftest.py imports the ones it uses."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from agreements.choices import AgreementKind, AgreementStatus, Recommendation, ReviewStatus
from agreements.models import Agreement, AgreementReview
from delegations.choices import DelegationStatus, Direction
from delegations.models import Delegation
from foreignaffairs.api.auth import issue_token
from foreignaffairs.models import APIToken
from partners.choices import PartnerKind, RelationshipStatus
from partners.models import Country, FieldOfCooperation, Partner


@pytest.fixture
def make_key(db):
    """Issue an API key for a user; returns the plain key (what the admin shows once)."""

    def make(user, **fields) -> str:
        token = APIToken(user=user, name=fields.pop("name", "test"), **fields)
        key = issue_token(token)
        token.save()
        return key

    return make


@pytest.fixture
def world(db):
    today = timezone.localdate()
    korea, japan = Country.objects.get(code="KR"), Country.objects.get(code="JP")
    tourism = FieldOfCooperation.objects.create(code="tourism", name_vi="Du lịch", name_en="Tourism")
    health = FieldOfCooperation.objects.create(code="health", name_vi="Y tế", name_en="Health")
    gyeongju = Partner.objects.create(
        kind=PartnerKind.CITY,
        name_vi="Thành phố Gyeongju",
        name_en="Gyeongju",
        name_native="경주시",
        country=korea,
        relationship_status=RelationshipStatus.ACTIVE,
        relationship_since="2007",
    )
    gyeongju.fields.set([tourism])
    fukui = Partner.objects.create(
        kind=PartnerKind.PREFECTURE,
        name_vi="Tỉnh Fukui",
        name_native="福井県",
        country=japan,
        relationship_status=RelationshipStatus.DORMANT,
    )
    fukui.fields.set([health])
    signed = Agreement.objects.create(
        title_vi="Thỏa thuận hữu nghị Huế – Gyeongju",
        kind=AgreementKind.FRIENDSHIP,
        status=AgreementStatus.SIGNED,
        signed_on="2025-08",
        expires_on=today + datetime.timedelta(days=20),
        # Reviewed every 50 years, so it is never overdue whenever the tests run.
        review_interval_months=600,
    )
    signed.partners.set([gyeongju])
    signed.fields.set([tourism])
    draft = Agreement.objects.create(
        title_vi="Bản ghi nhớ Huế – Fukui",
        kind=AgreementKind.COOPERATION,
        status=AgreementStatus.DRAFTING,
        signed_on="2010-03-14",
    )
    draft.partners.set([fukui])
    draft.fields.set([health])
    # Signed long ago and never reviewed: its first review date is long past.
    overdue = Agreement.objects.create(
        title_vi="Thỏa thuận hợp tác cũ",
        kind=AgreementKind.COOPERATION,
        status=AgreementStatus.IN_EFFECT,
        signed_on="2007",
    )
    overdue.partners.set([gyeongju])
    renew = AgreementReview.objects.create(
        agreement=signed,
        status=ReviewStatus.APPROVED,
        recommendation=Recommendation.RENEW,
        next_review_on=today + datetime.timedelta(days=10),
    )
    terminate = AgreementReview.objects.create(
        agreement=draft, status=ReviewStatus.DRAFT, recommendation=Recommendation.TERMINATE
    )
    inbound = Delegation.objects.create(
        direction=Direction.INBOUND,
        title_vi="Đoàn Gyeongju thăm Huế",
        status=DelegationStatus.COMPLETED,
        starts_on="2025-09-10",
    )
    inbound.partners.set([gyeongju])
    inbound.countries.set([korea])
    inbound.fields.set([tourism])
    outbound = Delegation.objects.create(
        direction=Direction.OUTBOUND,
        title_vi="Đoàn Huế sang Fukui",
        status=DelegationStatus.PROPOSED,
        starts_on="2026-03",
    )
    outbound.partners.set([fukui])
    outbound.fields.set([health])
    return SimpleNamespace(**locals())
