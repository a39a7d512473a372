from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements import lifecycle, review_workflow
from agreements.choices import AgreementStatus
from agreements.forms import AgreementDocumentForm, AgreementForm, AgreementReviewForm
from agreements.models import Agreement, AgreementDocument, AgreementReview, AgreementStatusChange
from foreignaffairs.admin_base import TRACKING_FIELDSET, TrackedAdmin, TrackedStackedInline, TrackedTabularInline
from foreignaffairs.admin_filters import DateYearFilter, PartialDateYearFilter, RelatedInUseFilter
from foreignaffairs.text_search import search_q
from partners.models import Partner


class SignedYearFilter(PartialDateYearFilter):
    title = _("năm ký")
    parameter_name = "signed_year"
    field_name = "signed_on"


class EffectiveYearFilter(DateYearFilter):
    title = _("năm có hiệu lực")
    parameter_name = "effective_year"
    field_name = "effective_on"


class PeriodEndYearFilter(DateYearFilter):
    title = _("năm kết thúc kỳ rà soát")
    parameter_name = "period_end_year"
    field_name = "period_end"


class DocumentInline(TrackedTabularInline):
    model = AgreementDocument
    form = AgreementDocumentForm
    fields = ("kind", "language", "title", "file")


class ReviewInline(TrackedStackedInline):
    model = AgreementReview
    form = AgreementReviewForm
    fk_name = "agreement"
    fields = (
        "status",
        "purpose",
        ("period_start", "period_end"),
        "reviewer",
        "rating",
        "recommendation",
        "next_review_on",
    )
    readonly_fields = ("status",)
    autocomplete_fields = ("reviewer",)
    show_change_link = True
    classes = ("collapse",)


