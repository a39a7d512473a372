"""Today, in Huế. Every date rule (expiry, review due, past-due follow-ups) is judged in Asia/Ho_Chi_Minh, not UTC."""

import argparse
import datetime

from django.utils import timezone

from foreignaffairs.partial_dates import PartialDate


def today() -> datetime.date:
    return timezone.localdate()


def day_argument(text: str) -> datetime.date:
    """A daily job's `--today`, as staff type it (dd/mm/yyyy) or as ISO (yyyy-mm-dd): a full date, to run the job
    as of another day."""
    try:
        parsed = PartialDate.parse(text)
    except ValueError:
        parsed = None
    if parsed is None or parsed.day is None:
        raise argparse.ArgumentTypeError(f"“{text}” không phải ngày đầy đủ (dd/mm/yyyy hoặc yyyy-mm-dd).")
    return parsed.earliest()
