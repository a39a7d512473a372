"""The load measurement behind `make load` (README: Production): the production server under many clients at once.

`make bench` times each page alone, inside one process. Here the server runs as `make serve` runs it (gunicorn with
foreignaffairs.ops.gunicorn's threaded workers, DEBUG=0, Redis as the shared cache) on the benchmark's database, and
wrk, a separate process on the loopback, keeps 8 and then 32 connections busy on each case for a few seconds: the
overview, a filtered list, an API list and a search. Then the same while three clients download the full export,
with one worker and then two. Each case is first timed alone (one connection), and its p99 under 8 connections is
held to four times that single-request p95; throughput should grow from one worker to two.

A viewer logs in through the real login form over HTTP (the server's own session, CSRF and cookies); the API is
read with an API key issued to that viewer, as a program would (visitors.py). The servers are started, waited for
and stopped as app_servers.py does it for every tool; every process started here is stopped on the way out, on an
error, Ctrl-C or SIGTERM as well.
"""

import contextlib
import http.client
import json
import os
import secrets
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TextIO

import redis
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from foreignaffairs.devdata.synthetic import scaled
from foreignaffairs.ops.app_servers import (
    REQUEST_SECONDS,
    AppServer,
    AppServerError,
    Deployment,
    request,
    tail,
    temporary_deployment,
)
from foreignaffairs.ops.visitors import (
    api_key_headers,
    log_in_through_the_form,
    new_api_key,
    session_headers,
    viewer_account,
)
from partners.models import Partner

REDIS_URL = "redis://127.0.0.1:6379/13"
LOAD_USERNAME = "load-viewer"
LOAD_KEY_NAME = "make load"
# wrk and the export's clients wait for an answer as long as any of the tools' requests before they count an
# error: wrk's own default (2 s) would turn a queue of slow answers into "errors" and leave them out of the latency
# figures.
REQUEST_TIMEOUT_SECONDS = REQUEST_SECONDS
# The target: under 8 connections, a page's p99 stays within four times its p95 when asked alone.
LATENCY_CONNECTIONS = 8
LATENCY_FACTOR = 4
# What a client of the export reads per second: about a 100 Mbit/s link. A slow reader holds a server thread for
# the whole download, which is the starvation the exports case is about; 0 reads as fast as the loopback allows.
EXPORT_READ_MB_PER_SECOND = 10.0
EXPORT_READ_BYTES = 64 * 1024
# The longest wait for a server to finish what a run left queued before the next run starts anyway.
SETTLE_SECONDS = 120

# wrk reports through this script. Each wrk thread runs its own Lua state: `response` counts that thread's answers
# outside 2xx (wrk's own `errors.status` counts only 4xx and 5xx, so a redirect to the login page would pass
# unnoticed), and `done` adds up the threads and prints one line of JSON with the latencies in microseconds.
WRK_SCRIPT = """
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_2xx = 0
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    not_2xx = not_2xx + 1
  end
end

function done(summary, latency, requests)
  local not_2xx_total = 0
  for _, thread in ipairs(threads) do
    not_2xx_total = not_2xx_total + thread:get("not_2xx")
  end
  local errors = summary.errors
  io.write(string.format(
    'LOAD-RESULT {"requests": %d, "duration_us": %d, "socket_errors": %d, "not_2xx": %d, '
      .. '"p50_us": %d, "p95_us": %d, "p99_us": %d, "max_us": %d}\\n',
    summary.requests, summary.duration, errors.connect + errors.read + errors.write + errors.timeout,
    not_2xx_total, latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))
end
"""
RESULT_MARKER = "LOAD-RESULT "


class LoadError(AppServerError):
    """The measurement could not be made (a page did not answer 200, wrk failed), with the end of the server's log;
    a server that does not start raises app_servers.AppServerError itself."""


@dataclass(frozen=True)
class Case:
    label: str
    path: str
    # "session": a logged-in viewer's browser; "key": a program with the viewer's API key.
    credentials: str


def cases() -> list[Case]:
    """The issue's four: the overview, a filtered list, an API list and the search. There is no search box in the
    header yet; the agreements list's own search (`q`, the one a person types into) stands in for it."""
    return [
        Case("overview", reverse("dashboard:overview"), "session"),
        Case("agreements ?status=in_effect", reverse("dashboard:agreement-list") + "?status=in_effect", "session"),
        Case("api agreements", "/api/v1/agreements/", "key"),
        Case("search agreements q=hop tac", reverse("dashboard:agreement-list") + "?q=hop+tac", "session"),
    ]


@dataclass
class WrkResult:
    requests: int
    seconds: float
    socket_errors: int
    not_2xx: int
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float

    @property
    def errors(self) -> int:
        return self.socket_errors + self.not_2xx

    @property
    def requests_per_second(self) -> float:
        return round(self.requests / self.seconds, 1) if self.seconds else 0.0


