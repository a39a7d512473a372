"""Projects and reported figures leave the agreements app for their own (projects 0001 renames their tables).

State only: the tables stay until projects 0001 renames them, so no row and no history row is touched here.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("agreements", "0004_next_review_keeps_precision"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="historicalreportedfigure",
                    name="country",
                ),
                migrations.RemoveField(
                    model_name="historicalreportedfigure",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="historicalreportedfigure",
                    name="history_user",
                ),
                migrations.RemoveField(
                    model_name="historicalreportedfigure",
                    name="partner",
                ),
                migrations.RemoveField(
                    model_name="historicalreportedfigure",
                    name="updated_by",
                ),
                migrations.RemoveField(
                    model_name="project",
                    name="agreement",
                ),
                migrations.RemoveField(
                    model_name="project",
                    name="channel",
                ),
                migrations.RemoveField(
                    model_name="project",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="project",
                    name="fields",
                ),
                migrations.RemoveField(
                    model_name="project",
                    name="hue_unit",
                ),
                migrations.RemoveField(
                    model_name="project",
                    name="partner",
                ),
                migrations.RemoveField(
                    model_name="project",
                    name="updated_by",
                ),
                migrations.RemoveField(
                    model_name="reportedfigure",
                    name="country",
                ),
                migrations.RemoveField(
                    model_name="reportedfigure",
                    name="created_by",
                ),
                migrations.RemoveField(
                    model_name="reportedfigure",
                    name="partner",
                ),
                migrations.RemoveField(
                    model_name="reportedfigure",
                    name="updated_by",
                ),
                migrations.DeleteModel(
                    name="HistoricalProject",
                ),
                migrations.DeleteModel(
                    name="HistoricalReportedFigure",
                ),
                migrations.DeleteModel(
                    name="Project",
                ),
                migrations.DeleteModel(
                    name="ReportedFigure",
                ),
            ],
            database_operations=[],
        ),
    ]
