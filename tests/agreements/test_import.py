"""Importing agreements from the department's sheets: through the admin's pages, exactly as they render, and through
`manage.py import_records`. Partners, Huế units, signatories and fields are named in their cells, typed as people
type them."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from agreements.choices import AgreementKind, AgreementStatus
from agreements.models import Agreement, AgreementStatusChange
from foreignaffairs.imports.apply import apply_plan
from foreignaffairs.imports.kinds import all_kinds
from foreignaffairs.imports.preview import build_plan
from foreignaffairs.imports.workbook import read_table
from foreignaffairs.partial_dates import PartialDate
from partners.choices import PartnerKind
from partners.models import Country, HueUnit, Partner
from tests.foreignaffairs.imports.admin_pages import confirm, document, open_import_page, texts, upload, words
from tests.foreignaffairs.imports.sheets import with_cached_values, workbook

HEADERS = [
    "Ten tieng Viet",  # no diacritics
    "Reference number",  # English
    "Loai van ban",
    "Trạng thái",
    "Đối tác",
    "Don vi ky phia Hue",
    "Người ký",
    "Ngay ky",
    "Expiry date",
    "Không thời hạn",
    "Lĩnh vực hợp tác",
    "Đơn vị phụ trách",
    "English name",
    "Kinh phí (VNĐ)",  # no column of agreements: ignored, listed
    None,
]
CHUNGCHEONGNAM = "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam"
GYEONGJU = "Thỏa thuận hợp tác giữa thành phố Huế và thành phố Gyeongju"
FUKUI = "Thỏa thuận hợp tác giáo dục với tỉnh Fukui"


def messy_agreements_sheet() -> bytes:
    """Agreements as an officer's sheet has them: a new one with Excel date cells, two units and two fields typed
    without diacritics and an English title that is a formula; a new one known to the month with two partners; the
    demo's Chungcheongnam agreement typed without diacritics, moved into effect with a field added; then five rows
    refused: a partner two records answer to, a date that does not exist, an expiry before the signing, a status
    move the lifecycle forbids, an expiry known only to the month. Then empty rows."""
    blank = [None] * len(HEADERS)
    rows = [
        HEADERS,
        [
            FUKUI,
            "12/2026/TTHT-HUE",
            "Thỏa thuận hợp tác / Bản ghi nhớ (MOU)",
            "Đã ký",
            "Tinh Fukui",
            "So Ngoai vu thanh pho Hue; Uy ban nhan dan thanh pho Hue",
            "Nguyen Van Phuc",
            datetime.datetime(2026, 3, 15),
            datetime.datetime(2031, 3, 14),
            "Không",
            "Giao duc – dao tao; Y te",
            "Sở Ngoại vụ thành phố Huế",
            '="Education cooperation "&"with Fukui"',
            "61.600.000",
            None,
        ],
        [
            "Thỏa thuận hữu nghị với Busan",
            None,
            "friendship",
            "Signed",
            "Thanh pho Busan;\nQuan Dongnae",
            None,
            None,
            "08/2025",
            None,
            "x",
            None,
            None,
            None,
            None,
            None,
        ],
        [
            "Thoa thuan hop tac giua thanh pho Hue va tinh Chungcheongnam",
            None,
            "cooperation",
            "Đang có hiệu lực",
            "Tỉnh Chungcheongnam",
            None,
            None,
            "08/2025",
            None,
            "Không",
            "Van hoa – du lich",
            None,
            "Cooperation agreement between Huế City and Chungcheongnam Province",
            None,
            None,
        ],
        ["Thỏa thuận với Gimhae", None, "cooperation", "Đã ký", "Thanh pho Gimhae", *[None] * 10],
        ["Thỏa thuận ngày sai", None, "cooperation", "Đã ký", "Tỉnh Fukui", None, None, "31/02/2026", *[None] * 7],
        [
            "Thỏa thuận hết hạn trước khi ký",
            None,
            "cooperation",
            "Đã ký",
            "Tỉnh Fukui",
            None,
            None,
            "01/01/2026",
            datetime.datetime(2025, 12, 31),
            *[None] * 6,
        ],
        [GYEONGJU, None, "cooperation", "Đang soạn thảo", "Thành phố Gyeongju", *[None] * 10],
        ["Thỏa thuận hạn tháng", None, "cooperation", "Đã ký", "Tỉnh Fukui", None, None, "2024", "03/2030"]
        + [None] * 6,
        blank,
        blank,
    ]
    return with_cached_values(workbook(rows, title="Thỏa thuận"), {"M2": "Education cooperation with Fukui"})


@pytest.fixture
def namesakes(demo):
    """Two partners a name typed without diacritics fits equally well (invented for the test)."""
    korea = Country.objects.get(code="KR")
    for name in ("Thành phố Gimhae", "Thành Phố Gimhae"):
        Partner.objects.create(name_vi=name, kind=PartnerKind.CITY, country=korea)


def preview_of(client, data: bytes, name: str = "thoa-thuan.xlsx"):
    return upload(client, open_import_page(client, Agreement), name, data)


def test_it_previews_a_messy_sheet_and_writes_nothing_before_confirming(editor_client, namesakes):
    before = Agreement.objects.count()
    preview = preview_of(editor_client, messy_agreements_sheet())

    assert texts(preview, "import-counts") == ["Tạo mới: 2", "Cập nhật: 1", "Không đổi: 0", "Bị từ chối: 5"]
    assert "Kinh phí (VNĐ)" in document(preview).xpath("string(//*[@id='import-extra-columns'])")
    updated = words(preview, "import-updated")
    assert f"{CHUNGCHEONGNAM} Trạng thái Đã ký Đang có hiệu lực" in updated
    assert updated.endswith("Lĩnh vực hợp tác (trống) Văn hóa – du lịch")
    created = words(preview, "import-created")
    assert FUKUI in created and "Thỏa thuận hữu nghị với Busan" in created
    assert texts(preview, "import-refused") == [
        "Dòng 5, cột Đối tác: “Thanh pho Gimhae” khớp với nhiều đối tác: Thành Phố Gimhae (Hàn Quốc); "
        "Thành phố Gimhae (Hàn Quốc). Hãy ghi đúng tên của một trong số đó.",
        "Dòng 6, cột Ngay ky: “31/02/2026” không phải là ngày.",
        "Dòng 7, cột Expiry date: Ngày hết hiệu lực (31/12/2025) không thể trước ngày ký (01/01/2026).",
        "Dòng 8, cột Trạng thái: Không thể chuyển thỏa thuận từ “Đang rà soát” sang “Đang soạn thảo”. "
        "Từ “Đang rà soát” chỉ có thể chuyển sang: “Đang có hiệu lực”, “Đã gia hạn”, “Đã sửa đổi”, "
        "“Hết hiệu lực”, “Đã chấm dứt”.",
        "Dòng 9, cột Expiry date: “03/2030” chưa đủ ngày, tháng, năm (dd/mm/yyyy).",
    ]
    assert Agreement.objects.count() == before


def test_it_imports_on_confirm_with_links_audit_trail_and_status_timeline(editor_client, editor, namesakes):
    before = Agreement.objects.count()
    response = confirm(editor_client, preview_of(editor_client, messy_agreements_sheet()))

    assert response.status_code == 302
    assert Agreement.objects.count() == before + 2
    fukui = Agreement.objects.get(reference_number="12/2026/TTHT-HUE")
    assert (fukui.title_vi, fukui.title_en, fukui.kind, fukui.status) == (
        FUKUI,
        "Education cooperation with Fukui",
        AgreementKind.COOPERATION,
        AgreementStatus.SIGNED,
    )
    assert (fukui.signed_on, fukui.expires_on, fukui.open_ended) == (
        PartialDate(2026, 3, 15),
        datetime.date(2031, 3, 14),
        False,
    )
    assert [p.name_vi for p in fukui.partners.all()] == ["Tỉnh Fukui"]
    assert sorted(u.name_vi for u in fukui.hue_units.all()) == [
        "Sở Ngoại vụ thành phố Huế",
        "Ủy ban nhân dân thành phố Huế",
    ]
    assert [s.full_name for s in fukui.signatories.all()] == ["Nguyễn Văn Phúc"]
    assert sorted(f.name_vi for f in fukui.fields.all()) == ["Giáo dục – đào tạo", "Y tế"]
    assert fukui.responsible_unit.name_vi == "Sở Ngoại vụ thành phố Huế"
    assert fukui.next_review_on == PartialDate(2027, 3, 15)
    # Found by the names of what it links, as an admin save leaves it.
    assert "fukui" in fukui.related_search_text and "phuc" in fukui.related_search_text
    busan = Agreement.objects.get(title_vi="Thỏa thuận hữu nghị với Busan")
    assert (busan.signed_on, busan.open_ended) == (PartialDate(2025, 8), True)
    assert sorted(p.name_vi for p in busan.partners.all()) == ["Quận Dongnae", "Thành phố Busan"]
    chungcheongnam = Agreement.objects.get(title_vi=CHUNGCHEONGNAM)
    assert chungcheongnam.status == AgreementStatus.IN_EFFECT
    assert [f.name_vi for f in chungcheongnam.fields.all()] == ["Văn hóa – du lịch"]
    for agreement in (fukui, busan, chungcheongnam):
        last = agreement.history.latest("history_date")
        assert (last.history_user, last.history_change_reason) == (editor, "Nhập từ tệp thoa-thuan.xlsx")
    assert (fukui.created_by, chungcheongnam.updated_by) == (editor, editor)
    moves = AgreementStatusChange.objects.filter(agreement__in=[fukui, chungcheongnam]).order_by("agreement_id", "pk")
    assert [(m.agreement_id, m.from_status, m.to_status, m.changed_by) for m in moves if m.changed_by] == sorted(
        [
            (chungcheongnam.pk, "signed", "in_effect", editor),
            (fukui.pk, "", "signed", editor),
        ]
    )


def test_it_changes_nothing_when_the_same_file_is_imported_again(editor_client, namesakes):
    confirm(editor_client, preview_of(editor_client, messy_agreements_sheet()))
    history_rows, moves = Agreement.history.count(), AgreementStatusChange.objects.count()

    preview = preview_of(editor_client, messy_agreements_sheet())

    assert texts(preview, "import-counts") == ["Tạo mới: 0", "Cập nhật: 0", "Không đổi: 3", "Bị từ chối: 5"]
    assert not document(preview).xpath("//*[@id='import-confirm']")
    assert (Agreement.history.count(), AgreementStatusChange.objects.count()) == (history_rows, moves)


def test_a_reference_number_finds_the_agreement_whatever_its_title(editor_client, demo):
    rows = [
        ["Số hiệu", "Tên tiếng Việt", "Loại văn bản", "Đối tác", "Ngày ký"],
        ["01/TTHT", "Thỏa thuận với Fukui", "cooperation", "Tỉnh Fukui", "2020"],
    ]
    confirm(editor_client, preview_of(editor_client, workbook(rows)))
    rows[1][1] = "Thỏa thuận hợp tác với tỉnh Fukui"
    preview = preview_of(editor_client, workbook(rows))
    assert texts(preview, "import-counts") == ["Tạo mới: 0", "Cập nhật: 1", "Không đổi: 0", "Bị từ chối: 0"]
    assert "Tên tiếng Việt Thỏa thuận với Fukui Thỏa thuận hợp tác với tỉnh Fukui" in words(preview, "import-updated")


def test_it_refuses_an_agreement_without_partner_unless_marked_unknown(demo):
    rows = [
        ["Tên tiếng Việt", "Loại văn bản", "Đối tác", "Chưa rõ đối tác", "Ngày ký"],
        ["Thỏa thuận không đối tác", "cooperation", None, None, None],
        ["Thỏa thuận lịch sử", "minutes", "Chưa rõ", "Có", "1998"],
    ]
    plan = build_plan(all_kinds()["agreements"], read_table("x.xlsx", workbook(rows)), "x.xlsx")
    [refused] = plan.of("refused")
    assert refused.errors == [
        "Dòng 2, cột Đối tác: Chọn ít nhất một đối tác. Nếu nguồn không nêu tên đối tác, đánh dấu “chưa rõ đối tác”."
    ]
    assert [row.label for row in plan.of("create")] == ["Thỏa thuận lịch sử"]


def test_an_unknown_id_is_refused_not_created(demo):
    rows = [["ID", "Tên tiếng Việt", "Loại văn bản", "Đối tác"], [99999, "Thỏa thuận", "cooperation", "Tỉnh Fukui"]]
    plan = build_plan(all_kinds()["agreements"], read_table("x.xlsx", workbook(rows)), "x.xlsx")
    assert plan.of("refused")[0].errors == ["Dòng 2, cột ID: không có thỏa thuận nào mang mã 99999."]


def test_the_command_prints_the_preview_and_writes_with_dry_run_nothing(editor, namesakes, tmp_path):
    path = tmp_path / "thoa-thuan.xlsx"
    path.write_bytes(messy_agreements_sheet())
    before = Agreement.objects.count()

    out = io.StringIO()
    call_command("import_records", "agreements", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "2 tạo mới, 1 cập nhật, 0 không đổi, 5 bị từ chối" in out.getvalue()
    assert "Trạng thái: “Đã ký” → “Đang có hiệu lực”" in out.getvalue()
    assert "Dòng 6, cột Ngay ky: “31/02/2026” không phải là ngày." in out.getvalue()
    assert Agreement.objects.count() == before

    call_command(
        "import_records", "agreements", str(path), "--user", "editor", stdout=io.StringIO(), stderr=io.StringIO()
    )
    fukui = Agreement.objects.get(reference_number="12/2026/TTHT-HUE")
    assert fukui.history.get().history_user == editor
    assert fukui.partners.get().name_vi == "Tỉnh Fukui"

    out = io.StringIO()
    call_command("import_records", "agreements", str(path), stdout=out, stderr=io.StringIO())
    assert "0 tạo mới, 0 cập nhật, 3 không đổi" in out.getvalue()


def agreements_rows(count: int) -> list[list]:
    rows = [["Số hiệu", "Tên tiếng Việt", "Loại văn bản", "Trạng thái", "Đối tác", "Lĩnh vực", "Người ký", "Ngày ký"]]
    for n in range(count):
        partners = "Tinh Chungcheongnam; Thanh pho Busan" if n % 2 else "Tỉnh Fukui"
        rows.append(
            [
                f"{n}/TT",
                f"Thỏa thuận thử {n}",
                "cooperation",
                "Đã ký",
                partners,
                "Y te",
                "Kim Seokki",
                f"{n % 12 + 1:02d}/2020",
            ]
        )
    return rows


def test_a_preview_reads_the_records_once_whatever_the_rows(demo):
    kind = all_kinds()["agreements"]
    counts = []
    for size in (10, 200):
        table = read_table("x.xlsx", workbook(agreements_rows(size)))
        with CaptureQueriesContext(connection) as queries:
            plan = build_plan(kind, table, "x.xlsx")
        assert plan.counts["create"] == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_a_preview_of_stored_agreements_reads_them_once_whatever_the_rows(demo, editor):
    kind = all_kinds()["agreements"]
    apply_plan(build_plan(kind, read_table("x.xlsx", workbook(agreements_rows(200))), "x.xlsx"), editor)
    unit = HueUnit.objects.order_by("pk").first()
    Agreement.objects.filter(reference_number__endswith="/TT").update(responsible_unit=unit)
    counts = []
    for size in (10, 200):
        rows = agreements_rows(size)
        rows[0].append("Đơn vị phụ trách")
        for row in rows[1:]:
            row[1] += " (sửa)"
            row.append(unit.name)
        table = read_table("x.xlsx", workbook(rows))
        with CaptureQueriesContext(connection) as queries:
            plan = build_plan(kind, table, "x.xlsx")
        assert plan.counts["update"] == size
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_preview_page_makes_as_many_queries_for_200_rows_as_for_10(editor_client, demo):
    page = open_import_page(editor_client, Agreement)
    counts = []
    for size in (10, 200):
        with CaptureQueriesContext(connection) as queries:
            preview = upload(editor_client, page, "thoa-thuan.xlsx", workbook(agreements_rows(size)))
        assert texts(preview, "import-counts")[0] == f"Tạo mới: {size}"
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_template_names_the_columns_and_the_keys(editor_client, demo):
    import openpyxl

    page = open_import_page(editor_client, Agreement)
    [href] = document(page).xpath("//a[normalize-space()='Tải tệp mẫu (.xlsx)']/@href")
    book = openpyxl.load_workbook(io.BytesIO(editor_client.get(href).content))
    headers = [cell.value for cell in book.worksheets[0][1]]
    assert headers[:3] == ["Số hiệu", "Tên tiếng Việt", "Tên tiếng Anh"] and headers[-1] == "ID"
    guide = " ".join(str(cell.value) for row in book["Hướng dẫn"].iter_rows() for cell in row if cell.value)
    assert "ID; nếu trống thì Số hiệu; nếu trống thì Tên tiếng Việt, Ngày ký" in guide


def test_agreements_written_in_batches_are_as_their_own_save_leaves_them(editor, demo):
    """New agreements are written a batch at a time (bulk_create, their history, their links, one refresh of their
    related texts): saving each again afterwards changes none of what a save derives."""
    from foreignaffairs.imports.apply import apply_plan

    plan = build_plan(all_kinds()["agreements"], read_table("x.xlsx", workbook(agreements_rows(30))), "x.xlsx")
    apply_plan(plan, editor)

    derived = ("search_text", "related_search_text", "next_review_on", "next_review_deadline", "created_by_id")
    imported = Agreement.objects.filter(reference_number__endswith="/TT").order_by("pk")
    before = list(imported.values_list(*derived))
    assert len(before) == 30
    for agreement in imported:
        agreement.save()
    assert list(imported.values_list(*derived)) == before
    assert "busan" in before[1][1] and "kim seokki" in before[1][1]
    history = Agreement.history.filter(reference_number="1/TT", history_type="+").get()
    assert (history.history_user, history.history_change_reason) == (editor, "Nhập từ tệp x.xlsx")
    assert AgreementStatusChange.objects.filter(agreement__reference_number="1/TT", to_status="signed").exists()


def test_a_batch_writes_in_queries_per_batch_not_per_row(editor, demo):
    from foreignaffairs.imports.apply import apply_plan

    counts = []
    for size, prefix in ((10, "a"), (200, "b")):
        rows = agreements_rows(size)
        for row in rows[1:]:
            row[0] = prefix + row[0]
        plan = build_plan(all_kinds()["agreements"], read_table("x.xlsx", workbook(rows)), "x.xlsx")
        with CaptureQueriesContext(connection) as queries:
            apply_plan(plan, editor)
        counts.append(len(queries))
    if connection.vendor == "postgresql":
        assert counts[0] == counts[1]
    else:
        # SQLite caps the parameters of one statement, so Django splits a bulk insert of many wide rows.
        assert counts[1] < 200 / 5
