"""The world map on the overview and the partner list: each country's partners, agreements in force and this year's
delegations, in the shaded map's tooltips and links and in the table beside it, read in one query."""

import datetime
from urllib.parse import urljoin

import pytest
from django.core.cache import cache

from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement, AgreementPartner
from delegations.choices import Direction
from delegations.models import Delegation, DelegationPartner
from foreignaffairs.dashboard.world_map.drawing import buckets_for
from foreignaffairs.dashboard.world_map.figures import CountryFigures, country_figures
from partners.choices import PartnerKind
from partners.models import Country, Partner
from tests.pages import document, result_count

TODAY = datetime.date(2026, 3, 15)
PARTNERS, DELEGATIONS = "/dashboard/partners/", "/dashboard/delegations/"


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("foreignaffairs.clock.today", lambda: TODAY)


def partner(name: str, code: str, kind: str = PartnerKind.CITY, parent: Partner | None = None) -> Partner:
    return Partner.objects.create(kind=kind, name_vi=name, country=Country.objects.get(code=code), parent=parent)


def agreement(status: str, *partners: Partner) -> Agreement:
    made = Agreement.objects.create(title_vi="Thỏa thuận hợp tác", kind=AgreementKind.COOPERATION, status=status)
    for party in partners:
        AgreementPartner.objects.create(agreement=made, partner=party)
    return made


def delegation(starts_on: str, partners: tuple[Partner, ...] = (), countries: tuple[str, ...] = ()) -> Delegation:
    made = Delegation.objects.create(direction=Direction.INBOUND, title_vi=f"Đoàn {starts_on}", starts_on=starts_on)
    for party in partners:
        DelegationPartner.objects.create(delegation=made, partner=party)
    made.countries.set(Country.objects.filter(code__in=countries))
    return made


@pytest.fixture
def world(db):
    """Korea: Busan and its district Dongnae, an agreement in force with both (one agreement), an expired one, a visit
    this year naming Korea and Busan (one visit), one last year. Japan: Fukui, an agreement in force shared with
    Busan, a visit this year through Fukui alone. Singapore (too small to draw): one partner. France: named by a
    visit of this year, no partner."""
    busan = partner("Thành phố Busan", "KR")
    dongnae = partner("Quận Dongnae", "KR", kind=PartnerKind.DISTRICT, parent=busan)
    fukui = partner("Tỉnh Fukui", "JP", kind=PartnerKind.PROVINCE)
    partner("Đại học Quốc gia Singapore", "SG", kind=PartnerKind.UNIVERSITY)
    agreement(AgreementStatus.IN_EFFECT, busan, dongnae)
    agreement(AgreementStatus.EXPIRED, busan)
    agreement(AgreementStatus.UNDER_REVIEW, fukui, busan)
    delegation("2026-02-14", partners=(busan,), countries=("KR",))
    delegation("2025-08", partners=(dongnae,))
    delegation("2026", partners=(fukui,))
    delegation("2026-05", countries=("FR",))


def table(response) -> dict[str, list[str]]:
    """The map's table: each country's row as the page shows it (partners, agreements in force, visits)."""
    rows = document(response).xpath("//table[@class='map-table']/tbody/tr")
    return {
        row.xpath("./th")[0].text_content().strip(): [td.text_content() for td in row.xpath("./td")] for row in rows
    }


