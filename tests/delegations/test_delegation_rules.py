import pytest
from django.core.exceptions import ValidationError

from delegations.choices import Direction, FollowUpStatus
from delegations.forms import DelegationForm
from delegations.models import Delegation, FollowUpAction


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


def _refusals(record) -> dict[str, list[tuple[str, str]]]:
    """What full_clean() refuses, by field, as (code, message): the rules whatever saves the record."""
    with pytest.raises(ValidationError) as refused:
        record.full_clean()
    return {field: [(e.code, e.message) for e in errors] for field, errors in refused.value.error_dict.items()}


def test_a_delegation_with_an_end_needs_a_start(db):
    delegation = Delegation(direction=Direction.INBOUND, title_vi="Đoàn", ends_on="2025")
    assert _refusals(delegation) == {"starts_on": [("end_without_start", "Có ngày kết thúc thì cần có ngày bắt đầu.")]}


def test_a_follow_up_done_needs_its_completion_date(db):
    delegation = Delegation.objects.create(direction=Direction.INBOUND, title_vi="Đoàn")
    done = FollowUpAction(delegation=delegation, description="Gửi thư cảm ơn", status=FollowUpStatus.DONE)
    assert _refusals(done) == {"completed_on": [("done_without_date", "Nhập ngày hoàn thành cho việc đã xong.")]}