class StatusChangeInline(admin.TabularInline):
    """The agreement's lifecycle as a timeline. Written by the lifecycle, so read-only here."""

    model = AgreementStatusChange
    fields = ("changed_at", "from_status", "to_status", "changed_by", "reason")
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("lịch sử trạng thái")

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Agreement)
class AgreementAdmin(TrackedAdmin):
    form = AgreementForm
    list_display = (
        "title_vi",
        "kind",
        "status",
        "partner_names",
        "signed_on",
        "expires_on",
        "next_review_on",
    )
    list_filter = (
        "status",
        "kind",
        ("partners__country", RelatedInUseFilter),
        SignedYearFilter,
        EffectiveYearFilter,
        "fields",
    )
    search_fields = ("search_text",)
    autocomplete_fields = (
        "partners",
        "hue_units",
        "signatories",
        "fields",
        "predecessor",
        "responsible_officer",
        "responsible_unit",
    )
    # Picked from active staff by anyone who may edit agreements, without access to user management (admin_site).
    staff_user_fields = ("responsible_officer",)
    inlines = (DocumentInline, ReviewInline, StatusChangeInline)
    fieldsets = (
        (None, {"fields": ("reference_number", "title_vi", "title_en", "kind", "status")}),
        (_("Các bên"), {"fields": ("partners", "partner_unknown", "hue_units", "signatories")}),
        (
            _("Ký kết và hiệu lực"),
            {"fields": ("signing_place", "signed_on", "effective_on", "expires_on", "open_ended")},
        ),
        (_("Nội dung"), {"fields": ("fields", "summary", "notes")}),
        (
            _("Theo dõi, rà soát"),
            {
                "fields": (
                    "responsible_officer",
                    "responsible_unit",
                    "review_interval_months",
                    "next_review_on",
                    "predecessor",
                    "predecessor_relation",
                )
            },
        ),
        TRACKING_FIELDSET,
    )
    readonly_fields = (*TrackedAdmin.readonly_fields, "next_review_on")

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("partners", queryset=Partner.objects.only("id", "name_vi", "name_en")))
        )

    @admin.display(description=_("đối tác"))
    def partner_names(self, obj: Agreement) -> str:
        return ", ".join(partner.name for partner in obj.partners.all()) or "—"

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        # Once the agreement exists its status moves only through the lifecycle buttons (agreements.lifecycle).
        return (*readonly, "status") if obj is not None else readonly

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            lifecycle.record_initial_status(obj, by=request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, unquote(object_id))
        if obj is not None and self.has_change_permission(request, obj):
            proposal = review_workflow.proposed_move(obj)
            extra_context["lifecycle_transitions"] = [
                (status, lifecycle.status_label(status)) for status in lifecycle.allowed_targets(obj.status)
            ]
            extra_context["lifecycle_proposal"] = proposal and {
                "status": proposal[0],
                "label": lifecycle.status_label(proposal[0]),
                "review": proposal[1],
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        transition = path(
            "<path:object_id>/transition/",
            self.admin_site.admin_view(self.transition_view),
            name="agreements_agreement_transition",
        )
        return [transition, *super().get_urls()]

    def transition_view(self, request, object_id):
        """A lifecycle button: move the agreement to POST["to_status"], saying why in POST["reason"]."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        reason = request.POST.get("reason", "").strip()
        to_status = request.POST.get("to_status", "")
        if not reason:
            messages.error(request, gettext("Nhập lý do chuyển trạng thái: lịch sử ghi lại ai, khi nào và vì sao."))
        elif to_status not in AgreementStatus.values:
            messages.error(request, gettext("Trạng thái “%(status)s” không tồn tại.") % {"status": to_status})
        else:
            try:
                change = lifecycle.transition(obj, to_status, by=request.user, reason=reason)
            except ValidationError as refused:
                messages.error(request, " ".join(refused.messages))
            else:
                messages.success(request, gettext("Đã chuyển trạng thái: %(change)s.") % {"change": change})
        return HttpResponseRedirect(reverse("admin:agreements_agreement_change", args=[obj.pk]))


@admin.register(AgreementReview)
class AgreementReviewAdmin(TrackedAdmin):
    form = AgreementReviewForm
    list_display = ("__str__", "status", "rating", "recommendation", "next_review_on", "reviewer")
    list_select_related = ("agreement", "reviewer")
    list_filter = (
        "status",
        "rating",
        "recommendation",
        ("agreement__partners__country", RelatedInUseFilter),
        PeriodEndYearFilter,
    )
    search_fields = ("agreement__search_text",)
    autocomplete_fields = ("agreement", "reviewer")
    fieldsets = (
        (None, {"fields": ("agreement", "purpose", ("period_start", "period_end"), "reviewer")}),
        (_("Đánh giá"), {"fields": ("activities", "rating", "findings", "recommendation", "next_steps")}),
        (_("Lần sau"), {"fields": ("next_review_on",)}),
        (
            _("Quy trình"),
            {"fields": ("status", "submitted_at", "submitted_by", "decided_at", "decided_by", "return_reason")},
        ),
        TRACKING_FIELDSET,
    )
    readonly_fields = (
        *TrackedAdmin.readonly_fields,
        "status",
        "submitted_at",
        "submitted_by",
        "decided_at",
        "decided_by",
        "return_reason",
    )

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return queryset.filter(search_q(search_term, "agreement__search_text")), False

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and obj.status in review_workflow.LOCKED_STATUSES:
            # What was submitted is what gets decided on, and what was approved stays on record.
            return (*readonly, *(name for name in AgreementReviewForm._meta.fields if name not in readonly))
        return readonly

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context["review_can_submit"] = review_workflow.can_submit(obj, request.user)
            extra_context["review_can_decide"] = review_workflow.can_decide(obj, request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        workflow = path(
            "<path:object_id>/workflow/",
            self.admin_site.admin_view(self.workflow_view),
            name="agreements_agreementreview_workflow",
        )
        return [workflow, *super().get_urls()]

    def workflow_view(self, request, object_id):
        """The review's buttons: POST["action"] is submit, approve or return (with POST["reason"])."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        action = request.POST.get("action", "")
        steps = {
            "submit": lambda: review_workflow.submit(obj, request.user),
            "approve": lambda: review_workflow.approve(obj, request.user),
            "return": lambda: review_workflow.return_for_rework(obj, request.user, request.POST.get("reason", "")),
        }
        if action not in steps:
            messages.error(request, gettext("Thao tác “%(action)s” không tồn tại.") % {"action": action})
        else:
            try:
                steps[action]()
            except PermissionDenied as denied:
                messages.error(request, str(denied) or gettext("Anh/chị không có quyền làm việc này."))
            except ValidationError as refused:
                messages.error(request, " ".join(refused.messages))
            else:
                messages.success(
                    request, gettext("Báo cáo rà soát nay: %(status)s.") % {"status": obj.get_status_display()}
                )
        return HttpResponseRedirect(reverse("admin:agreements_agreementreview_change", args=[obj.pk]))


import agreements.project_admin  # noqa: E402,F401  (projects and figures register their admin pages)
