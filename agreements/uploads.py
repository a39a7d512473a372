"""What an agreement document may be: checked by its content, not by the name the browser sent."""

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# MIME types we accept, as `filetype` recognises them from the first bytes of the file.
ALLOWED_DOCUMENT_TYPES = {
    "application/pdf": "PDF",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "DOCX",
    "application/vnd.oasis.opendocument.text": "ODT",
    "image/jpeg": "JPEG",
    "image/png": "PNG",
}


def sniff_document_type(uploaded: File) -> str | None:
    """The MIME type the file's content shows, or None when it is none of the kinds we accept."""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    uploaded.seek(0)
    # DOCX and ODT are zip archives; telling them apart needs more than the first few bytes.
    head = uploaded.read(8192)
    uploaded.seek(position)
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_DOCUMENT_TYPES:
        return None
    return kind.mime


def validate_document(uploaded: File) -> None:
    limit = settings.MAX_UPLOAD_BYTES
    if uploaded.size > limit:
        raise ValidationError(
            _("Tệp quá lớn (%(size)s). Dung lượng tối đa là %(limit)s."),
            code="file_too_large",
            params={"size": filesizeformat(uploaded.size), "limit": filesizeformat(limit)},
        )
    if sniff_document_type(uploaded) is None:
        raise ValidationError(
            _(
                "Nội dung tệp không phải PDF, DOCX, ODT, JPEG hoặc PNG. "
                "Hãy tải lên văn bản ở một trong các định dạng này."
            ),
            code="file_type_not_allowed",
        )
