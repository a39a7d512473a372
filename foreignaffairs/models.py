"""What every domain record shares: who created and last changed it, when, and a folded search text."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

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
    """A record found by diacritic-free search over the fields named in `search_fields`."""

    search_fields: tuple[str, ...] = ()

    search_text = models.TextField(editable=False, default="", db_index=False)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_text = self.compute_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "search_text" not in update_fields:
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def compute_search_text(self) -> str:
        return build_search_text(str(getattr(self, name) or "") for name in self.search_fields)
