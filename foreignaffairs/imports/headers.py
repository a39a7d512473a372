"""Which column of a kind each header of a sheet is.

A header is compared folded (foreignaffairs.text_search.fold) with everything but letters and digits dropped:
"Tên tiếng Việt", "TEN TIENG VIET", "tentiengviet" and "Vietnamese name" are one column. Headers that are no column
of the kind are listed, not guessed at; a header row naming no column at all is refused.
"""

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from foreignaffairs.imports.kinds import Column, ImportKind
from foreignaffairs.imports.workbook import RefusedFile
from foreignaffairs.text_search import fold


def column_aliases(column: Column) -> list[str]:
    """The column's other headers in both languages (never in the request's alone: a Vietnamese heading read by an
    English-speaking officer is still Vietnamese)."""
    names = []
    for language, aliases in (
        ("vi", (*column.aliases, *column.aliases_vi)),
        ("en", (*column.aliases, *column.aliases_en)),
    ):
        with translation.override(language):
            names += [str(alias) for alias in aliases]
    return names


def header_key(text: str) -> str:
    return "".join(ch for ch in fold(text.rstrip("*")) if ch.isalnum())


@dataclass
class HeaderMatch:
    columns: dict[int, Column]  # position in the row -> column
    extra: list[str]  # headers of no column, ignored


def match_headers(kind: ImportKind, headers: list[str], file_name: str) -> HeaderMatch:
    names: dict[str, Column] = {}
    for column in kind.columns:
        for name in (kind.header(column, "vi"), kind.header(column, "en"), column.field, *column_aliases(column)):
            names.setdefault(header_key(name), column)
    columns: dict[int, Column] = {}
    extra = []
    for position, header in enumerate(headers):
        if not header:
            continue
        column = names.get(header_key(header))
        if column is None or column in columns.values():
            extra.append(header)
        else:
            columns[position] = column
    if not columns:
        raise RefusedFile(
            _("Hàng tiêu đề của tệp “%(name)s” không có cột nào của %(kind)s. Các cột cần có: %(expected)s.")
            % {
                "name": file_name,
                "kind": kind.title,
                "expected": ", ".join(kind.header(column) for column in kind.columns),
            }
        )
    present = {column.field for column in columns.values()}
    missing = [kind.header(column) for column in kind.key_columns if column not in columns.values()]
    # A sheet without the main key's columns will do if it has every column of another key (our export's id).
    if missing and not any(set(key) <= present for key in kind.alternate_keys):
        raise RefusedFile(
            _("Tệp “%(name)s” thiếu cột %(missing)s, cần để nhận ra từng %(kind)s.")
            % {"name": file_name, "missing": ", ".join(missing), "kind": kind.model._meta.verbose_name}
        )
    return HeaderMatch(columns=columns, extra=extra)
