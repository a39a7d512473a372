"""Forms for projects and reported figures. The rules live in the models' clean(), so the API enforces them too."""

from foreignaffairs.concurrency import GuardedModelForm
from projects.models import Project, ReportedFigure


class ProjectForm(GuardedModelForm):
    class Meta:
        model = Project
        fields = [
            "kind",
            "title_vi",
            "title_en",
            "status",
            "partner",
            "channel",
            "hue_unit",
            "location",
            "fields",
            "agreement",
            "starts_on",
            "ends_on",
            "committed_amount",
            "committed_currency",
            "disbursed_amount",
            "disbursed_currency",
            "summary",
            "notes",
        ]


class ReportedFigureForm(GuardedModelForm):
    class Meta:
        model = ReportedFigure
        fields = [
            "subject",
            "value",
            "unit",
            "currency",
            "is_lower_bound",
            "equivalent_value",
            "equivalent_currency",
            "period_start",
            "period_end",
            "as_of",
            "country",
            "partner",
            "source_title",
            "source_date",
            "source_published_in",
            "source_url",
            "notes",
        ]
