"""Agreements are found by their partners (all three scripts), Huế units, signatories and responsible unit, and
by their signing date and place: adds `related_search_text`, folds the own texts again with the new fields, and
fills the related texts in one UPDATE.
"""

from django.db import migrations, models


def refold_and_fill(apps, schema_editor):
    from foreignaffairs.search.backfill import fill_related_text, refold_own_text

    Agreement = apps.get_model("agreements", "Agreement")
    refold_own_text(Agreement, ("reference_number", "title_vi", "title_en", "signed_on", "signing_place"))
    fill_related_text(Agreement, ("partners", "hue_units", "signatories", "responsible_unit"))


class Migration(migrations.Migration):
    dependencies = [("agreements", "0006_documents_named_by_content"), ("partners", "0005_related_search_text")]

    operations = [
        migrations.AddField(
            model_name="agreement", name="related_search_text", field=models.TextField(default="", db_default="", editable=False)
        ),
        migrations.RunPython(refold_and_fill, migrations.RunPython.noop),
    ]
