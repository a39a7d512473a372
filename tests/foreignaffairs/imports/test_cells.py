"""A cell turned into a value: dates to the precision written, Vietnamese numbers, choices in either language."""

import datetime
from decimal import Decimal

import pytest

from foreignaffairs.imports.cells import CellError, Choice, Lookups, Number, PartialDateCell, RecordId
from foreignaffairs.partial_dates import PartialDate
from partners.choices import PartnerKind


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (datetime.datetime(2025, 8, 14), PartialDate(2025, 8, 14)),
        ("14/08/2025", PartialDate(2025, 8, 14)),
        ("08/2025", PartialDate(2025, 8)),
        ("2007", PartialDate(2007)),
        (2007, PartialDate(2007)),
        (2007.0, PartialDate(2007)),
    ],
)
def test_it_keeps_a_date_to_its_precision(raw, expected):
    assert PartialDateCell().parse(raw, Lookups()) == expected


@pytest.mark.parametrize("raw", ["31/02/2026", "13/2025", "hôm qua", "14-08-25"])
def test_it_says_what_is_no_date(raw):
    with pytest.raises(CellError) as error:
        PartialDateCell().parse(raw, Lookups())
    assert error.value.message == f"“{raw}” không phải là ngày."


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("61.600.000", Decimal("61600000")),
        ("1.234,5", Decimal("1234.5")),
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        (61600000, Decimal("61600000")),
        ("61 600 000", Decimal("61600000")),
    ],
)
def test_it_reads_vietnamese_numbers(raw, expected):
    assert Number().parse(raw, Lookups()) == expected


def test_it_shows_a_number_the_vietnamese_way():
    assert Number().show(Decimal("61600000")) == "61.600.000"
    assert Number().show(Decimal("1234.50")) == "1.234,50"


def test_it_refuses_what_is_no_number():
    with pytest.raises(CellError, match="“61.600.00” không phải là số."):
        Number().parse("61.600.00", Lookups())


@pytest.mark.parametrize("raw", ["province", "Tỉnh / bang / vùng", "tinh / bang / vung", "PROVINCE", "Province"])
def test_it_takes_a_choice_by_code_or_label_in_either_language(raw):
    assert Choice(PartnerKind).parse(raw, Lookups()) == PartnerKind.PROVINCE


def test_it_refuses_a_choice_not_in_the_list():
    with pytest.raises(CellError, match="“Làng” không có trong danh sách"):
        Choice(PartnerKind).parse("Làng", Lookups())


@pytest.mark.parametrize("raw", ["²", "①", "12a", "-3"])
def test_it_says_what_is_no_record_id(raw):
    with pytest.raises(CellError, match="không phải là mã của một bản ghi"):
        RecordId().parse(raw, Lookups())
