"""Every list endpoint makes a fixed number of SQL queries, stated here: the same for 2 rows as for 12."""

import pytest

from agreements.choices import AgreementKind, Recommendation
from agreements.models import Agreement, AgreementReview
from delegations.choices import Direction
from delegations.models import Delegation
from partners.choices import PartnerKind
from partners.models import Country, FieldOfCooperation, HueUnit, Partner, Person
from tests.conftest import count_queries

# Every request's first three: 1 the session, 2 the user, 3 the user's permissions (one query,
# foreignaffairs.accounts.backends). Then 4 the paginator's COUNT, 5 the page of rows with what is selected
# alongside, and one query per prefetched relation.
QUERIES = {
    # 5 partners with country and parent, 6 their fields
    "/api/v1/partners/": 6,
    # 5 agreements with responsible unit and predecessor, 6 their partners, 7 those partners' countries, 8 their
    # Huế units, 9 their fields, 10 their signatories, 11 their commitments with owner and unit
    "/api/v1/agreements/": 11,
    # 5 reviews with agreement and reviewer
    "/api/v1/reviews/": 5,
    # 5 delegations with head and host unit, 6 their countries, 7 partners, 8 fields, 9 agreements signed
    "/api/v1/delegations/": 9,
    # 5 the rows: reference data has no relations to fetch
    "/api/v1/fields/": 5,
    "/api/v1/units/": 5,
    "/api/v1/countries/": 5,
    # 5 people with their partner, Huế unit and country
    "/api/v1/people/": 5,
}


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


@pytest.mark.parametrize("url", QUERIES)
def test_it_makes_a_fixed_number_of_queries_per_list(logged_in, url):
    add_rows(2, 0)
    few = count_queries(logged_in, url)
    add_rows(10, 2)
    assert (few, count_queries(logged_in, url)) == (QUERIES[url], QUERIES[url])
