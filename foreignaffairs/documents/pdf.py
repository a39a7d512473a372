"""HTML to PDF with WeasyPrint, offline: every font is the system's (Pango and fontconfig find DejaVu Sans for
Vietnamese and Noto Sans CJK for Hangul and Kanji, both installed from Debian's packages, README: Documents) and
embedded in the file as the subset the text uses; nothing is fetched while rendering (no stylesheet, image or font
by URL: a template's CSS is inline, a picture a data: URL).
"""

from collections.abc import Callable, Iterable
from typing import Any

from weasyprint import HTML
from weasyprint.document import Document
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

CONTENT_TYPE = "application/pdf"


def render(html: str) -> Document:
    """The laid-out document: its pages can be counted before it is written."""
    # data: only (inline content): an http or file URL would read something the template did not hold.
    fetcher = URLFetcher(allowed_protocols={"data"}, allow_redirects=False)
    return HTML(string=html, url_fetcher=fetcher).render(font_config=FontConfiguration())


def pdf_bytes(html: str) -> bytes:
    return render(html).write_pdf()


def on_one_page(html_for: Callable[[Any], str], budgets: Iterable[Any]) -> bytes:
    """The first of `budgets` whose HTML lays out on one page, as PDF; the last one's first page if none does.

    A budget is what the template may show (how many rows per section); the caller cuts the rest with "and N
    more". The height of a row depends on its text (a long title wraps), so the page is measured by laying it out,
    not by counting rows.
    """
    document = None
    for budget in budgets:
        document = render(html_for(budget))
        if len(document.pages) == 1:
            return document.write_pdf()
    return document.copy(document.pages[:1]).write_pdf()
