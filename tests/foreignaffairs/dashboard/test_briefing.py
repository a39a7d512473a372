"""The partner briefing: from the partner's dashboard page, "Bản tóm tắt (PDF)" gives one A4 page, read back here with
pypdf: the partner's names in their three scripts with the fonts embedded, what binds it, what happened with it, what
is owed; long lists cut with "và N mục khác", never a second page; money per currency, never summed across."""

import datetime
import decimal
import io
import re

import pypdf
import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from agreements.choices import AgreementStatus
from agreements.models import Agreement
from delegations.choices import Direction, FollowUpStatus
from delegations.models import Delegation, FollowUpAction
from partners.models import Partner, Person
from projects.choices import ProjectKind
from projects.models import Project
from tests.conftest import count_queries
from tests.pages import link_by_text

CHUNGCHEONGNAM = "Tỉnh Chungcheongnam"


def briefing_of(client, partner: Partner, link: str = "Bản tóm tắt (PDF)"):
    """The partner's page, then its briefing link, as a person clicks it."""
    page_url = partner.get_absolute_url()
    response = client.get(link_by_text(client.get(page_url), link, base=page_url))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return pypdf.PdfReader(io.BytesIO(response.content))


def text_of(pdf: pypdf.PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in pdf.pages)


def embedded_fonts(pdf: pypdf.PdfReader) -> set[str]:
    """The fonts the page uses that the file carries (a subset: "ABCDEF+DejaVu-Sans"), by name without the prefix."""
    names = set()
    for font in pdf.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        descendants = font.get("/DescendantFonts") or [font]
        for descendant in descendants:
            descriptor = descendant.get_object().get("/FontDescriptor")
            if descriptor and any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")):
                names.add(str(font["/BaseFont"]).split("+", 1)[-1])
    return names


def test_the_partner_page_gives_a_one_page_briefing_in_vietnamese(logged_in, demo):
    partner = Partner.objects.get(name_vi=CHUNGCHEONGNAM)
    pdf = briefing_of(logged_in, partner)

    assert len(pdf.pages) == 1
    text = text_of(pdf)
    assert "BẢN TÓM TẮT VỀ ĐỐI TÁC" in text
    # Three scripts: Vietnamese, English, Hangul.
    assert CHUNGCHEONGNAM in text and "Chungcheongnam Province" in text and "충청남도" in text
    assert "Đang hoạt động (từ 08/2025)" in text
    agreement = Agreement.objects.filter(partners=partner).alive().get()
    assert agreement.title_vi in text and "Thỏa thuận còn hiệu lực" in text
    assert f"{agreement.get_status_display()} {agreement.signed_on} {agreement.next_review_on}" in text
    fonts = embedded_fonts(pdf)
    assert any(font.startswith("DejaVu-Sans") for font in fonts), fonts
    assert any(font.startswith("Noto-Sans-CJK") for font in fonts), fonts


def test_it_is_in_english_on_request(logged_in, demo):
    partner = Partner.objects.get(name_vi=CHUNGCHEONGNAM)
    text = text_of(briefing_of(logged_in, partner, "English (PDF)"))
    assert "PARTNER BRIEFING" in text
    assert "Agreements in force" in text and "Key contacts" in text
    assert "Chungcheongnam Province" in text and "충청남도" in text


@pytest.fixture
def busy_partner(demo):
    """A partner with more of everything than a page holds (invented for the test): 30 agreements in force with
    long titles, 5 visits, 12 open follow-ups (some overdue), 9 projects in two currencies, 8 contacts."""
    partner = Partner.objects.get(name_vi=CHUNGCHEONGNAM)
    for n in range(30):
        agreement = Agreement.objects.create(
            title_vi=f"Thỏa thuận thử số {n:02d} về hợp tác toàn diện trong các lĩnh vực văn hóa, du lịch, giáo dục",
            kind="cooperation",
            status=AgreementStatus.IN_EFFECT,
            signed_on=f"{n % 12 + 1:02d}/2024",
        )
        agreement.partners.add(partner)
    for n in range(5):
        visit = Delegation.objects.create(
            title_vi=f"Đoàn thử số {n}", direction=Direction.INBOUND, starts_on=f"{n + 1:02d}/03/2026"
        )
        visit.partners.add(partner)
    visit = Delegation.objects.get(title_vi="Đoàn thử số 4")
    for n in range(12):
        FollowUpAction.objects.create(
            delegation=visit,
            description=f"Việc thử số {n:02d}",
            status=FollowUpStatus.OPEN,
            due_on=datetime.date(2026, 1, 1) + datetime.timedelta(days=60 * n),
        )
    for n in range(9):
        Project.objects.create(
            kind=ProjectKind.ODA_GRANT,
            title_vi=f"Dự án thử số {n}",
            partner=partner,
            committed_amount=decimal.Decimal(1000000),
            committed_currency="USD" if n % 3 else "KRW",
        )
    for n in range(8):
        Person.objects.create(full_name=f"Người thử số {n}", partner=partner)
    return partner


