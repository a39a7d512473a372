"""Each health rule at its threshold, judged both ways: in SQL (what lists filter and sort by) and in Python from
the row's figures (what the page shows, with the reasons). Today is 15/03/2026 (conftest)."""

import datetime

import pytest

from agreements.choices import AgreementStatus, ReviewStatus
from delegations.choices import DelegationStatus, FollowUpStatus
from foreignaffairs.journal.models import JournalEntry
from foreignaffairs.relationships.health import (
    DORMANT_AFTER_MONTHS,
    RECENT_CONTACT_MONTHS,
    VISIT_WINDOW_MONTHS,
    HealthStatus,
    dormant_partners,
    health_of,
    months_before,
    with_health,
    with_health_figures,
)
from partners.models import Partner
from projects.choices import ProjectStatus
from tests.foreignaffairs.relationships.conftest import (
    TODAY,
    follow_up,
    new_partner,
    project,
    reviewed,
    signed,
    status_changed,
    visited,
)

ACTIVE, COOLING, DORMANT, UNKNOWN = (
    HealthStatus.ACTIVE,
    HealthStatus.COOLING,
    HealthStatus.DORMANT,
    HealthStatus.INSUFFICIENT_DATA,
)


def judged(partner: Partner):
    row = with_health(with_health_figures(Partner.objects.filter(pk=partner.pk))).get()
    health = health_of(row)
    assert row.health == health.status, "SQL and Python judge alike"
    return health


def test_the_thresholds_are_the_ones_the_readme_states():
    assert (RECENT_CONTACT_MONTHS, DORMANT_AFTER_MONTHS, VISIT_WINDOW_MONTHS) == (12, 24, 24)
    assert months_before(TODAY, 24) == datetime.date(2024, 3, 15)


# Rule 1: not enough data.


def test_it_says_not_enough_data_for_a_partner_with_no_records(partner):
    health = judged(partner)
    assert health.status == UNKNOWN
    assert health.label == "Chưa đủ dữ liệu"
    assert health.reasons == (
        "chưa có liên hệ nào được ghi ngày",
        "chưa có đoàn nào",
        "không có thỏa thuận nào còn hiệu lực",
    )


def test_an_agreement_in_force_without_a_date_is_not_enough(partner):
    signed(partner, "")
    health = judged(partner)
    assert health.status == UNKNOWN
    assert "1 thỏa thuận còn hiệu lực" in health.reasons


def test_proposed_cancelled_and_future_visits_are_no_contact(partner):
    visited(partner, "2026-02-01", status=DelegationStatus.PROPOSED)
    visited(partner, "2026-02-01", status=DelegationStatus.CANCELLED)
    visited(partner, "2026-03-16", status=DelegationStatus.CONFIRMED)
    visited(partner, "2026-04", status=DelegationStatus.CONFIRMED)
    assert judged(partner).status == UNKNOWN


# Rule 2: dormant, 24 months without contact, read at the latest possible day.


@pytest.mark.parametrize(
    ("signed_on", "status"),
    [
        ("2024-03-15", DORMANT),  # exactly 24 months
        ("2024-03-16", COOLING),
        ("2024-03", COOLING),  # may be 31/03/2024: never a longer silence than the records prove
        ("2024-02", DORMANT),
        ("2024", COOLING),  # may be 31/12/2024
        ("2023", DORMANT),
    ],
)
def test_dormant_after_24_months_without_contact(partner, signed_on, status):
    signed(partner, signed_on)
    assert judged(partner).status == status


def test_a_dormant_partner_says_how_long_and_since_what(partner):
    signed(partner, "2023", status=AgreementStatus.EXPIRED)
    visited(partner, "05/2022")
    health = judged(partner)
    assert health.status == DORMANT
    assert health.label == "Ngưng trệ"
    # 31/12/2023 to 15/03/2026: 26 whole months.
    assert health.reasons == (
        "không có liên hệ trong 26 tháng (lần gần nhất: ký thỏa thuận, 2023)",
        "không có đoàn nào từ 05/2022",
        "không có thỏa thuận nào còn hiệu lực",
    )


def test_agreements_in_force_do_not_keep_a_silent_partner_awake(partner):
    signed(partner, "2020-01-01", open_ended=True)
    assert judged(partner).status == DORMANT


# Rule 3: active, recent contact and a visit, nothing overdue; otherwise rule 4, cooling.


@pytest.mark.parametrize(("starts_on", "status"), [("2025-03-16", ACTIVE), ("2025-03-15", COOLING)])
def test_active_needs_contact_within_12_months(partner, starts_on, status):
    visited(partner, starts_on)
    assert judged(partner).status == status


def test_twelve_months_of_silence_is_said(partner):
    visited(partner, "2025-03-15")
    assert judged(partner).reasons[0] == "không có liên hệ trong 12 tháng (lần gần nhất: đoàn ra, đoàn vào, 15/03/2025)"


