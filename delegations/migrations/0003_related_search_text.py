"""Delegations are found by their head, members (the people who received them), partners, countries and host
unit, and by their programme and start date: adds `related_search_text`, folds the own texts again with the new
fields, and fills the related texts in one UPDATE.
"""

from django.db import migrations, models


def refold_and_fill(apps, schema_editor):
    from foreignaffairs.search.backfill import fill_related_text, refold_own_text

    Delegation = apps.get_model("delegations", "Delegation")
    refold_own_text(Delegation, ("title_vi", "title_en", "purpose", "programme", "starts_on"))
    fill_related_text(Delegation, ("head", "members__person", "partners", "countries", "host_unit"))


class Migration(migrations.Migration):
    dependencies = [("delegations", "0002_list_indexes"), ("agreements", "0007_related_search_text")]

    operations = [
        migrations.AddField(
            model_name="delegation", name="related_search_text", field=models.TextField(default="", db_default="", editable=False)
        ),
        migrations.RunPython(refold_and_fill, migrations.RunPython.noop),
    ]
