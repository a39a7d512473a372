"""One list page: FilterSet → rows → a page of the table, or the same rows as CSV, JSON or an Excel workbook.

URL → view → FilterSet(request.GET) → `.qs` → template, CSV, JSON or .xlsx (foreignaffairs.lists.workbook). The
export reads exactly the rows the page would show (all pages of them), so a filtered view shared by email exports
what its reader sees.
"""

import csv
import datetime
import functools
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Model, QuerySet
from django.http import FileResponse, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.functional import Promise, cached_property
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from foreignaffairs.accounts.roles import staff_label
from foreignaffairs.lists import workbook
from foreignaffairs.lists.filters import ListingFilterSet
from foreignaffairs.lists.workbook import FORMULA_STARTS  # here too: what the CSV and the import check against
from foreignaffairs.partial_dates import PartialDate

ROWS_PER_PAGE = 50
# A text search counts at most this many matches. A search for a common word ("hop tac") matches most rows, and
# counting them all means testing every row's text; past a thousand the reader refines rather than pages on.
SEARCH_COUNT_CAP = 1000
EXPORT_CHUNK_ROWS = 500
# Excel opens a CSV as UTF-8 only when it starts with a byte-order mark; without it Vietnamese turns to mojibake.
BOM = "\ufeff"


@dataclass(frozen=True)
class Column:
    """A column of a list: its export key, its heading, its exported value, and its `sort` parameter if any.

    `code` gives the JSON export the stored code (e.g. "under_review") where the CSV shows the label; `html` gives
    the page's cell where it is more than the escaped text (a link, a coloured status); `workbook_columns` are the
    columns the Excel workbook writes in its place, where one typed cell cannot hold it (money: the amount as a
    number, its currency beside it).
    """

    key: str
    label: str | Promise
    value: Callable[[Any], Any]
    sort: str | None = None
    code: Callable[[Any], Any] | None = None
    html: Callable[[Any], str] | None = None
    workbook_columns: tuple["Column", ...] = ()


@functools.cache
def _choice_labels(model: type[Model], field_name: str, language: str) -> dict:
    with translation.override(language):
        return {code: str(label) for code, label in model._meta.get_field(field_name).flatchoices}


def display(obj: Model, field_name: str) -> str:
    """What obj.get_<field_name>_display() gives, from a dict kept per language.

    Django's version builds a dict of every choice on each call, hashing (so translating) every label: 50 rows with
    two such columns made a thousand gettext calls per page.
    """
    code = getattr(obj, field_name)
    labels = _choice_labels(type(obj), field_name, translation.get_language() or settings.LANGUAGE_CODE)
    return labels.get(code, code)


def choice_column(
    key: str, label: str | Promise, field: str | None = None, *, sort: str | None = None, badge_kind: str = ""
) -> Column:
    """A column for a field with choices: its label on the page and in the CSV, its code in the JSON, and with
    `badge_kind` a coloured label on the page (e.g. the status of an agreement)."""
    field = field or key

    def html(obj: Model) -> str:
        return badge(badge_kind, getattr(obj, field), display(obj, field))

    return Column(
        key,
        label,
        lambda obj: display(obj, field),
        sort=sort,
        code=lambda obj: getattr(obj, field),
        html=html if badge_kind else None,
    )


def link(obj: Model | None, text: object = None) -> str:
    """`obj` as a link to its dashboard page; nothing for None."""
    if obj is None:
        return ""
    return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), obj if text is None else text)


def links(objects: Iterable[Model]) -> str:
    return mark_safe(", ".join(link(obj) for obj in objects))  # noqa: S308 (each part is format_html's)


def badge(kind: str, code: str, label: str | Promise) -> str:
    """A coloured label, e.g. the status of an agreement: <span class="status status-in_effect">…</span>."""
    return format_html('<span class="{} {}-{}">{}</span>', kind, kind, code, label)


def join(items: Iterable) -> str:
    return "; ".join(str(item) for item in items)