@pytest.mark.parametrize(("visit", "status"), [("2024-03-16", ACTIVE), ("2024-03-15", COOLING)])
def test_active_needs_a_visit_within_24_months(partner, visit, status):
    signed(partner, "2026-01-10", review_interval_months=24)
    visited(partner, visit)
    health = judged(partner)
    assert health.status == status
    assert health.reasons[0] == "liên hệ gần nhất: ký thỏa thuận, 10/01/2026"
    assert ("không có đoàn nào từ 15/03/2024" in health.reasons) is (status == COOLING)


@pytest.mark.parametrize(("signed_on", "status"), [("2025-03-15", ACTIVE), ("2025-03-14", COOLING)])
def test_an_agreement_overdue_for_review_cools(partner, signed_on, status):
    visited(partner, "2026-02-01")
    # Reviewed every 12 months: signed 14/03/2025, the review was due by 14/03/2026.
    signed(partner, signed_on, review_interval_months=12)
    health = judged(partner)
    assert health.status == status
    assert ("1 thỏa thuận quá hạn rà soát" in health.reasons) is (status == COOLING)


@pytest.mark.parametrize(
    ("due_on", "follow_up_status", "status"),
    [
        (TODAY, FollowUpStatus.OPEN, ACTIVE),
        (TODAY - datetime.timedelta(days=1), FollowUpStatus.OPEN, COOLING),
        (TODAY - datetime.timedelta(days=1), FollowUpStatus.DONE, ACTIVE),
    ],
)
def test_an_overdue_follow_up_cools(partner, due_on, follow_up_status, status):
    follow_up(visited(partner, "2026-02-01"), due_on, follow_up_status)
    health = judged(partner)
    assert health.status == status
    assert ("1 việc cần theo dõi quá hạn" in health.reasons) is (status == COOLING)


def test_an_active_partner_reads_so(partner):
    signed(partner, "2025-08", review_interval_months=12)
    visited(partner, "2026-02-14")
    health = judged(partner)
    assert health.status == ACTIVE
    assert health.label == "Tích cực"
    assert health.reasons == ("liên hệ gần nhất: đoàn ra, đoàn vào, 14/02/2026", "1 thỏa thuận còn hiệu lực")


# What counts as contact.


def test_a_status_change_counts_when_a_person_made_it(partner):
    agreement = signed(partner, "2019")
    status_changed(agreement, datetime.date(2025, 6, 1), by_person=False)
    assert judged(partner).status == DORMANT
    status_changed(agreement, datetime.date(2024, 3, 16))
    assert judged(partner).status == COOLING


def test_an_approved_review_counts_a_draft_does_not(partner):
    agreement = signed(partner, "2019", status=AgreementStatus.EXPIRED)
    reviewed(agreement, datetime.date(2025, 6, 1), status=ReviewStatus.DRAFT)
    assert judged(partner).status == DORMANT
    reviewed(agreement, datetime.date(2025, 6, 1))
    health = judged(partner)
    assert health.status == COOLING
    assert health.reasons[0] == "liên hệ gần nhất: rà soát thỏa thuận, 01/06/2025"


def test_a_project_starting_counts_for_its_funder_and_its_channel(partner):
    channel = new_partner("KOICA")
    project("2025-06", partner=partner, channel=channel)
    project("2026-01", status=ProjectStatus.PROPOSED, partner=partner)
    assert judged(partner).reasons[0] == "liên hệ gần nhất: dự án bắt đầu, 06/2025"
    assert judged(channel).status == COOLING  # no visit


def test_a_journal_note_counts_on_the_partner_or_on_its_agreement_when_it_has_happened(partner):
    agreement = signed(partner, "2019", status=AgreementStatus.EXPIRED)
    JournalEntry.objects.create(partner=partner, occurred_on="2027-01", kind="call", summary="Hẹn gọi")  # not yet
    assert judged(partner).status == DORMANT
    JournalEntry.objects.create(agreement=agreement, occurred_on="2025-11", kind="note_received", summary="Công hàm")
    health = judged(partner)
    assert health.status == COOLING and health.reasons[0] == "liên hệ gần nhất: ghi chép liên hệ, 11/2025"
    other = new_partner("Quận Dongnae")
    JournalEntry.objects.create(partner=other, occurred_on="2025", kind="meeting", summary="Gặp tại hội chợ")
    assert judged(other).status == COOLING  # a note alone is enough data to judge


# The overview's panel.


def test_dormant_partners_lists_those_that_turned_dormant_since_a_day(partner):
    signed(partner, "2024-03-10")  # dormant since 10/03/2026
    long_ago = new_partner("Tỉnh Fukui")
    signed(long_ago, "2020")
    signed(new_partner("Quận Dongnae"), "2025")
    assert list(dormant_partners()) == [partner, long_ago]
    assert list(dormant_partners(turned_since=datetime.date(2026, 3, 10))) == [partner]
    assert list(dormant_partners(turned_since=datetime.date(2026, 3, 11))) == []
