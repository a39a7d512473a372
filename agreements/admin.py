from django.contrib import admin
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from agreements.forms import AgreementDocumentForm, AgreementForm, AgreementReviewForm
from agreements.models import Agreement, AgreementDocument, AgreementReview, AgreementStatusChange
from foreignaffairs.admin_base import TRACKING_FIELDSET, TrackedAdmin, TrackedStackedInline, TrackedTabularInline
from foreignaffairs.admin_filters import PartialDateYearFilter
from foreignaffairs.text_search import search_q
from partners.models import Partner


class SignedYearFilter(PartialDateYearFilter):
    title = _("năm ký")
    parameter_name = "signed_year"
    field_name = "signed_on"


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
    list_filter = ("status", "kind", "partners__country", SignedYearFilter, "fields")
    search_fields = ("search_text",)
    date_hierarchy = "effective_on"
    autocomplete_fields = (
        "partners",
        "hue_units",
        "signatories",
        "fields",
        "predecessor",
        "responsible_officer",
        "responsible_unit",
    )
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


@admin.register(AgreementReview)
class AgreementReviewAdmin(TrackedAdmin):
    form = AgreementReviewForm
    list_display = ("__str__", "status", "rating", "recommendation", "next_review_on", "reviewer")
    list_select_related = ("agreement", "reviewer")
    list_filter = ("status", "rating", "recommendation", "agreement__partners__country")
    search_fields = ("agreement__search_text",)
    date_hierarchy = "period_end"
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
