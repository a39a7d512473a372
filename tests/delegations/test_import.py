"""Importing delegations and their members from the department's sheets: through the admin's pages, exactly as they
render, and through `manage.py import_records`. Heads, host units, countries, partners and fields are named in their
cells, typed as people type them; members come in a sheet of their own, each with a side and a role."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from delegations.choices import DelegationStatus, Direction, MemberRole
from delegations.models import Delegation, DelegationMember
from foreignaffairs.imports.apply import apply_plan
from foreignaffairs.imports.kinds import all_kinds
from foreignaffairs.imports.preview import build_plan
from foreignaffairs.imports.workbook import read_table
from foreignaffairs.partial_dates import PartialDate
from partners.choices import Side
from tests.foreignaffairs.imports.admin_pages import confirm, open_import_page, texts, upload, words
from tests.foreignaffairs.imports.sheets import workbook

KIM_SEOKKI_VISIT = "Ông Kim Seokki thăm và làm việc tại Huế"
# The demo's record of the visit (seeds), to which the officer's sheet adds a sentence.
KIM_SEOKKI_OUTCOMES = (
    "Hai bên thống nhất tăng cường trao đổi thông tin, thúc đẩy các dự án hợp tác hiệu quả. Bí thư Thành ủy đề nghị "
    "Hàn Quốc tăng cường hợp tác với Huế trên 5 lĩnh vực ưu tiên."
)
FUKUI_VISIT = "Đoàn tỉnh Fukui thăm Huế"  # invented for the test, as the rows below
HEADERS = [
    "Tên đoàn",  # the list export's heading
    "Loai doan",  # no diacritics
    "Status",  # English
    "Ngay bat dau",
    "Ngày kết thúc",
    "Quốc gia",
    "Doi tac",
    "Trưởng đoàn",
    "Don vi chu tri",
    "Lĩnh vực",
    "Kết quả",
    "Số khách (người)",  # no column of delegations: ignored, listed
]


def messy_delegations_sheet() -> bytes:
    """Delegations as an officer's sheet has them: a new visit with Excel date cells, a partner and a unit typed
    without diacritics; the demo's visit of Mr Kim Seokki typed without diacritics, its outcomes filled in; a visit
    abroad known only to the month, to two countries; then three rows refused: an end before the start, a head
    nobody in the directory answers to, a kind of delegation that is no kind. Then empty rows."""
    return workbook(
        [
            HEADERS,
            [
                FUKUI_VISIT,
                "Đoàn vào",
                "Confirmed",
                datetime.datetime(2026, 3, 10),
                "12/03/2026",
                "Nhat Ban",
                "Tinh Fukui",
                "Sugiyama Mitsuki",
                "So Ngoai vu thanh pho Hue",
                "Giao duc – dao tao",
                None,
                12,
            ],
            [
                "Ong Kim Seokki tham va lam viec tai Hue",
                "inbound",
                "Completed",
                None,
                None,
                "Han Quoc",
                None,
                "Kim Seokki",
                "Thanh uy Hue",
                None,
                f"{KIM_SEOKKI_OUTCOMES} Hai bên thống nhất trao đổi đoàn năm 2026.",
                None,
            ],
            [
                "Đoàn thành phố Huế thăm tỉnh Chungcheongnam",
                "Đoàn ra",
                "Đề xuất",
                "08/2026",
                None,
                "Hàn Quốc; Nhật Bản",
                "Tỉnh Chungcheongnam",
                None,
                "Ủy ban nhân dân thành phố Huế",
                None,
                None,
                None,
            ],
            [FUKUI_VISIT + " lần 2", "Đoàn vào", None, "10/03/2026", "01/03/2026", *[None] * 7],
            ["Đoàn tỉnh Fukui thăm Huế lần 3", "Đoàn vào", None, None, None, None, None, "Kim Min-su", *[None] * 4],
            ["Đoàn tỉnh Fukui thăm Huế lần 4", "Đoàn thăm", *[None] * 10],
            [None] * len(HEADERS),
            [None] * len(HEADERS),
        ]
    )


def preview_of(client, data: bytes, model=Delegation, name: str = "doan-ra-doan-vao.xlsx"):
    return upload(client, open_import_page(client, model), name, data)


def test_it_previews_a_messy_sheet_and_writes_nothing_before_confirming(editor_client, demo):
    before = Delegation.objects.count()
    preview = preview_of(editor_client, messy_delegations_sheet())

    assert texts(preview, "import-counts") == ["Tạo mới: 2", "Cập nhật: 1", "Không đổi: 0", "Bị từ chối: 3"]
    assert "Số khách (người)" in words(preview, "import-extra-columns")
    updated = words(preview, "import-updated")
    assert f"{KIM_SEOKKI_VISIT} Kết quả {KIM_SEOKKI_OUTCOMES}" in updated
    assert updated.endswith("Hai bên thống nhất trao đổi đoàn năm 2026.")
    assert FUKUI_VISIT in words(preview, "import-created")
    assert texts(preview, "import-refused") == [
        "Dòng 5, cột Ngày kết thúc: Ngày kết thúc (01/03/2026) không thể trước ngày bắt đầu (10/03/2026).",
        "Dòng 6, cột Trưởng đoàn: không tìm thấy nhân sự “Kim Min-su”.",
        "Dòng 7, cột Loai doan: “Đoàn thăm” không có trong danh sách (xem trang Danh mục của tệp mẫu).",
    ]
    assert Delegation.objects.count() == before


def test_it_imports_on_confirm_with_links_and_the_audit_trail(editor_client, editor, demo):
    before = Delegation.objects.count()
    response = confirm(editor_client, preview_of(editor_client, messy_delegations_sheet()))

    assert response.status_code == 302
    assert Delegation.objects.count() == before + 2
    fukui = Delegation.objects.get(title_vi=FUKUI_VISIT)
    assert (fukui.direction, fukui.status, fukui.starts_on, fukui.ends_on) == (
        Direction.INBOUND,
        DelegationStatus.CONFIRMED,
        PartialDate(2026, 3, 10),
        PartialDate(2026, 3, 12),
    )
    assert [str(c.code) for c in fukui.countries.all()] == ["JP"]
    assert [p.name_vi for p in fukui.partners.all()] == ["Tỉnh Fukui"]
    assert (fukui.head.full_name, fukui.host_unit.name_vi) == ("Sugiyama Mitsuki", "Sở Ngoại vụ thành phố Huế")
    assert [f.name_vi for f in fukui.fields.all()] == ["Giáo dục – đào tạo"]
    abroad = Delegation.objects.get(title_vi="Đoàn thành phố Huế thăm tỉnh Chungcheongnam")
    assert abroad.starts_on == PartialDate(2026, 8)
    assert sorted(str(c.code) for c in abroad.countries.all()) == ["JP", "KR"]
    visit = Delegation.objects.get(title_vi=KIM_SEOKKI_VISIT)
    assert visit.outcomes == f"{KIM_SEOKKI_OUTCOMES} Hai bên thống nhất trao đổi đoàn năm 2026."
    assert visit.host_unit.name_vi == "Thành ủy Huế"  # as stored: typed without diacritics, no change
    for delegation in (fukui, visit):
        last = delegation.history.latest("history_date")
        assert (last.history_user, last.history_change_reason) == (editor, "Nhập từ tệp doan-ra-doan-vao.xlsx")
    # Found by its partner's name, as the search box finds any delegation (the related search text is written).
    assert Delegation.objects.filter(related_search_text__contains="fukui", pk=fukui.pk).exists()


def test_it_changes_nothing_when_the_same_file_is_imported_again(editor_client, demo):
    confirm(editor_client, preview_of(editor_client, messy_delegations_sheet()))
    history_rows = Delegation.history.count()

    again = preview_of(editor_client, messy_delegations_sheet())

    assert texts(again, "import-counts") == ["Tạo mới: 0", "Cập nhật: 0", "Không đổi: 3", "Bị từ chối: 3"]
    assert Delegation.history.count() == history_rows


@pytest.fixture
def yearly_visits(demo):
    """Two visits under one title, a year apart (invented for the test): only the start date tells them apart."""
    for start in ("04/2024", "08/2025"):
        Delegation.objects.create(
            title_vi="Đoàn tỉnh Chungcheongnam thăm Huế", direction=Direction.INBOUND, starts_on=start
        )


def members_sheet() -> bytes:
    return workbook(
        [
            ["Tên đoàn", "Ho ten", "Phia", "Vai tro", "Chức vụ khi tham gia"],
            # Already on the demo's visit as its head: no change.
            ["Ong Kim Seokki tham va lam viec tai Hue", "Kim Seokki", "Phía đối tác", "Trưởng đoàn", None],
            [KIM_SEOKKI_VISIT, "Nguyen Van Phuc", "Phía Huế", "Cùng dự", None],
            # Two visits share the title: refused, naming both as they can be typed; then typed so.
            ["Đoàn tỉnh Chungcheongnam thăm Huế", "Nguyễn Văn Phúc", "hue", "attendee", None],
            ["Đoàn tỉnh Chungcheongnam thăm Huế (08/2025)", "Nguyễn Văn Phúc", "hue", "Liên lạc, tháp tùng", None],
            [KIM_SEOKKI_VISIT, "Kim Min-su", "Phía đối tác", "Thành viên", None],
            [KIM_SEOKKI_VISIT, "Trần Hữu Thùy Giang", None, "Cùng dự", None],
        ]
    )


def test_it_imports_members_each_with_side_and_role(editor_client, editor, yearly_visits):
    preview = preview_of(editor_client, members_sheet(), model=DelegationMember, name="thanh-vien.xlsx")

    assert texts(preview, "import-counts") == ["Tạo mới: 2", "Cập nhật: 0", "Không đổi: 1", "Bị từ chối: 3"]
    assert texts(preview, "import-refused") == [
        "Dòng 4, cột Tên đoàn: “Đoàn tỉnh Chungcheongnam thăm Huế” khớp với nhiều đoàn: "
        "Đoàn tỉnh Chungcheongnam thăm Huế (04/2024); Đoàn tỉnh Chungcheongnam thăm Huế (08/2025). "
        "Hãy ghi đúng tên của một trong số đó.",
        "Dòng 6, cột Ho ten: không tìm thấy nhân sự “Kim Min-su”.",
        "Dòng 7, cột Phia: Trường này không được để trống.",
    ]
    confirm(editor_client, preview)

    visit = Delegation.objects.get(title_vi=KIM_SEOKKI_VISIT)
    phuc = visit.members.get(person__full_name="Nguyễn Văn Phúc")
    assert (phuc.side, phuc.role) == (Side.HUE, MemberRole.ATTENDEE)
    assert phuc.history.get().history_user == editor
    later = Delegation.objects.get(title_vi="Đoàn tỉnh Chungcheongnam thăm Huế", starts_on=PartialDate(2025, 8))
    assert later.members.get().role == MemberRole.LIAISON
    assert not Delegation.objects.get(starts_on=PartialDate(2024, 4)).members.exists()
    # A member is found by the delegation's search box from now on.
    assert Delegation.objects.filter(pk=visit.pk, related_search_text__contains="nguyen van phuc").exists()


def test_the_members_import_is_reached_from_the_members_list(editor_client, demo):
    page = open_import_page(editor_client, DelegationMember)
    assert page.status_code == 200
    assert "Thành viên, người tham dự" in page.content.decode()


def test_the_command_prints_the_preview_and_writes_with_dry_run_nothing(editor, demo, tmp_path):
    path = tmp_path / "doan.xlsx"
    path.write_bytes(messy_delegations_sheet())
    before = Delegation.objects.count()

    out = io.StringIO()
    call_command("import_records", "delegations", str(path), "--dry-run", stdout=out, stderr=io.StringIO())
    assert "2 tạo mới, 1 cập nhật, 0 không đổi, 3 bị từ chối" in out.getvalue()
    assert Delegation.objects.count() == before

    call_command(
        "import_records", "delegations", str(path), "--user", "editor", stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert Delegation.objects.count() == before + 2


def delegations_rows(count: int) -> list[list]:
    rows = [["Tên đoàn (tiếng Việt)", "Loại đoàn", "Ngày bắt đầu", "Quốc gia", "Đối tác", "Trưởng đoàn", "Lĩnh vực"]]
    for n in range(count):
        rows.append(
            [
                f"Đoàn số {n}",
                "Đoàn vào" if n % 2 else "Đoàn ra",
                f"{n % 28 + 1:02d}/03/2026",
                "Hàn Quốc; Nhật Bản" if n % 2 else "Nhat Ban",
                "Tinh Fukui",
                "Kim Seokki",
                "Giáo dục – đào tạo; Y tế",
            ]
        )
    return rows


def test_a_preview_and_its_import_make_queries_per_batch_not_per_row(demo, editor):
    kind = all_kinds()["delegations"]
    counts = []
    for size in (10, 200):
        table = read_table("doan.xlsx", workbook(delegations_rows(size)))
        with CaptureQueriesContext(connection) as previewing:
            plan = build_plan(kind, table, "doan.xlsx")
        assert len(plan.of("create")) == size
        with CaptureQueriesContext(connection) as writing:
            apply_plan(plan, editor)
        counts.append((len(previewing), len(writing)))
        Delegation.objects.filter(title_vi__startswith="Đoàn số ").delete()
    (preview_10, write_10), (preview_200, write_200) = counts
    assert preview_10 == preview_200
    if connection.vendor == "postgresql":
        assert write_10 == write_200
    else:
        # SQLite caps the parameters of one statement, so Django splits a bulk insert of many rows.
        assert write_200 < 200 / 5
