"""DelegationFilterSet on its own: rows built here, counts asserted."""

import pytest

from delegations.choices import DelegationStatus, Direction
from delegations.filtersets import DelegationFilterSet
from delegations.models import Delegation, DelegationPartner
from partners.choices import PartnerKind
from partners.models import Country, FieldOfCooperation, Partner


@pytest.fixture
def rows(db):
    korea, czechia = Country.objects.get(code="KR"), Country.objects.get(code="CZ")
    tourism = FieldOfCooperation.objects.create(code="test-tourism", name_vi="Du lịch thử")
    gyeongju = Partner.objects.create(kind=PartnerKind.CITY, name_vi="Gyeongju", country=korea)
    visit = Delegation.objects.create(
        direction=Direction.INBOUND, title_vi="Ông Kim Seokki thăm Huế", status=DelegationStatus.COMPLETED
    )
    DelegationPartner.objects.create(delegation=visit, partner=gyeongju)
    visit.fields.add(tourism)
    promotion = Delegation.objects.create(
        direction=Direction.OUTBOUND,
        title_vi="Xúc tiến tại Cộng hòa Séc",
        status=DelegationStatus.COMPLETED,
        starts_on="2025-05",
    )
    promotion.countries.add(czechia)
    Delegation.objects.create(
        direction=Direction.OUTBOUND, title_vi="Đoàn đề xuất", status=DelegationStatus.PROPOSED, starts_on="2026-04-10"
    )
    return {"gyeongju": gyeongju}


def count(params):
    return DelegationFilterSet(params, Delegation.objects.for_listing()).qs.count()


def test_it_filters_delegations(rows):
    assert count({"q": "kim seokki hue"}) == 1
    assert count({"country": "KR"}) == 1
    assert count({"country": "cz"}) == 1
    assert count({"field": "test-tourism"}) == 1
    assert count({"status": "completed"}) == 2
    assert count({"partner": rows["gyeongju"].pk}) == 1
    assert count({"direction": "outbound"}) == 2


def test_it_filters_by_partial_start_dates(rows):
    assert count({"starts_after": "01/01/2025"}) == 2
    assert count({"starts_before": "2025-12-31"}) == 1
    assert count({"starts_after": "01/01/2026", "starts_before": "30/04/2026"}) == 1


def test_it_reports_bad_delegation_filters(rows):
    filterset = DelegationFilterSet({"starts_after": "2025-13-01", "direction": "sideways"})
    assert set(filterset.errors) == {"starts_after", "direction"}
    assert "2025-13-01" in filterset.errors["starts_after"][0]
    assert filterset.qs.count() == 3
