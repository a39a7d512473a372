import time
from argparse import ArgumentParser

from django.core.management.base import BaseCommand, CommandError

from foreignaffairs.devdata.synthetic import DEFAULT_SEED, generate


class Command(BaseCommand):
    help = (
        "Fill the database with synthetic records for the benchmark: scale 1 is about 2,000 partners, 10,000 "
        "agreements, 20,000 reviews, 20,000 delegations and 100,000 delegation members (fractions allowed)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED)

    def handle(self, *args: str, scale: float, seed: int, **options: object) -> None:
        if scale <= 0:
            raise CommandError("--scale must be greater than 0 (e.g. 0.1, 1, 10).")
        started = time.perf_counter()
        created = generate(scale, seed)
        elapsed = time.perf_counter() - started
        self.stdout.write(", ".join(f"{name}: {count:,}" for name, count in created.items()))
        self.stdout.write(f"Generated in {elapsed:.1f} s")
