"""Country names in Vietnamese now follow the Ministry of Foreign Affairs (locale/vi): refold their search text.

0002 folded the names django-countries gave then ("Đoàn tụ" for Réunion, "Nigeria" for Niger), so "ni gie ri a"
found nothing and "nigeria" found two countries until a row was saved again.
"""

from django.db import migrations
from django.utils import translation


def refold_country_names(apps, schema_editor):
    from django_countries import countries

    from foreignaffairs.text_search import build_search_text

    Country = apps.get_model("partners", "Country")
    changed = []
    for country in Country.objects.all():
        code = str(country.code)
        with translation.override("vi"):
            vietnamese = str(countries.name(code))
        with translation.override("en"):
            english = str(countries.name(code))
        search_text = build_search_text([vietnamese, english, code])
        if search_text != country.search_text:
            country.search_text = search_text
            changed.append(country)
    Country.objects.bulk_update(changed, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_list_indexes")]

    operations = [migrations.RunPython(refold_country_names, migrations.RunPython.noop)]
