import time
from argparse import ArgumentParser
from collections.abc import Iterable, Iterator

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from foreignaffairs.api import snapshot
from foreignaffairs.api.export import export_chunks
from foreignaffairs.devdata.benchmark import export_record_count


class Command(BaseCommand):
    help = (
        "Write the full JSON export to a new gzip snapshot under EXPORT_DIR, which GET /api/v1/export/ sends; "
        "keep only the newest few. Run it on a timer (README: Production)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--keep", type=int, default=snapshot.KEEP, help="snapshots to keep, the new one included")
        parser.add_argument(
            "--if-missing",
            action="store_true",
            help="only when there is no snapshot yet (`make serve`: a restart does not wait for a new one)",
        )

    def handle(self, *args: str, keep: int, if_missing: bool, **options: object) -> None:
        if keep < 1:
            raise CommandError("--keep must be at least 1: the snapshot just written.")
        if if_missing and (existing := snapshot.latest()) is not None:
            self.stdout.write(f"{existing.path.name}: kept (--if-missing); the timer writes the next one.")
            return
        started = time.perf_counter()
        # A transaction of its own (not one a caller holds, as tests do) can still choose its isolation.
        own_transaction = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and own_transaction:
                # One moment for every query of the export, so that no agreement names a partner created after
                # the partners were read. (SQLite's transaction reads one moment already.)
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            # Taken before any row is read: what changes while the file is written has a later last_updated, so
            # the client's `?updated_after=<generated_at>` right after brings it.
            generated_at = timezone.now()
            counted = _RecordCount(export_chunks(None, generated_at))
            written = snapshot.write(counted, generated_at, keep)
        seconds = time.perf_counter() - started
        # Counted as the benchmark counts the export (README: Benchmark): every row, nested ones included.
        rows = export_record_count()
        self.stdout.write(
            f"{written.path.name}: {counted.records:,} records, {rows:,} rows with the nested ones, in "
            f"{seconds:.1f} s ({rows / seconds:,.0f} rows/s); {counted.bytes / 1e6:,.1f} MB of JSON, "
            f"{written.size / 1e6:,.1f} MB gzip"
        )


class _RecordCount:
    """The chunks passed through, counting records on the way: each starts a line of its own.

    The export writes one record per line, and JSON text escapes any newline inside a value, so the document's
    newlines are the records' plus the one that ends it.
    """

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self.chunks, self.newlines, self.bytes = chunks, 0, 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.chunks:
            self.newlines += chunk.count(b"\n")
            self.bytes += len(chunk)
            yield chunk

    @property
    def records(self) -> int:
        return max(self.newlines - 1, 0)
