from argparse import ArgumentParser
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from foreignaffairs.devdata import benchmark
from foreignaffairs.devdata.synthetic import scaled
from partners.models import Partner


class Command(BaseCommand):
    help = "Generate data at --scale (if not there yet), then measure every page, endpoint and the export."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--requests", type=int, default=30, help="timed requests per case (at least 30)")
        parser.add_argument("--serializer-cap", type=int, default=20000, help="rows per kind for the DRF yardstick")
        parser.add_argument("--pages-only", action="store_true", help="skip the export (minutes at scale 10)")
        parser.add_argument("--output", default=str(Path(settings.BASE_DIR) / "bench" / "results.json"))

    def handle(
        self,
        *args: str,
        scale: float,
        requests: int,
        serializer_cap: int,
        output: str,
        pages_only: bool,
        **options: object,
    ) -> None:
        if scale <= 0:
            raise CommandError("--scale must be greater than 0 (e.g. 0.1, 1, 10).")
        wanted = scaled(scale, "partners")
        have = Partner.objects.count()
        if have < wanted:
            self.stdout.write(f"Generating data at scale {scale} ({have:,} partners now, {wanted:,} wanted)…")
            call_command("generate_data", "--scale", str(scale), stdout=self.stdout)
        if connection.vendor == "postgresql":
            # Fresh statistics for the planner, and the visibility map that lets counts read only an index, as
            # autovacuum would have made them by the time a real database had grown this large. (VACUUM cannot
            # run inside a transaction, which is where the test of this command runs it.)
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")
        report = benchmark.run(scale, requests, serializer_cap, export=not pages_only)
        path = Path(output)
        drift = benchmark.query_count_drift(path, report)
        benchmark.save(report, path)
        self.stdout.write(benchmark.format_table(report))
        if drift:
            self.stdout.write("\nQuery counts that differ from another scale:\n" + "\n".join(drift))
        self.stdout.write(f"\nWritten to {path}")
