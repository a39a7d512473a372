"""Partners and people are found by the names around them: a partner by its parent's names and its contacts', a
person by their organization. Adds `related_search_text` to every searchable model (empty where nothing is linked),
folds every own search text again (a short name is now also stored written as one word, "nguyendinhtrung", and
invisible marks are dropped), then fills the related texts in one UPDATE per table.
"""

from django.db import migrations, models

OWN_FIELDS = {
    "FieldOfCooperation": ("name_vi", "name_en", "code"),
    "HueUnit": ("name_vi", "name_en", "abbreviation"),
    "Partner": ("name_vi", "name_en", "name_native", "abbreviation"),
    "Person": ("full_name", "full_name_native", "title", "email"),
}
RELATED_PATHS = {"Partner": ("parent", "contacts"), "Person": ("partner", "hue_unit")}


def refold_and_fill(apps, schema_editor):
    from foreignaffairs.search.backfill import fill_related_text, refold_own_text
    from partners.models import country_search_text

    Country = apps.get_model("partners", "Country")
    changed = []
    for country in Country.objects.all():
        text = country_search_text(str(country.code))
        if text != country.search_text:
            country.search_text = text
            changed.append(country)
    Country.objects.bulk_update(changed, ["search_text"], batch_size=500)
    for name, fields in OWN_FIELDS.items():
        refold_own_text(apps.get_model("partners", name), fields)
    for name, paths in RELATED_PATHS.items():
        fill_related_text(apps.get_model("partners", name), paths)


def related_field():
    return models.TextField(default="", db_default="", editable=False)


class Migration(migrations.Migration):
    dependencies = [("partners", "0004_country_search_names")]

    operations = [
        *(
            migrations.AddField(model_name=name, name="related_search_text", field=related_field())
            for name in ("country", "fieldofcooperation", "hueunit", "partner", "person")
        ),
        migrations.RunPython(refold_and_fill, migrations.RunPython.noop),
    ]
