"""Importing partners and people from the department's sheets: through the admin's pages, exactly as they render,
and through `manage.py import_records`."""

import datetime
import io
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foreignaffairs.imports.kinds import all_kinds
from foreignaffairs.imports.preview import build_plan
from foreignaffairs.imports.workbook import read_table
from foreignaffairs.partial_dates import PartialDate
from partners.choices import PartnerKind, RelationshipStatus
from partners.models import Country, Partner, Person
from tests.conftest import admin_url
from tests.foreignaffairs.imports.admin_pages import (
    confirm,
    document,
    import_through_admin,
    open_import_page,
    texts,
    upload,
    words,
)
from tests.foreignaffairs.imports.sheets import with_cached_values, with_part, workbook
from tests.forms import officer

HEADERS = [
    "Ten tieng Viet",  # no diacritics
    "Partner type",  # English
    "QUỐC GIA",
    "thuộc",
    "English name",
    "Quan he tu",
    "Tình trạng quan hệ",
    "Kinh phí (VNĐ)",  # no column of partners: ignored, listed
    None,
]
KOREAN_CITIES = ["Jeonju", "Gangneung", "Andong", "Pohang", "Daegu", "Incheon", "Ulsan", "Gwangju"]


def messy_partners_sheet() -> bytes:
    """Partners as an officer's sheet has them: the first row an existing partner typed without diacritics, a new city
    inside it whose English name is a formula, a district inside that new city, a parent that two partners answer
    to, eight more cities, and on row 14 a date that does not exist; then empty rows."""
    rows = [
        HEADERS,
        [
            "Tinh Chungcheongnam",
            "province",
            "Han Quoc",
            None,
            "Chungcheongnam Province",
            "08/2025",
            "Đang rà soát",
            "61.600.000",
            None,
        ],
        [
            "Thành phố Asan",
            "Thành phố",
            "Hàn Quốc",
            "Tinh Chungcheongnam",
            '="Asan"&" City"',
            datetime.datetime(2024, 3, 15),
            "Đề xuất",
            "1.234,5",
            None,
        ],
        ["Quận Onyang", "district", "South Korea", "Thanh pho Asan", "Onyang District", 2019, None, None, None],
        ["Thành phố Suwon", "city", "KR", "Thanh pho Gimhae", None, None, None, None, None],
        *[
            [f"Thành phố {city}", "city", "Hàn Quốc", None, city, "03/2024", "Đề xuất", None, None]
            for city in KOREAN_CITIES
        ],
        ["Thành phố Chuncheon", "city", "Hàn Quốc", None, "Chuncheon", "31/02/2026", None, None, None],
        [None] * 9,
        [None] * 9,
    ]
    return with_cached_values(workbook(rows), {"E3": "Asan City"})


@pytest.fixture
def namesakes(demo):
    """Two partners a name typed without diacritics fits equally well (invented for the test)."""
    korea = Country.objects.get(code="KR")
    for name in ("Thành phố Gimhae", "Thành Phố Gimhae"):
        Partner.objects.create(name_vi=name, kind=PartnerKind.CITY, country=korea)


def test_it_previews_a_messy_sheet_and_writes_nothing_before_confirming(editor_client, namesakes):
    before = Partner.objects.count()
    preview = upload(editor_client, open_import_page(editor_client, Partner), "doi-tac.xlsx", messy_partners_sheet())

    assert texts(preview, "import-counts") == ["Tạo mới: 10", "Cập nhật: 1", "Không đổi: 0", "Bị từ chối: 2"]
    assert "Kinh phí (VNĐ)" in document(preview).xpath("string(//*[@id='import-extra-columns'])")
    updated_text = words(preview, "import-updated")
    assert "Tỉnh Chungcheongnam Tình trạng quan hệ Đang hoạt động Đang rà soát" in updated_text
    created_text = words(preview, "import-created")
    assert "3 Thành phố Asan" in created_text and "4 Quận Onyang" in created_text
    refused = texts(preview, "import-refused")
    assert refused[0].startswith(
        "Dòng 5, cột thuộc: “Thanh pho Gimhae” khớp với nhiều đối tác: Thành Phố Gimhae (Hàn Quốc); "
        "Thành phố Gimhae (Hàn Quốc)."
    )
    assert refused[1] == "Dòng 14, cột Quan he tu: “31/02/2026” không phải là ngày."
    assert Partner.objects.count() == before


