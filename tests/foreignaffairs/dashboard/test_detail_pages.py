"""Detail pages: a partner, an agreement, a delegation; what each shows and a query count that stays put."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from agreements.choices import AgreementStatus
from agreements.models import Agreement, AgreementDocument, AgreementReview, AgreementStatusChange
from delegations.choices import MemberRole
from delegations.models import Delegation, DelegationMember, FollowUpAction, Gift, ItineraryItem
from partners.choices import PartnerKind, Side
from partners.models import Country, Partner, Person
from tests.conftest import body, count_queries
from tests.pages import document
from tests.rows import build

# Each page's queries, whatever the number of linked rows. The first three are the same on every page: the
# session, the user, the user's permissions.
#
# A partner:   4 the partner with its country and parent, 5 its fields, 6 its member units (children), and its
#              and its children's: 7 agreement links, 8 agreements with their predecessor, 9 their status changes,
#              10 their reviews with agreement and reviewer, 11 their commitments, 12 delegation links,
#              13 delegations, 14 their follow-ups, 15 projects, 16 journal notes; 17 its contacts
PARTNER_QUERIES = 17
# An agreement: 4 the agreement with its responsible unit, predecessor and officer, 5 its partners, 6 their
#              countries, 7 its Huế units, 8 its fields, 9 its signatories, 10 its successors, 11 the delegations
#              it was signed during, 12 its documents, 13 its status changes, 14 its reviews with the reviewer,
#              15 its commitments with owner and unit, 16 its journal notes
AGREEMENT_QUERIES = 16
# A delegation: 4 the delegation with its head and host unit, 5 its countries, 6 its partners, 7 its fields,
#              8 the agreements signed during it, 9 its members with the person, 10 its itinerary, 11 its
#              follow-ups with owner and unit, 12 its gifts with giver and recipient, 13 its journal notes
DELEGATION_QUERIES = 13


@pytest.fixture
def hub(db):
    return Partner.objects.create(
        kind=PartnerKind.PROVINCE, name_vi="Tỉnh Trung tâm", country=Country.objects.get(code="KR")
    )


def test_partner_detail_queries_do_not_grow(logged_in, hub):
    build(2, partner=hub)
    few = count_queries(logged_in, hub.get_absolute_url())
    build(10, partner=hub)
    assert count_queries(logged_in, hub.get_absolute_url()) == few == PARTNER_QUERIES


def test_partner_detail_shows_renewal_chains_reviews_delegations_contacts_and_timeline(logged_in, hub):
    made = build(3, partner=hub)
    Person.objects.create(full_name="Người của đối tác khác", partner=made["partners"][0], title="Chuyên viên")
    response = logged_in.get(hub.get_absolute_url())
    page = body(response).decode()
    first, second, third = made["agreements"]
    # One chain, oldest first, each renewal under the one it renews.
    assert page.index(first.title_vi) < page.index(second.title_vi) < page.index(third.title_vi)
    assert 'class="depth-2"' in page
    assert "Gia hạn:" in page
    for heading in ("Rà soát, đánh giá hiệu quả", "Đoàn ra, đoàn vào", "Người liên hệ", "Dòng thời gian"):
        assert heading in page
    contacts = document(response).xpath("//section[@aria-labelledby='contacts-heading']//li")
    assert sorted(item.text_content().strip() for item in contacts) == sorted(
        f"{person.full_name}, Chuyên viên" for person in Person.objects.filter(partner=hub)
    )
    assert len(contacts) == 3
    assert "Ký thỏa thuận" in page


def test_agreement_detail_queries_do_not_grow(logged_in, hub, settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}},
    }
    agreement = build(1, partner=hub)["agreements"][0]

    def add_more(n):
        for i in range(n):
            AgreementDocument.objects.create(
                agreement=agreement, kind="annex", file=ContentFile(b"%PDF-1.4", name=f"a{i}.pdf")
            )
            AgreementReview.objects.create(agreement=agreement, next_review_on=datetime.date(2030, 1, 1))
            AgreementStatusChange.objects.create(
                agreement=agreement, to_status=AgreementStatus.UNDER_REVIEW, changed_at=timezone.now()
            )
            agreement.partners.add(
                Partner.objects.create(
                    kind="city", name_vi=f"Thêm {i} {agreement.documents.count()}", country=hub.country
                )
            )

    add_more(1)
    few = count_queries(logged_in, agreement.get_absolute_url())
    add_more(6)
    assert count_queries(logged_in, agreement.get_absolute_url()) == few == AGREEMENT_QUERIES
    page = body(logged_in.get(agreement.get_absolute_url())).decode()
    document = agreement.documents.first()
    assert f'href="/documents/{document.pk}/"' in page
    assert "Lịch sử trạng thái" in page and "Ký kết" in page


def test_delegation_detail_queries_do_not_grow(logged_in, hub):
    delegation = build(1, partner=hub)["delegations"][0]

    def add_more(n):
        for i in range(n):
            person = Person.objects.create(full_name=f"Khách {i}{delegation.members.count()}")
            DelegationMember.objects.create(delegation=delegation, person=person, side=Side.HUE, role=MemberRole.MEMBER)
            ItineraryItem.objects.create(delegation=delegation, activity="Thăm Đại Nội")
            FollowUpAction.objects.create(delegation=delegation, description="Gửi thư cảm ơn", owner=person)
            Gift.objects.create(delegation=delegation, direction="received", description="Tranh", giver=person)

    add_more(1)
    few = count_queries(logged_in, delegation.get_absolute_url())
    add_more(6)
    assert count_queries(logged_in, delegation.get_absolute_url()) == few == DELEGATION_QUERIES


def test_delegation_detail_shows_members_itinerary_outcomes_follow_ups_and_gifts(logged_in, demo):
    delegation = Delegation.objects.get(title_en__contains="Kim Seokki")
    page = body(logged_in.get(delegation.get_absolute_url())).decode()
    for text in (
        "Nguyễn Đình Trung",
        "Kim Seokki",
        "Lịch trình",
        "Hai bên thống nhất",
        "Việc cần theo dõi",
        "Quà lưu niệm",
    ):
        assert text in page


def test_agreement_detail_names_an_unknown_partner(logged_in, demo):
    minutes = Agreement.objects.get(partner_unknown=True)
    assert "Chưa rõ đối tác" in body(logged_in.get(minutes.get_absolute_url())).decode()
