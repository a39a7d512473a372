"""The full export kept as a file: written whole by `build_export`, sent as a file by the export endpoint.

At national scale the full export takes over a minute to produce (README: Benchmark). Produced inside a request,
it held a server worker for that minute and was cut off when the worker's timeout killed it. A background job
(`build_export`, on a timer) writes it here instead, gzip-compressed, and the endpoint sends the newest file,
which the operating system (sendfile) or nginx (X-Accel-Redirect) does without running Python per byte.

Each snapshot is named for the moment it was generated, in UTC to the microsecond, so the newest is the last name
in order and its name alone says which moment it shows. It is written under a temporary name in the same
directory and renamed into place when complete (a rename within one file system is atomic): a reader finds
either the previous snapshot or the new one whole, never half of one. Only the newest few are kept; a download
already under way keeps reading a snapshot removed meanwhile, since the file stays until it is closed.
"""

import datetime
import gzip
import os
import re
import time
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# The snapshot being served, the one before it for downloads still running, and one more for a slow client: the
# timer writes one every 15 minutes, so a snapshot is removed 45 minutes after it stopped being the newest.
KEEP = 3
STAMP = "%Y%m%dT%H%M%S.%fZ"
NAME = re.compile(r"export-(\d{8}T\d{6}\.\d{6}Z)\.json\.gz")
PARTIAL = re.compile(r"\.export-.*\.part")
# A partial file this old was left by a job that was killed: no export takes a day to write.
ABANDONED_AFTER = datetime.timedelta(days=1)
# The zlib default: level 9 would take about twice the time for a file a few per cent smaller.
COMPRESS_LEVEL = 6
# Bytes read from the file per step when a client that does not accept gzip is sent the JSON itself.
READ_BYTES = 256 * 1024


@dataclass(frozen=True)
class Snapshot:
    path: Path
    generated_at: datetime.datetime

    @property
    def size(self) -> int:
        return self.path.stat().st_size

    def decompressed(self) -> Iterator[bytes]:
        """The JSON document itself, decompressed step by step as it is read (memory stays flat)."""
        decompressor = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)  # 16+: the gzip header and trailer
        with self.path.open("rb") as compressed:
            while block := compressed.read(READ_BYTES):
                if data := decompressor.decompress(block):
                    yield data
        if data := decompressor.flush():
            yield data


def directory() -> Path:
    return Path(settings.EXPORT_DIR)


def file_name(generated_at: datetime.datetime) -> str:
    return f"export-{generated_at.astimezone(datetime.UTC).strftime(STAMP)}.json.gz"


def latest() -> Snapshot | None:
    """The newest complete snapshot, or None when none has been written yet."""
    names = sorted(_snapshot_names())
    if not names:
        return None
    stamp = NAME.fullmatch(names[-1]).group(1)
    generated_at = datetime.datetime.strptime(stamp, STAMP).replace(tzinfo=datetime.UTC)
    return Snapshot(directory() / names[-1], generated_at)


def write(chunks: Iterable[bytes], generated_at: datetime.datetime, keep: int = KEEP) -> Snapshot:
    """Compress `chunks` (the export document generated at `generated_at`) into a new snapshot; keep the newest
    `keep` snapshots, this one included."""
    folder = directory()
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / file_name(generated_at)
    # A dot name the reader's pattern never matches; opened with the process's umask (not mkstemp's 0600) so that
    # nginx, another user, may read the renamed file.
    partial = folder / f".{final.name}.{os.getpid()}.part"
    try:
        with partial.open("xb") as raw:
            with gzip.GzipFile(
                filename=final.name.removesuffix(".gz"),
                mode="wb",
                fileobj=raw,
                compresslevel=COMPRESS_LEVEL,
                mtime=int(generated_at.timestamp()),
            ) as compressed:
                for chunk in chunks:
                    compressed.write(chunk)
            raw.flush()
            # On disk before the rename makes it the newest: after a power cut, no empty file under a final name.
            os.fsync(raw.fileno())
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    prune(keep)
    return Snapshot(final, generated_at)


def prune(keep: int = KEEP) -> list[Path]:
    """Remove all but the newest `keep` snapshots, and partial files a killed job left; return what was removed."""
    folder = directory()
    removed = [folder / name for name in sorted(_snapshot_names())[:-keep]]
    abandoned = time.time() - ABANDONED_AFTER.total_seconds()
    removed += [
        Path(entry.path) for entry in _entries() if PARTIAL.fullmatch(entry.name) and entry.stat().st_mtime < abandoned
    ]
    for path in removed:
        path.unlink(missing_ok=True)
    return removed


def _snapshot_names() -> list[str]:
    return [entry.name for entry in _entries() if NAME.fullmatch(entry.name)]


def _entries() -> list[os.DirEntry]:
    try:
        return list(os.scandir(directory()))
    except FileNotFoundError:
        return []
