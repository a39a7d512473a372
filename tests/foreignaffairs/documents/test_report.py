"""The periodic foreign-affairs report: the facts of a period from the demo data (and records invented for these
tests, said so where made), dates known to the month or year counted only where they fall whole, each table with the
dashboard list it came from, and the same number of queries for a few records as for hundreds."""

import datetime
import decimal
import io
from urllib.parse import urlencode

import docx
import pypdf
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from docx.oxml.ns import qn

from agreements.choices import AgreementKind, AgreementStatus, EffectivenessRating, Recommendation, ReviewStatus
from agreements.lifecycle import transition
from agreements.models import Agreement, AgreementReview
from delegations.choices import DelegationStatus, Direction, FollowUpStatus
from delegations.models import Delegation, FollowUpAction
from foreignaffairs.documents.report import build_report, report_pdf
from foreignaffairs.documents.report_docx import report_docx
from foreignaffairs.documents.report_period import Period, Span
from foreignaffairs.documents.report_sections import CAP
from foreignaffairs.partial_dates import PartialDate
from partners.models import Country, Partner, Person, country_name
from projects.choices import ProjectKind, ProjectStatus
from projects.models import Project
from tests.conftest import count_queries
from tests.forms import page_form_data
from tests.pages import document, link_by_text

KIM_VISIT = "Ông Kim Seokki thăm và làm việc tại Huế"
PROMOTION = "Đoàn lãnh đạo thành phố tham gia Chương trình quảng bá địa phương Việt Nam"
CHUNGCHEONGNAM_AGREEMENT = "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam"


def huế_time(year: int, month: int, day: int) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime(year, month, day, 10, 0))


def invent_2025_records() -> None:
    """Records invented for these tests, beside the demo's facts: the articles give no date for Mr. Kim Seokki's
    visit, no review result, no follow-up and no project money; these are made up so every section has a row."""
    visit = Delegation.objects.get(title_vi=KIM_VISIT)
    visit.starts_on, visit.ends_on = "2025-03-12", "2025-03-13"  # invented date
    visit.save()
    FollowUpAction.objects.create(
        delegation=visit,
        description="Gửi thư cảm ơn (việc bịa cho kiểm thử)",
        status=FollowUpStatus.DONE,
        due_on=datetime.date(2025, 3, 31),
        completed_on=datetime.date(2025, 3, 20),
    )
    FollowUpAction.objects.create(
        delegation=visit,
        description="Trao đổi danh mục dự án (việc bịa cho kiểm thử)",
        due_on=datetime.date(2025, 6, 30),
    )
    gyeongju = Agreement.objects.get(partners__name_vi="Thành phố Gyeongju")
    review = AgreementReview(
        agreement=gyeongju,
        status=ReviewStatus.APPROVED,
        rating=EffectivenessRating.PARTLY_EFFECTIVE,
        recommendation=Recommendation.EXPAND,
        next_steps="Mở rộng sang du lịch thông minh (bịa cho kiểm thử)",
    )
    review.decided_at = huế_time(2025, 9, 15)
    review.save()
    renewed = Agreement.objects.create(
        title_vi="Thỏa thuận bịa cho kiểm thử, được gia hạn",
        kind=AgreementKind.FRIENDSHIP,
        status=AgreementStatus.IN_EFFECT,
        signed_on="2015",
    )
    transition(renewed, AgreementStatus.RENEWED, reason="Gia hạn 5 năm", at=huế_time(2025, 5, 10))
    koica = Partner.objects.get(abbreviation="KOICA")
    Project.objects.filter(title_vi="Làng hòa bình Việt Nam - Hàn Quốc").update(
        starts_on="2025-02", committed_amount=decimal.Decimal(1_000_000), committed_currency="USD"
    )
    Project.objects.create(
        title_vi="Dự án FDI bịa cho kiểm thử",
        kind=ProjectKind.FDI,
        status=ProjectStatus.COMPLETED,
        partner=koica,
        starts_on="2025-01-15",
        ends_on="2025-11",
        committed_amount=decimal.Decimal(50_000_000_000),
        committed_currency="VND",
    )


