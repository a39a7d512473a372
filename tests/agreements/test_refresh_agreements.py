"""The daily `refresh_agreements` job: the calendar moves agreements, judged by the day in Huế, idempotently."""

import datetime
import zoneinfo

import pytest
from django.core.management import CommandError, call_command

from agreements import lifecycle
from agreements.choices import AgreementStatus
from agreements.models import Agreement, AgreementStatusChange

HUE = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
# 23:59 on 24/11 in Huế is 16:59 UTC the same day; midnight on 25/11 in Huế is 17:00 UTC on 24/11.
LAST_MINUTE_OF_24_NOV = datetime.datetime(2026, 11, 24, 23, 59, tzinfo=HUE)
FIRST_MINUTE_OF_25_NOV = datetime.datetime(2026, 11, 25, 0, 0, tzinfo=HUE)


def _agreement(status: str, **fields) -> Agreement:
    return Agreement.objects.create(title_vi="Thỏa thuận thử", kind="cooperation", status=status, **fields)


@pytest.mark.parametrize("status", [AgreementStatus.SIGNED, AgreementStatus.IN_EFFECT, AgreementStatus.UNDER_REVIEW])
def test_it_keeps_an_agreement_alive_through_its_last_day_in_hue(db, status):
    agreement = _agreement(status, expires_on=datetime.date(2026, 11, 24))

    assert lifecycle.refresh_agreements(now=LAST_MINUTE_OF_24_NOV) == []

    agreement.refresh_from_db()
    assert agreement.status == status


@pytest.mark.parametrize("status", [AgreementStatus.SIGNED, AgreementStatus.IN_EFFECT, AgreementStatus.UNDER_REVIEW])
def test_it_expires_an_agreement_at_midnight_in_hue_not_utc(db, status):
    agreement = _agreement(status, expires_on=datetime.date(2026, 11, 24))

    # At this instant it is still 24/11 in UTC: a job judging by UTC would wrongly keep it alive.
    assert FIRST_MINUTE_OF_25_NOV.astimezone(datetime.UTC).date() == datetime.date(2026, 11, 24)
    [change] = lifecycle.refresh_agreements(now=FIRST_MINUTE_OF_25_NOV)

    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.EXPIRED
    assert (change.from_status, change.to_status, change.changed_by) == (status, AgreementStatus.EXPIRED, None)
    assert change.changed_at == FIRST_MINUTE_OF_25_NOV
    assert change.reason == "Tự động: đã qua ngày hết hiệu lực (24/11/2026)."


def test_it_puts_a_signed_agreement_in_effect_on_its_effective_day_in_hue(db):
    agreement = _agreement(AgreementStatus.SIGNED, effective_on=datetime.date(2026, 11, 25))

    assert lifecycle.refresh_agreements(now=LAST_MINUTE_OF_24_NOV) == []
    [change] = lifecycle.refresh_agreements(now=FIRST_MINUTE_OF_25_NOV)

    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_EFFECT
    assert change.changed_by is None
    assert change.reason == "Tự động: đã đến ngày có hiệu lực (25/11/2026)."


def test_it_is_idempotent(db):
    _agreement(AgreementStatus.IN_EFFECT, expires_on=datetime.date(2026, 11, 1))
    _agreement(AgreementStatus.SIGNED, effective_on=datetime.date(2026, 11, 1))

    first = lifecycle.refresh_agreements(now=FIRST_MINUTE_OF_25_NOV)
    second = lifecycle.refresh_agreements(now=FIRST_MINUTE_OF_25_NOV)
    third = lifecycle.refresh_agreements(now=FIRST_MINUTE_OF_25_NOV + datetime.timedelta(hours=10))

    assert (len(first), second, third) == (2, [], [])
    assert AgreementStatusChange.objects.count() == 2


def test_it_expires_a_signed_agreement_whose_whole_term_has_passed(db):
    agreement = _agreement(
        AgreementStatus.SIGNED, effective_on=datetime.date(2025, 1, 1), expires_on=datetime.date(2026, 1, 1)
    )

    lifecycle.refresh_agreements(now=FIRST_MINUTE_OF_25_NOV)

    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.EXPIRED


@pytest.mark.parametrize(
    ("status", "fields"),
    [
        (AgreementStatus.DRAFTING, {"effective_on": datetime.date(2026, 1, 1)}),
        (AgreementStatus.NEGOTIATING, {"expires_on": datetime.date(2026, 1, 1)}),
        (AgreementStatus.SIGNED, {}),
        (AgreementStatus.IN_EFFECT, {"open_ended": True}),
        (AgreementStatus.TERMINATED, {"expires_on": datetime.date(2026, 1, 1)}),
        (AgreementStatus.RENEWED, {"expires_on": datetime.date(2026, 1, 1)}),
    ],
)
def test_it_leaves_alone_what_the_calendar_cannot_decide(db, status, fields):
    agreement = _agreement(status, **fields)

    assert lifecycle.refresh_agreements(now=FIRST_MINUTE_OF_25_NOV) == []
    agreement.refresh_from_db()
    assert agreement.status == status


def test_it_records_the_move_in_the_audit_trail(db):
    agreement = _agreement(AgreementStatus.IN_EFFECT, expires_on=datetime.date(2026, 11, 24))

    lifecycle.refresh_agreements(now=FIRST_MINUTE_OF_25_NOV)

    latest = agreement.history.first()
    assert latest.status == AgreementStatus.EXPIRED
    assert latest.history_user is None
    assert latest.history_change_reason.startswith("Tự động")


def test_the_command_takes_the_day_to_run_as(db, capsys):
    agreement = _agreement(AgreementStatus.IN_EFFECT, expires_on=datetime.date(2026, 11, 24))

    call_command("refresh_agreements", "--today", "24/11/2026")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.IN_EFFECT

    call_command("refresh_agreements", "--today", "2026-11-25")
    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.EXPIRED
    assert "Đã chuyển trạng thái 1 thỏa thuận." in capsys.readouterr().out


def test_the_command_runs_on_today_in_hue_by_default(db, capsys):
    agreement = _agreement(AgreementStatus.IN_EFFECT, expires_on=datetime.date(2000, 1, 1))

    call_command("refresh_agreements")

    agreement.refresh_from_db()
    assert agreement.status == AgreementStatus.EXPIRED


def test_the_command_refuses_a_day_that_is_not_a_full_date(db):
    with pytest.raises(CommandError, match="không phải ngày đầy đủ"):
        call_command("refresh_agreements", "--today", "11/2026")
