"""An uploaded file read into a table of cells: a header row and the rows below it, or a refusal saying why.

What we accept is decided by what the file holds, never by its name alone: an .xlsx is a zip holding
xl/workbook.xml; a .csv must decode as UTF-8. A workbook is read with openpyxl in read-only mode (rows streamed, not
the whole sheet built in memory) and `data_only`, so a formula cell gives the value Excel last computed and saved,
never the formula: the import evaluates nothing. openpyxl parses the XML through defusedxml, which is installed.
"""

import csv
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from foreignaffairs.lists.listing import FORMULA_STARTS

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000


class RefusedFile(Exception):
    """The whole file is refused; `message` says why, in the user's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class Table:
    """The first sheet's header row and the rows under it, each with its row number as the spreadsheet shows it."""

    headers: list[str]
    rows: list[tuple[int, list[Any]]] = field(default_factory=list)


def check_size(name: str, size: int) -> None:
    """Refuse a file over the limit before reading it."""
    if size > MAX_BYTES:
        raise RefusedFile(
            _("Tệp “%(name)s” nặng %(size)s MB, quá giới hạn %(limit)s MB. Hãy chia thành nhiều tệp nhỏ hơn.")
            % {"name": name, "size": f"{size / 1024 / 1024:.1f}", "limit": MAX_BYTES // 1024 // 1024}
        )


def read_table(name: str, data: bytes) -> Table:
    check_size(name, len(data))
    if not data.strip():
        raise RefusedFile(_("Tệp “%(name)s” không có dữ liệu.") % {"name": name})
    lowered = name.lower()
    if lowered.endswith((".xlsm", ".xltm", ".xlsb", ".xls")):
        raise RefusedFile(
            _("Tệp “%(name)s” không được nhận: chỉ nhận bảng tính .xlsx không có macro hoặc tệp .csv.") % {"name": name}
        )
    if zipfile.is_zipfile(io.BytesIO(data)):
        rows = _workbook_rows(name, data)
    elif lowered.endswith(".xlsx"):
        raise RefusedFile(_("Tệp “%(name)s” mang đuôi .xlsx nhưng không phải bảng tính Excel.") % {"name": name})
    else:
        rows = _csv_rows(name, data)
    try:
        return _table(name, rows)
    except RefusedFile:
        raise
    except Exception as error:
        # The rows are read as the table is built: a damaged archive, a sheet whose XML breaks half-way, a workbook
        # without a sheet or a CSV cell past the csv module's limit fails here, and means the same to the user.
        raise RefusedFile(_("Không đọc được bảng tính “%(name)s”.") % {"name": name}) from error


def _workbook_rows(name: str, data: bytes):
    import openpyxl

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {part.lower() for part in archive.namelist()}
    if "xl/workbook.xml" not in parts:
        raise RefusedFile(_("Tệp “%(name)s” không phải bảng tính Excel (.xlsx).") % {"name": name})
    if any(part.endswith("vbaproject.bin") for part in parts):
        raise RefusedFile(
            _("Tệp “%(name)s” chứa macro, không được nhận. Hãy lưu lại thành .xlsx (Excel Workbook) rồi tải lên.")
            % {"name": name}
        )
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a broken file; each means the same to the user
        raise RefusedFile(_("Không đọc được bảng tính “%(name)s”.") % {"name": name}) from error
    try:
        sheet = workbook.worksheets[0]
        yield from sheet.iter_rows(values_only=True)
    finally:
        workbook.close()


def _csv_rows(name: str, data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RefusedFile(
            _(
                "Tệp “%(name)s” không phải bảng tính .xlsx, cũng không phải tệp .csv mã UTF-8. "
                "Trong Excel, hãy chọn Lưu thành “CSV UTF-8” hoặc “Excel Workbook (.xlsx)”."
            )
            % {"name": name}
        ) from error
    if "\x00" in text:
        raise RefusedFile(_("Tệp “%(name)s” không phải tệp văn bản .csv.") % {"name": name})
    # Excel writes ";" between cells where the decimal separator is "," (Vietnamese Windows), "," elsewhere, as our
    # export does: the header line, which holds no numbers, tells which.
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
        yield [_unquoted(cell) for cell in row]


def _unquoted(cell: str) -> str:
    # Our export writes a cell that a spreadsheet would take for a formula with one leading apostrophe (OWASP); that
    # apostrophe is not part of the value.
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _table(name: str, rows) -> Table:
    table = None
    for number, cells in enumerate(rows, start=1):
        cells = list(cells)
        # Empty rows are skipped wherever they are, never taken for the end: a row after a gap is still data. A
        # sheet formatted far below its data costs only the reading of what the file holds (at most MAX_BYTES).
        if all(_is_empty(cell) for cell in cells):
            continue
        if table is None:
            table = Table(headers=[("" if cell is None else str(cell)).strip() for cell in cells])
            continue
        if len(table.rows) >= MAX_ROWS:
            raise RefusedFile(
                _("Tệp “%(name)s” có hơn %(limit)s dòng dữ liệu, quá giới hạn. Hãy chia thành nhiều tệp.")
                % {"name": name, "limit": f"{MAX_ROWS:,}".replace(",", ".")}
            )
        table.rows.append((number, cells))
    if table is None:
        raise RefusedFile(_("Tệp “%(name)s” không có dữ liệu.") % {"name": name})
    return table