def table(report, title: str):
    [found] = [table for section in report.sections for table in section.tables if table.title == title]
    return found


def column(found, name: str) -> list[str]:
    index = found.columns.index(name)
    return [row[index] for row in found.rows]


def test_the_year_holds_the_demo_facts_and_the_invented_ones(demo):
    invent_2025_records()

    report = build_report(Period.year(2025), language="vi")

    assert report.title == "Báo cáo công tác đối ngoại"
    assert report.subtitle == "năm 2025"
    delegations = table(report, "Danh sách đoàn")
    assert column(delegations, "Đoàn") == [PROMOTION, KIM_VISIT]  # "2025" sorts before "2025-03-12"
    assert column(delegations, "Trưởng đoàn") == ["—", "Kim Seokki"]
    assert "thúc đẩy các dự án hợp tác hiệu quả" in column(delegations, "Kết quả")[1]
    by_country = {row[1]: row for row in table(report, "Đoàn theo quốc gia").rows}
    assert set(by_country) == {"KR", "CZ", "BE", "CH", "AU"}
    assert by_country["KR"][:5] == [country_name("KR"), "KR", "1", "0", "1"]
    assert by_country["AU"][2:5] == ["0", "1", "1"]
    by_month = table(report, "Đoàn theo tháng")
    assert [row[0] for row in by_month.rows] == [f"{month:02d}/2025" for month in range(1, 13)] + ["Chưa rõ tháng"]
    assert by_month.rows[2][1:] == ["1", "0", "1"]  # March: Mr. Kim Seokki's visit
    assert by_month.rows[-1][1:] == ["0", "1", "1"]  # the promotion delegations, known only to the year
    assert by_month.total_row == ["Cộng", "1", "1", "2"]

    assert column(table(report, "Thỏa thuận ký trong kỳ"), "Thỏa thuận") == [CHUNGCHEONGNAM_AGREEMENT]
    assert table(report, "Thỏa thuận ký trong kỳ").rows[0][2] == "08/2025"
    endings = table(report, "Thỏa thuận gia hạn, sửa đổi, hết hiệu lực, chấm dứt trong kỳ")
    assert endings.rows == [["Thỏa thuận bịa cho kiểm thử, được gia hạn", "Đã gia hạn", "10/05/2025", "Gia hạn 5 năm"]]
    reviews = table(report, "Kết quả rà soát được phê duyệt trong kỳ")
    assert reviews.rows[0][1:4] == ["15/09/2025", "Hiệu quả một phần", "Mở rộng sang lĩnh vực mới"]
    assert column(table(report, "Việc đã hoàn thành trong kỳ"), "Hoàn thành") == ["20/03/2025"]
    assert column(table(report, "Việc còn đang thực hiện"), "Hạn") == ["30/06/2025"]

    started = table(report, "Dự án bắt đầu trong kỳ")
    assert column(started, "Dự án") == ["Dự án FDI bịa cho kiểm thử", "Làng hòa bình Việt Nam - Hàn Quốc"]
    # Never one sum of two currencies: one row per currency.
    money = table(report, "Dự án bắt đầu trong kỳ: vốn theo loại tiền")
    assert [row[:2] for row in money.rows] == [["USD", "1.000.000"], ["VND", "50.000.000.000"]]
    assert column(table(report, "Dự án hoàn thành trong kỳ"), "Kết thúc") == ["11/2025"]

    figures = table(report, "Số liệu của kỳ")
    assert column(figures, "Số liệu") == ["11 dự án", "hơn 39.000.000 USD (≈ 981.000.000.000 VND)"]
    assert all("Cánh tay nối dài" in source for source in column(figures, "Nguồn"))
    assert column(table(report, "Đối tác bắt đầu quan hệ trong kỳ"), "Đối tác") == ["Tỉnh Chungcheongnam"]


