"""Agreement documents uploaded through the admin are kept under the type their content was accepted as.

A file can be a PDF and a web page at once. Named report.html, such a polyglot used to be stored as report.html
and served as text/html, to run as a page of our site; named drawing.svg, as image/svg+xml. Now the stored name
takes the accepted type's extension, a PDF carrying web markup in its first bytes is refused, and a DOCX or ODT
must be the archive it claims to be; and the file downloads from the link the page shows as that type.
"""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile

from agreements.forms import AgreementDocumentForm
from agreements.models import Agreement, AgreementDocument
from agreements.uploads import HEAD_BYTES
from tests.agreements.downloads import assert_served_inert
from tests.conftest import admin_change_url, body
from tests.forms import SAVE, inline_prefix, page_form, page_form_data

ODT_MIME = b"application/vnd.oasis.opendocument.text"
NOT_ACCEPTED = (
    "Nội dung tệp không phải PDF, DOCX, ODT, JPEG hoặc PNG. Hãy tải lên văn bản ở một trong các định dạng này."
)
WEB_MARKUP_REFUSED = (
    "Tệp có dạng PDF nhưng phần đầu tệp chứa mã trang web (HTML, SVG) nên không được chấp nhận. Hãy xuất lại văn "
    "bản ra PDF từ phần mềm soạn thảo hoặc máy quét rồi tải lên; hệ thống nhận tệp PDF, DOCX, ODT, JPEG hoặc PNG."
)
HTML_PAGE = b"<html><body><script>fetch('/admin/').then(r => r.text()).then(alert)</script></body></html>"
SVG_IMAGE = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><rect/></svg>'


