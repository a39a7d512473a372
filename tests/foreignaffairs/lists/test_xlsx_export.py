"""The lists as Excel workbooks: what a head of division opens in Excel is the list they filtered, typed as Excel
types it (dates as dates, money as numbers beside their currency), never running a formula someone typed into a
name, with a second sheet that says what was exported, filtered how, by whom and when.

Every workbook here is read back from the response's bytes with openpyxl, as Excel would open the file.
"""

import datetime
import decimal
import io
import json

import openpyxl
import pytest
from django.conf import settings

from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement, AgreementPartner
from foreignaffairs import clock
from partners.choices import PartnerKind
from partners.models import Country, Partner
from projects.choices import ProjectKind
from projects.models import Project
from tests.conftest import body, count_queries
from tests.foreignaffairs.lists.test_listing import EXPORT_QUERIES
from tests.pages import filter_form, link_by_text, submitted_query
from tests.projects.test_views import QUERIES as PROJECT_QUERIES
from tests.projects.test_views import add_projects
from tests.rows import build

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The CSV tests' would-be formulas, and an error value's name ("#N/A"), which openpyxl would also write as one.
HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "#N/A", "=1"]


def workbook_of(response) -> openpyxl.Workbook:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(body(response)))


def exported(client, list_url: str, **chosen: str) -> openpyxl.Workbook:
    """Open the list, choose `chosen` in its filter form, press "Lọc", and follow the page's Excel link."""
    page = client.get(list_url)
    if chosen:
        address = f"{list_url}?{submitted_query(filter_form(page), **chosen)}"
        page = client.get(address)
    else:
        address = list_url
    return workbook_of(client.get(link_by_text(page, "Excel (.xlsx)", base=address)))


def records(sheet) -> list[dict]:
    """Each row below the header as {heading: cell}."""
    rows = list(sheet.iter_rows())
    headings = [cell.value for cell in rows[0]]
    return [dict(zip(headings, row, strict=False)) for row in rows[1:]]


def about(workbook: openpyxl.Workbook) -> dict:
    """The second sheet as {label: value}."""
    return {label: value for label, value in workbook.worksheets[1].iter_rows(values_only=True) if label}


@pytest.fixture
def dated_agreements(db):
    """An agreement signed on a known day and one whose signing is known only to the month, both with Korea."""
    chungcheongnam = Partner.objects.create(
        kind=PartnerKind.PROVINCE, name_vi="Tỉnh Chungcheongnam", country=Country.objects.get(code="KR")
    )
    known_day = Agreement.objects.create(
        title_vi="Biên bản hợp tác du lịch",
        kind=AgreementKind.MINUTES,
        status=AgreementStatus.IN_EFFECT,
        signed_on="2026-02-14",
        expires_on=datetime.date(2031, 2, 13),
    )
    month_only = Agreement.objects.create(
        title_vi="Thỏa thuận hợp tác với Chungcheongnam",
        kind=AgreementKind.COOPERATION,
        status=AgreementStatus.SIGNED,
        signed_on="2025-08",
    )
    year_only = Agreement.objects.create(
        title_vi="Văn bản hợp tác giữa các cơ quan", kind=AgreementKind.COOPERATION, signed_on="2007"
    )
    for agreement in (known_day, month_only, year_only):
        AgreementPartner.objects.create(agreement=agreement, partner=chungcheongnam)
    return known_day, month_only, year_only


