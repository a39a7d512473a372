"""Daily: email each officer one digest of what needs attention (see foreignaffairs.reminders.digest for who gets what).

Idempotent within a day: an officer who already has today's digest (foreignaffairs.ReminderDigest) gets no
second one, so a cron job retried after a failure sends only what is still missing.
"""

import datetime
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from foreignaffairs import clock
from foreignaffairs.reminders.digest import send_reminders


class Command(BaseCommand):
    help = "Gửi mỗi chuyên viên một thư nhắc việc trong ngày: thỏa thuận sắp hết hạn, rà soát, đoàn, việc quá hạn."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--today",
            type=clock.day_argument,
            help="Gửi như thể hôm nay là ngày này (dd/mm/yyyy); mặc định là hôm nay theo giờ Việt Nam.",
        )

    def handle(self, *args: Any, today: datetime.date | None = None, **options: Any) -> None:
        report = send_reminders(today or clock.today())
        for user in report.without_email:
            self.stderr.write(f"Bỏ qua {user.get_username()}: tài khoản chưa có địa chỉ thư điện tử.")
        self.stdout.write(
            self.style.SUCCESS(
                f"Đã gửi {len(report.sent)} thư nhắc việc; {len(report.already_sent)} người đã nhận thư hôm nay."
            )
        )
