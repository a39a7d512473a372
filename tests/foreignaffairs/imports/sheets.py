"""Workbooks and CSV files as staff make them, built with openpyxl for the import tests."""

import io
import re
import zipfile
from xml.sax.saxutils import escape

import openpyxl


def workbook(rows: list[list], *, title: str = "Đối tác", formats: dict[str, str] | None = None) -> bytes:
    """An .xlsx whose first sheet holds `rows` (the header first); `formats` gives a column's number format
    ("E": "mm/yyyy"), as a person formats a date column."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for letter, number_format in (formats or {}).items():
        for cell in sheet[letter][1:]:
            cell.number_format = number_format
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_cached_values(data: bytes, values: dict[str, str]) -> bytes:
    """The workbook as Excel saves it: each formula cell named in `values` ("B2") carrying its last computed value,
    which openpyxl itself never writes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                text = content.decode()
                for ref, value in values.items():
                    text, found = re.subn(
                        rf'<c r="{ref}"><f>(.*?)</f><v></v></c>',
                        lambda match, value=value, ref=ref: (
                            f'<c r="{ref}" t="str"><f>{match[1]}</f><v>{escape(value)}</v></c>'
                        ),
                        text,
                    )
                    assert found == 1, f"no formula cell {ref}"
                content = text.encode()
            target.writestr(item, content)
    return out.getvalue()


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    """The zip with one more part: a macro's vbaProject.bin slipped into an .xlsx."""
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a") as archive:
        archive.writestr(name, content)
    return out.getvalue()
