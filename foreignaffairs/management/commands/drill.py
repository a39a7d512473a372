import shlex
from argparse import ArgumentParser

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from foreignaffairs.ops import drills
from foreignaffairs.ops.app_servers import AppServerError, sigterm_stops_like_ctrl_c


class Command(BaseCommand):
    help = (
        "Failure drills under a steady stream of requests (foreignaffairs/ops/drills.py): two app servers behind "
        "nginx, each restarted in turn; with --postgres, PostgreSQL restarted under one app server, with the "
        "connection health check and without it. Prints how many requests failed, and when."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--seconds", type=float, default=20.0, help="how long each drill sends requests")
        parser.add_argument("--clients", type=int, default=4, help="client threads sending requests")
        parser.add_argument("--rate", type=float, default=40.0, help="requests per second, all clients together")
        parser.add_argument(
            "--postgres",
            action="store_true",
            help="restart PostgreSQL instead (cuts every other connection to it on this machine: nothing else "
            "may be running)",
        )
        parser.add_argument(
            "--restart-command",
            default=shlex.join(drills.POSTGRES_RESTART),
            help="how PostgreSQL is restarted (e.g. 'systemctl restart postgresql@15-main')",
        )

    def handle(
        self,
        *args: str,
        seconds: float,
        clients: int,
        rate: float,
        postgres: bool,
        restart_command: str,
        **options: object,
    ) -> None:
        if seconds <= 0 or clients <= 0 or rate <= 0:
            raise CommandError("--seconds, --clients and --rate must be greater than 0.")
        if postgres and connection.vendor != "postgresql":
            raise CommandError("--postgres restarts PostgreSQL: set DATABASE_URL to a PostgreSQL database.")
        try:
            with sigterm_stops_like_ctrl_c():
                if postgres:
                    results = drills.postgres_restart(seconds, clients, rate, tuple(shlex.split(restart_command)))
                else:
                    results = [drills.app_server_failover(seconds, clients, rate)]
        except AppServerError as error:
            raise CommandError(str(error)) from error
        except KeyboardInterrupt:
            raise CommandError("Interrupted; every process the drill started has been stopped.") from None
        self.stdout.write(drills.format_table(results))
