"""Daily: move agreements whose effective date has come to "in effect", and those past their expiry to "expired".

Safe to run any number of times a day: an agreement already moved no longer matches. Each move is recorded in
the status history as made by the system (no user) and in the audit trail.
"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from agreements import lifecycle
from foreignaffairs import clock


class Command(BaseCommand):
    help = "Chuyển trạng thái thỏa thuận theo ngày: đến ngày có hiệu lực → đang có hiệu lực; quá hạn → hết hiệu lực."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=clock.day_argument,
            help="Chạy như thể hôm nay là ngày này (dd/mm/yyyy); mặc định là hôm nay theo giờ Việt Nam.",
        )

    def handle(self, *args: Any, today: datetime.date | None = None, **options: Any) -> None:
        if today is None:
            changes = lifecycle.refresh_agreements()
        else:
            changes = lifecycle.apply_date_moves(today, at=timezone.now())
        for change in changes:
            self.stdout.write(f"{change.agreement}: {change}")
        self.stdout.write(self.style.SUCCESS(f"Đã chuyển trạng thái {len(changes)} thỏa thuận."))
