"""Every list endpoint makes the same number of SQL queries for 2 rows as for 12."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.choices import AgreementKind, Recommendation
from agreements.models import Agreement, AgreementReview
from delegations.choices import Direction
from delegations.models import Delegation
from partners.choices import PartnerKind
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person

URLS = [
    "/api/v1/partners/",
    "/api/v1/agreements/",
    "/api/v1/reviews/",
    "/api/v1/delegations/",
    "/api/v1/fields/",
    "/api/v1/units/",
    "/api/v1/people/",
    "/api/v1/countries/",
]


def add_rows(count: int, start: int) -> None:
    korea = Country.objects.get(code="KR")
    for number in range(start, start + count):
        field = FieldOfCooperation.objects.create(code=f"f{number}", name_vi=f"Lĩnh vực {number}")
        unit = HueUnit.objects.create(name_vi=f"Đơn vị {number}")
        partner = Partner.objects.create(kind=PartnerKind.CITY, name_vi=f"Thành phố {number}", country=korea)
        partner.fields.set([field])
        person = Person.objects.create(full_name=f"Người {number}", partner=partner, country=korea)
        agreement = Agreement.objects.create(title_vi=f"Thỏa thuận {number}", kind=AgreementKind.COOPERATION)
        agreement.partners.set([partner])
        agreement.hue_units.set([unit])
        agreement.signatories.set([person])
        agreement.fields.set([field])
        AgreementReview.objects.create(agreement=agreement, reviewer=person, recommendation=Recommendation.RENEW)
        delegation = Delegation.objects.create(direction=Direction.INBOUND, title_vi=f"Đoàn {number}", head=person)
        delegation.partners.set([partner])
        delegation.countries.set([korea])
        delegation.fields.set([field])
        delegation.agreements_signed.set([agreement])


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_it_makes_a_fixed_number_of_queries_per_list(viewer_client):
    add_rows(2, 0)
    small = {url: count_queries(viewer_client, url) for url in URLS}
    add_rows(10, 2)
    assert {url: count_queries(viewer_client, url) for url in URLS} == small
