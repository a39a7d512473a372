"""Bring back a deleted record from its audit trail.

django-simple-history writes a last historical row (history_type "-") when a record is deleted, holding every
field as it was. It has no page that lists such records, so TrackedAdmin adds one per model ("Bản ghi đã xóa")
with a restore button that inserts the row again, with the same id, from that last historical row.

Many-to-many links (an agreement's partners, fields, …) live in link tables that have no history of their own,
so they cannot come back; the success message says so, and the officer sets them again.
"""

from django.contrib import messages
from django.contrib.admin.templatetags.admin_urls import admin_urlname
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

MAX_LISTED = 500


def deleted_records(model: type[Model]) -> list[Model]:
    """The last historical row of every record of `model` that is deleted now, newest deletion first."""
    live_ids = model._default_manager.values("pk")
    rows = (
        model.history.filter(history_type="-")
        .exclude(**{f"{model._meta.pk.attname}__in": live_ids})
        .select_related("history_user")
        .order_by("-history_date", "-history_id")
    )
    seen, latest = set(), []
    for row in rows[:MAX_LISTED]:
        # A record deleted, restored and deleted again has two "-" rows; only the newest says what it was.
        if row.instance.pk not in seen:
            seen.add(row.instance.pk)
            latest.append(row)
    return latest


def missing_references(instance: Model) -> list[str]:
    """Verbose names of the foreign keys of `instance` whose target no longer exists."""
    missing = []
    for field in instance._meta.concrete_fields:
        if not field.is_relation or getattr(instance, field.attname) is None:
            continue
        try:
            getattr(instance, field.name)
        except ObjectDoesNotExist:
            missing.append(str(field.verbose_name))
    return missing


class DeletedRecordsAdminMixin:
    """The "deleted records" list and the restore action of a ModelAdmin whose model has `history`."""

    deleted_records_template = "admin/deleted_records.html"

    def get_urls(self) -> list[URLPattern]:
        opts = self.model._meta
        info = opts.app_label, opts.model_name
        extra = [
            path("deleted/", self.admin_site.admin_view(self.deleted_view), name="{}_{}_deleted".format(*info)),
            path(
                "deleted/<int:history_id>/restore/",
                self.admin_site.admin_view(require_POST(self.restore_view)),
                name="{}_{}_restore".format(*info),
            ),
        ]
        return extra + super().get_urls()

    def has_restore_permission(self, request: HttpRequest) -> bool:
        # Bringing a record back undoes a deletion, so it belongs to whoever may delete.
        return self.has_delete_permission(request)

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        extra_context = {**(extra_context or {}), "deleted_records_url": self._admin_url("deleted")}
        return super().changelist_view(request, extra_context)

    def deleted_view(self, request: HttpRequest) -> TemplateResponse:
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("%(name)s đã xóa") % {"name": opts.verbose_name_plural},
            "opts": opts,
            "records": deleted_records(self.model),
            "can_restore": self.has_restore_permission(request),
            "max_listed": MAX_LISTED,
        }
        return TemplateResponse(request, self.deleted_records_template, context)

    def restore_view(self, request: HttpRequest, history_id: int) -> HttpResponseRedirect:
        if not self.has_restore_permission(request):
            raise PermissionDenied
        record = get_object_or_404(self.model.history, history_id=history_id, history_type="-")
        instance = record.instance
        if self.model._default_manager.filter(pk=instance.pk).exists():
            messages.error(request, _("Bản ghi “%(obj)s” đang tồn tại, không cần khôi phục.") % {"obj": instance})
            return HttpResponseRedirect(self._admin_url("deleted"))
        missing = missing_references(instance)
        if missing:
            messages.error(
                request,
                _(
                    "Chưa khôi phục được “%(obj)s”: các mục liên kết sau đã bị xóa: %(fields)s. "
                    "Hãy khôi phục chúng trước."
                )
                % {"obj": instance, "fields": ", ".join(missing)},
            )
            return HttpResponseRedirect(self._admin_url("deleted"))
        if hasattr(instance, "updated_by_id"):
            instance.updated_by = request.user
        instance._history_user = request.user
        instance._change_reason = _("Khôi phục sau khi bị xóa")
        try:
            with transaction.atomic():
                instance.save(force_insert=True)
        except IntegrityError:
            messages.error(
                request,
                _("Chưa khôi phục được “%(obj)s”: một bản ghi khác đang dùng cùng mã, số hiệu hoặc tên.")
                % {"obj": instance},
            )
            return HttpResponseRedirect(self._admin_url("deleted"))
        self.log_addition(request, instance, [{"added": {}}])
        note = ""
        if self.model._meta.many_to_many:
            note = " " + _("Các liên kết nhiều-nhiều (đối tác, lĩnh vực, …) không có trong lịch sử; hãy chọn lại.")
        messages.success(request, _("Đã khôi phục “%(obj)s”.") % {"obj": instance} + note)
        return HttpResponseRedirect(self._admin_url("change", instance.pk))

    def _admin_url(self, view: str, *args: object) -> str:
        return reverse(admin_urlname(self.model._meta, view), args=args, current_app=self.admin_site.name)
