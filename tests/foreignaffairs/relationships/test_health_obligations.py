"""The health rule for an agreement's commitments: an overdue one cools a partner as an overdue follow-up does,
judged in SQL and in Python alike (test_health_rules.judged). Today is 15/03/2026 (conftest)."""

import datetime

import pytest

from agreements.choices import AgreementStatus, ObligationStatus
from agreements.models import AgreementObligation
from foreignaffairs.relationships.health import HealthStatus
from partners.choices import Side
from tests.foreignaffairs.relationships.conftest import TODAY, signed, visited
from tests.foreignaffairs.relationships.test_health_rules import judged

YESTERDAY = TODAY - datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("due_on", "status", "agreement_status", "side", "health"),
    [
        (TODAY, ObligationStatus.OPEN, AgreementStatus.IN_EFFECT, Side.HUE, HealthStatus.ACTIVE),
        (YESTERDAY, ObligationStatus.OPEN, AgreementStatus.IN_EFFECT, Side.HUE, HealthStatus.COOLING),
        # Whichever side undertook it: the partner's own late commitment is as much a sign.
        (YESTERDAY, ObligationStatus.OPEN, AgreementStatus.IN_EFFECT, Side.PARTNER, HealthStatus.COOLING),
        (YESTERDAY, ObligationStatus.DONE, AgreementStatus.IN_EFFECT, Side.HUE, HealthStatus.ACTIVE),
        (YESTERDAY, ObligationStatus.CANCELLED, AgreementStatus.IN_EFFECT, Side.HUE, HealthStatus.ACTIVE),
        # A commitment of an agreement that binds no longer is overdue for no one.
        (YESTERDAY, ObligationStatus.OPEN, AgreementStatus.TERMINATED, Side.HUE, HealthStatus.ACTIVE),
    ],
)
def test_an_overdue_obligation_cools(partner, due_on, status, agreement_status, side, health):
    visited(partner, "2026-02-01")
    agreement = signed(partner, "2025-08", status=agreement_status)
    AgreementObligation.objects.create(
        agreement=agreement,
        side=side,
        commitment="Cử đoàn nghệ thuật biểu diễn tại lễ hội",
        due_on=due_on,
        status=status,
        completed_on=due_on if status == ObligationStatus.DONE else None,
        evidence="Công văn 12/SNgV" if status == ObligationStatus.DONE else "",
    )
    judgement = judged(partner)
    assert judgement.status == health
    assert ("1 cam kết quá hạn" in judgement.reasons) is (health == HealthStatus.COOLING)
