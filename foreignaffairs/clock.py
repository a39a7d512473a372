"""Today, in Huế. Every date rule (expiry, review due, past-due follow-ups) is judged in Asia/Ho_Chi_Minh, not UTC."""

import datetime

from django.utils import timezone


def today() -> datetime.date:
    return timezone.localdate()
