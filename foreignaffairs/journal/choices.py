from django.db import models
from django.utils.translation import gettext_lazy as _


class EntryKind(models.TextChoices):
    CALL = "call", _("Trao đổi qua điện thoại")
    MEETING = "meeting", _("Gặp gỡ, làm việc")
    EMAIL = "email", _("Thư điện tử")
    LETTER_SENT = "letter_sent", _("Công văn, thư gửi đi")
    LETTER_RECEIVED = "letter_received", _("Công văn, thư nhận được")
    NOTE_SENT = "note_sent", _("Công hàm gửi đi")
    NOTE_RECEIVED = "note_received", _("Công hàm nhận được")
    OTHER = "other", _("Khác")
