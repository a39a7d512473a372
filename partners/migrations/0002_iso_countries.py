"""Every ISO 3166 country exists as a row, so partners and delegations can point at any of them.

Names are not stored (django-countries translates them); the folded search text is, so "han quoc" finds Korea.
"""

from django.db import migrations
from django.utils import translation


def create_countries(apps, schema_editor):
    from django_countries import countries

    from foreignaffairs.text_search import build_search_text

    Country = apps.get_model("partners", "Country")
    existing = set(Country.objects.values_list("code", flat=True))
    rows = []
    # dict.fromkeys: COUNTRIES_FIRST repeats Korea and Japan at the head of the list.
    for code in dict.fromkeys(code for code, _name in countries):
        if code in existing:
            continue
        with translation.override("vi"):
            vietnamese = str(countries.name(code))
        with translation.override("en"):
            english = str(countries.name(code))
        rows.append(Country(code=code, search_text=build_search_text([vietnamese, english, code])))
    Country.objects.bulk_create(rows)


class Migration(migrations.Migration):
    dependencies = [("partners", "0001_initial")]

    operations = [migrations.RunPython(create_countries, migrations.RunPython.noop)]
