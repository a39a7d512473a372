"""Reading an upload: what is accepted, as Excel and our own export write it, and what is refused."""

import datetime
import io
import zipfile

import pytest

from foreignaffairs.imports import workbook
from foreignaffairs.imports.workbook import RefusedFile, read_table
from tests.foreignaffairs.imports.sheets import with_cached_values, with_part
from tests.foreignaffairs.imports.sheets import workbook as make_workbook


def test_it_reads_cells_as_excel_typed_them():
    data = make_workbook(
        [
            ["Tên tiếng Việt", "Quan hệ từ", "Ghi chú", None],
            ["Tỉnh Chungcheongnam", datetime.datetime(2025, 8, 14), '=A2&" (KR)"', None],
            [None, None, None, None],
            [None, None, None, None],
        ]
    )
    table = read_table("doi-tac.xlsx", with_cached_values(data, {"C2": "Tỉnh Chungcheongnam (KR)"}))
    assert table.headers[:3] == ["Tên tiếng Việt", "Quan hệ từ", "Ghi chú"]
    # Empty trailing rows are no rows; the formula gives what Excel computed, never the formula.
    [(number, cells)] = table.rows
    assert number == 2
    assert cells[:3] == ["Tỉnh Chungcheongnam", datetime.datetime(2025, 8, 14), "Tỉnh Chungcheongnam (KR)"]


def test_it_reads_our_own_csv_export_with_its_bom_and_apostrophes():
    text = "\ufeffTên đối tác,Ghi chú\r\nTỉnh Chungcheongnam,'=1+1\r\nThành phố Busan,'Không đổi\r\n"
    table = read_table("doi-tac.csv", text.encode("utf-8"))
    assert table.rows == [(2, ["Tỉnh Chungcheongnam", "=1+1"]), (3, ["Thành phố Busan", "'Không đổi"])]


def test_it_reads_a_csv_without_bom_separated_by_semicolons():
    table = read_table("doi-tac.csv", "Tên;Quốc gia\nTỉnh Fukui;Nhật Bản\n".encode())
    assert table.headers == ["Tên", "Quốc gia"]
    assert table.rows == [(2, ["Tỉnh Fukui", "Nhật Bản"])]


def with_broken_sheet(data: bytes) -> bytes:
    """The workbook with its first sheet's XML cut off half-way, as a failed copy or download leaves it."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for part in source.namelist():
            content = source.read(part)
            archive.writestr(part, content[: len(content) // 2] if part == "xl/worksheets/sheet1.xml" else content)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("doi-tac.csv", b"T\xean\nHu\xea\xec\n", "UTF-8"),  # "Tên / Huế" saved as Windows-1258
        ("doi-tac.xlsx", b"Ten,Quoc gia\nA,B\n", "không phải bảng tính Excel"),
        ("doi-tac.xlsm", make_workbook([["Tên"], ["A"]]), "macro"),
        ("doi-tac.xlsx", with_part(make_workbook([["Tên"], ["A"]]), "xl/vbaProject.bin", b"\0"), "macro"),
        ("doi-tac.xlsx", with_part(b"", "word/document.xml", b"<w/>"), "không phải bảng tính Excel"),
        ("doi-tac.csv", b"", "không có dữ liệu"),
        ("doi-tac.xlsx", with_broken_sheet(make_workbook([["Tên"], ["A"]])), "Không đọc được bảng tính"),
        ("doi-tac.csv", b"Ten\n" + b"a" * 200_000 + b"\n", "Không đọc được bảng tính"),  # past csv's cell limit
    ],
)
def test_it_refuses_what_is_no_sheet(name, data, says):
    with pytest.raises(RefusedFile) as refusal:
        read_table(name, data)
    assert says in refusal.value.message
    assert name in refusal.value.message


def test_it_refuses_a_file_over_the_size_limit():
    with pytest.raises(RefusedFile) as refusal:
        read_table("lon.csv", b"a" * (workbook.MAX_BYTES + 1))
    assert "quá giới hạn 10 MB" in refusal.value.message


def test_it_refuses_more_rows_than_the_limit(monkeypatch):
    monkeypatch.setattr(workbook, "MAX_ROWS", 3)
    data = make_workbook([["Tên"], *[[f"Đối tác {n}"] for n in range(4)]])
    with pytest.raises(RefusedFile) as refusal:
        read_table("nhieu.xlsx", data)
    assert "hơn 3 dòng" in refusal.value.message


def test_it_reads_a_row_after_a_gap_of_empty_rows():
    data = make_workbook([["Tên tiếng Việt"], ["Tỉnh Fukui"], *[[None]] * 80, ["Tỉnh Chungcheongnam"]])
    assert [number for number, _cells in read_table("doi-tac.xlsx", data).rows] == [2, 83]