def test_it_imports_on_confirm_with_the_user_and_the_file_in_the_audit_trail(
    editor_client, editor, namesakes, settings
):
    before = Partner.objects.count()
    response = import_through_admin(editor_client, messy_partners_sheet())

    assert response.status_code == 302
    assert Partner.objects.count() == before + 10
    asan = Partner.objects.get(name_vi="Thành phố Asan")
    chungcheongnam = Partner.objects.get(name_vi="Tỉnh Chungcheongnam")
    assert (asan.parent, asan.name_en, asan.relationship_since) == (
        chungcheongnam,
        "Asan City",
        PartialDate(2024, 3, 15),
    )
    onyang = Partner.objects.get(name_vi="Quận Onyang")
    assert (onyang.parent, onyang.relationship_since, onyang.country.code) == (asan, PartialDate(2019), "KR")
    assert Partner.objects.get(name_vi="Thành phố Jeonju").relationship_since == PartialDate(2024, 3)
    assert chungcheongnam.relationship_status == RelationshipStatus.UNDER_REVIEW
    assert not Partner.objects.filter(name_vi__in=["Thành phố Suwon", "Thành phố Chuncheon"]).exists()
    assert not any(Path(settings.IMPORT_UPLOAD_DIR).iterdir())  # the kept upload is gone once imported
    for partner in (asan, onyang, chungcheongnam):
        last = partner.history.latest("history_date")
        assert (last.history_user, last.history_change_reason) == (editor, "Nhập từ tệp doi-tac.xlsx")
    assert (asan.created_by, chungcheongnam.updated_by) == (editor, editor)
    assert chungcheongnam.history.latest("history_date").history_type == "~"


def test_a_second_confirmation_of_the_same_preview_writes_nothing_more(editor_client, namesakes):
    # A double click on "Xác nhận nhập", or the preview confirmed again from a second tab.
    preview = upload(editor_client, open_import_page(editor_client, Partner), "doi-tac.xlsx", messy_partners_sheet())
    before = Partner.objects.count()
    assert confirm(editor_client, preview).status_code == 302
    again = confirm(editor_client, preview)
    assert again.status_code == 302 and again["Location"].endswith("/import/")
    said = [str(message) for message in get_messages(again.wsgi_request)]
    assert said[-1] == "Không còn tệp đã xem trước (quá một ngày hoặc đã nhập). Hãy tải tệp lên lại."
    assert Partner.objects.count() == before + 10


def test_it_changes_nothing_when_the_same_file_is_imported_again(editor_client, namesakes):
    import_through_admin(editor_client, messy_partners_sheet())
    history_rows = Partner.history.count()

    preview = upload(editor_client, open_import_page(editor_client, Partner), "doi-tac.xlsx", messy_partners_sheet())

    assert texts(preview, "import-counts") == ["Tạo mới: 0", "Cập nhật: 0", "Không đổi: 11", "Bị từ chối: 2"]
    assert not document(preview).xpath("//*[@id='import-confirm']")
    assert Partner.history.count() == history_rows


def test_it_updates_only_the_cells_edited_in_a_copy(editor_client, namesakes, tmp_path):
    import_through_admin(editor_client, messy_partners_sheet())
    edited = read_back(messy_partners_sheet())
    edited[2][4] = "Asan Special City"  # Thành phố Asan's English name
    edited[3][5] = "05/2019"  # Quận Onyang: known to the month now
    history_rows = Partner.history.count()

    preview = upload(editor_client, open_import_page(editor_client, Partner), "doi-tac (sửa).xlsx", workbook(edited))

    assert texts(preview, "import-counts") == ["Tạo mới: 0", "Cập nhật: 2", "Không đổi: 9", "Bị từ chối: 2"]
    updated_text = words(preview, "import-updated")
    assert "Thành phố Asan English name Asan City Asan Special City" in updated_text
    assert "Quận Onyang Quan he tu 2019 05/2019" in updated_text
    confirm(editor_client, preview)
    assert Partner.history.count() == history_rows + 2
    assert Partner.objects.get(name_vi="Thành phố Asan").name_en == "Asan Special City"
    assert Partner.history.latest("history_date").history_change_reason == "Nhập từ tệp doi-tac (sửa).xlsx"


