import shutil
from argparse import ArgumentParser
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from foreignaffairs.ops import load
from foreignaffairs.ops.app_servers import AppServerError, sigterm_stops_like_ctrl_c


class Command(BaseCommand):
    help = (
        "Generate data at --scale (if not there yet), start the production server (gunicorn as `make serve` runs "
        "it) with 1 and then 2 workers, and drive wrk against the overview, a filtered list, an API list and a "
        "search at 8 and 32 connections, without and with 3 full exports downloading. Needs PostgreSQL and wrk."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per run")
        parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="gunicorn processes, in turn")
        parser.add_argument("--connections", type=int, nargs="+", default=[8, 32], help="wrk connections, in turn")
        parser.add_argument("--exports", type=int, default=3, help="clients downloading the full export (0: none)")
        parser.add_argument(
            "--export-rate",
            type=float,
            default=load.EXPORT_READ_MB_PER_SECOND,
            help="MB/s each export client reads (0: as fast as it can)",
        )
        parser.add_argument("--redis-url", default=load.REDIS_URL, help="the servers' shared cache (emptied first)")
        parser.add_argument("--output", help="where to keep the results (default bench/load-<scale>.json)")
        parser.add_argument("--logs", help="where the servers' logs go (default var/load/)")

    def handle(
        self,
        *args: str,
        scale: float,
        duration: int,
        workers: list[int],
        connections: list[int],
        exports: int,
        export_rate: float,
        redis_url: str,
        output: str | None,
        logs: str | None,
        **options: object,
    ) -> None:
        if scale <= 0:
            raise CommandError("--scale must be greater than 0 (e.g. 0.1, 1, 10).")
        if duration < 1 or min(workers) < 1 or min(connections) < 1 or exports < 0:
            raise CommandError("--duration, --workers and --connections must be at least 1; --exports at least 0.")
        if connection.vendor != "postgresql":
            raise CommandError("The load runs on PostgreSQL: set DATABASE_URL=postgres://… (make load does).")
        if shutil.which("wrk") is None:
            raise CommandError("wrk is not installed (apt install wrk).")
        seconds = load.estimated_seconds(duration, workers, connections, exports)
        self.stdout.write(f"wrk runs for {seconds} s ({seconds / 60:.1f} min), after the data and the export snapshot.")
        try:
            with sigterm_stops_like_ctrl_c():
                report = load.run(
                    scale,
                    duration,
                    workers,
                    connections,
                    exports,
                    export_rate,
                    redis_url,
                    Path(logs) if logs else None,
                    self.stdout,
                )
        except AppServerError as error:
            raise CommandError(str(error)) from error
        except KeyboardInterrupt:
            raise CommandError("Interrupted; every process the load started has been stopped.") from None
        path = Path(output) if output else load.default_output(scale)
        load.save(report, path)
        self.stdout.write(load.format_table(report))
        self.stdout.write(f"\nWritten to {path}")
