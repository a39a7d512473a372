"""AgreementFilterSet and ReviewFilterSet on their own: rows built here, counts asserted."""

import datetime

import pytest

from agreements.choices import AgreementKind, AgreementStatus, Recommendation, ReviewStatus
from agreements.filtersets import AgreementFilterSet, ReviewFilterSet
from agreements.models import Agreement, AgreementPartner, AgreementReview
from partners.choices import PartnerKind
from partners.models import Country, FieldOfCooperation, Partner

TODAY = datetime.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("foreignaffairs.clock.today", lambda: TODAY)


def agreement(title, partner, **values):
    values.setdefault("kind", AgreementKind.COOPERATION)
    created = Agreement.objects.create(title_vi=title, **values)
    AgreementPartner.objects.create(agreement=created, partner=partner)
    return created


@pytest.fixture
def rows(db):
    korea, japan = Country.objects.get(code="KR"), Country.objects.get(code="JP")
    smart_city = FieldOfCooperation.objects.create(code="test-smart-city", name_vi="Đô thị thông minh thử")
    gyeongju = Partner.objects.create(kind=PartnerKind.CITY, name_vi="Gyeongju", country=korea)
    uljin = Partner.objects.create(kind=PartnerKind.COUNTY, name_vi="Uljin", country=korea)
    fukui = Partner.objects.create(kind=PartnerKind.PREFECTURE, name_vi="Fukui", country=japan)
    with_gyeongju = agreement(
        "Thỏa thuận hợp tác Huế – Gyeongju",
        gyeongju,
        status=AgreementStatus.UNDER_REVIEW,
        signed_on="2025-08",
        expires_on=TODAY + datetime.timedelta(days=30),
    )
    with_gyeongju.fields.add(smart_city)
    AgreementPartner.objects.create(agreement=with_gyeongju, partner=uljin)
    agreement("Biên bản Uljin", uljin, kind=AgreementKind.MINUTES, status=AgreementStatus.IN_EFFECT, signed_on="2007")
    with_fukui = agreement(
        "Hữu nghị Fukui",
        fukui,
        kind=AgreementKind.FRIENDSHIP,
        status=AgreementStatus.SIGNED,
        signed_on="2024-02-14",
        expires_on=TODAY + datetime.timedelta(days=200),
    )
    agreement("Dự thảo chưa ký", fukui, status=AgreementStatus.DRAFTING)
    # Signed 02/2024, reviewed yearly: its next review (02/2025) is overdue.
    Agreement.objects.filter(pk=with_fukui.pk).update(next_review_on=TODAY - datetime.timedelta(days=10))
    AgreementReview.objects.create(
        agreement=with_gyeongju,
        status=ReviewStatus.DRAFT,
        recommendation=Recommendation.EXPAND,
        next_review_on=TODAY + datetime.timedelta(days=20),
    )
    AgreementReview.objects.create(
        agreement=with_fukui,
        status=ReviewStatus.APPROVED,
        recommendation=Recommendation.CONTINUE,
        next_review_on=TODAY + datetime.timedelta(days=100),
    )
    return {"gyeongju": gyeongju, "uljin": uljin, "fukui": fukui, "with_gyeongju": with_gyeongju}


def agreements(params):
    return AgreementFilterSet(params, Agreement.objects.for_listing()).qs.count()


def reviews(params):
    return ReviewFilterSet(params, AgreementReview.objects.for_listing()).qs.count()


def test_it_finds_agreements_by_folded_text_and_country(rows):
    assert agreements({"q": "hue gyeongju"}) == 1
    # Two Korean partners on one agreement still list it once.
    assert agreements({"country": "KR"}) == 2
    assert agreements({"country": "JP"}) == 2


def test_it_filters_agreements_by_field_status_partner_and_kind(rows):
    assert agreements({"field": "test-smart-city"}) == 1
    assert agreements({"status": "under_review", "country": "KR"}) == 1
    assert agreements({"partner": rows["uljin"].pk}) == 2
    assert agreements({"kind": "minutes"}) == 1


def test_it_compares_partial_signing_dates_as_iso_text(rows):
    assert agreements({"signed_after": "01/08/2025"}) == 1
    # Known only as 08/2025: it may fall after the 14th, so it is not left out.
    assert agreements({"signed_after": "14/08/2025"}) == 1
    assert agreements({"signed_after": "01/09/2025"}) == 0
    assert agreements({"signed_after": "2024-01-01"}) == 2
    assert agreements({"signed_before": "31/12/2010"}) == 1
    # Unknown signing dates match no bound.
    assert agreements({"signed_before": "31/12/2099"}) == 3


def test_it_filters_by_expiry_and_overdue_review(rows):
    assert agreements({"expires_within": "30"}) == 1
    assert agreements({"expires_within": "365"}) == 2
    assert agreements({"expires_within": "0"}) == 0
    # Fukui's review date has passed, and Uljin's (signed 2007, never reviewed) long ago.
    assert agreements({"review_overdue": "true"}) == 2
    assert agreements({"review_overdue": "false"}) == 2