@dataclass
class Row:
    workers: int
    exports: int
    case: str
    connections: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int
    target: str
    passed: bool


@dataclass
class ExportTally:
    completed: int = 0
    failed: int = 0
    megabytes: float = 0.0


@dataclass
class Report:
    scale: float
    duration: int
    threads: int
    export_rate_mb: float
    single_request_p95_ms: dict[str, float] = field(default_factory=dict)
    rows: list[Row] = field(default_factory=list)
    exports: dict[int, ExportTally] = field(default_factory=dict)


# --- Data and the production server ---------------------------------------------------------------------------------


def ensure_scale(scale: float, stdout: TextIO) -> None:
    """Generate data at `scale` unless the database holds it already, as `make bench` decides (by its partners)."""
    wanted, have = scaled(scale, "partners"), Partner.objects.count()
    if have >= wanted:
        return
    stdout.write(f"Generating data at scale {scale} ({have:,} partners now, {wanted:,} wanted)…\n")
    call_command("generate_data", "--scale", str(scale), stdout=stdout)
    # The planner's statistics and the visibility map, as `make bench` leaves them after generating.
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM ANALYZE")


@contextlib.contextmanager
def production_server(deployment: Deployment, workers: int, log: Path) -> Iterator[str]:
    """gunicorn as `make serve` starts it, with `workers` processes, writing to `log`; yields its address once it is
    healthy, and stops it quickly (the measurement is over) however the block ends. A measurement that fails inside
    the block says what the server logged last."""
    server = AppServer(f"gunicorn, {workers} worker(s)", deployment, workers=workers, log=log)
    server.start()
    try:
        yield server.base
    except AppServerError as error:
        raise LoadError(f"{error}\nThe end of {log}:\n{tail(log)}") from error
    finally:
        server.stop(quickly=True)


def credential_headers(case: Case, session_key: str, key: str) -> dict[str, str]:
    return session_headers(session_key) if case.credentials == "session" else api_key_headers(key)


# --- Clients of the full export -------------------------------------------------------------------------------------


@contextlib.contextmanager
def export_downloads(base: str, key: str, clients: int, rate_mb: float) -> Iterator[ExportTally]:
    """`clients` threads downloading GET /api/v1/export/ (gzip, as `curl --compressed`) one after another, each
    reading at `rate_mb` MB/s, until the block ends. A download counts as completed when all its bytes arrived."""
    tally, finished = ExportTally(), threading.Event()
    lock = threading.Lock()

    def download_repeatedly() -> None:
        while not finished.is_set():
            received, complete = 0, False
            address = urllib.parse.urlsplit(base)
            conn = http.client.HTTPConnection(address.hostname, address.port, timeout=REQUEST_TIMEOUT_SECONDS)
            try:
                conn.request(
                    "GET",
                    "/api/v1/export/",
                    headers={"X-Forwarded-Proto": "https", "Accept-Encoding": "gzip", **api_key_headers(key)},
                )
                response = conn.getresponse()
                started = time.monotonic()
                while not finished.is_set() and (block := response.read(EXPORT_READ_BYTES)):
                    received += len(block)
                    if rate_mb:
                        finished.wait(max(0.0, received / (rate_mb * 1e6) - (time.monotonic() - started)))
                length = response.headers.get("Content-Length")
                complete = response.status == 200 and length is not None and received == int(length)
            except OSError:
                complete = False
            finally:
                conn.close()
            if finished.is_set() and not complete:
                return  # cut short by the end of the measurement, not by the server
            with lock:
                tally.completed += complete
                tally.failed += not complete
                tally.megabytes += received / 1e6

    downloaders = [threading.Thread(target=download_repeatedly, daemon=True) for _ in range(clients)]
    for downloader in downloaders:
        downloader.start()
    try:
        yield tally
    finally:
        finished.set()
        for downloader in downloaders:
            downloader.join(timeout=REQUEST_TIMEOUT_SECONDS)


# --- wrk ------------------------------------------------------------------------------------------------------------


