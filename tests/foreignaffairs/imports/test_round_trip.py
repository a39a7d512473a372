"""The round trip (issue 17): a dashboard list exported as a workbook from the page's Excel link, a few cells edited
as an officer edits them in Excel, imported back through the admin: the preview shows exactly those cells, from → to,
everything else unchanged, and confirming changes only them. The export's own columns that are no field (countries,
next review) are listed as ignored; its labels, month-only dates and headings are read as the export wrote them, in
Vietnamese and in English."""

import datetime
import io

import openpyxl
import pytest
from django.conf import settings as django_settings

from agreements.models import Agreement
from delegations.models import Delegation
from foreignaffairs.imports.kinds import all_kinds
from foreignaffairs.imports.preview import build_plan
from foreignaffairs.imports.workbook import read_table
from foreignaffairs.partial_dates import PartialDate
from partners.choices import RelationshipStatus
from partners.models import Partner
from projects.models import Project
from tests.foreignaffairs.imports.admin_pages import confirm, document, open_import_page, texts, upload, words
from tests.pages import link_by_text

DONGNAE = "Thỏa thuận hợp tác giữa thành phố Huế và quận Dongnae"
CHUNGCHEONGNAM = "Thỏa thuận hợp tác giữa thành phố Huế và tỉnh Chungcheongnam"
GYEONGJU = "Thỏa thuận hợp tác giữa thành phố Huế và thành phố Gyeongju"