def fields_then_id_column(label: str | Promise) -> Column:
    """A list's last column, the record's fields of cooperation. In the workbook the record's ID follows it: a sheet
    edited in Excel and imported back (foreignaffairs.imports) finds each record by it, even one whose name, title
    or date was edited, and a sheet exported in English, whose names are the English ones."""
    fields = Column("fields", label, lambda obj: join(obj.fields.all()))
    return Column(
        "fields",
        label,
        fields.value,
        workbook_columns=(fields, Column("id", "ID", lambda obj: obj.pk)),
    )


def _as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return str(value)


def json_default(value: Any) -> str:
    """A value JSON has no type for, as every JSON export writes it (json.dumps' `default`, here and in
    foreignaffairs.api.export): a moment in Huế's time and a date known to the day, month or year in ISO 8601;
    anything else (a decimal, a lazy label, a related record) as its text."""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, datetime.date | PartialDate):
        return value.isoformat()
    return str(value)


def _cell(column: Column, row: Model) -> str:
    if column.html:
        return conditional_escape(column.html(row))  # escaped unless marked safe, as format_html's output is
    return escape(_as_text(column.value(row)))


def table_rows(rows: Iterable, columns: list[Column]) -> list[str]:
    """Each row's cells as HTML, the same columns as the CSV and JSON export.

    Written here rather than in the template: the template engine cost about a millisecond per row of ten
    cells, most of a list page's time.
    """
    return [
        mark_safe("".join(f"<td>{_cell(column, row)}</td>" for column in columns))  # noqa: S308 (escaped)
        for row in rows
    ]


class _Echo:
    """A file-like object whose write() hands back the line, so csv.writer can feed a streaming response."""

    def write(self, value: str) -> str:
        return value


def spreadsheet_text(text: str) -> str:
    """`text` as a spreadsheet cell that is never a formula: OWASP's advice for CSV injection, a leading
    apostrophe, which spreadsheets read as "this cell is text"."""
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def _csv_lines(rows: Iterable, columns: list[Column]) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield BOM + writer.writerow([spreadsheet_text(str(column.label)) for column in columns])
    for row in rows:
        yield writer.writerow([spreadsheet_text(_as_text(column.value(row))) for column in columns])


def _json_pieces(rows: Iterable, columns: list[Column], count: int) -> Iterator[str]:
    yield f'{{"count": {count}, "results": ['
    for index, row in enumerate(rows):
        record = {"id": row.pk, **{column.key: (column.code or column.value)(row) for column in columns}}
        yield ("," if index else "") + "\n" + json.dumps(record, ensure_ascii=False, default=json_default)
    yield "\n]}\n"


def export_response(queryset: QuerySet, columns: list[Column], export: str, filename: str) -> StreamingHttpResponse:
    # .iterator() keeps memory flat; with chunk_size it still runs the prefetches, once per chunk.
    rows = queryset.iterator(chunk_size=EXPORT_CHUNK_ROWS)
    stamp = timezone.localdate().isoformat()
    if export == "csv":
        response = StreamingHttpResponse(_csv_lines(rows, columns), content_type="text/csv; charset=utf-8")
    else:
        response = StreamingHttpResponse(
            _json_pieces(rows, columns, queryset.count()), content_type="application/json; charset=utf-8"
        )
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.{export}"'
    return response


def sort_headers(request: HttpRequest, columns: list[Column], current: list[str] | None) -> list[dict]:
    """Each column's heading with the link that sorts by it (again: the other way) and its aria-sort state."""
    current_term = (current or [None])[0]
    headers = []
    for column in columns:
        header = {"label": column.label, "key": column.key, "url": None, "state": None}
        if column.sort:
            if current_term == column.sort:
                header["state"], target = "ascending", f"-{column.sort}"
            elif current_term == f"-{column.sort}":
                header["state"], target = "descending", column.sort
            else:
                target = column.sort
            params = request.GET.copy()
            params["sort"] = target
            params.pop("page", None)
            params.pop("export", None)
            header["url"] = f"?{params.urlencode()}"
        headers.append(header)
    return headers


EXPORTS = ("csv", "json", "xlsx")