def test_it_maps_each_country_with_links_to_the_lists_it_counts(logged_in, world):
    overview = logged_in.get("/dashboard/")
    page = document(overview)
    assert table(overview) == {
        "Hàn Quốc": ["2", "2", "1"],
        "Nhật Bản": ["1", "1", "1"],
        "Xin-ga-po": ["1", "0", "0"],
        "Pháp": ["0", "0", "1"],
    }

    # The map: Korea's shape links to Korea's partners, its tooltip says the same figures; Singapore is a dot;
    # France, with no partner, is a plain shape; Vietnam's shape holds Hoàng Sa and Trường Sa, named on the map.
    [korea] = page.xpath("//svg//a[contains(title, 'Hàn Quốc')]")
    assert korea.xpath("./title")[0].text == ("Hàn Quốc — đối tác: 2; thỏa thuận còn hiệu lực: 2; đoàn năm 2026: 1")
    assert korea.xpath("./path/@class") == ["country map-b5"]
    assert page.xpath("//svg//a[contains(title, 'Xin-ga-po')]/circle")
    assert page.xpath("//svg/path[starts-with(title, 'Pháp')]") and not page.xpath("//svg//a[contains(title, 'Pháp')]")
    labels = [" ".join(text.xpath(".//text()")) for text in page.xpath("//svg/text")]
    assert labels == ["Hoàng Sa (Việt Nam)", "Trường Sa (Việt Nam)"]

    # Following a country, from the map or from the table, lists exactly the partners counted.
    korea_partners = logged_in.get(urljoin("/dashboard/", korea.get("href")))
    assert result_count(korea_partners) == 2
    [from_table] = page.xpath("//table[@class='map-table']//a[text()='Nhật Bản']/@href")
    assert result_count(logged_in.get(urljoin("/dashboard/", from_table))) == 1
    # And a country's visits of the year, the delegations counted.
    [france_visits] = page.xpath("//table[@class='map-table']//tr[th='Pháp']/td/a/@href")
    assert result_count(logged_in.get(urljoin(DELEGATIONS, france_visits))) == 1

    # No inline style or script: the page keeps to its Content Security Policy (style-src and script-src 'self').
    for response in (overview, korea_partners):
        assert not document(response).xpath("//*[@style] | //script[not(@src)] | //style")
        assert "style-src 'self'" in response["Content-Security-Policy"]


def test_the_partner_list_maps_every_partner_and_outlines_the_filtered_country(logged_in, world):
    # The list filtered to Korea's districts shows Dongnae alone; its map still counts both Korean partners, so the
    # number beside Korea is what following Korea shows, and outlines Korea.
    response = logged_in.get(f"{PARTNERS}?country=kr&kind={PartnerKind.DISTRICT}")
    assert result_count(response) == 1
    page = document(response)
    assert table(response)["Hàn Quốc (đang lọc)"] == ["2", "2", "1"]
    assert page.xpath("//table[@class='map-table']//a[@aria-current='true']/text()") == ["Hàn Quốc"]
    assert page.xpath("//svg//a[contains(title, 'Hàn Quốc')]/path/@class") == ["country map-b5 map-current"]
    assert "viền đậm: Hàn Quốc, nước đang lọc" in page.xpath("string(//ul[@class='map-legend'])")


def test_it_reads_every_country_in_one_query_kept_until_a_save(
    world, django_assert_num_queries, django_capture_on_commit_callbacks
):
    with django_assert_num_queries(1):
        figures = country_figures(TODAY)
    for code in ("DE", "TH", "AU", "US", "LA"):
        busy = partner(f"Đối tác {code}", code)
        agreement(AgreementStatus.SIGNED, busy)
        delegation("2026-03", partners=(busy,), countries=(code, "KR"))
    cache.clear()
    with django_assert_num_queries(1):
        figures = country_figures(TODAY)
    assert figures["KR"] == CountryFigures(partners=2, in_force=2, visits=6)
    assert figures["US"] == CountryFigures(partners=1, in_force=1, visits=1)
    with django_assert_num_queries(0):
        country_figures(TODAY)

    with django_capture_on_commit_callbacks(execute=True):  # dropped once the save commits
        partner("Thành phố Gyeongju", "KR")
    assert country_figures(TODAY)["KR"].partners == 3


@pytest.mark.parametrize(
    ("largest", "ranges"),
    [(1, ["1"]), (2, ["1", "2"]), (8, ["1–2", "3", "4–5", "6–8"]), (80, ["1–2", "3–6", "7–14", "15–33", "34–80"])],
)
def test_its_shades_cover_every_count_up_to_the_largest(largest, ranges):
    buckets = buckets_for(largest)
    assert [bucket.label for bucket in buckets] == ranges
    assert buckets[-1].css == "map-b5"