def read_back(data: bytes) -> list[list]:
    """The sheet's rows as a person reopening the file sees them (the formula's value, not the formula)."""
    table = read_table("x.xlsx", data)
    return [table.headers, *[cells for _number, cells in table.rows]]


def test_it_shows_a_new_preview_when_a_record_changed_since(editor_client, namesakes):
    preview = upload(editor_client, open_import_page(editor_client, Partner), "doi-tac.xlsx", messy_partners_sheet())
    chungcheongnam = Partner.objects.get(name_vi="Tỉnh Chungcheongnam")
    chungcheongnam.relationship_status = RelationshipStatus.DORMANT
    chungcheongnam.save()
    before = Partner.objects.count()

    again = confirm(editor_client, preview)

    assert again.status_code == 200
    assert "Dữ liệu đã thay đổi từ lúc xem trước" in again.content.decode()
    assert "Tạm ngưng" in document(again).xpath("string(//*[@id='import-updated'])")
    assert Partner.objects.count() == before
    confirm(editor_client, again)
    assert Partner.objects.count() == before + 10


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("doi-tac.xlsm", workbook([["Tên tiếng Việt"], ["Thành phố Daegu"]]), "không có macro"),
        (
            "doi-tac.xlsx",
            with_part(workbook([["Tên tiếng Việt"], ["Thành phố Daegu"]]), "xl/vbaProject.bin", b"\0"),
            "chứa macro",
        ),
        ("doi-tac.xlsx", b"PK\x03\x04 not really", "không phải bảng tính Excel"),
        ("doi-tac.csv", b"\xff\xfeT\x00e\x00n\x00", "UTF-8"),
        ("doi-tac.xlsx", workbook([["Số hiệu", "Ngày ký"], ["12/TTHT", "14/08/2025"]]), "không có cột nào của đối tác"),
        (
            "doi-tac.xlsx",
            workbook([["Tên tiếng Việt", "Quốc gia"], ["Thành phố Daegu", "Hàn Quốc"]]),
            "thiếu cột Loại đối tác",
        ),
    ],
)
def test_it_refuses_a_file_saying_why_and_keeps_nothing(editor_client, demo, settings, name, data, says):
    before = Partner.objects.count()
    page = upload(editor_client, open_import_page(editor_client, Partner), name, data)
    assert page.status_code == 200
    [error] = [" ".join(li.text_content().split()) for li in document(page).xpath("//ul[@class='errorlist']/li")]
    assert says in error and name in error
    assert Partner.objects.count() == before
    assert not any(Path(settings.IMPORT_UPLOAD_DIR).glob("*"))


def test_it_refuses_a_file_over_the_size_limit_before_reading_it(editor_client, demo):
    big = workbook([["Tên tiếng Việt"], ["Thành phố Daegu"]]) + b"\0" * (10 * 1024 * 1024)
    page = upload(editor_client, open_import_page(editor_client, Partner), "lon.xlsx", big)
    assert "quá giới hạn 10 MB" in page.content.decode()


def test_it_is_for_editors_not_readers(client, demo):
    reader = officer("reader", "viewer")  # staff, may view partners, may not add them
    client.force_login(reader)
    listing = client.get(admin_url(Partner, "changelist"))
    assert listing.status_code == 200
    assert not document(listing).xpath("//a[normalize-space()='Nhập từ Excel']")
    assert client.get(reverse("admin:partners_partner_import")).status_code == 403
    assert client.get(reverse("admin:partners_partner_import_template")).status_code == 403


