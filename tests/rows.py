"""Rows for the dashboard tests: `build(n)` adds n of everything, fully linked, so a page's query count can be
compared at two data sizes."""

import datetime
import itertools

from django.utils import timezone

from agreements.choices import AgreementKind, AgreementStatus, PredecessorRelation, Recommendation, ReviewStatus
from agreements.models import Agreement, AgreementPartner, AgreementReview, AgreementStatusChange, AgreementUnit
from delegations.choices import DelegationStatus, Direction, FollowUpStatus, GiftDirection, MemberRole
from delegations.models import Delegation, DelegationMember, DelegationPartner, FollowUpAction, Gift, ItineraryItem
from foreignaffairs import clock
from partners.choices import PartnerKind, RelationshipStatus, Side
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person

_serial = itertools.count(1)


def build(n: int, partner: Partner | None = None) -> dict:
    """n partners, agreements (each renewing the last), reviews, delegations, with every relation a page shows.

    With `partner`, every agreement and delegation also involves that partner (for its detail page).
    """
    today = clock.today()
    korea = Country.objects.get(code="KR")
    made = {"partners": [], "agreements": [], "delegations": []}
    previous = None
    for _ in range(n):
        i = next(_serial)
        field = FieldOfCooperation.objects.create(code=f"rows-field-{i}", name_vi=f"Lĩnh vực {i}")
        unit = HueUnit.objects.create(name_vi=f"Đơn vị {i}")
        parent = partner or None
        other = Partner.objects.create(
            kind=PartnerKind.CITY,
            name_vi=f"Thành phố {i}",
            country=korea,
            parent=parent,
            relationship_status=RelationshipStatus.ACTIVE,
        )
        other.fields.add(field)
        person = Person.objects.create(full_name=f"Người {i}", partner=partner or other, title="Chuyên viên")
        agreement = Agreement.objects.create(
            title_vi=f"Thỏa thuận {i}",
            kind=AgreementKind.COOPERATION,
            status=AgreementStatus.IN_EFFECT,
            signed_on=f"{2000 + i % 25}-0{1 + i % 9}",
            expires_on=today + datetime.timedelta(days=10 + i),
            responsible_unit=unit,
            predecessor=previous,
            predecessor_relation=PredecessorRelation.RENEWS if previous else "",
        )
        Agreement.objects.filter(pk=agreement.pk).update(next_review_on=today - datetime.timedelta(days=1))
        previous = agreement
        for linked in filter(None, (other, partner)):
            AgreementPartner.objects.create(agreement=agreement, partner=linked)
        AgreementUnit.objects.create(agreement=agreement, unit=unit)
        agreement.fields.add(field)
        agreement.signatories.add(person)
        AgreementStatusChange.objects.create(
            agreement=agreement, to_status=AgreementStatus.IN_EFFECT, changed_at=timezone.now(), reason="Ký kết"
        )
        AgreementReview.objects.create(
            agreement=agreement,
            status=ReviewStatus.SUBMITTED,
            reviewer=person,
            recommendation=Recommendation.CONTINUE,
            next_review_on=today + datetime.timedelta(days=5),
        )
        delegation = Delegation.objects.create(
            direction=Direction.INBOUND if i % 2 else Direction.OUTBOUND,
            title_vi=f"Đoàn {i}",
            status=DelegationStatus.CONFIRMED,
            starts_on=(today + datetime.timedelta(days=i % 50)).isoformat(),
            head=person,
            host_unit=unit,
        )
        delegation.countries.add(korea)
        delegation.fields.add(field)
        delegation.agreements_signed.add(agreement)
        for linked in filter(None, (other, partner)):
            DelegationPartner.objects.create(delegation=delegation, partner=linked)
        DelegationMember.objects.create(delegation=delegation, person=person, side=Side.PARTNER, role=MemberRole.HEAD)
        ItineraryItem.objects.create(delegation=delegation, activity=f"Hội đàm {i}", place="Huế")
        FollowUpAction.objects.create(
            delegation=delegation,
            description=f"Việc {i}",
            owner=person,
            owner_unit=unit,
            due_on=today - datetime.timedelta(days=3),
            status=FollowUpStatus.OPEN,
        )
        Gift.objects.create(delegation=delegation, direction=GiftDirection.GIVEN, description="Quà", recipient=person)
        made["partners"].append(other)
        made["agreements"].append(agreement)
        made["delegations"].append(delegation)
    return made
