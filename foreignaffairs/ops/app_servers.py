"""App servers started as `make serve` starts them, for the tools that measure and drill production (`make load`,
`make drill`).

What these tools test is the production recipe itself, so they start it as the README's operator does: gunicorn
with foreignaffairs.ops.gunicorn's configuration, DEBUG=0, Redis as the shared cache, static files collected first.
They start it on loopback ports of their own, on this process's database, with every folder the servers write in a
temporary one: a run neither reads nor overwrites the checkout's static files or export snapshots. A server is
stopped however the run ends: on an error, Ctrl-C, or SIGTERM from a supervisor (`sigterm_stops_like_ctrl_c`).
"""

import contextlib
import http.client
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection

from foreignaffairs.ops import gunicorn as gunicorn_configuration

# A cold start imports Django and checks the database, the cache and the migrations (/healthz) before it answers.
READY_SECONDS = 60
# A graceful stop waits for requests under way up to gunicorn's graceful_timeout; past that and some, it hangs.
GRACEFUL_STOP_SECONDS = gunicorn_configuration.graceful_timeout + 10
QUICK_STOP_SECONDS = 15
# The most an answer may take before a tool counts it as none rather than slow (nginx, in front of a real server,
# waits up to its proxy_read_timeout: 60 s by default).
REQUEST_SECONDS = 30


class AppServerError(Exception):
    """An app server or a command of its deployment did not start, run or answer as it should."""


def free_port() -> int:
    """A loopback port nobody listens on now, chosen by the system: not one a `make serve` or another run holds."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url() -> str:
    """This process's database as a DATABASE_URL, so that the servers read and write what this process does: a
    test's own database included, whose name is in the settings, not in the environment."""
    db = connection.settings_dict
    if connection.vendor != "postgresql":
        return f"sqlite:///{db['NAME']}"
    login = urllib.parse.quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        login += ":" + urllib.parse.quote(db["PASSWORD"], safe="")
    return f"postgres://{login}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Deployment:
    """One installation as `make serve` runs it (README: Production), in `folder`: the environment its servers and
    commands share, its collected static files and its export snapshots.

    The servers sign sessions with `secret_key`; this process's own by default, so that they accept a session it
    made itself (the drills' viewer). No proxy's internal location is set for the export: the tools' clients reach
    the servers directly.
    """

    def __init__(self, folder: Path, redis_url: str, secret_key: str | None = None):
        self.folder = folder
        self.environment = {
            **os.environ,
            "DEBUG": "0",
            "SECRET_KEY": settings.SECRET_KEY if secret_key is None else secret_key,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DATABASE_URL": database_url(),
            "REDIS_URL": redis_url,
            "STATIC_ROOT": str(folder / "static"),
            "EXPORT_DIR": str(folder / "exports"),
            "EXPORT_ACCEL_REDIRECT": "",
        }

    def manage(self, *arguments: str) -> str:
        """A management command as `make serve` runs one: a process of its own, with the servers' settings."""
        finished = subprocess.run(  # noqa: S603 (our own manage.py, from this interpreter)
            [sys.executable, "manage.py", *arguments],
            cwd=settings.BASE_DIR,
            env=self.environment,
            capture_output=True,
            text=True,
        )
        if finished.returncode != 0:
            raise AppServerError(f"manage.py {' '.join(arguments)} failed:\n{finished.stderr[-2000:]}")
        return finished.stdout.strip()


@contextlib.contextmanager
def temporary_deployment(prefix: str, redis_url: str, secret_key: str | None = None) -> Iterator[Deployment]:
    """A deployment in a temporary folder, removed afterwards, with its static files collected: with DEBUG=0 a page
    names its static files from the collected manifest, and fails without one."""
    with tempfile.TemporaryDirectory(prefix=prefix) as folder:
        deployment = Deployment(Path(folder), redis_url, secret_key)
        deployment.manage("collectstatic", "--no-input", "-v0")
        yield deployment


# --- Talking to a server --------------------------------------------------------------------------------------------