def test_the_template_names_the_columns_the_key_and_the_allowed_values(editor_client, demo):
    import openpyxl

    page = open_import_page(editor_client, Partner)
    [href] = document(page).xpath("//a[normalize-space()='Tải tệp mẫu (.xlsx)']/@href")
    response = editor_client.get(href)
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    data, lists, guide = book.worksheets
    assert [cell.value for cell in data[1]][:6] == [
        "Tên tiếng Việt",
        "Tên tiếng Anh",
        "Tên bản ngữ",
        "Tên viết tắt",
        "Loại đối tác",
        "Quốc gia",
    ]
    assert lists.title == "Danh mục" and guide.title == "Hướng dẫn"
    columns = {column[0].value: [cell.value for cell in column[1:] if cell.value] for column in lists.iter_cols()}
    assert "Thành phố" in columns["Loại đối tác"] and "Hàn Quốc" in columns["Quốc gia"]
    assert "Đang rà soát" in columns["Tình trạng quan hệ"]
    validated = {str(validation.sqref).split(":")[0] for validation in data.data_validations.dataValidation}
    assert validated == {"E2", "F2", "H2", "I2"}  # kind, country, relationship type and status
    guide_text = " ".join(str(cell.value) for row in guide.iter_rows() for cell in row if cell.value)
    assert "Tên tiếng Việt, Quốc gia, Loại đối tác" in guide_text and "mm/yyyy" in guide_text

    # Filled in as it comes, it imports.
    data.append(["Thành phố Jeonju", "Jeonju", None, None, "Thành phố", "Hàn Quốc"])
    buffer = io.BytesIO()
    book.save(buffer)
    import_through_admin(editor_client, buffer.getvalue(), "mau.xlsx")
    assert Partner.objects.filter(name_vi="Thành phố Jeonju", country__code="KR", kind="city").exists()


def test_our_own_csv_export_imports_back_unchanged(editor_client, demo, viewer):
    reader = Client()
    reader.force_login(viewer)
    listing = reader.get(reverse("dashboard:partner-list"))
    [href] = document(listing).xpath("//a[normalize-space()='CSV (Excel)']/@href")
    exported = b"".join(reader.get(urljoin(listing.request["PATH_INFO"], href)).streaming_content)
    assert exported.startswith(b"\xef\xbb\xbf")

    preview = upload(editor_client, open_import_page(editor_client, Partner), "doi-tac.csv", exported)

    count = Partner.objects.count()
    assert texts(preview, "import-counts") == ["Tạo mới: 0", "Cập nhật: 0", f"Không đổi: {count}", "Bị từ chối: 0"]
    # Only what is no field of a partner is left aside: the country's and the parent's names are read, the
    # fields of cooperation too.
    assert "Lĩnh vực" not in document(preview).xpath("string(//*[@id='import-extra-columns'])")


def people_sheet() -> bytes:
    return workbook(
        [
            ["Ho va ten", "Chức vụ", "Doi tac", "Quoc gia", "Email", "Ghi chú riêng"],
            ["Kim Min-su", "Trưởng phòng Hợp tác quốc tế", "Tinh Chungcheongnam", "Han Quoc", "minsu@example.org", "x"],
            ["Park Ji-woo", "Điều phối viên", "koica", "Hàn Quốc", None, None],
            ["Lee Seo-yeon", "Chuyên viên", "Thanh pho Gimhae", "Hàn Quốc", None, None],
            ["Tanaka Yui", "Chuyên viên", "Tinh Fukui", "Nhật Bản", "khong-phai-email", None],
        ],
        title="Nhân sự",
    )


def test_it_imports_a_partners_contacts(editor_client, editor, namesakes):
    preview = upload(editor_client, open_import_page(editor_client, Person), "lien-he.xlsx", people_sheet())
    assert texts(preview, "import-counts") == ["Tạo mới: 2", "Cập nhật: 0", "Không đổi: 0", "Bị từ chối: 2"]
    refused = texts(preview, "import-refused")
    assert refused[0].startswith("Dòng 4, cột Doi tac: “Thanh pho Gimhae” khớp với nhiều đối tác")
    assert refused[1] == "Dòng 5, cột Email: Nhập địa chỉ thư điện tử hợp lệ."
    confirm(editor_client, preview)
    kim = Person.objects.get(full_name="Kim Min-su")
    assert (kim.partner.name_vi, kim.country.code, kim.email) == ("Tỉnh Chungcheongnam", "KR", "minsu@example.org")
    assert Person.objects.get(full_name="Park Ji-woo").partner.abbreviation == "KOICA"
    assert kim.history.latest("history_date").history_user == editor

    again = upload(editor_client, open_import_page(editor_client, Person), "lien-he.xlsx", people_sheet())
    assert texts(again, "import-counts") == ["Tạo mới: 0", "Cập nhật: 0", "Không đổi: 2", "Bị từ chối: 2"]


