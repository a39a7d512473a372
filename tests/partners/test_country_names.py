"""Country names in Vietnamese: one name per country, as Vietnam's Ministry of Foreign Affairs writes it.

django-countries' own Vietnamese gave "Đoàn tụ" (reunion) for Réunion, "Tiếng Swaziland" (the language) for
Eswatini, "Áo" for both Austria and Jersey, "Ai-len" for both Ireland and Iceland, "Nigeria" for both Niger and
Nigeria. Our catalogue locale/vi overrides it, keyed by the library's English names.
"""

import importlib
from collections import defaultdict

import pytest
from django.apps import apps
from django.utils import translation
from django_countries import countries

from foreignaffairs.lists.filters import _country_choices_in
from foreignaffairs.text_search import search_q
from partners.models import Country, country_name, country_names

CODES = list(dict.fromkeys(code for code, _name in countries))

MINISTRY_NAMES = {
    "KR": "Hàn Quốc",
    "JP": "Nhật Bản",
    "AT": "Áo",
    "JE": "Jersey",
    "IE": "Ai-len",
    "IS": "Ai-xơ-len",
    "GB": "Vương quốc Anh",
    "NG": "Ni-giê-ri-a",
    "NE": "Ni-giê",
    "CZ": "Cộng hòa Séc",
    "BE": "Bỉ",
    "CH": "Thụy Sĩ",
    "AU": "Ô-xtơ-rây-li-a",
    "FR": "Pháp",
    "US": "Hoa Kỳ",
    "RE": "Rê-uy-ni-ông",
    "SZ": "Ét-xoa-ti-ni",
    "CD": "Cộng hòa Dân chủ Công-gô",
    "CG": "Cộng hòa Công-gô",
    "KP": "Triều Tiên",
    "TL": "Ti-mo Lét-xtê",
    "VN": "Việt Nam",
}


def test_it_lists_every_iso_country():
    assert len(CODES) == 249


def test_it_gives_no_two_countries_the_same_vietnamese_name():
    codes_by_name = defaultdict(list)
    for code in CODES:
        codes_by_name[country_names(code)[0]].append(code)
    assert {name: codes for name, codes in codes_by_name.items() if len(codes) > 1} == {}


def test_it_gives_no_two_countries_the_same_name_in_the_filter_select():
    labels = [label for _code, label in dict(_country_choices_in("vi")).items()]
    assert len(labels) == len(set(labels)) == 249


@pytest.mark.parametrize(("code", "name"), MINISTRY_NAMES.items())
def test_it_names_well_known_countries_as_the_ministry_writes_them(code, name):
    with translation.override("vi"):
        assert country_name(code) == name


def test_it_makes_no_country_of_northern_ireland():
    with translation.override("vi"):
        names = {country_name(code) for code in CODES}
    assert not {name for name in names if "Bắc Ai-len" in name}


def test_it_names_no_country_after_a_language():
    # "Tiếng Swaziland" was the language's name, not the country's.
    with translation.override("vi"):
        assert [country_name(code) for code in CODES if country_name(code).startswith("Tiếng ")] == []


def test_it_keeps_the_english_names_in_english():
    with translation.override("en"):
        assert (country_name("NG"), country_name("NE"), country_name("RE"), country_name("JE")) == (
            "Nigeria",
            "Niger",
            "Réunion",
            "Jersey",
        )


@pytest.mark.django_db
def test_it_finds_a_country_by_its_ministry_name_without_diacritics():
    assert list(Country.objects.filter(search_q("ni gie ri a")).values_list("code", flat=True)) == ["NG"]
    assert list(Country.objects.filter(search_q("reunion")).values_list("code", flat=True)) == ["RE"]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("typed", "code"),
    [("uc", "AU"), ("y", "IT"), ("my", "US"), ("campuchia", "KH"), ("xingapo", "SG"), ("han quoc", "KR")],
)
def test_it_finds_a_country_by_the_name_people_say(typed, code):
    found = set(Country.objects.filter(search_q(typed)).values_list("code", flat=True))
    assert code in found


@pytest.mark.django_db
def test_it_refolds_the_search_text_folded_from_the_library_names():
    migration = importlib.import_module("partners.migrations.0004_country_search_names")
    Country.objects.filter(code="RE").update(search_text="doan tu | reunion | re")

    migration.refold_country_names(apps, schema_editor=None)

    assert Country.objects.get(code="RE").search_text == Country.objects.get(code="RE").compute_search_text()
    assert "doan tu" not in Country.objects.get(code="RE").search_text
