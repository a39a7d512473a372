"""Importing projects from the department's sheets: through the admin's pages, exactly as they render, and through
`manage.py import_records`. Money comes as staff type it (Vietnamese separators, number cells) with its currency in
the next column, and is kept exactly so: never converted, never added across currencies."""

import decimal
import io

from django.core.management import call_command

from foreignaffairs.partial_dates import PartialDate
from projects.choices import ProjectKind, ProjectStatus
from projects.models import Project
from tests.foreignaffairs.imports.admin_pages import confirm, open_import_page, texts, upload, words
from tests.foreignaffairs.imports.sheets import workbook

PEACE_VILLAGE = "Làng hòa bình Việt Nam - Hàn Quốc"
GARMENT_FACTORY = "Nhà máy may mặc"  # invented for the test, as the amounts below
HEADERS = [
    "Tên dự án",  # the list export's heading
    "Loai du an",  # no diacritics
    "Trạng thái",
    "Nha tai tro / nha dau tu",
    "Kênh tài trợ",
    "Bat dau",
    "Vốn cam kết / đăng ký",
    "Tiền tệ của vốn cam kết",
    "Von da giai ngan",
    "Tien te cua von giai ngan",
    "Tỷ giá",  # no column of projects: ignored, listed
]


def messy_projects_sheet() -> bytes:
    """Projects as an officer's sheet has them: the demo's peace village typed without diacritics, its committed
    amount filled in with Vietnamese separators and a lower-case currency; a new FDI project whose amounts are a
    number cell in dollars and a text in dong; then four rows refused: an amount without its currency, a currency
    that is no ISO code, more disbursed than committed in one currency, an amount in words."""
    return workbook(
        [
            HEADERS,
            [
                "Lang hoa binh Viet Nam - Han Quoc",
                "ODA không hoàn lại",
                None,
                "Co quan Hop tac Quoc te Han Quoc",
                "KOICA",
                None,
                "1.234.567",
                "usd",
                None,
                None,
                25000,
            ],
            [GARMENT_FACTORY, "FDI", "Đang triển khai", None, None, "2026", 39000000, "USD", "981.000.000.000", "VND"],
            ["Dự án thử 1", "fdi", None, None, None, None, "2.000.000", None, None, None],
            ["Dự án thử 2", "fdi", None, None, None, None, "2.000.000", "Đô la", None, None],
            ["Dự án thử 3", "fdi", None, None, None, None, "2.000.000", "USD", "3.000.000", "USD"],
            ["Dự án thử 4", "fdi", None, None, None, None, "ba triệu", "USD", None, None],
            [None] * len(HEADERS),
        ]
    )


def preview_of(client, data: bytes, name: str = "du-an.xlsx"):
    return upload(client, open_import_page(client, Project), name, data)


def test_it_previews_a_messy_sheet_and_writes_nothing_before_confirming(editor_client, demo):
    before = Project.objects.count()
    preview = preview_of(editor_client, messy_projects_sheet())

    assert texts(preview, "import-counts") == ["Tạo mới: 1", "Cập nhật: 1", "Không đổi: 0", "Bị từ chối: 4"]
    assert "Tỷ giá" in words(preview, "import-extra-columns")
    updated = words(preview, "import-updated")
    assert f"{PEACE_VILLAGE} Vốn cam kết / đăng ký (trống) 1.234.567" in updated
    assert "Tiền tệ của vốn cam kết (trống) USD" in updated
    assert texts(preview, "import-refused") == [
        "Dòng 4, cột Tiền tệ của vốn cam kết: Nhập mã tiền tệ cho vốn cam kết / đăng ký, đúng như nguồn nêu.",
        "Dòng 5, cột Tiền tệ của vốn cam kết: “ĐÔ LA” không phải mã tiền tệ ISO 4217. "
        "Nhập mã 3 chữ cái, ví dụ: USD, VND, KRW, JPY, EUR.",
        "Dòng 6, cột Von da giai ngan: Vốn đã giải ngân (3.000.000 USD) không thể lớn hơn vốn cam kết (2.000.000 USD).",
        "Dòng 7, cột Vốn cam kết / đăng ký: “ba triệu” không phải là số.",
    ]
    assert Project.objects.count() == before


def test_it_imports_money_exactly_as_reported_with_the_audit_trail(editor_client, editor, demo):
    confirm(editor_client, preview_of(editor_client, messy_projects_sheet()))

    factory = Project.objects.get(title_vi=GARMENT_FACTORY)
    assert (factory.kind, factory.status, factory.starts_on) == (
        ProjectKind.FDI,
        ProjectStatus.IN_PROGRESS,
        PartialDate(2026),
    )
    assert (factory.committed_amount, factory.committed_currency) == (decimal.Decimal(39000000), "USD")
    assert (factory.disbursed_amount, factory.disbursed_currency) == (decimal.Decimal(981000000000), "VND")
    village = Project.objects.get(title_vi=PEACE_VILLAGE)
    assert (village.committed_amount, village.committed_currency) == (decimal.Decimal(1234567), "USD")
    assert village.channel.abbreviation == "KOICA"
    for project in (factory, village):
        last = project.history.latest("history_date")
        assert (last.history_user, last.history_change_reason) == (editor, "Nhập từ tệp du-an.xlsx")

    again = preview_of(editor_client, messy_projects_sheet())
    assert texts(again, "import-counts") == ["Tạo mới: 0", "Cập nhật: 0", "Không đổi: 2", "Bị từ chối: 4"]


def test_the_command_prints_the_preview_and_writes_with_dry_run_nothing(editor, demo, tmp_path):
    path = tmp_path / "du-an.xlsx"
    path.write_bytes(messy_projects_sheet())
    before = Project.objects.count()

    out = io.StringIO()
    call_command("import_records", "projects", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "1 tạo mới, 1 cập nhật, 0 không đổi, 4 bị từ chối" in out.getvalue()
    assert Project.objects.count() == before

    call_command(
        "import_records", "projects", str(path), "--user", "editor", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert Project.objects.count() == before + 1
