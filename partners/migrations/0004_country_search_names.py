"""Country names in Vietnamese now follow the Ministry of Foreign Affairs (locale/vi): refold their search text.

0002 folded the names django-countries gave then ("Đoàn tụ" for Réunion, "Nigeria" for Niger), so "ni gie ri a"
found nothing and "nigeria" found two countries until a row was saved again. Everyday names ("Úc", "Ý", "Mỹ")
and transliterations written as one word ("campuchia") find their country too.
"""

from django.db import migrations


def refold_country_names(apps, schema_editor):
    from partners.models import country_search_text

    Country = apps.get_model("partners", "Country")
    changed = []
    for country in Country.objects.all():
        search_text = country_search_text(str(country.code))
        if search_text != country.search_text:
            country.search_text = search_text
            changed.append(country)
    Country.objects.bulk_update(changed, ["search_text"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("partners", "0003_list_indexes")]

    operations = [migrations.RunPython(refold_country_names, migrations.RunPython.noop)]
