"""An agreement's next review date keeps the precision of the date it is counted from, and "overdue" starts only
once that date is surely past.

Signed "08/2025" with a 12-month interval, the review once showed as due "01/08/2026", a day nobody chose, and
was called overdue from 02/08/2026.
"""

import datetime

import pytest
from django.utils import timezone

from agreements import review_workflow
from agreements.choices import AgreementKind, AgreementStatus, ReviewStatus
from agreements.filtersets import AgreementFilterSet
from agreements.models import Agreement, AgreementReview
from foreignaffairs.partial_dates import PartialDate


def agreement(signed_on: str, interval: int = 12, **values) -> Agreement:
    return Agreement.objects.create(
        title_vi=f"Ký {signed_on}",
        kind=AgreementKind.COOPERATION,
        status=AgreementStatus.IN_EFFECT,
        partner_unknown=True,
        signed_on=signed_on,
        review_interval_months=interval,
        **values,
    )


@pytest.mark.parametrize(
    ("signed_on", "interval", "due", "deadline"),
    [
        ("2025-08-14", 12, "14/08/2026", datetime.date(2026, 8, 14)),
        ("2025-08", 12, "08/2026", datetime.date(2026, 8, 31)),
        ("2025-11", 3, "02/2026", datetime.date(2026, 2, 28)),
        ("2007", 24, "2009", datetime.date(2009, 12, 31)),
        # Half a year after "2007" is somewhere in 07/2007–06/2008: given as the later year, never early.
        ("2007", 6, "2008", datetime.date(2008, 12, 31)),
    ],
)
def test_it_counts_the_next_review_to_the_precision_of_the_signing(db, signed_on, interval, due, deadline):
    signed = agreement(signed_on, interval)
    assert str(signed.next_review_on) == due
    assert signed.next_review_deadline == deadline


def overdue(today: datetime.date) -> set[str]:
    return {row.title_vi for row in Agreement.objects.review_overdue(today)}


def test_a_month_is_overdue_only_once_it_is_over(db):
    agreement("2025-08")
    assert overdue(datetime.date(2026, 8, 2)) == set()
    assert overdue(datetime.date(2026, 8, 31)) == set()
    assert overdue(datetime.date(2026, 9, 1)) == {"Ký 2025-08"}


def test_a_month_is_due_within_a_window_it_may_fall_in(db):
    agreement("2025-08")
    due = {row.title_vi for row in Agreement.objects.review_due_within(30, datetime.date(2026, 7, 20))}
    assert due == {"Ký 2025-08"}  # 08/2026 may be 01/08, inside the next 30 days
    assert not Agreement.objects.review_due_within(10, datetime.date(2026, 7, 1)).exists()


def test_the_list_filters_agree_with_the_month(db, monkeypatch):
    agreement("2025-08")
    monkeypatch.setattr("foreignaffairs.clock.today", lambda: datetime.date(2026, 8, 15))
    assert AgreementFilterSet({"review_overdue": "true"}).qs.count() == 0
    assert AgreementFilterSet({"review_overdue": "false"}).qs.count() == 1
    assert AgreementFilterSet({"review_due_within": "30"}).qs.count() == 1


def test_an_approved_review_gives_a_day_precise_date(db, reviewer, editor):
    signed = agreement("2025-08")
    review = AgreementReview.objects.create(
        agreement=signed,
        status=ReviewStatus.SUBMITTED,
        created_by=editor,
        submitted_by=editor,
        rating="effective",
        findings="Hiệu quả",
        recommendation="continue",
        next_review_on=datetime.date(2027, 3, 15),
    )
    review_workflow.approve(review, reviewer, today=datetime.date(2026, 9, 1), at=timezone.now())
    signed.refresh_from_db()
    assert signed.next_review_on == PartialDate(2027, 3, 15)
    assert signed.next_review_deadline == datetime.date(2027, 3, 15)


def test_the_pages_show_the_month_not_an_invented_day(logged_in, demo):
    chungcheongnam = Agreement.objects.get(partners__name_en="Chungcheongnam Province")
    page = logged_in.get(chungcheongnam.get_absolute_url()).content.decode()
    assert "08/2026" in page
    assert "01/08/2026" not in page