def test_long_lists_are_cut_with_and_n_more_never_a_second_page(logged_in, busy_partner):
    text = text_of(briefing_of(logged_in, busy_partner))
    assert text.count("Page") == 0  # not a report: no page numbers, one page

    sections = {
        "Thỏa thuận thử số": 31,  # the 30 above and the demo's
        "Việc thử số": 12,
        "Dự án thử số": 9,
        "Người thử số": 8,
    }
    for marker, total in sections.items():
        shown = text.count(marker)
        after = text[text.rindex(marker) :]
        more = re.search(r"và (\d+) mục khác", after)
        assert shown >= 1 and more, marker
        assert shown + int(more[1]) == total, (marker, shown, more[1])
    # Always the last three visits, newest first, and how many more.
    assert [int(n) for n in re.findall(r"Đoàn thử số (\d)", text)] == [4, 3, 2]
    assert "quá hạn" in text  # the follow-ups due before today


def test_it_fits_one_page_whatever_the_partner_holds(logged_in, busy_partner):
    assert len(briefing_of(logged_in, busy_partner).pages) == 1


def test_money_is_totalled_per_currency_never_across(logged_in, busy_partner):
    text = text_of(briefing_of(logged_in, busy_partner))
    # 9 projects of 1,000,000: 3 in KRW, 6 in USD; two totals, never 9,000,000.
    assert "Tổng (KRW) 3.000.000" in text and "Tổng (USD) 6.000.000" in text
    assert "9.000.000" not in text


def test_it_reads_as_many_queries_for_a_busy_partner_as_for_a_quiet_one(logged_in, demo):
    partner = Partner.objects.get(name_vi=CHUNGCHEONGNAM)
    url = reverse("dashboard:partner-briefing", args=[partner.pk])
    quiet = count_queries(logged_in, url)
    for n in range(20):
        Person.objects.create(full_name=f"Người thử số {n}", partner=partner)
        Agreement.objects.create(title_vi=f"Thỏa thuận thử {n}", status=AgreementStatus.SIGNED).partners.add(partner)
    assert count_queries(logged_in, url) == quiet


def test_who_may_not_read_the_partner_gets_no_briefing(client, demo):
    partner = Partner.objects.get(name_vi=CHUNGCHEONGNAM)
    url = reverse("dashboard:partner-briefing", args=[partner.pk])
    assert client.get(url).status_code == 302  # to the login page
    nobody = get_user_model().objects.create_user("nobody", password="x-Long-Password-1")  # staff of no role
    reader = Client()
    reader.force_login(nobody)
    assert reader.get(url).status_code == 403


def test_an_unknown_partner_or_language_is_no_page(logged_in, demo):
    missing = reverse("dashboard:partner-briefing", args=[999999])
    assert logged_in.get(missing).status_code == 404
    partner = Partner.objects.get(name_vi=CHUNGCHEONGNAM)
    url = reverse("dashboard:partner-briefing", args=[partner.pk])
    assert logged_in.get(url, {"lang": "fr"}).status_code == 404


def test_an_english_reader_is_offered_the_vietnamese_briefing_beside_hers(logged_in, demo):
    logged_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    partner = Partner.objects.get(name_vi=CHUNGCHEONGNAM)
    assert "Partner briefing".upper() in text_of(briefing_of(logged_in, partner, "Briefing (PDF)"))
    assert "BẢN TÓM TẮT VỀ ĐỐI TÁC" in text_of(briefing_of(logged_in, partner, "Tiếng Việt (PDF)"))