def exported(client, list_url: str) -> bytes:
    """The list's page, then its "Excel (.xlsx)" link, as a person clicks it: the workbook's bytes."""
    page = client.get(list_url)
    response = client.get(link_by_text(page, "Excel (.xlsx)", base=list_url))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def edited(data: bytes, edits: dict[tuple[str, str], object]) -> bytes:
    """The workbook with the cells edited: (the first column's text on the row, the heading) -> the new value; the
    rest exactly as exported, the second sheet (filters) included."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    headings = [cell.value for cell in sheet[1]]
    for (first, heading), value in edits.items():
        [row] = [row for row in sheet.iter_rows(min_row=2) if row[0].value == first]
        row[headings.index(heading)].value = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_an_exported_agreements_list_edited_and_imported_back_updates_exactly_the_edited_cells(editor_client, demo):
    workbook = exported(editor_client, "/dashboard/agreements/")
    changed = edited(
        workbook,
        {
            (DONGNAE, "Tên thỏa thuận"): "Thỏa thuận hợp tác giữa thành phố Huế và quận Dongnae, thành phố Busan",
            (CHUNGCHEONGNAM, "Hết hiệu lực"): datetime.datetime(2030, 8, 31),
            (GYEONGJU, "Đối tác"): "Thành phố Gyeongju; Thanh pho Busan",
        },
    )
    untouched = {a.pk: a.last_updated for a in Agreement.objects.all()}

    preview = upload(editor_client, open_import_page(editor_client, Agreement), "thoa-thuan.xlsx", changed)

    assert texts(preview, "import-counts") == ["Tạo mới: 0", "Cập nhật: 3", "Không đổi: 3", "Bị từ chối: 0"]
    ignored = document(preview).xpath("string(//*[@id='import-extra-columns'])")
    assert "Quốc gia" in ignored and "Hạn rà soát" in ignored
    rows = [
        " ".join(tr.text_content().split()) for tr in document(preview).xpath("//*[@id='import-updated']//tbody/tr")
    ]
    assert len(rows) == 3, rows
    updated = words(preview, "import-updated")
    assert f"Tên thỏa thuận {DONGNAE} {DONGNAE}, thành phố Busan" in updated
    assert "Hết hiệu lực (trống) 31/08/2030" in updated
    assert "Đối tác Thành phố Gyeongju Thành phố Gyeongju; Thành phố Busan" in updated

    confirm(editor_client, preview)

    dongnae = Agreement.objects.get(title_vi__endswith="quận Dongnae, thành phố Busan")
    chungcheongnam = Agreement.objects.get(title_vi=CHUNGCHEONGNAM)
    gyeongju = Agreement.objects.get(title_vi=GYEONGJU)
    assert chungcheongnam.expires_on == datetime.date(2030, 8, 31)
    assert sorted(p.name_vi for p in gyeongju.partners.all()) == ["Thành phố Busan", "Thành phố Gyeongju"]
    changed_pks = {dongnae.pk, chungcheongnam.pk, gyeongju.pk}
    for agreement in Agreement.objects.all():
        assert (agreement.last_updated != untouched[agreement.pk]) == (agreement.pk in changed_pks)
    assert "busan" in gyeongju.related_search_text

    # Exported again and imported: nothing to do.
    again = upload(
        editor_client,
        open_import_page(editor_client, Agreement),
        "thoa-thuan.xlsx",
        exported(editor_client, "/dashboard/agreements/"),
    )
    assert texts(again, "import-counts") == ["Tạo mới: 0", "Cập nhật: 0", "Không đổi: 6", "Bị từ chối: 0"]


def test_the_english_export_imports_back_unchanged(client, editor, demo):
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(editor)
    workbook = exported(client, "/dashboard/agreements/")
    headings = [cell.value for cell in openpyxl.load_workbook(io.BytesIO(workbook)).worksheets[0][1]]
    assert headings[0] == "Agreement title"

    table = read_table("agreements.xlsx", workbook)
    plan = build_plan(all_kinds()["agreements"], table, "agreements.xlsx")
    assert plan.counts == {"create": 0, "update": 0, "unchanged": 6, "refused": 0}, [
        (row.label, row.changes, row.errors) for row in plan.rows
    ]

    # An English title typed in the English sheet is the English title.
    [first] = [row for row in table.rows if row[1][0] == "Cooperation agreement between Huế City and Gyeongju"]
    first[1][0] = "Cooperation agreement between Huế City and Gyeongju City"
    [row] = build_plan(all_kinds()["agreements"], table, "agreements.xlsx").of("update")
    assert [(c.column, c.before, c.after) for c in row.changes] == [
        (
            "Agreement title",
            "Cooperation agreement between Huế City and Gyeongju",
            "Cooperation agreement between Huế City and Gyeongju City",
        )
    ]


def test_an_exported_partners_list_edited_and_imported_back_updates_exactly_the_edited_cells(editor_client, demo):
    workbook = exported(editor_client, "/dashboard/partners/")
    changed = edited(
        workbook,
        {
            ("Thành phố Gyeongju", "Tình trạng quan hệ"): "Đang hoạt động",
            ("Tỉnh Fukui", "Quan hệ từ"): "05/2019",
            ("Huyện Uljin", "Tên bản ngữ"): "울진",
        },
    )

    preview = upload(editor_client, open_import_page(editor_client, Partner), "doi-tac.xlsx", changed)

    counts = texts(preview, "import-counts")
    assert counts == ["Tạo mới: 0", "Cập nhật: 3", "Không đổi: 6", "Bị từ chối: 0"], words(preview, "import-updated")
    updated = words(preview, "import-updated")
    assert "Thành phố Gyeongju Tình trạng quan hệ Đang rà soát Đang hoạt động" in updated
    assert "Huyện Uljin Tên bản ngữ 울진군 울진" in updated
    assert "Tỉnh Fukui Quan hệ từ (trống) 05/2019" in updated
    confirm(editor_client, preview)
    assert Partner.objects.get(name_vi="Thành phố Gyeongju").relationship_status == RelationshipStatus.ACTIVE
    assert Partner.objects.get(name_vi="Huyện Uljin").name_native == "울진"

    again = upload(
        editor_client,
        open_import_page(editor_client, Partner),
        "doi-tac.xlsx",
        exported(editor_client, "/dashboard/partners/"),
    )
    assert texts(again, "import-counts") == ["Tạo mới: 0", "Cập nhật: 0", "Không đổi: 9", "Bị từ chối: 0"]


@pytest.mark.parametrize(
    ("list_url", "kind", "model"),
    [
        ("/dashboard/partners/", "partners", Partner),
        ("/dashboard/delegations/", "delegations", Delegation),
        ("/dashboard/projects/", "projects", Project),
    ],
)
@pytest.mark.parametrize("language", ["vi", "en"])
def test_every_exported_list_imports_back_unchanged(client, editor, demo, list_url, kind, model, language):
    # In English the names and titles are the English ones, under English headings: the ID the workbook ends with
    # finds each record, and a name shown in place of a missing English one is no change.
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(editor)
    table = read_table("export.xlsx", exported(client, list_url))
    plan = build_plan(all_kinds()[kind], table, "export.xlsx")
    count = model.objects.count()
    assert plan.counts == {"create": 0, "update": 0, "unchanged": count, "refused": 0}, [
        (row.label, row.changes, row.errors) for row in plan.rows
    ]


def test_an_exported_delegations_list_edited_and_imported_back_updates_exactly_the_edited_cells(editor_client, demo):
    visit = "Ông Kim Seokki thăm và làm việc tại Huế"
    changed = edited(
        exported(editor_client, "/dashboard/delegations/"),
        {(visit, "Bắt đầu"): "11/2024", (visit, "Đối tác"): "Tinh Chungcheongnam"},
    )

    preview = upload(editor_client, open_import_page(editor_client, Delegation), "doan.xlsx", changed)

    assert texts(preview, "import-counts") == ["Tạo mới: 0", "Cập nhật: 1", "Không đổi: 1", "Bị từ chối: 0"]
    updated = words(preview, "import-updated")
    assert f"{visit} Bắt đầu (trống) 11/2024 Đối tác (trống) Tỉnh Chungcheongnam" in updated
    confirm(editor_client, preview)
    delegation = Delegation.objects.get(title_vi=visit)
    assert delegation.starts_on == PartialDate(2024, 11)
    assert [p.name_vi for p in delegation.partners.all()] == ["Tỉnh Chungcheongnam"]


def test_an_exported_projects_list_edited_and_imported_back_updates_exactly_the_edited_cells(editor_client, demo):
    village = "Làng hòa bình Việt Nam - Hàn Quốc"
    changed = edited(
        exported(editor_client, "/dashboard/projects/"),
        {(village, "Vốn cam kết / đăng ký"): 3000000, (village, "Tiền tệ của vốn cam kết"): "USD"},
    )

    preview = upload(editor_client, open_import_page(editor_client, Project), "du-an.xlsx", changed)

    assert texts(preview, "import-counts") == ["Tạo mới: 0", "Cập nhật: 1", "Không đổi: 2", "Bị từ chối: 0"]
    assert f"{village} Vốn cam kết / đăng ký (trống) 3.000.000" in words(preview, "import-updated")
    confirm(editor_client, preview)
    project = Project.objects.get(title_vi=village)
    assert (project.committed_amount, project.committed_currency) == (3000000, "USD")