@pytest.mark.parametrize(
    ("params", "field", "fragment"),
    [
        ({"signed_after": "31/02/2025"}, "signed_after", "31/02/2025"),
        ({"expires_within": "-5"}, "expires_within", "không được âm"),
        ({"expires_within": "soon"}, "expires_within", "số nguyên"),
        ({"status": "lost"}, "status", "lost"),
        ({"partner": "abc"}, "partner", "đối tác"),
    ],
)
def test_it_reports_bad_agreement_filters_in_vietnamese(rows, params, field, fragment):
    filterset = AgreementFilterSet(params, Agreement.objects.for_listing())
    assert not filterset.is_valid()
    assert fragment in filterset.errors[field][0]
    assert filterset.qs.count() == 4


def test_it_filters_reviews(rows):
    assert reviews({"q": "gyeongju"}) == 1
    assert reviews({"country": "JP"}) == 1
    assert reviews({"field": "test-smart-city"}) == 1
    assert reviews({"status": "approved"}) == 1
    assert reviews({"agreement": rows["with_gyeongju"].pk}) == 1
    assert reviews({"recommendation": "expand"}) == 1
    assert reviews({"due_within": "30"}) == 1
    assert reviews({"due_within": "100"}) == 2


def test_it_reports_bad_review_filters(rows):
    filterset = ReviewFilterSet({"due_within": "-1", "recommendation": "maybe"}, AgreementReview.objects.all())
    assert set(filterset.errors) == {"due_within", "recommendation"}
    assert filterset.qs.count() == 2


def test_review_overdue_refuses_a_value_it_cannot_read(db):
    filterset = AgreementFilterSet({"review_overdue": "maybe"}, queryset=Agreement.objects.all())
    assert not filterset.is_valid()
    assert filterset.errors["review_overdue"] == ["“maybe” không phải là lựa chọn (true hoặc false) hợp lệ."]


def test_choice_errors_are_written_in_the_readers_language(db):
    from django.utils import translation

    with translation.override("en"):
        filterset = AgreementFilterSet({"status": "bogus"}, queryset=Agreement.objects.all())
        assert not filterset.is_valid()
        assert "không" not in str(filterset.errors["status"][0])


@pytest.fixture
def signed_around_august(db):
    for signed_on in ("2025-07-31", "2025-08", "2025-08-14", "2025-09-01", "2025", "2024-12-31", ""):
        Agreement.objects.create(
            title_vi=f"Ký {signed_on or 'chưa rõ'}", kind=AgreementKind.COOPERATION, signed_on=signed_on
        )


def signed(params: dict) -> set[str]:
    filterset = AgreementFilterSet(params)
    assert filterset.is_valid(), filterset.errors
    return {str(row.signed_on) for row in filterset.qs}


@pytest.mark.parametrize("august", ["08/2025", "2025-08", "8/2025"])
def test_it_takes_a_month_as_a_bound_the_way_the_system_writes_dates(signed_around_august, august):
    # After the month starts, and before it ends; a date known to the month or year may fall on either side.
    assert signed({"signed_after": august}) == {"08/2025", "14/08/2025", "01/09/2025", "2025"}
    assert signed({"signed_before": august}) == {"31/07/2025", "08/2025", "14/08/2025", "2025", "31/12/2024"}


def test_it_takes_a_year_as_a_bound(signed_around_august):
    assert signed({"signed_after": "2025"}) == {"31/07/2025", "08/2025", "14/08/2025", "01/09/2025", "2025"}
    assert signed({"signed_before": "2024"}) == {"31/12/2024"}


@pytest.mark.parametrize("typed", ["31/02/2025", "13/2025", "2025-13", "08/20255", "tháng 8"])
def test_it_says_what_is_wrong_with_a_bound_it_cannot_read(db, typed):
    filterset = AgreementFilterSet({"signed_after": typed})
    assert not filterset.is_valid()
    assert filterset.errors["signed_after"] == [
        f"Ngày “{typed}” không hợp lệ. Nhập ngày (dd/mm/yyyy), tháng (mm/yyyy) hoặc năm (yyyy), "
        "ví dụ 14/02/2026, 08/2025 hoặc 2025."
    ]


def test_the_api_schema_types_the_filters_with_methods_by_their_fields(logged_in):
    # Type hints on a filter method's `value` would become these types (drf-spectacular reads them): they stay
    # what the filters' own fields say, a whole number of days and a partner's id.
    schema = logged_in.get("/api/schema/?format=json").json()

    def parameter_type(path: str, name: str) -> str:
        (parameter,) = [p for p in schema["paths"][path]["get"]["parameters"] if p["name"] == name]
        return parameter["schema"]["type"]

    assert parameter_type("/api/v1/agreements/", "expires_within") == "integer"
    assert parameter_type("/api/v1/agreements/", "review_due_within") == "integer"
    assert parameter_type("/api/v1/reviews/", "due_within") == "integer"
    assert parameter_type("/api/v1/delegations/", "starts_within") == "integer"
    assert parameter_type("/api/v1/projects/", "partner") == "integer"
