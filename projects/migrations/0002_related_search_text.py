"""Projects are found by their funder, funding channel ("koica" finds the three ODA grants), agreement and Huế
unit; reported figures by their country and partner: adds `related_search_text`, folds the own texts again, and
fills the related texts in one UPDATE per table.
"""

from django.db import migrations, models


def refold_and_fill(apps, schema_editor):
    from foreignaffairs.search.backfill import fill_related_text, refold_own_text

    Project = apps.get_model("projects", "Project")
    ReportedFigure = apps.get_model("projects", "ReportedFigure")
    refold_own_text(Project, ("title_vi", "title_en", "location", "starts_on"))
    refold_own_text(ReportedFigure, ("subject", "source_title", "source_published_in"))
    fill_related_text(Project, ("partner", "channel", "agreement", "hue_unit"))
    fill_related_text(ReportedFigure, ("country", "partner"))


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_moved_from_agreements"), ("agreements", "0007_related_search_text")]

    operations = [
        *(
            migrations.AddField(
                model_name=name, name="related_search_text", field=models.TextField(default="", db_default="", editable=False)
            )
            for name in ("project", "reportedfigure")
        ),
        migrations.RunPython(refold_and_fill, migrations.RunPython.noop),
    ]