def workbook_response(
    request: HttpRequest,
    filterset: ListingFilterSet,
    columns: list[Column],
    *,
    title: str | Promise,
    filename: str,
) -> FileResponse:
    """The rows as an Excel workbook, with a second sheet saying what list, filtered how, by whom and when."""
    params = request.GET.copy()
    params.pop("export", None)
    page = request.build_absolute_uri(f"{request.path}?{params.urlencode()}" if params else request.path)
    about = [
        (_("Danh sách"), str(title)),
        (_("Địa chỉ trang"), page),
        (_("Người xuất"), staff_label(request.user)),
        (_("Thời điểm xuất"), timezone.now()),
    ]
    output = workbook.write_workbook(
        filterset.qs.iterator(chunk_size=EXPORT_CHUNK_ROWS),
        columns,
        title=str(title),
        about=about,
        filters=workbook.applied_filters(filterset, columns),
    )
    stamp = timezone.localdate().isoformat()
    return FileResponse(
        output, as_attachment=True, filename=f"{filename}-{stamp}.xlsx", content_type=workbook.CONTENT_TYPE
    )


def export_links(request: HttpRequest) -> dict[str, str]:
    links = {}
    for kind in EXPORTS:
        params = request.GET.copy()
        params.pop("page", None)
        params["export"] = kind
        links[kind] = f"?{params.urlencode()}"
    return links


class CappedCountPaginator(Paginator):
    """A paginator that stops counting at `cap` rows (COUNT over a LIMIT) and says whether it stopped."""

    def __init__(self, object_list: QuerySet, per_page: int, *, cap: int) -> None:
        super().__init__(object_list, per_page)
        self.cap = cap
        self._read_from_found = False

    @cached_property
    def counted(self) -> int:
        """Rows found, stopping at one past the cap; unordered, so the LIMIT can stop the scan early."""
        return self._first_found().count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def capped(self) -> bool:
        return self.counted > self.cap

    def page(self, number: int | str) -> Page:
        if not self.capped and not self._read_from_found:
            # Every match is among the first cap + 1 found, which the trigram indexes find at once. Read the page
            # from those ids: PostgreSQL cannot tell how rare a word is, guesses 2% of the table, and would
            # otherwise walk the list's order index testing each row's text until a page is full (24,000
            # delegations read for a rare name, 113 ms, against a few ms).
            self.object_list = self.object_list.filter(pk__in=self._first_found())
            self._read_from_found = True
        return super().page(number)

    def _first_found(self) -> QuerySet:
        return self.object_list.order_by().values("pk")[: self.cap + 1]


def paginate(request: HttpRequest, queryset: QuerySet) -> Page:
    if request.GET.get("q", "").strip():
        paginator = CappedCountPaginator(queryset, ROWS_PER_PAGE, cap=SEARCH_COUNT_CAP)
    else:
        paginator = Paginator(queryset, ROWS_PER_PAGE)
    return paginator.get_page(request.GET.get("page"))


def render_listing(
    request: HttpRequest,
    *,
    filterset_class: type[ListingFilterSet],
    columns: list[Column],
    template: str,
    title: str | Promise,
    export_name: str,
    extra_context: dict | None = None,
) -> HttpResponse:
    filterset = filterset_class(request.GET, request=request)
    export = request.GET.get("export")
    if export in EXPORTS:
        if not filterset.is_valid():
            # Exporting with a filter silently dropped would hand over rows the reader did not ask for.
            return JsonResponse({"errors": filterset.errors.get_json_data()}, status=400)
        if export == "xlsx":
            return workbook_response(request, filterset, columns, title=title, filename=export_name)
        return export_response(filterset.qs, columns, export, export_name)
    filterset.is_valid()
    page = paginate(request, filterset.qs)
    context = {
        "title": title,
        "filterset": filterset,
        "form": filterset.form,
        "page": page,
        "table_rows": table_rows(page.object_list, columns),
        "headers": sort_headers(request, columns, filterset.form.cleaned_data.get("sort")),
        "export_links": export_links(request),
        **(extra_context or {}),
    }
    return render(request, template, context)
