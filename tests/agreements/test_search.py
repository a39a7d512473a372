"""Agreements and reviews are found by the names around them, the same by the FilterSet, on the dashboard list, in
the API and in the admin (tests.search): an agreement by its partners' names in all three scripts, its Huế units,
its signatories, its reference number, titles and signing date; a review by its agreement's title and partners.

The demo data, plus an agreement entered in the admin the way a desk officer would: with Sejong, a partner whose
name is in no title, signed by the department under its name before Huế became a centrally run city.
"""

import pytest
from django.urls import reverse

from agreements.filtersets import AgreementFilterSet, ReviewFilterSet
from agreements.models import Agreement, AgreementReview
from partners.choices import PartnerKind
from partners.models import Country, HueUnit, Partner, Person
from tests.forms import SAVE, page_form_data
from tests.search import Kind, found_everywhere

AGREEMENTS = Kind(AgreementFilterSet, "/api/v1/agreements/", Agreement, "dashboard:agreement-list")
# A review's row on the dashboard links its agreement.
REVIEWS = Kind(
    ReviewFilterSet, "/api/v1/reviews/", AgreementReview, "dashboard:review-list", "agreement.get_absolute_url"
)
MEMORANDUM = "Bản ghi nhớ hợp tác đào tạo nguồn nhân lực"


@pytest.fixture
def sejong_memorandum(admin_client, demo) -> Agreement:
    sejong = Partner.objects.create(
        kind=PartnerKind.CITY,
        name_vi="Thành phố tự trị đặc biệt Sejong",
        name_en="Sejong Special Self-Governing City",
        name_native="세종특별자치시",
        country=Country.objects.get(code="KR"),
    )
    former_department = HueUnit.objects.create(
        name_vi="Sở Ngoại vụ tỉnh Thừa Thiên Huế", name_en="Thua Thien Hue Department of Foreign Affairs"
    )
    add_url = reverse("admin:agreements_agreement_add")
    data = page_form_data(admin_client.get(add_url), press=SAVE)
    data.update(
        reference_number="12/2024/BGN-SNV",
        title_vi=MEMORANDUM,
        kind="cooperation",
        status="signed",
        signed_on="05/2024",
        signing_place="Sejong",
        partners=str(sejong.pk),
        hue_units=str(former_department.pk),
        signatories=str(Person.objects.get(full_name="Nguyễn Văn Phúc").pk),
    )
    response = admin_client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return Agreement.objects.get(title_vi=MEMORANDUM)


@pytest.mark.parametrize(
    "query",
    [
        "sejong",  # the partner's Vietnamese and English names
        "thanh pho tu tri dac biet",  # Vietnamese only
        "Special Self-Governing",  # English only, any case
        "세종특별자치시",  # native script
        "세종",
        "thua thien",  # the Huế unit that signed, "Thừa Thiên" without diacritics
        "THỪA THIÊN HUẾ",
        "nguyen van phuc",  # the signatory
        "nguyenvanphuc",  # his name run together
        "12/2024/bgn",  # the reference number
        "nguon nhan luc",  # the title
        "05/2024",  # the signing date, as staff write it
        "phuc 2024 sejong",  # several words narrow, across the record and its relations, in any order
    ],
)
def test_it_finds_an_agreement_by_every_name_around_it(admin_client, sejong_memorandum, query):
    assert found_everywhere(admin_client, AGREEMENTS, query) == {sejong_memorandum.pk}


def test_it_finds_the_agreements_of_the_source_articles_by_their_partners(admin_client, demo):
    chungcheongnam = Agreement.objects.get(partners__name_en="Chungcheongnam Province")
    dongnae = Agreement.objects.get(partners__name_en="Dongnae District")
    assert found_everywhere(admin_client, AGREEMENTS, "충청남도") == {chungcheongnam.pk}
    # "district" is in the partner's English name only, "dongnae" in both: every word must match, wherever.
    assert found_everywhere(admin_client, AGREEMENTS, "dongnae district") == {dongnae.pk}
    assert found_everywhere(admin_client, AGREEMENTS, "dong nae") == {dongnae.pk}
    assert found_everywhere(admin_client, AGREEMENTS, "chungcheongnam 2025") == {chungcheongnam.pk}
    assert found_everywhere(admin_client, AGREEMENTS, "dongnae 2025") == set()


def test_it_finds_reviews_by_their_agreements_title_and_partners(admin_client, demo):
    gyeongju = AgreementReview.objects.get(agreement__partners__name_en="Gyeongju")
    dongnae = AgreementReview.objects.get(agreement__partners__name_en="Dongnae District")
    assert found_everywhere(admin_client, REVIEWS, "경주시") == {gyeongju.pk}  # the partner's native name
    assert found_everywhere(admin_client, REVIEWS, "thanh pho gyeongju") == {gyeongju.pk}  # the title
    assert found_everywhere(admin_client, REVIEWS, "busan dongnae") == {dongnae.pk}
    assert found_everywhere(admin_client, REVIEWS, "uljin namyangju") == set()
