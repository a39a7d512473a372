"""Every record named in Vietnamese and English reads in the reader's language: English when asked for and written,
Vietnamese otherwise (foreignaffairs.models.in_language, one rule for the names and titles of all four apps)."""

import pytest
from django.utils import translation

from agreements.models import Agreement
from delegations.models import Delegation
from partners.models import FieldOfCooperation, HueUnit, Partner
from projects.models import Project

NAMED = [
    (Partner, "name"),
    (HueUnit, "name"),
    (FieldOfCooperation, "name"),
    (Agreement, "title"),
    (Delegation, "title"),
    (Project, "title"),
]


@pytest.mark.parametrize(("model", "attribute"), NAMED, ids=[model.__name__ for model, _attribute in NAMED])
def test_it_reads_english_only_when_asked_for_and_written(model, attribute):
    both = model(**{f"{attribute}_vi": "Tiếng Việt", f"{attribute}_en": "English"})
    vietnamese_only = model(**{f"{attribute}_vi": "Tiếng Việt", f"{attribute}_en": ""})

    with translation.override("vi"):
        assert getattr(both, attribute) == str(both) == "Tiếng Việt"
    with translation.override("en"):
        assert getattr(both, attribute) == str(both) == "English"
        assert getattr(vietnamese_only, attribute) == str(vietnamese_only) == "Tiếng Việt"