def test_it_types_a_known_day_as_a_date_and_a_month_as_text(logged_in, dated_agreements):
    workbook = exported(logged_in, "/dashboard/agreements/")
    by_title = {row["Tên thỏa thuận"].value: row for row in records(workbook.worksheets[0])}

    signed = by_title["Biên bản hợp tác du lịch"]["Ngày ký"]
    assert (signed.is_date, signed.value, signed.number_format) == (True, datetime.datetime(2026, 2, 14), "dd/mm/yyyy")
    expires = by_title["Biên bản hợp tác du lịch"]["Hết hiệu lực"]
    assert (expires.value, expires.number_format) == (datetime.datetime(2031, 2, 13), "dd/mm/yyyy")
    month = by_title["Thỏa thuận hợp tác với Chungcheongnam"]["Ngày ký"]
    # Known only to the month: the text staff write, never an invented 01/08/2025.
    assert (month.data_type, month.value) == ("s", "08/2025")
    assert by_title["Thỏa thuận hợp tác với Chungcheongnam"]["Hết hiệu lực"].value is None
    year = by_title["Văn bản hợp tác giữa các cơ quan"]["Ngày ký"]
    assert (year.data_type, year.value) == ("s", "2007")
    assert by_title["Biên bản hợp tác du lịch"]["Trạng thái"].value == "Đang có hiệu lực"


def test_it_writes_money_as_a_number_beside_its_currency(logged_in, demo):
    Project.objects.create(
        kind=ProjectKind.FDI,
        title_vi="Nhà máy may mặc",
        partner=Partner.objects.get(name_vi="Cơ quan Hợp tác Quốc tế Hàn Quốc"),
        committed_amount=decimal.Decimal("39000000"),
        committed_currency="USD",
        disbursed_amount=decimal.Decimal("981000000000.50"),
        disbursed_currency="VND",
    )
    workbook = exported(logged_in, "/dashboard/projects/", country="KR")
    headings = [cell.value for cell in next(workbook.worksheets[0].iter_rows())]
    assert headings[-6:] == [
        "Vốn cam kết / đăng ký",
        "Tiền tệ của vốn cam kết",
        "Vốn đã giải ngân",
        "Tiền tệ của vốn giải ngân",
        "Lĩnh vực",
        "ID",  # what an edited copy imported back finds each project by (projects.imports)
    ]
    [factory] = [row for row in records(workbook.worksheets[0]) if row["Tên dự án"].value == "Nhà máy may mặc"]
    committed, disbursed = factory["Vốn cam kết / đăng ký"], factory["Vốn đã giải ngân"]
    assert (committed.data_type, committed.value, committed.number_format) == ("n", 39000000, "#,##0")
    assert (disbursed.data_type, disbursed.value) == ("n", 981000000000.5)
    assert disbursed.number_format == "#,##0.00"
    assert (factory["Tiền tệ của vốn cam kết"].value, factory["Tiền tệ của vốn giải ngân"].value) == ("USD", "VND")
    # The CSV keeps the sum as reported, in one cell.
    csv_text = body(logged_in.get("/dashboard/projects/?country=KR&export=csv")).decode("utf-8-sig")
    assert "39.000.000 USD" in csv_text


def test_it_freezes_a_bold_header_with_a_filter_and_fits_the_widths(logged_in, dated_agreements):
    sheet = exported(logged_in, "/dashboard/agreements/").worksheets[0]
    assert sheet.title == "Thỏa thuận"
    assert sheet.freeze_panes == "A2"
    header = next(sheet.iter_rows())
    assert all(cell.font.bold for cell in header)
    assert not any(cell.font.bold for cell in next(sheet.iter_rows(min_row=2)))
    assert sheet.auto_filter.ref == f"A1:{header[-1].column_letter}4"
    widths = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in header}
    assert all(10 <= width <= 60 for width in widths.values()), widths
    # The longest title, 38 characters, and its two characters of margin; a date column as wide as its heading.
    assert widths["Tên thỏa thuận"] == len("Thỏa thuận hợp tác với Chungcheongnam") + 2
    assert widths["Ngày ký"] == 12


