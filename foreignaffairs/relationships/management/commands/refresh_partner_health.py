"""Recompute every partner's health summary from the records: after a restore, or any write that sent no signal."""

import time

from django.core.management.base import BaseCommand
from django.db import transaction

from foreignaffairs.relationships import summary
from partners.models import Partner


class Command(BaseCommand):
    help = "Recompute every partner's health summary from the records (after a restore, or writes that sent no signal)."

    def handle(self, *args, **options) -> None:
        started = time.monotonic()
        with transaction.atomic():
            summary.refresh()
        self.stdout.write(f"{Partner.objects.count()} partners refreshed in {time.monotonic() - started:.1f} s")