def test_a_date_known_to_the_month_or_year_counts_only_where_it_falls_whole(demo):
    first_half = build_report(Period.year(2025, Span.FIRST_HALF), language="vi")
    second_half = build_report(Period.year(2025, Span.SECOND_HALF), language="vi")
    early_august = build_report(Period.between(datetime.date(2025, 8, 1), datetime.date(2025, 8, 15)), language="vi")
    august = build_report(Period.between(datetime.date(2025, 8, 1), datetime.date(2025, 8, 31)), language="vi")

    # The promotion delegations are known only to "2025": in the year, in neither half.
    assert table(first_half, "Danh sách đoàn").rows == []
    assert table(second_half, "Danh sách đoàn").rows == []
    # The Chungcheongnam agreement, signed "08/2025": in the second half and in August, not in 01–15/08.
    signed = "Thỏa thuận ký trong kỳ"
    assert column(table(second_half, signed), "Thỏa thuận") == [CHUNGCHEONGNAM_AGREEMENT]
    assert column(table(august, signed), "Thỏa thuận") == [CHUNGCHEONGNAM_AGREEMENT]
    assert table(early_august, signed).rows == []
    assert table(first_half, signed).rows == []


def test_the_database_and_python_agree_on_what_falls_in_a_period():
    period = Period.year(2025, Span.SECOND_HALF)
    for text, inside in [("2025-07-01", True), ("2025-12", True), ("2025", False), ("2025-06-30", False)]:
        assert period.contains(PartialDate.parse(text)) is inside, text
    assert Period.between(datetime.date(2025, 8, 1), datetime.date(2025, 8, 15)).contains(PartialDate(2025, 8)) is False


def test_each_table_names_its_dashboard_list_with_the_list_s_own_filters(demo, logged_in):
    report = build_report(Period.year(2025, Span.FIRST_HALF), language="vi")

    delegations = table(report, "Danh sách đoàn").source
    assert delegations.startswith(reverse("dashboard:delegation-list") + "?")
    assert "starts_after=01%2F01%2F2025" in delegations and "starts_before=30%2F06%2F2025" in delegations
    assert "starts_in=2025" in table(build_report(Period.year(2025), language="vi"), "Danh sách đoàn").source
    # Every link opens its list without a filter error: the parameters are the FilterSets' own.
    for section in report.sections:
        for found in section.tables:
            response = logged_in.get(found.source)
            assert response.status_code == 200, found.source
            assert b"errorlist" not in response.content, found.source


def test_a_long_list_stops_at_the_cap_and_says_how_many_more(demo):
    korea = Country.objects.get(code="KR")
    head = Person.objects.get(full_name="Kim Seokki")
    invented = [
        Delegation(
            direction=Direction.INBOUND,
            status=DelegationStatus.COMPLETED,
            title_vi=f"Đoàn bịa cho kiểm thử số {n}",
            starts_on=f"2024-{n % 12 + 1:02d}-01",
            head=head,
        )
        for n in range(CAP + 5)
    ]
    Delegation.objects.bulk_create(invented)
    Delegation.countries.through.objects.bulk_create(
        Delegation.countries.through(delegation=delegation, country=korea) for delegation in invented
    )

    report = build_report(Period.year(2024), language="vi")

    found = table(report, "Danh sách đoàn")
    assert len(found.rows) == CAP
    assert found.more == 5 and found.more_label == "và 5 đoàn khác"
    # The counts are never cut.
    assert table(report, "Đoàn theo quốc gia").rows == [[country_name("KR"), "KR", str(CAP + 5), "0", str(CAP + 5)]]
    assert table(report, "Đoàn theo tháng").total_row == ["Cộng", str(CAP + 5), "0", str(CAP + 5)]