def test_it_records_the_filters_the_exporter_and_the_time(logged_in, demo, viewer):
    viewer.first_name, viewer.last_name = "Thị Lan", "Hồ"
    viewer.save()
    workbook = exported(logged_in, "/dashboard/agreements/", country="KR", status="under_review", q="hop tac")
    assert workbook.sheetnames == ["Thỏa thuận", "Bộ lọc"]
    shown = about(workbook)

    assert shown["Danh sách"] == "Thỏa thuận"
    assert shown["Người xuất"] == "Hồ Thị Lan (viewer)"
    assert shown["Số dòng"] == len(records(workbook.worksheets[0])) == 4
    assert shown["Tìm kiếm"] == "hop tac"
    assert shown["Quốc gia đối tác"] == "Hàn Quốc"
    assert shown["Trạng thái"] == "Đang rà soát"
    assert "Loại văn bản" not in shown  # left on "Tất cả": no filter
    assert shown["Địa chỉ trang"].startswith("http://testserver/dashboard/agreements/?")
    assert "export" not in shown["Địa chỉ trang"]
    moment = workbook.worksheets[1]
    [when] = [row[1] for row in moment.iter_rows() if row[0].value == "Thời điểm xuất"]
    assert when.number_format == "dd/mm/yyyy hh:mm"
    # Huế's wall clock, naive in the cell.
    hue_now = datetime.datetime.now(datetime.UTC) + datetime.timedelta(hours=7)
    assert abs(when.value - hue_now.replace(tzinfo=None)) < datetime.timedelta(minutes=2)


def test_it_names_a_partner_chosen_by_id_and_the_sort(logged_in, demo):
    partner = Partner.objects.get(name_vi="Tỉnh Chungcheongnam")
    response = logged_in.get(f"/dashboard/agreements/?partner={partner.pk}&sort=-signed&export=xlsx")
    shown = about(workbook_of(response))
    assert shown["Đối tác"] == "Tỉnh Chungcheongnam"
    assert shown["Sắp xếp"] == "Ngày ký (giảm dần)"


def test_it_says_when_nothing_was_filtered(logged_in, demo):
    shown = about(exported(logged_in, "/dashboard/partners/"))
    assert shown["Không có"] == "toàn bộ danh sách"
    assert shown["Số dòng"] == Partner.objects.count()


@pytest.fixture
def hostile_partners(db):
    korea = Country.objects.get(code="KR")
    for name in [*HOSTILE, "Thành phố Gyeongju", "Quận 1 - Busan", "Tên có ký tự\x01điều khiển"]:
        Partner.objects.create(kind=PartnerKind.CITY, name_vi=name, country=korea)


def test_it_writes_a_would_be_formula_as_the_text_it_is(logged_in, hostile_partners):
    sheet = exported(logged_in, "/dashboard/partners/").worksheets[0]
    names = [row["Tên đối tác"] for row in records(sheet)]
    # Read back: text cells holding exactly the name, none a formula or an error value.
    assert {cell.data_type for cell in names} == {"s"}
    assert sorted(cell.value for cell in names) == sorted(
        [*HOSTILE, "Thành phố Gyeongju", "Quận 1 - Busan", "Tên có ký tự\ufffdđiều khiển"]
    )
    # Marked as Excel marks a cell typed with a leading apostrophe, so that it stays text when edited.
    prefixed = {cell.value for cell in names if cell.quotePrefix}
    assert prefixed == {name for name in HOSTILE if name != "#N/A"}
    assert not [cell for row in sheet.iter_rows() for cell in row if cell.data_type in ("f", "e")]


def test_it_writes_search_words_that_look_like_a_formula_as_text(logged_in, hostile_partners):
    workbook = exported(logged_in, "/dashboard/partners/", q='=HYPERLINK("http://x","y")')
    [searched] = [row[1] for row in workbook.worksheets[1].iter_rows() if row[0].value == "Tìm kiếm"]
    assert (searched.data_type, searched.value) == ("s", '=HYPERLINK("http://x","y")')
    assert [row["Tên đối tác"].value for row in records(workbook.worksheets[0])] == ['=HYPERLINK("http://x","y")']