@dataclass
class Answer:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def request(
    base: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: str | None = None,
    timeout: float = REQUEST_SECONDS,
) -> Answer:
    """One request on a connection of its own, as nginx passes it on, redirects not followed.

    nginx terminates HTTPS and says so in X-Forwarded-Proto; without it a DEBUG=0 server answers every page with a
    redirect to HTTPS. Raises OSError or http.client.HTTPException when no answer comes.
    """
    address = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(address.hostname, address.port, timeout=timeout)
    try:
        conn.request(
            "POST" if body is not None else "GET",
            path,
            body=body,
            headers={"X-Forwarded-Proto": "https", **(headers or {})},
        )
        response = conn.getresponse()
        return Answer(response.status, response.headers, response.read())
    finally:
        conn.close()


def healthz(base: str) -> tuple[int | None, str]:
    """The load balancer's probe: its status (None: no answer) and what it said (which check failed: a migration
    not applied, Redis down) or why nothing came."""
    try:
        answer = request(base, "/healthz", timeout=5)
    except (OSError, http.client.HTTPException) as error:
        return None, type(error).__name__
    return answer.status, f"{answer.status} {answer.body.decode(errors='replace')}"


def wait_until_healthy(base: str, process: subprocess.Popen, log: Path) -> None:
    """Return once /healthz answers 200, as a load balancer waits before it sends a server requests. A process that
    exits or never becomes healthy raises, with what /healthz said last and the end of its log."""
    deadline = time.monotonic() + READY_SECONDS
    status, said = healthz(base)
    while status != 200:
        if process.poll() is not None or time.monotonic() > deadline:
            raise AppServerError(f"no healthy answer from {base} ({said}); the end of {log}:\n{tail(log)}")
        time.sleep(0.2)
        status, said = healthz(base)


def tail(log: Path, lines: int = 30) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"


# --- Starting and stopping ------------------------------------------------------------------------------------------


def stop_process(process: subprocess.Popen | None, sig: int, patience: float) -> None:
    """Send `sig` and wait `patience` seconds for the process to end by itself; then kill it."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(sig)
    try:
        process.wait(timeout=patience)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class AppServer:
    """gunicorn as `make serve` runs it, with `workers` processes, on a loopback port of its own that it keeps
    across restarts (a proxy in front names it), logging to `log` (by default `<name>.log` in the deployment's
    folder): afresh at the first start, added to at a restart."""

    def __init__(
        self, name: str, deployment: Deployment, workers: int = 1, log: Path | None = None, **environment: str
    ):
        self.name = name
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = log or deployment.folder / f"{name}.log"
        self.environment = {**deployment.environment, "WORKERS": str(workers), **environment}
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        """Start it and return once it is healthy; one that never is, is stopped and raises AppServerError."""
        gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
        with self.log.open("ab" if self.process is not None else "wb") as output:
            self.process = subprocess.Popen(  # noqa: S603 (our own server, from the venv)
                [gunicorn, "--config", "python:foreignaffairs.ops.gunicorn", "--bind", f"127.0.0.1:{self.port}"],
                cwd=settings.BASE_DIR,
                env=self.environment,
                stdout=output,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_until_healthy(self.base, self.process, self.log)
        except BaseException:  # Ctrl-C while it starts too: nothing else would stop it
            self.stop(quickly=True)
            raise

    def stop(self, quickly: bool = False) -> None:
        """A graceful stop, as `systemctl restart` sends it (SIGTERM): requests under way are finished, no new one is
        taken. `quickly`: gunicorn's quick shutdown (SIGINT), which drops the requests under way, for the end of a
        measurement, where nothing left is worth finishing."""
        if quickly:
            stop_process(self.process, signal.SIGINT, QUICK_STOP_SECONDS)
        else:
            stop_process(self.process, signal.SIGTERM, GRACEFUL_STOP_SECONDS)


@contextlib.contextmanager
def sigterm_stops_like_ctrl_c() -> Iterator[None]:
    """A run stopped by its supervisor (a CI timeout, `kill`) unwinds as on Ctrl-C (KeyboardInterrupt), so that the
    servers and clients it started are stopped too. Only the main thread may set a handler (not so under some test
    runners); the previous handler is put back afterwards."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def unwind(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, unwind)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
