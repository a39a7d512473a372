"""The periodic report as a Word document (.docx) staff open in Word or LibreOffice and finish by hand.

Real structure, so the editor's tools work on it: the title in Word's Title style, each section a built-in Heading 1
and each table a Heading 2 (the navigation pane and a table of contents find them), tables as tables with their
heading row repeated on every page, the department's name in the page header and the page number in the footer as a
PAGE field (Word and LibreOffice count the pages themselves after edits). Under each table a caption line gives the
dashboard list it came from; a link when the site's address is known.
"""

import io

from django.utils import translation
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph

from foreignaffairs.documents.report import ReportData
from foreignaffairs.documents.tables import Table

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
# Times New Roman: what Vietnamese administrative documents are written in (Decree 30/2020/NĐ-CP, Annex I).
FONT = "Times New Roman"
LINK_BLUE = RGBColor(0x1D, 0x4E, 0x89)


def report_docx(data: ReportData) -> bytes:
    with translation.override(data.language):
        document = Document()
        _set_up_page(document, data)
        document.add_paragraph(data.title, style="Title")
        document.add_paragraph(data.subtitle, style="Subtitle")
        for note in data.notes:
            document.add_paragraph(note)
        for section in data.sections:
            document.add_heading(section.title, level=1)
            for line in section.summary:
                document.add_paragraph(line, style="List Bullet")
            for table in section.tables:
                document.add_heading(table.title, level=2)
                _write_table(document, table)
        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def _set_up_page(document: Document, data: ReportData) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(20)
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = FONT, Pt(12)
    # East Asian text (a partner's native name) takes the font of the eastAsia slot; Word falls back from there.
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), FONT)
    properties = document.core_properties
    properties.title = f"{data.title} {data.subtitle}"
    properties.author = data.department
    properties.language = data.language
    header = section.header.paragraphs[0]
    header.text = data.department
    header.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(_("Trang") + " ")
    _add_field(footer, "PAGE")
    footer.add_run(" / ")
    _add_field(footer, "NUMPAGES")


def _add_field(paragraph: Paragraph, instruction: str) -> None:
    """A field Word computes (PAGE, NUMPAGES): begin, the instruction, separate, a placeholder result, end."""
    for kind, text in (("begin", None), (None, instruction), ("separate", None), (None, "1"), ("end", None)):
        run = paragraph.add_run()
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == instruction:
            code = OxmlElement("w:instrText")
            code.set(qn("xml:space"), "preserve")
            code.text = f" {instruction} "
            run._r.append(code)
        else:
            run.text = text


def _write_table(document: Document, table: Table) -> None:
    if not table.rows:
        document.add_paragraph(table.empty)
    else:
        grid = document.add_table(rows=1, cols=len(table.columns))
        grid.style = "Table Grid"
        grid.alignment = WD_TABLE_ALIGNMENT.CENTER
        _fill_row(grid.rows[0].cells, table.columns, table, bold=True)
        _repeat_as_header(grid)
        for row in table.rows:
            _fill_row(grid.add_row().cells, row, table)
        if table.total_row:
            _fill_row(grid.add_row().cells, table.total_row, table, bold=True)
    if table.more_label:
        more = document.add_paragraph()
        see_list = _("xem danh sách")
        more.add_run(f"{table.more_label} — {see_list}: ").italic = True
        _add_link(more, table.source)
    caption = document.add_paragraph(style="Caption")
    caption.add_run(_("Nguồn") + ": ")
    _add_link(caption, table.source)
    if table.note:
        caption.add_run(f". {table.note}")


def _fill_row(cells: list, values: list[str], table: Table, *, bold: bool = False) -> None:
    for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
        paragraph = cell.paragraphs[0]
        run = paragraph.add_run(value)
        run.bold = bold
        run.font.size = Pt(10)
        if index in table.numeric:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT


def _repeat_as_header(grid: DocxTable) -> None:
    row_properties = grid.rows[0]._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    row_properties.append(header)


def _add_link(paragraph: Paragraph, url: str) -> None:
    """`url` as a link a click opens, when it is a full address; as text when only the path is known."""
    if not url.startswith(("http://", "https://")):
        paragraph.add_run(url)
        return
    relation = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relation)
    run = paragraph.add_run(url)
    run.font.color.rgb = LINK_BLUE
    run.font.underline = True
    link.append(run._r)  # moved out of the paragraph, into the link
    paragraph._p.append(link)