def wrk(url: str, headers: dict[str, str], connections: int, duration: int, script: Path) -> WrkResult:
    """wrk with one thread (plenty for a few hundred requests a second, and leaves the cores to the server)."""
    command = ["wrk", "--threads", "1", "--connections", str(connections), "--duration", f"{duration}s"]
    command += ["--timeout", f"{REQUEST_TIMEOUT_SECONDS}s", "--script", str(script)]
    for name, value in {"X-Forwarded-Proto": "https", **headers}.items():
        command += ["--header", f"{name}: {value}"]
    finished = subprocess.run([*command, url], capture_output=True, text=True, timeout=duration + 60)  # noqa: S603
    lines = [line for line in finished.stdout.splitlines() if line.startswith(RESULT_MARKER)]
    if finished.returncode != 0 or not lines:
        raise LoadError(f"wrk failed ({finished.returncode}):\n{finished.stdout[-1000:]}{finished.stderr[-1000:]}")
    raw = json.loads(lines[-1].removeprefix(RESULT_MARKER))
    return WrkResult(
        requests=raw["requests"],
        seconds=raw["duration_us"] / 1e6,
        socket_errors=raw["socket_errors"],
        not_2xx=raw["not_2xx"],
        p50_ms=round(raw["p50_us"] / 1000, 1),
        p95_ms=round(raw["p95_us"] / 1000, 1),
        p99_ms=round(raw["p99_us"] / 1000, 1),
        max_ms=round(raw["max_us"] / 1000, 1),
    )


# --- The run --------------------------------------------------------------------------------------------------------


def estimated_seconds(duration: int, workers: list[int], connections: list[int], exports: int) -> int:
    """wrk's time alone: the single-request runs, then every case at every connection count, without and with the
    exports, for every worker count (data generation and the export snapshot come on top)."""
    case_count = len(cases())
    export_passes = 2 if exports else 1
    return duration * case_count * (1 + len(workers) * export_passes * len(connections))


def _row(workers: int, exports: int, case: Case, connections: int, result: WrkResult, report: Report) -> Row:
    # A run in which not one answer came back (every connection still waiting when the time was up) shows no error
    # and no latency, and passes nothing.
    targets, passed = ["no error"], result.errors == 0 and result.requests > 0
    if connections == LATENCY_CONNECTIONS and case.label in report.single_request_p95_ms:
        limit = round(LATENCY_FACTOR * report.single_request_p95_ms[case.label], 1)
        targets.append(f"p99<={limit:g}")
        passed = passed and result.p99_ms <= limit
    fewer = [
        row
        for row in report.rows
        if row.workers < workers and (row.exports, row.case, row.connections) == (exports, case.label, connections)
    ]
    if fewer:
        before = max(fewer, key=lambda row: row.workers).requests_per_second
        targets.append(f">{before:g}/s")
        passed = passed and result.requests_per_second > before
    return Row(
        workers=workers,
        exports=exports,
        case=case.label,
        connections=connections,
        requests_per_second=result.requests_per_second,
        p50_ms=result.p50_ms,
        p99_ms=result.p99_ms,
        errors=result.errors,
        target=", ".join(targets),
        passed=passed,
    )


@dataclass(frozen=True)
class Clients:
    """One running server as the load's clients reach it: its address, the viewer's credentials for each case,
    and how wrk is run."""

    base: str
    key: str
    headers: dict[str, dict[str, str]]
    script: Path
    duration: int
    workers: int
    # How long /healthz takes on this server when it has nothing else to do (see settle).
    idle_ms: float

    def time(self, case: Case, connections: int) -> WrkResult:
        self.settle()
        return wrk(self.base + case.path, self.headers[case.label], connections, self.duration, self.script)

    def settle(self) -> None:
        """Wait until the requests the previous run left queued in the server are done.

        wrk closes its connections when its time is up, but the server still answers every request it had read (it
        notices the client has gone only when it writes): after 32 connections on one worker, seconds of work that
        would be timed as the next run's. Once /healthz answers as fast as on the idle server several times in a
        row, each on a new connection that any worker may take, the queues are empty."""
        fast_in_a_row, deadline = 0, time.monotonic() + SETTLE_SECONDS
        while fast_in_a_row < 2 * self.workers and time.monotonic() < deadline:
            fast = _healthz_ms(self.base) <= self.idle_ms
            fast_in_a_row = fast_in_a_row + 1 if fast else 0

    def check_answers(self) -> None:
        """Every case answers 200 before it is timed: a redirect to the login page would be timed as a fast page."""
        for case in cases():
            answer = request(self.base, case.path, self.headers[case.label])
            if answer.status != 200:
                where = answer.headers.get("Location", "")
                raise LoadError(f"{case.label}: {case.path} answered {answer.status} {where}, not 200")


def _healthz_ms(base: str) -> float:
    started = time.perf_counter()
    request(base, "/healthz")
    return (time.perf_counter() - started) * 1000


def idle_ms(base: str) -> float:
    """What counts as "answered as fast as when idle": three times the median of a few probes, at least 50 ms."""
    return max(50.0, 3 * statistics.median(_healthz_ms(base) for _ in range(5)))