def test_the_english_report_names_records_in_english(demo):
    report = build_report(Period.year(2025), language="en")

    # Texts the catalogue already translates come out in English; the report's new ones wait for their translation
    # (locale/ is not ours to edit here), so only the records' names are checked.
    assert [section.title for section in report.sections][0] == "Outbound and inbound delegations"
    rows = [row for section in report.sections for found in section.tables for row in found.rows]
    assert ["City leaders' delegations to the Vietnam local promotion programme"] in [row[:1] for row in rows]
    assert ["Cooperation agreement between Huế City and Chungcheongnam Province"] in [row[:1] for row in rows]


def invent_many(count: int) -> None:
    """`count` delegations of 2025 (with countries, partners and follow-ups), and a tenth as many agreements, projects
    and partners: records invented for these tests, in bulk."""
    japan, korea = Country.objects.get(code="JP"), Country.objects.get(code="KR")
    partners = Partner.objects.bulk_create(
        Partner(
            kind="city", name_vi=f"Thành phố bịa số {n}", country=japan, relationship_since=f"2025-{n % 12 + 1:02d}"
        )
        for n in range(count // 10)
    )
    delegations = Delegation.objects.bulk_create(
        Delegation(
            direction=Direction.OUTBOUND if n % 3 else Direction.INBOUND,
            title_vi=f"Đoàn bịa cho kiểm thử số {n}",
            starts_on=f"2025-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
            outcomes="Kết quả bịa cho kiểm thử.",
        )
        for n in range(count)
    )
    Delegation.countries.through.objects.bulk_create(
        Delegation.countries.through(delegation=d, country=korea if n % 2 else japan) for n, d in enumerate(delegations)
    )
    Delegation.partners.through.objects.bulk_create(
        Delegation.partners.through(delegation=d, partner=partners[n % len(partners)])
        for n, d in enumerate(delegations)
    )
    FollowUpAction.objects.bulk_create(
        FollowUpAction(delegation=d, description=f"Việc bịa số {n}", due_on=datetime.date(2025, 12, 1))
        for n, d in enumerate(delegations)
    )
    agreements = Agreement.objects.bulk_create(
        Agreement(title_vi=f"Thỏa thuận bịa số {n}", kind=AgreementKind.MINUTES, signed_on=f"2025-{n % 12 + 1:02d}")
        for n in range(count // 10)
    )
    Agreement.partners.through.objects.bulk_create(
        Agreement.partners.through(agreement=a, partner=p) for a, p in zip(agreements, partners, strict=True)
    )
    Project.objects.bulk_create(
        Project(
            title_vi=f"Dự án bịa số {n}",
            kind=ProjectKind.FDI,
            status=ProjectStatus.COMPLETED,
            partner=partners[n],
            starts_on="2025-03",
            ends_on="2025-10",
            committed_amount=decimal.Decimal(1000 + n),
            committed_currency=("USD", "JPY", "VND")[n % 3],
        )
        for n in range(count // 10)
    )


def report_queries() -> int:
    with CaptureQueriesContext(connection) as queries:
        build_report(Period.year(2025), language="vi")
    return len(queries)


def test_the_report_reads_a_fixed_number_of_queries_whatever_the_rows(demo):
    invent_2025_records()
    few = report_queries()

    invent_many(500)
    many = report_queries()

    assert many == few


# --- the documents, read back ---------------------------------------------------------------------------------------


def docx_headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Heading")]


def docx_table_after(document, heading: str) -> list[list[str]]:
    """The cells of the table that follows the heading `heading` in the body, row by row."""
    body = list(document.element.body.iterchildren())
    paragraphs = {p._p: p for p in document.paragraphs}
    tables = {t._tbl: t for t in document.tables}
    start = next(i for i, el in enumerate(body) if el in paragraphs and paragraphs[el].text == heading)
    found = next(tables[el] for el in body[start + 1 :] if el in tables)
    return [[cell.text for cell in row.cells] for row in found.rows]


def docx_links(document) -> list[str]:
    return [rel.target_ref for rel in document.part.rels.values() if rel.reltype.endswith("/hyperlink")]


def assert_docx_holds_the_2025_facts(content: bytes) -> None:
    document = docx.Document(io.BytesIO(content))
    headings = docx_headings(document)
    assert ("Heading 1", "Đoàn ra, đoàn vào") in headings
    assert ("Heading 2", "Danh sách đoàn") in headings
    assert ("Heading 1", "Số liệu theo nguồn đã công bố") in headings
    assert [p.text for p in document.paragraphs if p.style.name == "Title"] == ["Báo cáo công tác đối ngoại"]
    delegations = docx_table_after(document, "Danh sách đoàn")
    assert delegations[0] == ["Đoàn", "Loại đoàn", "Thời gian", "Quốc gia", "Trưởng đoàn", "Kết quả"]
    assert [row[0] for row in delegations[1:]] == [PROMOTION, KIM_VISIT]
    assert delegations[2][4] == "Kim Seokki"
    countries = {row[1] for row in docx_table_after(document, "Đoàn theo quốc gia")[1:]}
    assert countries == {"KR", "CZ", "BE", "CH", "AU"}
    assert docx_table_after(document, "Thỏa thuận ký trong kỳ")[1][0] == CHUNGCHEONGNAM_AGREEMENT
    figures = docx_table_after(document, "Số liệu của kỳ")
    assert [row[1] for row in figures[1:]] == ["11 dự án", "hơn 39.000.000 USD (≈ 981.000.000.000 VND)"]
    money = docx_table_after(document, "Dự án bắt đầu trong kỳ: vốn theo loại tiền")
    assert [row[0] for row in money[1:]] == ["USD", "VND"]
    header, footer = document.sections[0].header, document.sections[0].footer
    assert header.paragraphs[0].text == "Sở Ngoại vụ thành phố Huế"
    assert " PAGE " in [code.text for code in footer._element.iter(qn("w:instrText"))]
    assert "http://testserver/dashboard/delegations/?starts_in=2025&sort=starts" in docx_links(document)


def pdf_text(content: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(content))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def assert_pdf_holds_the_2025_facts(content: bytes) -> None:
    text = pdf_text(content)
    for fact in [
        "Báo cáo công tác đối ngoại",
        "Sở Ngoại vụ thành phố Huế",
        "Trang 1 /",
        "Đoàn theo quốc gia",
        "Kim Seokki",
        "Chương trình quảng bá địa phương Việt Nam",
        "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam",
        "hơn 39.000.000 USD (≈ 981.000.000.000 VND)",
        "50.000.000.000 VND",
        "/dashboard/delegations/?starts_in=2025&sort=starts",
    ]:
        assert fact in text, fact


def test_the_docx_and_the_pdf_hold_the_same_facts(demo):
    invent_2025_records()
    data = build_report(Period.year(2025), language="vi", site_url="http://testserver/")

    assert_docx_holds_the_2025_facts(report_docx(data))
    assert_pdf_holds_the_2025_facts(report_pdf(data))


# --- the page: from the overview's link, through the form as rendered ------------------------------------------------

OVERVIEW = "/dashboard/"


def report_page(client):
    """The overview, then its link to the report, as a person clicks it."""
    url = link_by_text(client.get(OVERVIEW), "Báo cáo công tác đối ngoại", base=OVERVIEW)
    response = client.get(url)
    assert response.status_code == 200
    return url, response


def submitted(client, button: str, **typed: str):
    """The report form as rendered, with `typed` filled in and the button "Tải DOCX" or "Tải PDF" pressed."""
    url, page = report_page(client)
    data = {**page_form_data(page, press=("format", button), form_id="report-form"), **typed}
    return f"{url}?{urlencode(data)}"


def test_a_viewer_downloads_the_year_as_docx_and_as_pdf_from_the_overview(logged_in, demo):
    invent_2025_records()
    _url, page = report_page(logged_in)
    buttons = document(page).xpath("//form[@id='report-form']//button")
    assert [button.text_content().strip() for button in buttons] == ["Tải DOCX", "Tải PDF"]

    response = logged_in.get(submitted(logged_in, "docx", year="2025"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-doi-ngoai-2025.docx"'
    assert_docx_holds_the_2025_facts(response.content)

    response = logged_in.get(submitted(logged_in, "pdf", year="2025"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-doi-ngoai-2025.pdf"'
    assert_pdf_holds_the_2025_facts(response.content)


def test_a_half_year_and_a_from_to_period_name_their_files(logged_in, demo):
    response = logged_in.get(submitted(logged_in, "docx", year="2025", half="h2"))
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-doi-ngoai-2025-h2.docx"'
    titles = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs if p.style.name == "Subtitle"]
    assert titles == ["6 tháng cuối năm 2025"]

    response = logged_in.get(submitted(logged_in, "pdf", starts="01/03/2025", ends="15/08/2025"))
    assert response["Content-Disposition"] == 'attachment; filename="bao-cao-doi-ngoai-2025-03-01-2025-08-15.pdf"'
    assert "từ 01/03/2025 đến 15/08/2025" in pdf_text(response.content)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (
            {"starts": "30/09/2025", "ends": "01/03/2025"},
            "Kỳ báo cáo kết thúc (01/03/2025) trước khi bắt đầu (30/09/2025). Hãy đổi lại hai ngày.",
        ),
        ({"year": "1800"}, "Năm 1800 nằm ngoài phạm vi báo cáo: chọn một năm từ 1990 đến "),
        ({"year": "9999"}, "Năm 9999 nằm ngoài phạm vi báo cáo"),
        ({"year": "hai nghìn"}, "Năm phải là một số có bốn chữ số, ví dụ 2025."),
        ({"starts": "31/02/2025", "ends": "01/03/2025"}, "Ngày không hợp lệ. Nhập ngày đầy đủ dd/mm/yyyy"),
        ({"starts": "01/01/1899", "ends": "01/03/2025"}, "Năm 1899 nằm ngoài phạm vi báo cáo"),
        ({"starts": "01/03/2025"}, "Nhập cả “Từ ngày” và “Đến ngày”, hoặc để trống cả hai để chọn theo năm."),
        ({"year": ""}, "Chọn năm, hoặc nhập khoảng từ ngày – đến ngày."),
        ({"half": "quy-3"}, "Chọn cả năm, 6 tháng đầu năm hoặc 6 tháng cuối năm."),
    ],
)
def test_a_bad_period_gives_its_message_and_keeps_what_was_typed(logged_in, typed, message):
    response = logged_in.get(submitted(logged_in, "docx", **typed))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert message in " ".join(document(response).text_content().split())
    form = document(response).xpath("//form[@id='report-form']")[0]
    for name, value in typed.items():
        if name != "half":
            assert (form.inputs[name].value or "") == value, name


def test_a_reader_of_the_english_ui_gets_the_records_names_in_english(logged_in, demo, settings):
    url = submitted(logged_in, "docx", year="2025")
    logged_in.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    response = logged_in.get(url)

    cells = [
        cell.text
        for table in docx.Document(io.BytesIO(response.content)).tables
        for row in table.rows
        for cell in row.cells
    ]
    assert "City leaders' delegations to the Vietnam local promotion programme" in cells
    assert PROMOTION not in cells


def test_an_anonymous_visitor_is_sent_to_log_in(client, logged_in):
    url = submitted(logged_in, "pdf", year="2025")
    logged_in.logout()

    response = client.get(url)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_the_page_reads_as_many_queries_for_hundreds_of_delegations_as_for_two(logged_in, demo):
    invent_2025_records()
    url = submitted(logged_in, "docx", year="2025")
    few = count_queries(logged_in, url)

    invent_many(500)

    assert count_queries(logged_in, url) == few
