"""Forms for projects and reported figures. Their rules are the models' own (clean()), so whatever validates a record
enforces them, not only these forms."""

from django.contrib.admin.utils import flatten_fieldsets
from django.utils.translation import gettext_lazy as _

from foreignaffairs.concurrency import GuardedModelForm
from projects.models import Project, ReportedFigure

# What each form edits, in the sections the admin shows it (projects.admin): one list for both.
PROJECT_FIELDSETS = (
    (None, {"fields": ("kind", "title_vi", "title_en", "status")}),
    (_("Các bên"), {"fields": ("partner", "channel", "hue_unit", "agreement")}),
    (_("Thời gian, địa điểm, lĩnh vực"), {"fields": (("starts_on", "ends_on"), "location", "fields")}),
    (
        _("Vốn (đúng như nguồn nêu, không quy đổi)"),
        {"fields": (("committed_amount", "committed_currency"), ("disbursed_amount", "disbursed_currency"))},
    ),
    (_("Nội dung"), {"fields": ("summary", "notes")}),
)
REPORTED_FIGURE_FIELDSETS = (
    (
        None,
        {
            "fields": (
                "subject",
                ("value", "unit", "currency"),
                "is_lower_bound",
                ("equivalent_value", "equivalent_currency"),
            )
        },
    ),
    (_("Thời gian"), {"fields": (("period_start", "period_end"), "as_of")}),
    (_("Số liệu nói về"), {"fields": ("country", "partner")}),
    (_("Nguồn"), {"fields": ("source_title", "source_date", "source_published_in", "source_url", "notes")}),
)


class ProjectForm(GuardedModelForm):
    class Meta:
        model = Project
        fields = flatten_fieldsets(PROJECT_FIELDSETS)


class ReportedFigureForm(GuardedModelForm):
    class Meta:
        model = ReportedFigure
        fields = flatten_fieldsets(REPORTED_FIGURE_FIELDSETS)
