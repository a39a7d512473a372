"""Admin pages for projects and reported figures."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from foreignaffairs.admin.base import TRACKING_FIELDSET, TrackedAdmin
from foreignaffairs.admin.filters import PartialDateYearFilter, RelatedInUseFilter
from foreignaffairs.imports.admin import ImportAdminMixin
from partners.bulk_edits import FIELDS_OF_COOPERATION
from projects.forms import PROJECT_FIELDSETS, REPORTED_FIGURE_FIELDSETS, ProjectForm, ReportedFigureForm
from projects.models import Project, ReportedFigure


class ProjectStartYearFilter(PartialDateYearFilter):
    title = _("năm bắt đầu")
    parameter_name = "year"
    field_name = "starts_on"


class SourceYearFilter(PartialDateYearFilter):
    title = _("năm của nguồn")
    parameter_name = "source_year"
    field_name = "source_date"


@admin.register(Project)
class ProjectAdmin(ImportAdminMixin, TrackedAdmin):
    form = ProjectForm
    list_display = (
        "title_vi",
        "kind",
        "status",
        "partner",
        "hue_unit",
        "location",
        "starts_on",
        "ends_on",
        "committed_display",
        "disbursed_display",
    )
    list_select_related = ("partner", "hue_unit")
    list_filter = ("kind", "status", ("partner__country", RelatedInUseFilter), "fields", ProjectStartYearFilter)
    search_fields = ("search_text",)
    autocomplete_fields = ("partner", "channel", "hue_unit", "fields", "agreement")
    actions = tuple(edit.as_action() for edit in FIELDS_OF_COOPERATION)
    fieldsets = (*PROJECT_FIELDSETS, TRACKING_FIELDSET)

    @admin.display(description=_("vốn cam kết / đăng ký"), ordering="committed_amount")
    def committed_display(self, obj: Project) -> str:
        return obj.committed or "—"

    @admin.display(description=_("vốn đã giải ngân"), ordering="disbursed_amount")
    def disbursed_display(self, obj: Project) -> str:
        return obj.disbursed or "—"


@admin.register(ReportedFigure)
class ReportedFigureAdmin(TrackedAdmin):
    form = ReportedFigureForm
    list_display = ("subject", "stated_value_display", "period_display", "country", "partner", "source_display")
    list_select_related = ("country", "partner")
    list_filter = ("unit", ("country", RelatedInUseFilter), SourceYearFilter)
    search_fields = ("search_text",)
    autocomplete_fields = ("country", "partner")
    fieldsets = (*REPORTED_FIGURE_FIELDSETS, TRACKING_FIELDSET)

    @admin.display(description=_("giá trị theo nguồn"), ordering="value")
    def stated_value_display(self, obj: ReportedFigure) -> str:
        return obj.stated_value

    @admin.display(description=_("kỳ / tính đến"))
    def period_display(self, obj: ReportedFigure) -> str:
        if obj.period_start or obj.period_end:
            start, end = obj.period_start or "…", obj.period_end or "…"
            return str(start) if start == end else f"{start}–{end}"
        return str(obj.as_of or "—")

    @admin.display(description=_("nguồn"), ordering="source_title")
    def source_display(self, obj: ReportedFigure) -> str:
        return f"{obj.source_title} ({obj.source_date})" if obj.source_date else obj.source_title
