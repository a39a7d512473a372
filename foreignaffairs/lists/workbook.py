"""A dashboard list as an Excel workbook (.xlsx): typed cells under a frozen, bold header with an autofilter,
columns as wide as what they hold, and a second sheet saying what list this is, filtered how, by whom and when.

Typed cells: a date is an Excel date (dd/mm/yyyy), a moment Huế's local time (dd/mm/yyyy hh:mm), a PartialDate
known to the day a date and one known only to the month or year the text "08/2025" or "2025" (never an invented
first day), numbers are numbers, yes/no is Có/Không as in the CSV, and every text is a text cell, never a formula
or an error value, whatever it starts with.

Memory stays flat whatever the number of rows: openpyxl's write-only workbook sends each row to disk as it is
appended, and strings are written inline (no shared-string table held in memory). A column's width must be
written before its first row, though, so the typed rows go first to a spool file on disk while their widths are
measured, and are read back from it into the sheet: each row is held in memory only while it passes.
"""

import datetime
import decimal
import pickle
import re
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, TYPE_CHECKING, Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from foreignaffairs.partial_dates import PartialDate, Precision

if TYPE_CHECKING:
    from foreignaffairs.lists.filters import ListingFilterSet
    from foreignaffairs.lists.listing import Column

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
MOMENT_FORMAT = "dd/mm/yyyy hh:mm"
# Excel's column width is counted in characters of the default font; these bound what a column is given, so that
# one long title does not push the rest off the screen (the text stays whole in the cell).
MIN_WIDTH, MAX_WIDTH = 10, 60
# Rows spooled per pickle record: the rows a chunk of the queryset's iterator brings at once.
SPOOL_ROWS = 500

