"""The pieces every document of tables is made of (the periodic report, and the reports to come): a table that
names the dashboard list it comes from, a section of tables, and the first rows of a list with its full count.

The DOCX writer (foreignaffairs.documents.report_docx) and the PDF templates lay these out; they know nothing of
what the rows are about.
"""

from dataclasses import dataclass, field

from django.db.models import Count, QuerySet, Window
from django.utils.translation import gettext as _


@dataclass
class Table:
    title: str
    columns: list[str]
    rows: list[list[str]]
    source: str  # the dashboard list, with its filter: a path, or a full URL when the site's address is known
    note: str = ""  # how the rows relate to that list
    more: int = 0  # rows of the list not shown here
    more_label: str = ""  # "và 12 đoàn khác"
    total_row: list[str] | None = None
    numeric: tuple[int, ...] = ()  # columns holding numbers, set right
    empty: str = ""


@dataclass
class Section:
    title: str
    summary: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)


def capped(queryset: QuerySet, cap: int) -> tuple[list, int]:
    """The first `cap` rows and how many there are in all, in one query (COUNT(*) OVER ())."""
    rows = list(queryset.annotate(total_rows=Window(Count("pk")))[:cap])
    return rows, rows[0].total_rows if rows else 0


def more_rows(total: int, shown: int, what: str) -> dict:
    """A Table's `more` and `more_label` for a list of `total` rows of which `shown` are in the table."""
    more = max(total - shown, 0)
    return {"more": more, "more_label": _("và %(n)s %(what)s khác") % {"n": more, "what": what} if more else ""}