def pdf_polyglot(markup: bytes, *, after: int = 0) -> bytes:
    """A PDF that a browser reading it as HTML or SVG would run: `markup` after `after` bytes of PDF comments."""
    padding = b"".join(b"% " + b"x" * 98 + b"\n" for _ in range(after // 100 + 1)) if after else b""
    return b"%PDF-1.4\n" + padding + markup + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def zip_bytes(*entries: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries:
            # The OpenDocument rule: "mimetype" first and uncompressed, where readers (and filetype) look for it.
            archive.writestr(
                name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED
            )
    return buffer.getvalue()


DOCX = zip_bytes(("[Content_Types].xml", b"<Types/>"), ("word/document.xml", b"<w:document/>"))
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 64
ODT = zip_bytes(("mimetype", ODT_MIME), ("content.xml", b"<office:document-content/>"))


@pytest.fixture
def agreement(demo, tmp_path, settings):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {**settings.STORAGES["default"], "OPTIONS": {"location": tmp_path}},
    }
    return Agreement.objects.get(partners__name_en="Gyeongju")


def add_inline_row(page, data: dict, model, **typed) -> None:
    """What the admin's "add another" link does in the browser: the page's empty row, copied under the next
    number, with what the person then typed."""
    prefix = inline_prefix(page, model)
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    template = f"{prefix}-__prefix__-"
    for name, value in list(data.items()):
        if name.startswith(template):
            data[f"{prefix}-{index}-{name.removeprefix(template)}"] = value
    data.update({f"{prefix}-{index}-{name}": value for name, value in typed.items()})


def upload_through_admin(client, agreement, filename: str, content: bytes, **typed):
    """The agreement's change page as rendered, a document row added with the file chosen, saved."""
    url = admin_change_url(agreement)
    page = client.get(url)
    data = page_form_data(page, press=SAVE)
    data.update(typed)
    add_inline_row(
        page,
        data,
        AgreementDocument,
        kind="translation",
        title="Bản dịch tiếng Anh",
        file=SimpleUploadedFile(filename, content),
    )
    return client.post(url, data)


@pytest.mark.parametrize(
    ("filename", "content", "stored_as"),
    [
        # The markup lies past the bytes read to look for it: accepted, but kept as what it was accepted as.
        pytest.param("report.html", pdf_polyglot(HTML_PAGE, after=HEAD_BYTES), "report.pdf", id="pdf-html"),
        pytest.param("drawing.svg", pdf_polyglot(SVG_IMAGE, after=HEAD_BYTES), "drawing.pdf", id="pdf-svg"),
        pytest.param("Bien ban ky.PDF", pdf_polyglot(b""), "Bien_ban_ky.pdf", id="pdf"),
        pytest.param("scan.jpeg.html", JPEG, "scan.jpeg.jpg", id="jpeg"),
        pytest.param("ban-dich", DOCX, "ban-dich.docx", id="docx-without-extension"),
        pytest.param("ban-dich.doc", ODT, "ban-dich.odt", id="odt-named-doc"),
    ],
)
def test_it_stores_an_upload_under_the_extension_of_its_content(admin_client, agreement, filename, content, stored_as):
    response = upload_through_admin(admin_client, agreement, filename, content)
    assert response.status_code == 302
    document = AgreementDocument.objects.get(agreement=agreement)
    assert document.file.name == f"agreements/{agreement.pk}/{stored_as}"
    with document.file.open("rb") as stored:
        assert stored.read() == content


def test_a_file_saved_without_validation_is_stored_under_a_name_no_browser_renders(agreement):
    document = AgreementDocument(agreement=agreement, kind="other")
    document.file.save("page.html", ContentFile(HTML_PAGE), save=True)
    assert document.file.name == f"agreements/{agreement.pk}/page.bin"


@pytest.mark.parametrize(
    ("filename", "content"),
    [("report.html", pdf_polyglot(HTML_PAGE)), ("drawing.svg", pdf_polyglot(SVG_IMAGE, after=4000))],
)
def test_it_refuses_a_pdf_with_web_markup_in_its_first_bytes_keeping_what_was_typed(
    admin_client, agreement, filename, content
):
    response = upload_through_admin(admin_client, agreement, filename, content, title_vi="Tên vừa sửa")
    assert response.status_code == 200
    [errors] = [
        inline.formset.errors
        for inline in response.context["inline_admin_formsets"]
        if inline.formset.model is AgreementDocument
    ]
    assert errors == [{"file": [WEB_MARKUP_REFUSED]}]
    assert WEB_MARKUP_REFUSED in response.text
    form = page_form(response)
    assert form.xpath(".//input[@name='title_vi']/@value") == ["Tên vừa sửa"]
    assert form.xpath(".//input[@name='documents-0-title']/@value") == ["Bản dịch tiếng Anh"]
    assert form.xpath(".//select[@name='documents-0-kind']/option[@selected]/@value") == ["translation"]
    assert not AgreementDocument.objects.exists()
    agreement.refresh_from_db()
    assert agreement.title_vi != "Tên vừa sửa"


def _document_form(filename: str, content: bytes) -> AgreementDocumentForm:
    return AgreementDocumentForm({"kind": "annex"}, {"file": SimpleUploadedFile(filename, content)})


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("ban-dich.docx", DOCX),
        ("ban-dich.odt", ODT),
        # What only looks like a tag stays accepted.
        ("scan.pdf", pdf_polyglot(b"<< /Title (Hu\xe1\xba\xbf <-> Gyeongju, <scripture>, <svg-free>) >>")),
    ],
)
def test_it_accepts_genuine_documents(demo, filename, content):
    assert _document_form(filename, content).is_valid()


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        # What filetype reads as a DOCX or an ODT from its first bytes, but whose archive says otherwise.
        ("cut.docx", DOCX[:-22]),  # the archive's directory cut off: no zip at all
        ("no-types.docx", zip_bytes(("_rels/.rels", b"<Relationships/>"), ("word/document.xml", b"<w:document/>"))),
        ("no-content.odt", zip_bytes(("mimetype", ODT_MIME), ("index.html", HTML_PAGE))),
        ("page.svg", SVG_IMAGE),
        ("page.html", HTML_PAGE),
    ],
)
def test_it_refuses_what_is_not_the_document_it_claims_to_be(demo, filename, content):
    form = _document_form(filename, content)
    assert not form.is_valid()
    assert form.errors["file"] == [NOT_ACCEPTED]


@pytest.mark.parametrize(
    ("filename", "content", "served_as"),
    [
        pytest.param("report.html", pdf_polyglot(HTML_PAGE, after=HEAD_BYTES), "report.pdf", id="pdf-html"),
        pytest.param("drawing.svg", pdf_polyglot(SVG_IMAGE, after=HEAD_BYTES), "drawing.pdf", id="pdf-svg"),
    ],
)
def test_a_polyglot_downloads_from_the_page_as_the_pdf_it_was_accepted_as(
    admin_client, agreement, filename, content, served_as
):
    assert upload_through_admin(admin_client, agreement, filename, content).status_code == 302
    page = admin_client.get(admin_change_url(agreement))
    # The link the admin shows beside the stored file ("Hiện tại: …").
    [link] = page_form(page).xpath(".//td[contains(@class, 'field-file')]//a/@href")
    response = admin_client.get(link)
    assert_served_inert(response, "application/pdf", served_as)
    assert body(response) == content