# A cell starting with one of these is read by Excel and LibreOffice as a formula (tab and carriage return can
# hide one after them): a partner named =HYPERLINK("http://…") would become a live link in the officer's sheet.
# The CSV writes such a text with a leading apostrophe (listing.spreadsheet_text); the workbook writes it as a text
# cell marked "quote prefix", which is what Excel itself stores for a cell typed with that apostrophe, so that the
# cell stays text when someone edits it.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What XML 1.0 cannot carry (control characters other than tab, line feed and carriage return): openpyxl refuses a
# cell holding one. Shown as U+FFFD, so the reader sees that something was there; the CSV and JSON keep it.
_UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def sheet_value(value: Any) -> Any:
    """`value` as the workbook keeps it: a date, a naive Huế moment, a number, or a text (None for nothing)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.datetime):
        # Excel has no time zones: the moment as the clock in Huế showed it.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, PartialDate):
        return value.earliest() if value.precision is Precision.DAY else str(value)
    if isinstance(value, datetime.date | int | float | decimal.Decimal):
        return value
    return _UNWRITABLE.sub("\ufffd", str(value))  # a lazy label, a related record, a text


def _number_format(value: decimal.Decimal) -> str:
    """Thousands grouped, as the page writes a sum: 39,000,000 for a whole amount (stored 39000000.00), two
    decimals or more for one with cents, 1,500,000.50 (Excel shows the separators of the reader's locale)."""
    if value == value.to_integral_value():
        return "#,##0"
    exponent = value.normalize().as_tuple().exponent
    places = max(2, -exponent) if isinstance(exponent, int) else 2
    return "#,##0." + "0" * places


def _shown_width(value: Any) -> int:
    """How many characters the cell shows: its longest line for a text."""
    if isinstance(value, str):
        return max(len(line) for line in value.split("\n"))
    if isinstance(value, datetime.datetime):
        return len("dd/mm/yyyy hh:mm")
    if isinstance(value, datetime.date):
        return len("dd/mm/yyyy")
    if isinstance(value, decimal.Decimal):
        return len(f"{value:,}")
    return len(str(value))


def _typed_otherwise(text: str) -> bool:
    """Whether openpyxl would write `text` as something other than text (a formula, an error value), or a
    spreadsheet would read it as a formula once edited."""
    return text.startswith(FORMULA_STARTS) or text in ERROR_CODES


class _Cells:
    """Makes the cells of one sheet: a typed value in, what openpyxl's write-only sheet appends out."""

    def __init__(self, sheet: WriteOnlyWorksheet) -> None:
        self.sheet = sheet
        self.bold = Font(bold=True)

    def cell(self, value: Any, *, bold: bool = False) -> Any:
        if value is None:
            return None
        if not bold and (type(value) in (int, float) or (type(value) is str and not _typed_otherwise(value))):
            # Appended as the plain value, which openpyxl writes through one cell reused for the row: a cell object
            # per value took a third of the writing time.
            return value
        if isinstance(value, str):
            cell = WriteOnlyCell(self.sheet, value)
            # Set after the value: openpyxl makes a text starting with "=" a formula and "#N/A" an error value.
            cell.data_type = "s"
            if value.startswith(FORMULA_STARTS):
                cell.quotePrefix = True
        else:
            cell = WriteOnlyCell(self.sheet, value)
            if isinstance(value, datetime.datetime):
                cell.number_format = MOMENT_FORMAT
            elif isinstance(value, datetime.date):
                cell.number_format = DATE_FORMAT
            elif isinstance(value, decimal.Decimal):
                cell.number_format = _number_format(value)
        if bold:
            cell.font = self.bold
        return cell


def sheet_title(text: str) -> str:
    """A worksheet's name: at most 31 characters, none of : \\ / ? * [ ] (Excel refuses them)."""
    return re.sub(r"[:\\/?*\[\]]", " ", text).strip()[:31] or "1"


def flat_columns(columns: Sequence["Column"]) -> list["Column"]:
    """The workbook's columns: each list column, or the columns it is written as (an amount and its currency)."""
    return [part for column in columns for part in (column.workbook_columns or (column,))]


def _spool_rows(rows: Iterable, columns: list["Column"], spool: IO[bytes], widths: list[int]) -> int:
    """Write the typed rows to `spool` in records of SPOOL_ROWS, widening `widths`; return the number of rows."""
    count, batch = 0, []
    for row in rows:
        values = [sheet_value(column.value(row)) for column in columns]
        for index, value in enumerate(values):
            if value is not None:
                widths[index] = max(widths[index], _shown_width(value))
        batch.append(values)
        if len(batch) == SPOOL_ROWS:
            pickle.dump(batch, spool, pickle.HIGHEST_PROTOCOL)
            count, batch = count + len(batch), []
    if batch:
        pickle.dump(batch, spool, pickle.HIGHEST_PROTOCOL)
        count += len(batch)
    return count


def _spooled(spool: IO[bytes]) -> Iterator[list]:
    spool.seek(0)
    while True:
        try:
            # Our own file, written a moment ago by _spool_rows in this request: nobody else's bytes.
            yield from pickle.load(spool)  # noqa: S301
        except EOFError:
            return


def _fit(width: int) -> int:
    return min(MAX_WIDTH, max(MIN_WIDTH, width + 2))


def _write_rows(workbook: Workbook, title: str, columns: list["Column"], rows: Iterable) -> int:
    sheet = workbook.create_sheet(sheet_title(title))
    labels = [str(column.label) for column in columns]
    # The header's filter button takes about two characters of its cell.
    widths = [len(label) + 2 for label in labels]
    with tempfile.TemporaryFile() as spool:
        count = _spool_rows(rows, columns, spool, widths)
        # Everything above the rows (views, column widths) is written by the first append.
        sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = _fit(width)
        cells = _Cells(sheet)
        sheet.append([cells.cell(label, bold=True) for label in labels])
        for values in _spooled(spool):
            sheet.append([cells.cell(value) for value in values])
    # Written after the rows (the sheet's tail), so it can span them.
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{count + 1}"
    return count


def _write_about(workbook: Workbook, about: list[tuple[str, Any]], filters: list[tuple[str, str]]) -> None:
    sheet = workbook.create_sheet(sheet_title(_("Bộ lọc")))
    lines = [*about, (None, None), (_("Bộ lọc đã áp dụng"), None)]
    lines += filters or [(_("Không có"), _("toàn bộ danh sách"))]
    sheet.column_dimensions["A"].width = _fit(max(_shown_width(label or "") for label, _value in lines))
    sheet.column_dimensions["B"].width = MAX_WIDTH
    cells = _Cells(sheet)
    for label, value in lines:
        sheet.append([cells.cell(label, bold=True), cells.cell(sheet_value(value))])


def write_workbook(
    rows: Iterable,
    columns: Sequence["Column"],
    *,
    title: str,
    about: list[tuple[str, Any]],
    filters: list[tuple[str, str]],
) -> IO[bytes]:
    """The rows as a workbook in a temporary file, read from its start; it is deleted when closed.

    `about` heads the second sheet (what list, whose, when), followed by the number of rows and `filters`, each a
    filter's label and its value as the form shows it.
    """
    workbook = Workbook(write_only=True)
    count = _write_rows(workbook, title, flat_columns(columns), rows)
    _write_about(workbook, [*about, (_("Số dòng"), count)], filters)
    output = tempfile.NamedTemporaryFile(suffix=".xlsx")  # noqa: SIM115 (closed by the response that sends it)
    workbook.save(output)
    output.seek(0)
    return output


def _chosen_text(field: forms.Field, value: Any, sort_labels: dict[str, str]) -> str:
    """A filter's value as its form shows it: an option's label, a record's name, a date as staff write it."""
    if isinstance(field, forms.ModelChoiceField):
        # The filter keeps the key (an id, a code); the form's select (or the list's link) names the record.
        key = field.to_field_name or "pk"
        record = field.queryset.filter(**{key: value}).first()
        return field.label_from_instance(record) if record is not None else str(value)
    if isinstance(value, list | tuple):
        terms = []
        for term in value:
            name = str(term).removeprefix("-")
            order = _("giảm dần") if str(term).startswith("-") else _("tăng dần")
            terms.append(f"{sort_labels.get(name, name)} ({order})")
        return ", ".join(terms)
    if isinstance(field, forms.ChoiceField):
        for option, label in field.choices:
            if str(option) == str(value):
                return str(label)
    return str(value)


def applied_filters(filterset: "ListingFilterSet", columns: Sequence["Column"]) -> list[tuple[str, str]]:
    """Each filter the list is filtered by (a valid filterset's), in the form's order: its label and its value."""
    sort_labels = {column.sort: str(column.label) for column in columns if column.sort}
    form = filterset.form
    applied = []
    for name, field in form.fields.items():
        value = form.cleaned_data.get(name)
        if value in (None, "", [], ()):
            continue
        applied.append((str(field.label or name), _chosen_text(field, value, sort_labels)))
    return applied