def run(
    scale: float,
    duration: int,
    workers: list[int],
    connections: list[int],
    exports: int,
    export_rate_mb: float = EXPORT_READ_MB_PER_SECOND,
    redis_url: str = REDIS_URL,
    log_dir: Path | None = None,
    stdout: TextIO = sys.stdout,
) -> Report:
    """The whole measurement; the servers' logs (each request with its time) are left in `log_dir`."""
    ensure_scale(scale, stdout)
    # A new password and key each run: what an earlier run left behind stops working.
    password = secrets.token_urlsafe(16)
    viewer = viewer_account(LOAD_USERNAME, password)
    _token, key = new_api_key(viewer, LOAD_KEY_NAME)
    # The server opens its own connections; this process's is not needed while it runs.
    connection.close()
    threads = int(os.environ.get("THREADS", "4"))
    report = Report(scale=scale, duration=duration, threads=threads, export_rate_mb=export_rate_mb)
    log_dir = log_dir or Path(settings.VAR_DIR) / "load"
    log_dir.mkdir(parents=True, exist_ok=True)
    stdout.write("Collecting static files and writing the export snapshot, as `make serve` does…\n")
    # A secret of the run's own: the viewer logs in through the form, so nothing signed here need be read there.
    with temporary_deployment("load-", redis_url, secret_key=secrets.token_urlsafe(50)) as deployment:
        script = deployment.folder / "report.lua"
        script.write_text(WRK_SCRIPT)
        stdout.write(deployment.manage("build_export") + "\n")
        for worker_count in workers:
            # Each server starts as a fresh deployment would: nothing cached, no sessions or counters in Redis.
            redis.Redis.from_url(redis_url).flushdb()
            log = log_dir / f"gunicorn-{worker_count}-workers.log"
            stdout.write(f"Starting gunicorn with {worker_count} worker(s), logging to {log}…\n")
            with production_server(deployment, worker_count, log) as base:
                session_key = log_in_through_the_form(base, viewer.username, password)
                headers = {case.label: credential_headers(case, session_key, key) for case in cases()}
                clients = Clients(base, key, headers, script, duration, worker_count, idle_ms(base))
                clients.check_answers()
                if not report.single_request_p95_ms:
                    stdout.write(f"Single requests (1 connection, {worker_count} worker), {duration} s each…\n")
                    for case in cases():
                        report.single_request_p95_ms[case.label] = clients.time(case, 1).p95_ms
                for running in [0, exports] if exports else [0]:
                    _time_cases(clients, worker_count, running, connections, report, stdout)
    return report


def _time_cases(
    clients: Clients, workers: int, exports: int, connections: list[int], report: Report, stdout: TextIO
) -> None:
    """Every case at every connection count, while `exports` clients download the full export."""
    with contextlib.ExitStack() as background:
        if exports:
            downloads = export_downloads(clients.base, clients.key, exports, report.export_rate_mb)
            report.exports[workers] = background.enter_context(downloads)
        for case in cases():
            for count in connections:
                stdout.write(f"{workers} worker(s), {exports} exports, {case.label}, {count} connections…\n")
                report.rows.append(_row(workers, exports, case, count, clients.time(case, count), report))


# --- What it prints and keeps ---------------------------------------------------------------------------------------


def format_table(report: Report) -> str:
    lines = [
        f"Load at scale {report.scale:g} through gunicorn (gthread, {report.threads} threads per worker, DEBUG=0, "
        f"Redis cache); wrk on the loopback, {report.duration} s per run",
        "Single-request p95 (1 connection): "
        + ", ".join(f"{label} {p95:g} ms" for label, p95 in report.single_request_p95_ms.items()),
        "",
        f"{'workers':>7} {'exports':>7}  {'case':<30} {'conns':>5} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} "
        f"{'errors':>6}  {'target':<30} ok",
    ]
    for row in report.rows:
        lines.append(
            f"{row.workers:>7} {row.exports:>7}  {row.case[:30]:<30} {row.connections:>5} "
            f"{row.requests_per_second:>8} {row.p50_ms:>8} {row.p99_ms:>8} {row.errors:>6}  {row.target:<30} "
            f"{'yes' if row.passed else 'NO'}"
        )
    for workers, tally in report.exports.items():
        lines.append(
            f"\nExports with {workers} worker(s): {tally.completed} complete downloads, {tally.failed} failed, "
            f"{tally.megabytes:,.1f} MB read at up to {report.export_rate_mb:g} MB/s per client"
        )
    missed = sum(not row.passed for row in report.rows)
    lines.append(f"\n{missed} of {len(report.rows)} runs miss their target." if missed else "\nEvery run meets it.")
    return "\n".join(lines)


def save(report: Report, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    data = asdict(report)
    data["exports"] = {str(workers): tally for workers, tally in data["exports"].items()}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2))


def default_output(scale: float) -> Path:
    return Path(settings.BASE_DIR) / "bench" / f"load-{scale:g}.json"
