"""What every domain record shares: who created and last changed it, when, a folded search text, and names or
titles read in the reader's language."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _

from foreignaffairs.search import related_text
from foreignaffairs.text_search import build_search_text


class TrackedModel(models.Model):
    """Who created and last changed a record, and when.

    `last_updated` also guards against lost updates: a form remembers the value it was rendered with and is
    refused if the record changed meanwhile (see foreignaffairs.concurrency).
    """

    created = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    last_updated = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người tạo"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người cập nhật"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        abstract = True


class SearchableModel(TrackedModel):
    """A record found by diacritic-free search: by its own fields (`search_fields`, folded into `search_text` on
    save) and by the records it links (`related_search_paths`, whose own texts make up `related_search_text`,
    kept current in SQL by foreignaffairs.search.related_text).

    `search_recency` names the field that puts the most recent first among equally good matches.
    """

    search_fields: tuple[str, ...] = ()
    related_search_paths: tuple[str, ...] = ()
    search_recency: str = "last_updated"

    search_text = models.TextField(editable=False, default="", db_index=False)
    # A database default too: rows written around the model (an older migration state, COPY) start empty.
    related_search_text = models.TextField(editable=False, default="", db_default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        created = self._state.adding
        before = None if "search_text" in self.get_deferred_fields() else self.search_text
        self.search_text = self.compute_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)
        related_text.record_saved(
            self, created=created, own_text_changed=before != self.search_text, update_fields=update_fields
        )

    def compute_search_text(self) -> str:
        return build_search_text(str(getattr(self, name) or "") for name in self.search_fields)


def in_language(vietnamese: str, english: str) -> str:
    """The English form when the reader asked for English and we have one; the Vietnamese one otherwise."""
    if english and (get_language() or "vi").startswith("en"):
        return english
    return vietnamese or english


class BilingualTitleMixin:
    """`title` in the reader's language, from the model's `title_vi` (required) and `title_en` (may be blank)."""

    @property
    def title(self) -> str:
        return in_language(self.title_vi, self.title_en)


class BilingualNameMixin:
    """`name` in the reader's language, from the model's `name_vi` (required) and `name_en` (may be blank)."""

    @property
    def name(self) -> str:
        return in_language(self.name_vi, self.name_en)


class APITokenQuerySet(models.QuerySet):
    def usable(self, now):
        return self.filter(revoked_at__isnull=True).filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now)
        )


class APIToken(models.Model):
    """A machine's key to the read-only API. Only a SHA-256 hash of the key is kept; the key is shown once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người dùng"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(
        _("tên"), max_length=100, help_text=_("Hệ thống hoặc mục đích dùng khóa, ví dụ: Cổng thông tin.")
    )
    key_hash = models.CharField(_("mã băm của khóa"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(
        _("tiền tố"),
        max_length=12,
        editable=False,
        help_text=_("Vài ký tự đầu của khóa, để nhận ra khóa mà không lộ nó."),
    )
    created = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    expires_at = models.DateTimeField(_("hết hạn lúc"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True, editable=False)

    objects = APITokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("khóa API")
        verbose_name_plural = pgettext_lazy("plural", "khóa API")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ReminderDigest(models.Model):
    """One reminder digest sent to one officer on one day: the record that makes `send_reminders` idempotent."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE, related_name="+"
    )
    sent_on = models.DateField(_("ngày gửi"))
    sent_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)
    subject = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("thư nhắc việc")
        verbose_name_plural = pgettext_lazy("plural", "thư nhắc việc")
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "sent_on"], name="one_reminder_digest_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.recipient} — {self.sent_on:%d/%m/%Y}"


class CalendarFeedToken(models.Model):
    """A person's secret calendar address (foreignaffairs.dashboard.calendar_feed): one per user, kept only as a
    SHA-256 hash like the API keys, so a leaked database opens no calendar. Resetting writes a new hash over the
    old one, and the old address stops working at once."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người dùng"),
        on_delete=models.CASCADE,
        related_name="calendar_feed_token",
    )
    key_hash = models.CharField(_("mã băm của khóa"), max_length=64, unique=True, editable=False)
    # Calendar clients fetch without the person's cookie: the feed is written in the language of the page on which
    # the address was made.
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")
    created = models.DateTimeField(_("tạo lúc"), auto_now=True)

    class Meta:
        verbose_name = _("địa chỉ đăng ký lịch")
        verbose_name_plural = pgettext_lazy("plural", "địa chỉ đăng ký lịch")

    def __str__(self) -> str:
        return str(self.user)
