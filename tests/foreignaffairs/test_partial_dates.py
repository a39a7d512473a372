import datetime

import pytest
from django.core.exceptions import ValidationError

from agreements.models import Agreement
from foreignaffairs.partial_dates import PartialDate, PartialDateFormField, Precision


@pytest.mark.parametrize(
    ("text", "iso", "shown", "precision"),
    [
        ("14/08/2025", "2025-08-14", "14/08/2025", Precision.DAY),
        ("2025-08-14", "2025-08-14", "14/08/2025", Precision.DAY),
        ("08/2025", "2025-08", "08/2025", Precision.MONTH),
        ("8/2025", "2025-08", "08/2025", Precision.MONTH),
        ("2025-08", "2025-08", "08/2025", Precision.MONTH),
        ("2007", "2007", "2007", Precision.YEAR),
    ],
)
def test_it_keeps_exactly_what_is_known(text, iso, shown, precision):
    value = PartialDate.parse(text)
    assert value.isoformat() == iso
    assert str(value) == shown
    assert value.precision == precision


@pytest.mark.parametrize("text", ["31/02/2025", "13/2025", "2025-13", "yesterday", "25", "0999"])
def test_it_rejects_impossible_dates(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)


def test_it_says_in_vietnamese_what_is_wrong_in_the_form_field():
    field = PartialDateFormField(required=False)
    with pytest.raises(ValidationError) as caught:
        field.clean("31/02/2025")
    assert "dd/mm/yyyy" in caught.value.messages[0]
    assert "để trống nếu chưa rõ" in caught.value.messages[0]
    assert (caught.value.code, caught.value.params) == ("invalid", {"value": "31/02/2025"})
    assert field.clean("") is None


def test_it_starts_the_period_on_its_earliest_day():
    assert PartialDate.parse("2025").earliest() == datetime.date(2025, 1, 1)
    assert PartialDate.parse("08/2025").earliest() == datetime.date(2025, 8, 1)


def test_it_sorts_and_filters_in_the_database_without_inventing_a_day(db):
    for title, signed in [("day", "2025-08-14"), ("month", "2025-08"), ("year", "2007"), ("unknown", "")]:
        Agreement.objects.create(title_vi=title, kind="cooperation", signed_on=signed)
    month = Agreement.objects.get(title_vi="month")
    assert month.signed_on == PartialDate(2025, 8)
    ordered = list(Agreement.objects.exclude(signed_on="").order_by("signed_on").values_list("title_vi", flat=True))
    assert ordered == ["year", "month", "day"]
    # "Signed in August 2025" is not known to be after 15 August, but is known to be before September.
    assert not Agreement.objects.filter(title_vi="month", signed_on__gte="2025-08-15").exists()
    assert Agreement.objects.filter(title_vi="month", signed_on__lt="2025-09-01").exists()
    assert Agreement.objects.get(title_vi="unknown").signed_on is None
