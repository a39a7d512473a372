from collections.abc import Sequence
from typing import Any

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.db import router, transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from agreements import lifecycle, review_workflow
from agreements.forms import (
    AGREEMENT_COMPUTED,
    AGREEMENT_FIELDSETS,
    REVIEW_FIELDSETS,
    TRANSITION_BUTTON,
    WORKFLOW_BUTTON,
    AgreementDocumentForm,
    AgreementForm,
    AgreementObligationForm,
    AgreementReviewForm,
)
from agreements.models import (
    Agreement,
    AgreementDocument,
    AgreementObligation,
    AgreementReview,
    AgreementStatusChange,
)
from foreignaffairs.accounts.roles import staff_label, staff_users
from foreignaffairs.admin.base import TRACKING_FIELDSET, TrackedAdmin, TrackedStackedInline, TrackedTabularInline
from foreignaffairs.admin.bulk_edit import SetValue
from foreignaffairs.admin.filters import DateYearFilter, PartialDateYearFilter, RelatedInUseFilter
from foreignaffairs.concurrency import for_update
from foreignaffairs.imports.admin import ImportAdminMixin
from foreignaffairs.search.matching import search_filter
from partners.bulk_edits import FIELDS_OF_COOPERATION
from partners.models import Partner

# The review's record of its way through the workflow: written by agreements.review_workflow, shown read-only.
WORKFLOW_FIELDS = ("status", "submitted_at", "submitted_by", "decided_at", "decided_by", "return_reason")


class StaffChoiceField(forms.ModelChoiceField):
    """A member of staff, shown as staff are everywhere ("Nguyễn Văn Phúc (phucnv)"), or no one."""

    def label_from_instance(self, obj: Any) -> str:
        return staff_label(obj)


def responsible_officer_field() -> forms.Field:
    return StaffChoiceField(staff_users(), required=False, empty_label=_("— Không ai —"))


# What staff change on many agreements at once (foreignaffairs.admin.bulk_edit): who follows them, how often they
# are reviewed, their fields of cooperation.
AGREEMENT_BULK_EDITS = (
    SetValue(
        "set_responsible_officer",
        _("Đổi chuyên viên phụ trách"),
        "responsible_officer",
        formfield=responsible_officer_field,
        shown=staff_label,
    ),
    SetValue("set_review_interval", _("Đổi chu kỳ rà soát"), "review_interval_months"),
    *FIELDS_OF_COOPERATION,
)


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
    fields = AgreementDocumentForm.Meta.fields


class ObligationInline(TrackedStackedInline):
    """What each side undertook, edited as rows of the agreement's page and saved with it (a lifecycle move
    included), each row under the stale-edit guard as every inline is. Stacked: as a table its texts were too narrow
    to read and its last columns ran off a 1366-pixel screen."""

    model = AgreementObligation
    form = AgreementObligationForm
    fields = (
        ("side", "status"),
        "commitment",
        ("owner", "owner_unit"),
        ("due_on", "completed_on"),
        "evidence",
    )
    autocomplete_fields = ("owner", "owner_unit")


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

    def has_add_permission(self, request: HttpRequest, obj: Agreement | None = None) -> bool:
        return False


