"""The interface in English: no Vietnamese left in it, and plurals in the plural.

Our sources are written in Vietnamese, so any string the English catalogue misses shows in Vietnamese. The demo
records themselves are Vietnamese (a partner's Vietnamese name, an agreement's notes): those are data, not interface,
and are taken out of each page's text before looking for Vietnamese letters.
"""

import re
import unicodedata

import lxml.html
import pytest
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import translation

from agreements.models import Agreement
from delegations.choices import Direction
from delegations.models import Delegation
from foreignaffairs.accounts.roles import DOMAIN_APPS
from foreignaffairs.clock import today
from partners.models import Partner, Person, country_names
from projects.models import Project

# Letters with a Vietnamese diacritic: ă â đ ê ô ơ ư and the five tone marks on every vowel.
VIETNAMESE_LETTER = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.IGNORECASE)
# Written with its diacritics in English too ("Huế City Department of Foreign Affairs").
PROPER_NOUNS = ("Huế",)
# The language switcher names each language in itself.
LANGUAGE_NAMES = {"Tiếng Việt"}
DATA_APPS = {*DOMAIN_APPS, "foreignaffairs", "auth"}


def _lines(value) -> list[str]:
    return [" ".join(line.split()) for line in str(value).splitlines() if line.strip()]


def record_data() -> list[str]:
    """Every text the database holds, as pages show it (whole, line by line, as the record's name), longest first;
    and the countries' names, which come from django-countries, not from us."""
    data = set()
    for model in apps.get_models():
        if model._meta.app_label not in DATA_APPS:
            continue
        text_fields = [
            field.attname
            for field in model._meta.concrete_fields
            if isinstance(field, models.CharField | models.TextField)
        ]
        for row in model._default_manager.all():
            for name in text_fields:
                value = getattr(row, name)
                if value:
                    data.add(" ".join(str(value).split()))
                    data.update(_lines(value))
            for language in ("vi", "en"):
                with translation.override(language):
                    data.update(_lines(row))
    for code in Partner._meta.get_field("country").related_model.objects.values_list("code", flat=True):
        data.update(country_names(str(code)))
    return sorted((value for value in data if len(value) > 1), key=len, reverse=True)


def visible_texts(response) -> set[str]:
    document = lxml.html.document_fromstring(response.content, parser=lxml.html.HTMLParser(encoding="utf-8"))
    for hidden in document.xpath("//script | //style"):
        hidden.drop_tree()
    texts = {" ".join(text.split()) for text in document.xpath("//text()")}
    for attribute in ("title", "placeholder", "aria-label", "alt"):
        texts.update(document.xpath(f"//@{attribute}"))
    texts.update(document.xpath("//input[@type='submit' or @type='button']/@value"))
    # NFC: Django names Vietnamese "Tiếng Việt" with combining accents, our sources use composed letters.
    return {unicodedata.normalize("NFC", text) for text in texts if text}


def vietnamese_outside_data(text: str, data: list[str]) -> str:
    """What is left of `text` once the records' own text is taken out, if Vietnamese; "" otherwise."""
    if not VIETNAMESE_LETTER.search(text) or text in LANGUAGE_NAMES:
        return ""
    # A record's text, whole or cut short at either end ("Thỏa thuận hợp tác giữa …", a search excerpt "…thế mạnh").
    bare = text.strip("…").strip()
    if any(bare in value for value in data):
        return ""
    for value in data:
        if value in text:
            text = text.replace(value, " ")
    for noun in PROPER_NOUNS:
        text = text.replace(noun, " ")
    return text.strip() if VIETNAMESE_LETTER.search(text) else ""


def _more_delegations_than_a_calendar_cell_shows() -> None:
    # Thirteen inbound delegations this month: the calendar shows twelve and links "and 1 more delegation".
    first_of_month = today().replace(day=1)
    Delegation.objects.bulk_create(
        Delegation(direction=Direction.INBOUND, title_vi=f"Đoàn thử {n}", starts_on=first_of_month.isoformat())
        for n in range(13)
    )


def _dashboard_pages(client) -> list:
    urls = [
        reverse("dashboard:overview"),
        reverse("dashboard:partner-list"),
        reverse("dashboard:agreement-list"),
        reverse("dashboard:review-list"),
        reverse("dashboard:project-list"),
        reverse("dashboard:delegation-list"),
        reverse("dashboard:calendar"),
        reverse("dashboard:person-list"),
        reverse("dashboard:calendar-subscription"),
        reverse("dashboard:search") + "?q=hue",
        Partner.objects.first().get_absolute_url(),
        Person.objects.get(full_name="Nguyễn Đình Trung").get_absolute_url(),
        Agreement.objects.first().get_absolute_url(),
        Project.objects.first().get_absolute_url(),
        Delegation.objects.first().get_absolute_url(),
    ]
    return [client.get(url) for url in urls]


def _admin_pages(client) -> list:
    pages = [client.get(reverse("admin:index"))]
    for model in admin.site._registry:
        if model._meta.app_label not in DOMAIN_APPS:
            continue
        info = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages.append(client.get(reverse(f"{info}_changelist")))
        pages.append(client.get(reverse(f"{info}_add")))
        record = model._default_manager.first()
        if record is not None:
            pages.append(client.get(reverse(f"{info}_change", args=[record.pk])))
            pages.append(client.get(reverse(f"{info}_history", args=[record.pk])))
    return pages


@pytest.fixture
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def test_it_shows_no_vietnamese_outside_the_records_in_english(english, demo, viewer, administrator):
    _more_delegations_than_a_calendar_cell_shows()
    data = record_data()
    pages = [english.get(reverse("login")), english.get(reverse("admin:login"))]
    english.force_login(viewer)
    pages += _dashboard_pages(english)
    english.force_login(administrator)
    pages += _admin_pages(english)

    left = {}
    for response in pages:
        assert response.status_code == 200, response.request["PATH_INFO"]
        assert 'lang="en"' in response.text
        for text in visible_texts(response):
            if leftover := vietnamese_outside_data(text, data):
                left.setdefault(response.request["PATH_INFO"], set()).add(leftover)
    assert left == {}, "\n".join(f"{path}: {sorted(texts)}" for path, texts in left.items())


def test_it_tells_how_many_more_delegations_a_calendar_month_has(english, demo, viewer):
    _more_delegations_than_a_calendar_cell_shows()
    english.force_login(viewer)
    response = english.get(reverse("dashboard:calendar"))
    assert "and 1 more delegation" in visible_texts(response)


def test_it_gives_every_model_an_english_plural():
    with translation.override("en"):
        same = [
            model._meta.label
            for model in apps.get_models()
            if model._meta.app_label in {*DOMAIN_APPS, "foreignaffairs"}
            and not model._meta.label.split(".")[1].startswith("Historical")
            and str(model._meta.verbose_name_plural) == str(model._meta.verbose_name)
        ]
    assert same == []


def test_it_counts_partners_in_the_plural(english, demo, editor):
    english.force_login(editor)
    response = english.get(reverse("admin:partners_partner_changelist"))
    assert f"{Partner.objects.count()} partners" in visible_texts(response)
