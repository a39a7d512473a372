"""Options the daily jobs share. Django does not take modules starting with "_" for commands."""

import argparse
import datetime

from foreignaffairs.partial_dates import PartialDate


def day(text: str) -> datetime.date:
    """`--today` as staff type it (dd/mm/yyyy) or as ISO (yyyy-mm-dd); only a full date will do."""
    try:
        parsed = PartialDate.parse(text)
    except ValueError:
        parsed = None
    if parsed is None or parsed.day is None:
        raise argparse.ArgumentTypeError(f"“{text}” không phải ngày đầy đủ (dd/mm/yyyy hoặc yyyy-mm-dd).")
    return parsed.earliest()