@admin.register(Agreement)
class AgreementAdmin(ImportAdminMixin, TrackedAdmin):
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
    inlines = (DocumentInline, ObligationInline, ReviewInline, StatusChangeInline)
    actions = tuple(edit.as_action() for edit in AGREEMENT_BULK_EDITS)
    fieldsets = (*AGREEMENT_FIELDSETS, TRACKING_FIELDSET)
    readonly_fields = (*TrackedAdmin.readonly_fields, *AGREEMENT_COMPUTED)

    def get_queryset(self, request: HttpRequest) -> QuerySet[Agreement]:
        return (
            super()
            .get_queryset(request)
            .prefetch_related(Prefetch("partners", queryset=Partner.objects.only("id", "name_vi", "name_en")))
        )

    @admin.display(description=_("đối tác"))
    def partner_names(self, obj: Agreement) -> str:
        return ", ".join(partner.name for partner in obj.partners.all()) or "—"

    def get_readonly_fields(self, request: HttpRequest, obj: Agreement | None = None) -> Sequence[str]:
        readonly = super().get_readonly_fields(request, obj)
        # Once the agreement exists its status moves only through the lifecycle buttons (agreements.lifecycle).
        return (*readonly, "status") if obj is not None else readonly

    def save_model(self, request: HttpRequest, obj: Agreement, form: AgreementForm, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change:
            lifecycle.record_initial_status(obj, by=request.user)

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
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

    def save_related(self, request: HttpRequest, form: AgreementForm, formsets: list, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        if getattr(form, "transition_to", None):
            # After the edits and the inlines: transition() saves the agreement as it now stands.
            lifecycle.transition(
                form.instance, form.transition_to, by=request.user, reason=form.cleaned_data["transition_reason"]
            )

    def response_change(self, request: HttpRequest, obj: Agreement) -> HttpResponse:
        if TRANSITION_BUTTON in request.POST:
            self.message_user(
                request,
                gettext("Đã lưu thỏa thuận “%(title)s” và chuyển trạng thái: %(change)s.")
                % {"title": obj, "change": obj.status_changes.order_by("-changed_at", "-pk").first()},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)


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
    fieldsets = (*REVIEW_FIELDSETS, (_("Quy trình"), {"fields": WORKFLOW_FIELDS}), TRACKING_FIELDSET)
    readonly_fields = (*TrackedAdmin.readonly_fields, *WORKFLOW_FIELDS)

    def get_search_results(
        self, request: HttpRequest, queryset: QuerySet[AgreementReview], search_term: str
    ) -> tuple[QuerySet[AgreementReview], bool]:
        # By the agreement's names and its partners' (AgreementReview.search_through), as the review list's `q`.
        return search_filter(queryset, search_term), False

    def get_readonly_fields(self, request: HttpRequest, obj: AgreementReview | None = None) -> Sequence[str]:
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and obj.status in review_workflow.LOCKED_STATUSES:
            # What was submitted is what gets decided on, and what was approved stays on record.
            return (*readonly, *(name for name in AgreementReviewForm._meta.fields if name not in readonly))
        return readonly

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        extra_context = dict(extra_context or {})
        obj = self.get_object(request, unquote(object_id))
        if obj is not None:
            extra_context["review_can_submit"] = review_workflow.can_submit(obj, request.user)
            extra_context["review_can_decide"] = review_workflow.can_decide(obj, request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def get_form(
        self, request: HttpRequest, obj: AgreementReview | None = None, change: bool = False, **kwargs: Any
    ) -> type[AgreementReviewForm]:
        form = super().get_form(request, obj, change, **kwargs)
        form.workflow_user = request.user  # a class made for this request by modelform_factory
        return form

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: dict | None = None
    ) -> HttpResponse:
        if request.method == "POST" and WORKFLOW_BUTTON in request.POST and object_id:
            # The form's stale-edit guard locks the review (foreignaffairs.concurrency), and a step may then move
            # the agreement. The agreement's page locks the agreement first and its reviews after (inline rows):
            # taken here in that same order, or the two pages saved at one instant could each wait for the other.
            with transaction.atomic(using=router.db_for_write(AgreementReview)):
                for_update(Agreement.objects.filter(reviews__pk=unquote(object_id))).exists()
                return super().changeform_view(request, object_id, form_url, extra_context)
        return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request: HttpRequest, form: AgreementReviewForm, formsets: list, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        step = getattr(form, "workflow_step", None)
        review, user = form.instance, request.user
        if step == review_workflow.SUBMIT:
            review_workflow.submit(review, user)
        elif step == review_workflow.APPROVE:
            review_workflow.approve(review, user)
        elif step == review_workflow.RETURN:
            review_workflow.return_for_rework(review, user, form.cleaned_data["workflow_reason"])

    def response_change(self, request: HttpRequest, obj: AgreementReview) -> HttpResponse:
        if WORKFLOW_BUTTON in request.POST:
            self.message_user(
                request,
                gettext("Báo cáo rà soát nay: %(status)s.") % {"status": obj.get_status_display()},
                messages.SUCCESS,
            )
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)
