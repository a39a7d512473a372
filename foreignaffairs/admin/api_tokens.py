"""The API token admin: an administrator issues a key for a user, sees it once, sets an expiry, revokes it."""

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foreignaffairs.api.auth import issue_token
from foreignaffairs.models import APIToken


class APITokenAdmin(admin.ModelAdmin):
    list_display = ("name", "user", "prefix", "created", "expires_at", "revoked_at", "last_used_at")
    list_filter = (("revoked_at", admin.EmptyFieldListFilter), "expires_at")
    search_fields = ("name", "prefix", "user__username")
    autocomplete_fields = ("user",)
    readonly_fields = ("prefix", "created", "last_used_at", "revoked_at")
    fields = ("user", "name", "expires_at", "prefix", "created", "last_used_at", "revoked_at")
    actions = ("revoke",)

    def get_readonly_fields(self, request: HttpRequest, obj: APIToken | None = None) -> tuple[str, ...]:
        # A key belongs to one user for its whole life: to move it, revoke it and issue another.
        return (*self.readonly_fields, "user") if obj else self.readonly_fields

    def save_model(self, request: HttpRequest, obj: APIToken, form: forms.ModelForm, change: bool) -> None:
        key = None if change else issue_token(obj)
        super().save_model(request, obj, form, change)
        if key:
            # The message waits in the session, server-side (MESSAGE_STORAGE), never in a cookie, until the next page.
            messages.warning(
                request,
                _("Khóa API mới của “%(name)s”: %(key)s — hãy sao chép ngay, khóa chỉ hiện một lần này.")
                % {"name": obj.name, "key": key},
            )

    @admin.action(description=gettext_lazy("Thu hồi các khóa đã chọn"), permissions=["change"])
    def revoke(self, request: HttpRequest, queryset: QuerySet) -> None:
        count = queryset.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())
        self.message_user(request, _("Đã thu hồi %(count)d khóa.") % {"count": count}, messages.SUCCESS)
