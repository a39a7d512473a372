"""The import pages a ModelAdmin gains: "Nhập từ Excel" on its list, upload → preview → confirm, the template.

Nothing is written before "Xác nhận nhập". Confirming reads the kept upload again (foreignaffairs.imports.uploads)
and works the preview out anew: if it differs from the one shown (someone saved a record meanwhile), the new one is
shown instead, and nothing is written. Importing needs both the add and the change permission of the model: an
editor may, a viewer may not.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foreignaffairs.imports import uploads
from foreignaffairs.imports.apply import StalePlan, apply_plan, one_import_at_a_time
from foreignaffairs.imports.kinds import ImportKind, kind_for
from foreignaffairs.imports.preview import CREATE, REFUSED, UNCHANGED, UPDATE, Plan, build_plan
from foreignaffairs.imports.template import template_workbook
from foreignaffairs.imports.workbook import RefusedFile, check_size, read_table

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel (.xlsx) hoặc CSV"),
        help_text=gettext_lazy("Tối đa 10 MB và 20.000 dòng. Tệp chứa macro không được nhận."),
    )


class ImportAdminMixin:
    """Mixed into a ModelAdmin whose model has an import kind declared (foreignaffairs.imports.kinds.register)."""

    change_list_template = "admin/imports/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="{}_{}_import".format(*info)),
            path(
                "import/template/",
                self.admin_site.admin_view(self.import_template_view),
                name="{}_{}_import_template".format(*info),
            ),
            *super().get_urls(),
        ]

    def has_import_permission(self, request: HttpRequest) -> bool:
        return self.has_add_permission(request) and self.has_change_permission(request)

    def changelist_view(self, request: HttpRequest, extra_context: dict | None = None) -> HttpResponse:
        if self.has_import_permission(request):
            extra_context = {**(extra_context or {}), "import_url": self._import_url("import")}
        return super().changelist_view(request, extra_context)

    def import_template_view(self, request: HttpRequest) -> HttpResponse:
        kind = self._kind(request)
        response = HttpResponse(template_workbook(kind), content_type=XLSX)
        response["Content-Disposition"] = f'attachment; filename="mau-nhap-{kind.slug}.xlsx"'
        return response

    def import_view(self, request: HttpRequest) -> HttpResponse:
        kind = self._kind(request)
        if request.method == "POST" and "_confirm" in request.POST:
            return self._confirm(request, kind)
        form = UploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                check_size(upload.name, upload.size)
                data = upload.read()
                plan = build_plan(kind, read_table(upload.name, data), upload.name)
            except RefusedFile as refusal:
                form.add_error("file", refusal.message)
            else:
                token = uploads.keep(data, upload.name, request.user, kind.slug)
                return self._preview(request, kind, plan, token)
        return self._render(request, kind, "admin/imports/upload.html", {"form": form})

    def _confirm(self, request: HttpRequest, kind: ImportKind) -> HttpResponse:
        try:
            name, data, kept = uploads.claim(request.POST.get("token", ""), request.user, kind.slug)
            table = read_table(name, data)
        except (uploads.UploadGone, RefusedFile):
            messages.error(request, _("Không còn tệp đã xem trước (quá một ngày hoặc đã nhập). Hãy tải tệp lên lại."))
            return HttpResponseRedirect(self._import_url("import"))
        try:
            with transaction.atomic():
                # One import of a kind at a time, its plan made again once it holds the lock: a file confirmed
                # meanwhile that created the same records makes this plan differ from the preview shown.
                one_import_at_a_time(kind)
                plan = build_plan(kind, table, name)
                if plan.digest != request.POST.get("digest"):
                    raise StalePlan
                written = apply_plan(plan, request.user)
        except StalePlan:
            uploads.release(kept)
            return self._changed_since(request, kind, build_plan(kind, table, name))
        uploads.forget(kept)
        messages.success(
            request,
            _("Đã nhập tệp “%(name)s”: %(created)s %(kind)s tạo mới, %(updated)s cập nhật.")
            % {"name": name, "created": written[CREATE], "updated": written[UPDATE], "kind": kind.title},
        )
        return HttpResponseRedirect(self._import_url("changelist"))

    def _changed_since(self, request: HttpRequest, kind: ImportKind, plan: Plan) -> HttpResponse:
        messages.warning(
            request,
            _("Dữ liệu đã thay đổi từ lúc xem trước, chưa có gì được ghi. Hãy xem lại bản xem trước mới rồi xác nhận."),
        )
        return self._preview(request, kind, plan, request.POST.get("token", ""))

    def _preview(self, request: HttpRequest, kind: ImportKind, plan: Plan, token: str) -> HttpResponse:
        context = {
            "plan": plan,
            "counts": plan.counts,
            "created": plan.of(CREATE),
            "updated": plan.of(UPDATE),
            "unchanged": plan.of(UNCHANGED),
            "refused": plan.of(REFUSED),
            "token": token,
        }
        return self._render(request, kind, "admin/imports/preview.html", context)

    def _render(self, request: HttpRequest, kind: ImportKind, template: str, context: dict) -> TemplateResponse:
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "title": _("Nhập %(kind)s từ Excel") % {"kind": kind.title},
            "opts": opts,
            "kind": kind,
            "template_url": self._import_url("import_template"),
            "import_url": self._import_url("import"),
            **context,
        }
        return TemplateResponse(request, template, context)

    def _kind(self, request: HttpRequest) -> ImportKind:
        if not self.has_import_permission(request):
            raise PermissionDenied
        kind = kind_for(self.model)
        if kind is None:
            raise PermissionDenied
        return kind

    def _import_url(self, view: str) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", current_app=self.admin_site.name)