def test_the_command_prints_the_preview_and_writes_with_dry_run_nothing(editor, namesakes, tmp_path):
    path = tmp_path / "doi-tac.xlsx"
    path.write_bytes(messy_partners_sheet())
    before = Partner.objects.count()
    out = io.StringIO()
    call_command("import_records", "partners", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    printed = out.getvalue()
    assert "Tệp doi-tac.xlsx: 10 tạo mới, 1 cập nhật, 0 không đổi, 2 bị từ chối." in printed
    assert "Tình trạng quan hệ: “Đang hoạt động” → “Đang rà soát”" in printed
    assert "Dòng 14, cột Quan he tu: “31/02/2026” không phải là ngày." in printed
    assert "Chưa ghi gì (--dry-run)." in printed
    assert Partner.objects.count() == before

    out = io.StringIO()
    call_command("import_records", "partners", str(path), "--user", "editor", stdout=out, stderr=io.StringIO())
    assert "Đã nhập: 10 tạo mới, 1 cập nhật." in out.getvalue()
    asan = Partner.objects.get(name_vi="Thành phố Asan")
    assert asan.history.get().history_user == editor
    assert asan.history.get().history_change_reason == "Nhập từ tệp doi-tac.xlsx"

    out = io.StringIO()
    call_command("import_records", "partners", str(path), stdout=out, stderr=io.StringIO())
    assert "0 tạo mới, 0 cập nhật, 11 không đổi" in out.getvalue()


def partners_rows(count: int) -> list[list]:
    rows = [["Tên tiếng Việt", "Loại đối tác", "Quốc gia", "Thuộc", "Quan hệ từ"]]
    for n in range(count):
        parent = "Tinh Chungcheongnam" if n % 2 else "Thành phố Busan"
        rows.append([f"Đối tác thử {n}", "district", "Hàn Quốc", parent, f"{n % 12 + 1:02d}/2020"])
    return rows


def test_a_preview_reads_the_records_once_whatever_the_rows(demo):
    kind = all_kinds()["partners"]
    counts = []
    for size in (10, 200):
        table = read_table("x.xlsx", workbook(partners_rows(size)))
        with CaptureQueriesContext(connection) as queries:
            plan = build_plan(kind, table, "x.xlsx")
        assert plan.counts["create"] == size
        counts.append(len(queries))
    # The partners (with their countries) and the countries, each read once.
    assert counts == [2, 2]


def test_it_refuses_two_rows_about_one_partner(demo):
    rows = partners_rows(1) + [["Doi tac thu 0", "district", "KR", "Thành phố Busan", None]]
    plan = build_plan(all_kinds()["partners"], read_table("x.xlsx", workbook(rows)), "x.xlsx")
    [refused] = plan.of("refused")
    assert refused.errors == ["Dòng 3: trùng với dòng 2 (cùng Tên tiếng Việt, Quốc gia, Loại đối tác)."]


def test_it_refuses_what_the_admin_refuses(demo):
    rows = [
        ["Tên tiếng Việt", "Loại đối tác", "Quốc gia", "Thuộc"],
        ["Thành phố Kyoto", "city", "Nhật Bản", "Thành phố Busan"],  # a Japanese city inside a Korean one
        ["Thành phố Busan", "district", "Hàn Quốc", None],  # the name is taken in Korea, by a city
        ["Thành phố Hà Lan", "city", None, None],
    ]
    plan = build_plan(all_kinds()["partners"], read_table("x.xlsx", workbook(rows)), "x.xlsx")
    errors = [error for row in plan.of("refused") for error in row.errors]
    assert errors[0] == "Dòng 2, cột Thuộc: “Thành phố Busan” thuộc Hàn Quốc, còn đối tác này thuộc Nhật Bản."
    assert errors[1] == "Dòng 3: Đã có đối tác cùng tên tiếng Việt ở quốc gia này."
    assert re.match(r"Dòng 4, cột Quốc gia: ô này không được để trống\.", errors[2])


def test_the_preview_page_makes_as_many_queries_for_200_rows_as_for_10(editor_client, demo):
    page = open_import_page(editor_client, Partner)
    counts = []
    for size in (10, 200):
        with CaptureQueriesContext(connection) as queries:
            preview = upload(editor_client, page, "doi-tac.xlsx", workbook(partners_rows(size)))
        assert texts(preview, "import-counts")[0] == f"Tạo mới: {size}"
        counts.append(len(queries))
    assert counts[0] == counts[1]
