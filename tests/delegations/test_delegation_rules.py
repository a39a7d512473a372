import pytest

from delegations.forms import DelegationForm


@pytest.mark.parametrize(
    ("starts", "ends", "valid"),
    [
        ("10/03/2025", "12/03/2025", True),
        ("2025", "03/2025", True),
        ("03/2025", "03/2025", True),
        ("12/03/2025", "10/03/2025", False),
        ("2025", "2024", False),
        ("", "2025", False),
    ],
)
def test_a_delegation_cannot_end_before_it_starts(db, starts, ends, valid):
    form = DelegationForm(
        {"direction": "outbound", "title_vi": "Đoàn thử", "status": "proposed", "starts_on": starts, "ends_on": ends}
    )
    assert form.is_valid() is valid, form.errors


def test_the_error_names_both_dates(db):
    form = DelegationForm(
        {
            "direction": "inbound",
            "title_vi": "Đoàn",
            "status": "proposed",
            "starts_on": "12/03/2025",
            "ends_on": "10/03/2025",
        }
    )
    assert form.errors["ends_on"] == ["Ngày kết thúc (10/03/2025) không thể trước ngày bắt đầu (12/03/2025)."]
