"""The CSV exports are made for Excel: a cell that would start a formula is written as text (OWASP, CSV injection).

A partner named =HYPERLINK("http://x","y") once reached the officer's spreadsheet as a live formula.
"""

import csv
import io
import json

import pytest

from partners.choices import PartnerKind
from partners.models import Country, Partner
from tests.conftest import body
from tests.pages import link_by_text

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]


@pytest.fixture
def hostile_partners(db):
    korea = Country.objects.get(code="KR")
    for name in [*HOSTILE, "Thành phố Gyeongju", "Quận 1 - Busan"]:
        Partner.objects.create(kind=PartnerKind.CITY, name_vi=name, country=korea)


def exported_names(client) -> list[str]:
    page = client.get("/dashboard/partners/?sort=name")
    response = client.get(link_by_text(page, "CSV (Excel)", base="/dashboard/partners/"))
    rows = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig"))))
    return [row[0] for row in rows[1:]]


def test_it_writes_a_would_be_formula_as_text(logged_in, hostile_partners):
    names = exported_names(logged_in)
    assert sorted(names) == sorted([*(f"'{name}" for name in HOSTILE), "Thành phố Gyeongju", "Quận 1 - Busan"])


def test_it_keeps_the_name_as_stored_in_the_json(logged_in, hostile_partners):
    document = logged_in.get("/dashboard/partners/?export=json")
    names = {row["name"] for row in json.loads(body(document))["results"]}
    assert set(HOSTILE) <= names
