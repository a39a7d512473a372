"""What an agreement document may be: checked by its content, not by the name the browser sent, then stored and
served under the type its content was accepted as.

A file can be two things at once: a PDF that is also a web page, named report.html. Were it kept under the name
its uploader typed, a download would carry the type that name suggests (text/html) and a browser could run the
page on our site. So the stored name takes the extension of the accepted type (report.pdf), and the download
view (agreements.views) sends the type that extension stands for, never one guessed from a name.
"""

import os
import re
import zipfile
from dataclasses import dataclass

import filetype
from csp.constants import NONE
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import models
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class DocumentType:
    label: str  # as people name it, in messages
    mime: str  # as `filetype` recognises it, and as a download is served
    extension: str  # of the stored name, which says how the file is served


PDF = DocumentType("PDF", "application/pdf", "pdf")
DOCX = DocumentType("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx")
ODT = DocumentType("ODT", "application/vnd.oasis.opendocument.text", "odt")
JPEG = DocumentType("JPEG", "image/jpeg", "jpg")
PNG = DocumentType("PNG", "image/png", "png")
DOCUMENT_TYPES = (PDF, DOCX, ODT, JPEG, PNG)

_BY_MIME = {kind.mime: kind for kind in DOCUMENT_TYPES}
# Files stored before names followed content kept the extension their uploader typed; ".jpeg" was one of those.
_BY_EXTENSION = {kind.extension: kind for kind in DOCUMENT_TYPES} | {"jpeg": JPEG}

# A stored name with any other extension (a file kept from before, named .html or .svg, or one saved without
# validation) is served as bytes to save, which no browser renders.
UNKNOWN_CONTENT_TYPE = "application/octet-stream"
UNKNOWN_EXTENSION = "bin"

# DOCX and ODT are zip archives; telling them apart needs more than the first few bytes.
HEAD_BYTES = 8192

# Markup that makes a browser run something: a page (<html>, <script>) or an image that scripts (<svg>). A PDF opens
# as plain text (its header, its first objects), so such a tag there is no part of the document but a page written
# into it, to run if the file were ever read as HTML or SVG. Looked for in the head only, and only in PDFs: the
# other kinds open with compressed or binary data, where a chance match would refuse a genuine scan. This is a
# cheap first filter, not the defence: markup further in, or other tags, still pass, and such a file is stored
# as .pdf and served as a PDF attachment under a sandbox, where it can run nowhere.
WEB_MARKUP = re.compile(rb"<(?:html|script|svg)[\s/>]", re.IGNORECASE)


def _head(uploaded: File) -> bytes:
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    head = uploaded.read(HEAD_BYTES)
    uploaded.seek(position)
    return head


def _is_the_archive_it_claims(uploaded: File, kind: DocumentType) -> bool:
    """`filetype` names a DOCX or an ODT from the first entry of a zip; the archive's own directory must agree."""
    position = uploaded.tell()
    try:
        with zipfile.ZipFile(uploaded) as archive:
            names = set(archive.namelist())
            if kind is DOCX:
                return "[Content_Types].xml" in names and any(name.startswith("word/") for name in names)
            if "content.xml" not in names:
                return False
            with archive.open("mimetype") as mimetype:
                return mimetype.read(len(ODT.mime) + 1) == ODT.mime.encode()
    # What a truncated, damaged or crafted archive raises: not a zip, a missing entry, an entry compressed or
    # encrypted in a way zipfile cannot read.
    except (zipfile.BadZipFile, KeyError, EOFError, NotImplementedError, RuntimeError, OSError):
        return False
    finally:
        uploaded.seek(position)


def sniff_document_type(uploaded: File) -> DocumentType | None:
    """The type the file's content shows, or None when it is none of the kinds we accept."""
    guess = filetype.guess(_head(uploaded))
    kind = _BY_MIME.get(guess.mime) if guess else None
    if kind in (DOCX, ODT) and not _is_the_archive_it_claims(uploaded, kind):
        return None
    return kind


def validate_document(uploaded: File) -> None:
    limit = settings.MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s). Dung lượng tối đa là %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
        )
    kind = sniff_document_type(uploaded)
    if kind is None:
        raise ValidationError(
            _(
                "Nội dung tệp không phải PDF, DOCX, ODT, JPEG hoặc PNG. "
                "Hãy tải lên văn bản ở một trong các định dạng này."
            ),
            code="file_type_not_allowed",
        )
    if kind is PDF and WEB_MARKUP.search(_head(uploaded)):
        raise ValidationError(
            _(
                "Tệp có dạng PDF nhưng phần đầu tệp chứa mã trang web (HTML, SVG) nên không được chấp nhận. "
                "Hãy xuất lại văn bản ra PDF từ phần mềm soạn thảo hoặc máy quét rồi tải lên; hệ thống nhận "
                "tệp PDF, DOCX, ODT, JPEG hoặc PNG."
            ),
            code="file_has_web_markup",
        )


def stored_document_name(filename: str, content: File) -> str:
    """The name an upload is stored under: the one its uploader gave, with the extension of the type its content
    shows (report.html holding a PDF is kept as report.pdf)."""
    kind = sniff_document_type(content)
    return f"{os.path.splitext(filename)[0]}.{kind.extension if kind else UNKNOWN_EXTENSION}"


def served_content_type(stored_name: str) -> str:
    """The Content-Type a stored document is downloaded with: the accepted type its extension stands for. Never
    guessed from the name as `mimetypes` would, which answers text/html for .html and image/svg+xml for .svg."""
    kind = _BY_EXTENSION.get(os.path.splitext(stored_name)[1].removeprefix(".").lower())
    return kind.mime if kind else UNKNOWN_CONTENT_TYPE


# A document is never a page of ours: should a browser render one despite the attachment, it may load nothing and
# runs sandboxed, in an origin of its own, without scripts, forms or our cookies. Views that send documents carry
# this whole policy (csp decorator), not the site's (CONTENT_SECURITY_POLICY), whose 'self' sources a file has no use
# for.
DOWNLOAD_CSP = {"default-src": [NONE], "frame-ancestors": [NONE], "sandbox": []}


def download_response(stored: FieldFile) -> FileResponse:
    """A stored document sent as an attachment, under the type its stored extension stands for."""
    try:
        stream = stored.open("rb")
    except FileNotFoundError:
        # The record outlived its file (a restore without the documents directory): say "not found", not 500.
        raise Http404(_("Không tìm thấy tệp của tài liệu này.")) from None
    name = stored.name.rsplit("/", 1)[-1]
    # The type comes from the stored extension, which follows the content since uploads are named by it; a file
    # kept from before under .html or .svg is sent as bytes to save.
    response = FileResponse(stream, as_attachment=True, filename=name, content_type=served_content_type(name))
    # SecurityMiddleware adds it too, but only while SECURE_CONTENT_TYPE_NOSNIFF is on; a download must not depend
    # on that setting to keep a browser from sniffing HTML in a PDF.
    response["X-Content-Type-Options"] = "nosniff"
    return response


class DocumentFieldFile(FieldFile):
    def save(self, name: str, content: File, save: bool = True) -> None:
        # Here, not in upload_to, since upload_to is given the name without the content.
        super().save(stored_document_name(name, content), content, save)

    @property
    def url(self) -> str:
        # The documents directory has no public URL; the link the admin shows beside a file ("Hiện tại") must lead
        # to the view that checks access and sets the download's headers, not to a path that answers 404.
        self._require_file()
        return self.instance.get_absolute_url()


class DocumentFileField(models.FileField):
    """An agreement document's file, stored under the extension of the type its content was accepted as."""

    attr_class = DocumentFieldFile