def test_it_exports_every_page_in_the_list_order(logged_in):
    build(55)
    page = logged_in.get("/dashboard/agreements/?sort=-title")
    workbook = workbook_of(logged_in.get(link_by_text(page, "Excel (.xlsx)", base="/dashboard/agreements/")))
    titles = [row["Tên thỏa thuận"].value for row in records(workbook.worksheets[0])]
    assert titles == list(Agreement.objects.order_by("-title_vi", "pk").values_list("title_vi", flat=True))
    assert len(titles) == 55
    assert about(workbook)["Số dòng"] == 55


def test_it_refuses_to_export_with_bad_filters(logged_in, demo):
    response = logged_in.get("/dashboard/agreements/?signed_after=31/02/2025&expires_within=-1&export=xlsx")
    assert response.status_code == 400
    assert set(json.loads(response.content)["errors"]) == {"signed_after", "expires_within"}


# An xlsx export makes the CSV's queries: the rows with what is selected alongside, one per prefetched relation.
# It counts nothing (the number of rows is counted while writing them) and draws no form.
XLSX_QUERIES = {url: counts["csv"] for url, counts in EXPORT_QUERIES.items()}


@pytest.mark.parametrize("url", XLSX_QUERIES)
def test_it_exports_in_a_fixed_number_of_queries(logged_in, url):
    build(2)
    few = count_queries(logged_in, f"{url}?export=xlsx")
    build(12)
    many = count_queries(logged_in, f"{url}?export=xlsx")
    assert (few, many) == (XLSX_QUERIES[url], XLSX_QUERIES[url])


def test_it_exports_projects_in_a_fixed_number_of_queries(logged_in):
    koica = Partner.objects.create(
        kind=PartnerKind.GOVERNMENT_AGENCY, name_vi="KOICA", country=Country.objects.get(code="KR")
    )
    expected = PROJECT_QUERIES["/dashboard/projects/?export=csv"]
    add_projects(2, koica)
    few = count_queries(logged_in, "/dashboard/projects/?export=xlsx")
    add_projects(12, koica)
    assert (few, count_queries(logged_in, "/dashboard/projects/?export=xlsx")) == (expected, expected)


def test_it_adds_one_query_per_record_chosen_in_a_filter(logged_in):
    field = build(3)["agreements"][0].fields.get().code
    plain = count_queries(logged_in, "/dashboard/agreements/?export=xlsx")
    # The field's name for the filter sheet, as the form's select shows it.
    assert count_queries(logged_in, f"/dashboard/agreements/?field={field}&export=xlsx") == plain + 1


@pytest.fixture
def english(client, viewer):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(viewer)
    return client


def test_it_writes_headings_and_sheet_names_in_english(english, dated_agreements):
    workbook = workbook_of(english.get("/dashboard/agreements/?export=xlsx"))
    assert workbook.sheetnames == ["Agreements", "Filters"]
    header = [cell.value for cell in next(workbook.worksheets[0].iter_rows())]
    assert header[:2] == ["Agreement title", "Reference number"]
    assert "Signing date" in header
    # Known only to the month, in any language.
    assert "08/2025" in [cell.value for row in workbook.worksheets[0].iter_rows() for cell in row]


def test_it_labels_the_filter_sheet_in_english(english, dated_agreements):
    shown = about(workbook_of(english.get("/dashboard/agreements/?country=KR&export=xlsx")))
    assert {"List", "Exported by", "Exported at", "Rows"} <= set(shown)


def test_it_sends_a_named_file_of_known_length(logged_in, dated_agreements):
    response = logged_in.get("/dashboard/agreements/?status=in_effect&export=xlsx")
    content = body(response)
    assert response["Content-Disposition"] == f'attachment; filename="thoa-thuan-{clock.today().isoformat()}.xlsx"'
    assert int(response["Content-Length"]) == len(content)
    assert content.startswith(b"PK")  # a zip, as every .xlsx is
