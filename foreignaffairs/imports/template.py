"""The blank workbook staff fill in for a kind: headers in Vietnamese, how to fill each column, the allowed values.

Sheet 1 is where the rows go (the import reads the first sheet): one header per column, frozen, with a dropdown on
each coded column (kinds, statuses, countries) fed from the "Danh mục" sheet, so a value is picked rather than
typed. "Hướng dẫn" says what each column takes, which columns find an existing record (the natural key) and the
date forms.
"""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from foreignaffairs.imports.cells import DateCell, Lookups, PartialDateCell
from foreignaffairs.imports.kinds import ImportKind

# Rows the dropdowns cover: far more than one file may hold.
VALIDATED_ROWS = 20_001


def template_workbook(kind: ImportKind) -> bytes:
    with translation.override("vi"):
        return _build(kind)


def _build(kind: ImportKind) -> bytes:
    workbook = Workbook()
    data = workbook.active
    data.title = str(kind.title).capitalize()[:31]
    lists = workbook.create_sheet(_("Danh mục"))
    guide = workbook.create_sheet(_("Hướng dẫn"))
    lookups = Lookups(kind.loaders)
    bold = Font(bold=True)
    list_column = 0
    for index, column in enumerate(kind.columns, start=1):
        header = kind.header(column)
        cell = data.cell(row=1, column=index, value=header)
        cell.font = bold
        letter = get_column_letter(index)
        data.column_dimensions[letter].width = max(14, len(header) + 4)
        allowed = column.cell.allowed(lookups)
        if allowed:
            list_column += 1
            list_letter = get_column_letter(list_column)
            lists.cell(row=1, column=list_column, value=header).font = bold
            for offset, value in enumerate(allowed, start=2):
                lists.cell(row=offset, column=list_column, value=value)
            lists.column_dimensions[list_letter].width = max(len(value) for value in [header, *allowed]) + 2
            validation = DataValidation(
                type="list",
                formula1=f"'{lists.title}'!${list_letter}$2:${list_letter}${len(allowed) + 1}",
                allow_blank=True,
                showErrorMessage=True,
                errorTitle=header,
                error=_("Hãy chọn một giá trị trong danh sách (trang Danh mục)."),
            )
            validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
            data.add_data_validation(validation)
    data.freeze_panes = "A2"
    _write_guide(guide, kind, bold, lookups)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_guide(guide, kind: ImportKind, bold: Font, lookups: Lookups) -> None:
    # The keys in the order a row's record is looked for: "ID; nếu trống thì Số hiệu; nếu trống thì Tên tiếng Việt,
    # Ngày ký".
    key = ("; " + _("nếu trống thì") + " ").join(
        ", ".join(kind.header(kind.column(name)) for name in names) for names in kind.keys
    )
    lines = [
        _("Cách điền tệp nhập %(kind)s") % {"kind": kind.title},
        _("Mỗi dòng của trang đầu là một %(kind)s. Giữ nguyên hàng tiêu đề; có thể bỏ bớt cột không dùng.")
        % {"kind": kind.model._meta.verbose_name},
        _(
            "Nhận ra bản ghi đã có bằng: %(key)s. Dòng trùng các cột này với bản ghi đã có thì cập nhật bản ghi đó, "
            "không tạo bản ghi mới; nhập lại cùng một tệp không thay đổi gì."
        )
        % {"key": key},
        _("Ô để trống trong một cột có mặt sẽ xóa giá trị đang lưu của cột đó; cột không có mặt thì giữ nguyên."),
        _("Ngày: ô ngày của Excel, hoặc gõ dd/mm/yyyy, mm/yyyy hay yyyy nếu chỉ biết tháng hoặc năm."),
        _("Tên đối tác, quốc gia: gõ có dấu hay không dấu đều được; tên trùng với nhiều bản ghi sẽ bị từ chối."),
        _("Trước khi ghi, hệ thống cho xem trước những gì sẽ tạo mới, cập nhật hoặc bị từ chối."),
    ]
    for row, line in enumerate(lines, start=1):
        guide.cell(row=row, column=1, value=line).font = bold if row == 1 else Font()
    start = len(lines) + 2
    for offset, title in enumerate((_("Cột"), _("Bắt buộc"), _("Cách điền")), start=1):
        guide.cell(row=start, column=offset, value=title).font = bold
    for row, column in enumerate(kind.columns, start=start + 1):
        model_field = kind.model_field(column)
        required = (column.field in kind.key and column.field not in kind.optional_key) or not model_field.blank
        how = " ".join(
            str(part)
            for part in (
                str(model_field.help_text),
                column.note,
                _("Chọn trong danh sách.") if column.cell.allowed(lookups) is not None else "",
                _("Ngày đủ, tháng/năm hoặc năm.") if isinstance(column.cell, PartialDateCell) else "",
                _("Ngày đủ (dd/mm/yyyy).") if isinstance(column.cell, DateCell) else "",
            )
            if part
        )
        guide.cell(row=row, column=1, value=kind.header(column))
        guide.cell(row=row, column=2, value=_("Có") if required else "")
        guide.cell(row=row, column=3, value=how).alignment = Alignment(wrap_text=True)
    guide.column_dimensions["A"].width = 28
    guide.column_dimensions["B"].width = 10
    guide.column_dimensions["C"].width = 90
